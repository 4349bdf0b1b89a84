// P1-P4 (MODEL 21-22).
#include <gtest/gtest.h>

#include "model_test_util.hpp"

namespace deploysim::testing {
namespace {

TEST(Approval, P3ExpiryBeforeDeploymentCancels) {
  Scenario s = make_scenario();
  add_target(s, "a").constraints.before_deployment.push_back(approval(1h));
  approval_model(s).decision = decision(Decision::kNever);
  finish(s);
  const RunResult r = run(s);
  const TargetOutcome& a = outcome_of(s, r, "a");
  EXPECT_EQ(a.status, TargetStatus::kCancelled);
  EXPECT_EQ(a.reason, Reason::kApprovalExpired);
  EXPECT_EQ(a.finished_at, at(1h));
  EXPECT_FALSE(a.deployed);
  EXPECT_EQ(a.cause->phase, Phase::kBeforeDeployment);
  EXPECT_EQ(a.cause->step, "pause");
}

TEST(Approval, P3ExpiryInTheStrategyRollsBack) {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(1min);
  s.deploy.defaults.rollback_after = constant(30s);
  add_canary(s, "c", {set_weight(50), approval(1h)});
  add_target(s, "a", {}, "c");
  approval_model(s).after = constant(2h);  // later than the expiration
  finish(s);
  const RunResult r = run(s);
  const TargetOutcome& a = outcome_of(s, r, "a");
  EXPECT_EQ(a.status, TargetStatus::kRolledBack);
  EXPECT_EQ(a.reason, Reason::kApprovalExpired);
  EXPECT_EQ(a.finished_at, at(60s + 1h + 30s));
  EXPECT_FALSE(a.deployed);
  EXPECT_TRUE(a.rolled_back);
  EXPECT_EQ(a.weight, 0);
  EXPECT_EQ(a.cause->phase, Phase::kStrategy);
  EXPECT_EQ(a.cause->step, "pause");
  EXPECT_EQ(a.time.rollback, Duration(30s));
}

TEST(Approval, P3ExpiryAfterDeploymentCancelsButStaysDeployed) {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(1min);
  add_target(s, "a").constraints.after_deployment.push_back(approval(1h));
  approval_model(s).decision = decision(Decision::kNever);
  finish(s);
  const RunResult r = run(s);
  const TargetOutcome& a = outcome_of(s, r, "a");
  EXPECT_EQ(a.status, TargetStatus::kCancelled);
  EXPECT_EQ(a.reason, Reason::kApprovalExpired);
  EXPECT_EQ(a.finished_at, at(60s + 1h));
  EXPECT_TRUE(a.deployed);
  EXPECT_FALSE(a.rolled_back);
}

TEST(Approval, P3AnswerExactlyAtExpirationWins) {
  Scenario s = make_scenario();
  add_target(s, "a").constraints.before_deployment.push_back(approval(1h));
  approval_model(s).after = constant(1h);
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(outcome_of(s, r, "a").status, TargetStatus::kSucceeded);
  EXPECT_EQ(outcome_of(s, r, "a").finished_at, at(1h));
}

TEST(Approval, P2RejectInTheStrategyRollsBack) {
  Scenario s = make_scenario();
  add_canary(s, "c", {approval()});
  add_target(s, "a", {}, "c");
  approval_model(s).decision = decision(Decision::kReject);
  approval_model(s).after = constant(10min);
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(outcome_of(s, r, "a").status, TargetStatus::kRolledBack);
  EXPECT_EQ(outcome_of(s, r, "a").reason, Reason::kApprovalRejected);
  EXPECT_EQ(outcome_of(s, r, "a").finished_at, at(10min));
}

TEST(Approval, P2ScriptedAnswersComeFirstPerTarget) {
  Scenario s = make_scenario();
  add_target(s, "a").constraints.before_deployment = {approval()};
  add_target(s, "b", {"a"}).constraints.before_deployment = {approval()};
  approval_model(s).after = constant(1min);
  ScriptedDecision first;
  first.decision = Decision::kApprove;
  first.after = constant(7min);
  approval_model(s, "a").sequence = std::vector<ScriptedDecision>{first};
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(outcome_of(s, r, "a").finished_at, at(7min));
  EXPECT_EQ(outcome_of(s, r, "b").finished_at, at(8min));
}

TEST(Approval, P4RequiresRolesIsCarriedIntoTheTrace) {
  Scenario s = make_scenario();
  add_target(s, "a").constraints.before_deployment = {approval(std::nullopt, {"ops", "sre"})};
  finish(s);
  RunOptions options;
  options.record_trace = true;
  const RunResult r = run(s, options);
  bool found = false;
  for (const TraceEvent& e : r.trace) {
    if (e.kind != "approval.asked") continue;
    for (const auto& [k, v] : e.fields) found = found || (k == "requiresRoles" && v == "ops,sre");
  }
  EXPECT_TRUE(found);
}

TEST(Approval, P1PauseIsPausedAtTheHorizon) {
  Scenario s = make_scenario();
  add_canary(s, "c", {set_weight(10), timed_pause(2h)});
  add_target(s, "a", {}, "c");
  s.horizon = 1h;
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(outcome_of(s, r, "a").status, TargetStatus::kPaused);
  EXPECT_EQ(outcome_of(s, r, "a").weight, 10);
  EXPECT_FALSE(outcome_of(s, r, "a").deployed);
}

}  // namespace
}  // namespace deploysim::testing
