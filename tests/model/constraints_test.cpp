// C1-C6 (MODEL 6-8).
#include <gtest/gtest.h>

#include "model_test_util.hpp"

namespace deploysim::testing {
namespace {

Scenario c2_scenario(bool after) {
  // approval (2h, approve) ∥ bad (failure after 5m) ∥ slow (success after 20m).
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(1min);
  Target& prod = add_target(s, "prod");
  std::vector<Step> list = {approval(), run_webhook("bad"), run_webhook("slow")};
  (after ? prod.constraints.after_deployment : prod.constraints.before_deployment) = list;
  add_target(s, "next", {"prod"});
  add_webhook(s, "bad");
  add_webhook(s, "slow");
  webhook_model(s, "bad").latency = constant(5min);
  webhook_model(s, "bad").outcome = outcome(WebhookOutcome::kFailure);
  webhook_model(s, "slow").latency = constant(20min);
  approval_model(s).after = constant(2h);
  finish(s);
  return s;
}

TEST(ConstraintList, C2FirstFailureAbandonsApprovalAndInFlightWebhook) {
  const Scenario s = c2_scenario(false);
  const RunResult r = run(s);
  const TargetOutcome& prod = outcome_of(s, r, "prod");
  EXPECT_EQ(prod.status, TargetStatus::kFailed);
  EXPECT_EQ(prod.reason, Reason::kWebhookFailed);
  EXPECT_EQ(prod.finished_at, at(300s));
  EXPECT_FALSE(prod.deployed);
  EXPECT_FALSE(prod.rolled_back);
  ASSERT_TRUE(prod.cause);
  EXPECT_EQ(prod.cause->phase, Phase::kBeforeDeployment);
  EXPECT_EQ(prod.cause->step, "runWebhook bad");
  ASSERT_EQ(r.webhooks.size(), 2u);
  EXPECT_EQ(r.webhooks[0].result, WebhookResult::kFailure);
  EXPECT_EQ(r.webhooks[0].finished_at, at(300s));
  EXPECT_EQ(r.webhooks[1].result, WebhookResult::kAbandoned);
  EXPECT_EQ(r.webhooks[1].attempts, 1);
  EXPECT_EQ(r.webhooks[1].called_at, SimTime(0s));
  EXPECT_EQ(r.webhooks[1].finished_at, at(300s));
  EXPECT_EQ(r.webhooks[1].where, WebhookWhere::kBeforeDeployment);
  // Each parallel item counts its own wall time.
  EXPECT_EQ(prod.time.approvals, Duration(300s));
  EXPECT_EQ(prod.time.webhooks, Duration(600s));
  EXPECT_EQ(outcome_of(s, r, "next").status, TargetStatus::kCancelled);
}

TEST(ConstraintList, C2AllPassAtTheLastItem) {
  Scenario s = c2_scenario(false);
  webhook_model(s, "bad").outcome = outcome(WebhookOutcome::kSuccess);
  const RunResult r = run(s);
  // 2h approval is the last to pass; deploy 1m after it.
  EXPECT_EQ(outcome_of(s, r, "prod").status, TargetStatus::kSucceeded);
  EXPECT_EQ(outcome_of(s, r, "prod").finished_at, at(2h + 1min));
  EXPECT_EQ(outcome_of(s, r, "next").started_at, at(2h + 1min));
}

TEST(ConstraintList, C2InAfterDeploymentKeepsTheNewVersion) {
  const Scenario s = c2_scenario(true);
  const RunResult r = run(s);
  const TargetOutcome& prod = outcome_of(s, r, "prod");
  // C4: deployed at 60, bad fails at 60 + 300.
  EXPECT_EQ(prod.status, TargetStatus::kFailed);
  EXPECT_EQ(prod.finished_at, at(360s));
  EXPECT_TRUE(prod.deployed);
  EXPECT_FALSE(prod.rolled_back);
  EXPECT_EQ(prod.weight, 100);
  EXPECT_EQ(prod.cause->phase, Phase::kAfterDeployment);
  EXPECT_EQ(r.webhooks[1].where, WebhookWhere::kAfterDeployment);
  EXPECT_EQ(r.webhooks[1].result, WebhookResult::kAbandoned);
  const TargetOutcome& next = outcome_of(s, r, "next");
  EXPECT_EQ(next.status, TargetStatus::kCancelled);
  EXPECT_EQ(next.finished_at, at(360s));
}

TEST(ConstraintList, C3BeforeApprovalRejectedCancels) {
  Scenario s = make_scenario();
  add_target(s, "a").constraints.before_deployment.push_back(approval());
  approval_model(s).after = constant(10min);
  approval_model(s).decision = decision(Decision::kReject);
  finish(s);
  const RunResult r = run(s);
  const TargetOutcome& a = outcome_of(s, r, "a");
  EXPECT_EQ(a.status, TargetStatus::kCancelled);
  EXPECT_EQ(a.reason, Reason::kApprovalRejected);
  EXPECT_EQ(a.finished_at, at(600s));
  EXPECT_FALSE(a.deployed);
  EXPECT_EQ(a.cause->step, "pause");
}

TEST(ConstraintList, C3BeforeWebhookTimeoutFails) {
  Scenario s = make_scenario();
  add_target(s, "a").constraints.before_deployment.push_back(run_webhook("h"));
  add_webhook(s, "h");
  webhook_model(s, "h").outcome = outcome(WebhookOutcome::kNoCallback);
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(outcome_of(s, r, "a").status, TargetStatus::kFailed);
  EXPECT_EQ(outcome_of(s, r, "a").reason, Reason::kWebhookTimeout);
  EXPECT_EQ(outcome_of(s, r, "a").finished_at, at(24h));
}

TEST(ConstraintList, C4AfterApprovalRejectedFailsAndExpiredCancels) {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(1min);
  add_target(s, "rejected").constraints.after_deployment.push_back(approval());
  add_target(s, "expired").constraints.after_deployment.push_back(approval(30min));
  approval_model(s, "rejected").decision = decision(Decision::kReject);
  approval_model(s, "rejected").after = constant(5min);
  approval_model(s, "expired").decision = decision(Decision::kNever);
  finish(s);
  const RunResult r = run(s);
  const TargetOutcome& rej = outcome_of(s, r, "rejected");
  EXPECT_EQ(rej.status, TargetStatus::kFailed);
  EXPECT_EQ(rej.reason, Reason::kApprovalRejected);
  EXPECT_EQ(rej.finished_at, at(360s));
  EXPECT_TRUE(rej.deployed);
  const TargetOutcome& exp = outcome_of(s, r, "expired");
  EXPECT_EQ(exp.status, TargetStatus::kCancelled);
  EXPECT_EQ(exp.reason, Reason::kApprovalExpired);
  EXPECT_EQ(exp.finished_at, at(60s + 30min));
  EXPECT_TRUE(exp.deployed);
  EXPECT_EQ(exp.weight, 100);
}

TEST(ConstraintList, C5TimedPauseDelaysTheList) {
  Scenario s = make_scenario();
  add_target(s, "a").constraints.before_deployment = {timed_pause(5min), timed_pause(7min)};
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(outcome_of(s, r, "a").finished_at, at(7min));
  EXPECT_EQ(outcome_of(s, r, "a").time.pauses, Duration(12min));
}

TEST(ConstraintList, C6AnalysisInBeforeDeploymentIsIgnored) {
  Scenario s = make_scenario();
  add_query(s, "cpu", 0, 10);
  add_target(s, "a").constraints.before_deployment.push_back(analysis({"cpu"}));
  query_model(s, "cpu").sequence = std::vector<double>{99, 99, 99};
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(outcome_of(s, r, "a").status, TargetStatus::kSucceeded);
  EXPECT_EQ(outcome_of(s, r, "a").finished_at, at(0s));
  EXPECT_TRUE(r.analyses.empty());
}

}  // namespace
}  // namespace deploysim::testing
