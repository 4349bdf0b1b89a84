// JUnit XML for CI dashboards (the de-facto schema of Ant/Surefire: testsuites >
// testsuite > testcase > failure).
#include <cstdio>

#include "deploysim/report.hpp"

namespace deploysim {

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";  // valid in XML and in HTML, which has no &apos; before HTML5
        break;
      default: {
        const auto u = static_cast<unsigned char>(c);
        // XML 1.0 cannot carry these even as character references.
        out += (u < 0x20 && c != '\t' && c != '\n' && c != '\r') ? '?' : c;
      }
    }
  }
  return out;
}

namespace {

std::string format_seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

}  // namespace

void write_junit(std::ostream& out, std::string_view suite,
                 const std::vector<TestCaseResult>& cases) {
  std::size_t failures = 0;
  double total = 0;
  for (const TestCaseResult& c : cases) {
    if (!c.passed) ++failures;
    total += c.seconds;
  }
  const std::string name = xml_escape(suite);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"" << name << "\" tests=\"" << cases.size() << "\" failures=\""
      << failures << "\" errors=\"0\" time=\"" << format_seconds(total) << "\">\n";
  out << "  <testsuite name=\"" << name << "\" tests=\"" << cases.size() << "\" failures=\""
      << failures << "\" errors=\"0\" skipped=\"0\" time=\"" << format_seconds(total) << "\">\n";
  for (const TestCaseResult& c : cases) {
    out << "    <testcase classname=\"" << name << "\" name=\"" << xml_escape(c.name)
        << "\" time=\"" << format_seconds(c.seconds) << "\"";
    if (c.passed) {
      out << "/>\n";
      continue;
    }
    const std::string first = c.failures.empty() ? "failed" : c.failures.front();
    std::string text;
    for (const std::string& line : c.failures) text += line + '\n';
    out << ">\n      <failure message=\"" << xml_escape(first) << "\">" << xml_escape(text)
        << "</failure>\n    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace deploysim
