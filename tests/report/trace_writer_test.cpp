#include <gtest/gtest.h>

#include <sstream>

#include "deploysim/report.hpp"
#include "report_fixture.hpp"

namespace deploysim {
namespace {

TEST(TraceWriterTest, OneJsonObjectPerLine) {
  std::ostringstream out;
  write_trace_jsonl(out, testing::example_scenario(), testing::example_result());
  EXPECT_EQ(
      out.str(),
      "{\"t\":0.0,\"target\":null,\"kind\":\"pipeline.start\"}\n"
      "{\"t\":60.0,\"target\":\"staging\",\"kind\":\"phase\",\"phase\":\"beforeDeployment\"}\n"
      "{\"t\":3610.5,\"target\":\"staging\",\"kind\":\"webhook.attempt\","
      "\"webhook\":\"Run-Integration-Tests\",\"attempt\":\"1\"}\n"
      "{\"t\":4210.5,\"target\":\"prod\",\"kind\":\"cancel\",\"cause\":\"staging\"}\n");
}

TEST(TraceWriterTest, FieldsCannotOverwriteFixedKeys) {
  RunResult r;
  r.trace = {TraceEvent{std::chrono::milliseconds(5), -1, "x", {{"kind", "evil"}, {"k", "v"}}}};
  std::ostringstream out;
  write_trace_jsonl(out, testing::example_scenario(), r);
  EXPECT_EQ(out.str(), "{\"t\":0.005,\"target\":null,\"kind\":\"x\",\"k\":\"v\"}\n");
}

}  // namespace
}  // namespace deploysim
