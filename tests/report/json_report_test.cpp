#include <gtest/gtest.h>

#include "deploysim/report.hpp"
#include "report_fixture.hpp"

namespace deploysim {
namespace {

TEST(JsonReportTest, MatchesTheContractExactly) {
  const std::string expected = R"({
  "schemaVersion": 1,
  "scenario": "staging-tests-flaky",
  "seed": 7,
  "pipeline": {
    "status": "FAILED",
    "finishedAt": 4210.5
  },
  "targets": {
    "staging": {
      "status": "FAILED",
      "deployed": true,
      "rolledBack": false,
      "reason": "WEBHOOK_FAILED",
      "startedAt": 60.0,
      "finishedAt": 4210.5,
      "cause": {
        "phase": "afterDeployment",
        "step": "runWebhook Run-Integration-Tests",
        "target": "staging"
      },
      "waitingOn": null,
      "weight": 100,
      "leadTime": null,
      "duration": 4150.5,
      "timeBreakdown": {
        "webhooks": 600.0,
        "approvals": 0.0,
        "analysis": 0.0,
        "pauses": 0.0,
        "readiness": 0.0,
        "rollback": 0.0
      }
    },
    "prod": {
      "status": "CANCELLED",
      "deployed": false,
      "rolledBack": false,
      "reason": "UPSTREAM_FAILED",
      "startedAt": null,
      "finishedAt": 4210.5,
      "cause": {
        "phase": "dependsOn",
        "step": null,
        "target": "staging"
      },
      "waitingOn": null,
      "weight": 0,
      "leadTime": null,
      "duration": null,
      "timeBreakdown": {
        "webhooks": 0.0,
        "approvals": 0.0,
        "analysis": 0.0,
        "pauses": 0.0,
        "readiness": 0.0,
        "rollback": 0.0
      }
    }
  },
  "webhooks": [
    {
      "name": "Run-Integration-Tests",
      "target": "staging",
      "where": "afterDeployment",
      "attempts": 1,
      "result": "FAILURE",
      "calledAt": 3610.5,
      "finishedAt": 4210.5,
      "callbackUri": "https://callbacks.deploysim.invalid/app-staging/1",
      "method": "POST",
      "uri": "https://ci.example/run?token=***",
      "headers": [
        {
          "name": "Authorization",
          "value": "Bearer ***"
        }
      ],
      "body": null
    }
  ],
  "analyses": [
    {
      "target": "staging",
      "phase": "strategy",
      "where": "canary step 2",
      "startedAt": 120.0,
      "finishedAt": 300.0,
      "queries": [
        {
          "name": "avgCPUUsage-pass",
          "values": [
            40.0,
            95.0,
            97.0
          ],
          "mean": 77.5,
          "lowerLimit": 0.0,
          "upperLimit": 80.0,
          "passed": true
        }
      ],
      "passed": true,
      "aborted": false,
      "abandoned": false
    }
  ],
  "approvals": [],
  "weights": [
    {
      "target": "staging",
      "at": 90.0,
      "weight": 25
    }
  ],
  "warnings": [
    "deploy.yml:3:1: warning: lenient quirk",
    "deploy.yml:12:5: warning: unknown variable context.x"
  ]
}
)";
  const std::vector<Problem> load_warnings = {
      Problem{Severity::kWarning, {"deploy.yml", 3, 1}, "lenient quirk"}};
  EXPECT_EQ(run_report_json(testing::example_scenario(), testing::example_result(), load_warnings),
            expected);
}

TEST(JsonReportTest, SucceededTargetHasLeadTimeAndNullCause) {
  Scenario s = testing::example_scenario();
  RunResult r = testing::example_result();
  r.targets[1] = TargetOutcome{};
  r.targets[1].status = TargetStatus::kSucceeded;
  r.targets[1].started_at = std::chrono::milliseconds(1000);
  r.targets[1].finished_at = std::chrono::milliseconds(2500);
  const std::string json = run_report_json(s, r);
  EXPECT_NE(json.find(R"("leadTime": 2.5,)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("duration": 1.5,)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("cause": null,)"), std::string::npos) << json;
}

TEST(JsonReportTest, HorizonStopGivesNullFinishedAt) {
  RunResult r = testing::example_result();
  r.pipeline = TargetStatus::kRunning;
  r.finished_at.reset();
  const std::string json = run_report_json(testing::example_scenario(), r);
  EXPECT_NE(json.find("\"status\": \"RUNNING\",\n    \"finishedAt\": null"), std::string::npos)
      << json;
}

TEST(JsonReportTest, SameInputSameBytes) {
  const Scenario s = testing::example_scenario();
  const RunResult r = testing::example_result();
  EXPECT_EQ(run_report_json(s, r), run_report_json(s, r));
}

TEST(JsonReportTest, InvalidUtf8IsReplacedNotThrown) {
  Scenario s = testing::example_scenario();
  s.name = "bad\xff name";
  EXPECT_NO_THROW(run_report_json(s, testing::example_result()));
}

// P4, R3, A7, W11 (issue 12): approvals with their roles, what a live target
// waits on, a query never judged, an agent named by a cause.
TEST(JsonReportTest, ApprovalsWaitingOnUnjudgedQueriesAndAgents) {
  Scenario s = testing::example_scenario();
  RunResult r = testing::example_result();
  r.pipeline = TargetStatus::kAwaitingApproval;
  r.finished_at.reset();
  r.targets[1].status = TargetStatus::kNotStarted;
  r.targets[1].reason = Reason::kHorizon;
  r.targets[1].finished_at.reset();
  r.targets[1].cause.reset();
  r.targets[0].cause->agent = "staging-rna";
  r.waiting = {WaitingOn{1, Phase::kDependsOn, "", 0}};
  r.analyses[0].abandoned = true;
  r.analyses[0].queries[0].mean.reset();
  r.analyses[0].queries[0].passed.reset();
  ApprovalRecord a;
  a.target = 0;
  a.phase = Phase::kBeforeDeployment;
  a.where = "beforeDeployment";
  a.step = "pause";
  a.requires_roles = {"release-managers", "sre"};
  a.asked_at = SimTime(60'000);
  r.approvals = {a};
  const std::string json = run_report_json(s, r);
  EXPECT_NE(json.find("\"target\": \"staging\",\n        \"agent\": \"staging-rna\"\n"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"waitingOn\": [\n        {\n          \"phase\": \"dependsOn\",\n"
                      "          \"step\": null,\n          \"target\": \"staging\"\n"
                      "        }\n      ],"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"mean\": null,"), std::string::npos) << json;
  EXPECT_NE(json.find("\"upperLimit\": 80.0,\n          \"passed\": null\n"), std::string::npos)
      << json;
  EXPECT_NE(json.find("      ],\n      \"passed\": null,\n      \"aborted\": false,\n      "
                      "\"abandoned\": true\n"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"approvals\": [\n    {\n      \"target\": \"staging\",\n      "
                      "\"phase\": \"beforeDeployment\",\n      \"where\": \"beforeDeployment\",\n"
                      "      \"step\": \"pause\",\n      \"requiresRoles\": [\n        "
                      "\"release-managers\",\n        \"sre\"\n      ],\n      \"askedAt\": 60.0,\n"
                      "      \"finishedAt\": null,\n      \"result\": \"PENDING\"\n    }\n  ],"),
            std::string::npos)
      << json;
}

}  // namespace
}  // namespace deploysim
