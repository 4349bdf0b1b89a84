#include <gtest/gtest.h>

#include <sstream>

#include "deploysim/report.hpp"

namespace deploysim {
namespace {

TEST(XmlEscapeTest, EscapesMarkupAndDropsControlCharacters) {
  EXPECT_EQ(xml_escape(R"(a<b>&"c"'d')"), "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
  EXPECT_EQ(xml_escape("tab\there\nnl\x01"), "tab\there\nnl?");
}

TEST(JunitWriterTest, OneTestcasePerScenario) {
  const std::vector<TestCaseResult> cases = {
      {"rules/ok.yml", true, {}, 0.25},
      {"rules/<bad>.yml", false, {"prod: status CANCELLED, expected \"SUCCEEDED\"", "x & y"}, 0},
  };
  std::ostringstream out;
  write_junit(out, "deploysim", cases);
  EXPECT_EQ(out.str(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"deploysim\" tests=\"2\" failures=\"1\" errors=\"0\" "
            "time=\"0.250\">\n"
            "  <testsuite name=\"deploysim\" tests=\"2\" failures=\"1\" errors=\"0\" "
            "skipped=\"0\" time=\"0.250\">\n"
            "    <testcase classname=\"deploysim\" name=\"rules/ok.yml\" time=\"0.250\"/>\n"
            "    <testcase classname=\"deploysim\" name=\"rules/&lt;bad&gt;.yml\" "
            "time=\"0.000\">\n"
            "      <failure message=\"prod: status CANCELLED, expected &quot;SUCCEEDED&quot;\">"
            "prod: status CANCELLED, expected &quot;SUCCEEDED&quot;\nx &amp; y\n</failure>\n"
            "    </testcase>\n"
            "  </testsuite>\n"
            "</testsuites>\n");
}

}  // namespace
}  // namespace deploysim
