// check_expectations: one line per difference.
#include <gtest/gtest.h>

#include "model_test_util.hpp"

namespace deploysim::testing {
namespace {

Scenario staged() {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = Distribution::constant(Duration(3600500));
  add_target(s, "staging").constraints.after_deployment = {run_webhook("tests")};
  add_target(s, "prod", {"staging"});
  add_webhook(s, "tests");
  webhook_model(s, "tests").outcome = outcome(WebhookOutcome::kNoCallback);
  s.deployment.deployment_config.timeout = 2h;
  s.webhook_callback_timeout = 1h;
  finish(s);
  return s;
}

TEST(Expectations, AllMetGivesNoLines) {
  Scenario s = staged();
  s.expect.present = true;
  s.expect.pipeline = TargetStatus::kFailed;
  s.expect.pipeline_finished_at = SimTime(7200500);
  TargetExpectation staging;
  staging.status = TargetStatus::kFailed;
  staging.reason = Reason::kWebhookTimeout;
  staging.deployed = true;
  staging.rolled_back = false;
  staging.cause_phase = Phase::kAfterDeployment;
  staging.cause_step = "runWebhook tests";
  staging.cause_target = "staging";
  staging.started_at = SimTime(0);
  staging.weight = 100;
  s.expect.targets["staging"] = staging;
  WebhookExpectation w;
  w.name = "tests";
  w.target = "staging";
  w.result = WebhookResult::kTimeout;
  w.attempts = 1;
  w.called_at = SimTime(3600500);
  s.expect.webhooks.push_back(w);
  EXPECT_EQ(check_expectations(s, run(s)), std::vector<std::string>{});
}

TEST(Expectations, EachDifferenceIsOneLine) {
  Scenario s = staged();
  s.expect.present = true;
  s.expect.pipeline = TargetStatus::kSucceeded;
  TargetExpectation staging;
  staging.status = TargetStatus::kSucceeded;
  staging.finished_at = SimTime(3600000);
  s.expect.targets["staging"] = staging;
  TargetExpectation prod;
  prod.status = TargetStatus::kSucceeded;
  prod.cause_target = "staging";
  s.expect.targets["prod"] = prod;
  TargetExpectation ghost;
  ghost.status = TargetStatus::kSucceeded;
  s.expect.targets["ghost"] = ghost;
  WebhookExpectation w;
  w.name = "tests";
  w.target = "staging";
  w.result = WebhookResult::kFailure;
  s.expect.webhooks.push_back(w);
  w.index = 1;
  s.expect.webhooks.push_back(w);
  EXPECT_EQ(check_expectations(s, run(s)),
            (std::vector<std::string>{
                "pipeline: status FAILED, expected SUCCEEDED",
                "ghost: no such target",
                "prod: status CANCELLED, expected SUCCEEDED",
                "staging: status FAILED, expected SUCCEEDED",
                "staging: finishedAt 7200.5s, expected 3600s",
                "webhook tests at staging #0: result TIMEOUT, expected FAILURE",
                "webhook tests at staging #1: never called",
            }));
}

}  // namespace
}  // namespace deploysim::testing
