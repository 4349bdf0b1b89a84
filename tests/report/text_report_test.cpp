#include <gtest/gtest.h>

#include <sstream>

#include "deploysim/report.hpp"
#include "report_fixture.hpp"

namespace deploysim {
namespace {

std::string text_report() {
  std::ostringstream out;
  write_run_report_text(out, testing::example_scenario(), testing::example_result());
  return out.str();
}

TEST(FormatSimTimeTest, ClockStyle) {
  using std::chrono::milliseconds;
  EXPECT_EQ(format_sim_time(milliseconds(0)), "+0:00:00");
  EXPECT_EQ(format_sim_time(milliseconds(60'000)), "+0:01:00");
  EXPECT_EQ(format_sim_time(milliseconds(3'723'250)), "+1:02:03.250");
  EXPECT_EQ(format_sim_time(milliseconds(2 * 86'400'000 + 3 * 3'600'000)), "+2d 03:00:00");
}

TEST(TextReportTest, HeaderLines) {
  const std::string text = text_report();
  EXPECT_EQ(text.rfind("Scenario  staging-tests-flaky\nSeed      7\n"
                       "Pipeline  FAILED, finished at +1:10:10.500 (1h 10m)\n",
                       0),
            0u)
      << text;
}

TEST(TextReportTest, TargetsTableIsAligned) {
  const std::string text = text_report();
  const std::string expected =
      "Targets\n"
      "  TARGET   STATUS     REASON           DEPLOYED  WEIGHT   STARTED      FINISHED  LEAD TIME"
      "  CAUSE\n"
      "  staging  FAILED     WEBHOOK_FAILED   yes         100%  +0:01:00  +1:10:10.500          -"
      "  afterDeployment: runWebhook Run-Integration-Tests\n"
      "  prod     CANCELLED  UPSTREAM_FAILED  no            0%         -  +1:10:10.500          -"
      "  dependsOn (root staging)\n";
  EXPECT_NE(text.find(expected), std::string::npos) << text;
}

TEST(TextReportTest, WebhooksAnalysesTimelineAndWarnings) {
  const std::string text = text_report();
  EXPECT_NE(text.find("Webhook calls\n"
                      "  WEBHOOK                TARGET   WHERE            ATTEMPTS  RESULT   "
                      "      CALLED      FINISHED\n"
                      "  Run-Integration-Tests  staging  afterDeployment         1  FAILURE  "
                      "+1:00:10.500  +1:10:10.500\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Analyses\n  staging, canary step 2: PASSED, +0:02:00 to +0:05:00\n"
                      "    QUERY             VALUES      MEAN  LIMITS   RESULT\n"
                      "    avgCPUUsage-pass  40, 95, 97  77.5  [0, 80]  pass\n"),
            std::string::npos)
      << text;
  // Only milestones: pipeline.start and webhook.attempt are --trace material.
  EXPECT_NE(text.find("Timeline\n"
                      "          TIME  TARGET   EVENT   DETAILS\n"
                      "      +0:01:00  staging  phase   phase=beforeDeployment\n"
                      "  +1:10:10.500  prod     cancel  cause=staging\n"
                      "\nWarnings"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Warnings\n  deploy.yml:12:5: warning: unknown variable context.x\n"),
            std::string::npos)
      << text;
}

TEST(TextReportTest, NoTrailingSpaces) {
  std::istringstream lines(text_report());
  for (std::string line; std::getline(lines, line);) {
    EXPECT_TRUE(line.empty() || line.back() != ' ') << "[" << line << "]";
  }
}

}  // namespace
}  // namespace deploysim
