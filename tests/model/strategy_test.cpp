// K1-K7 and B1-B3 (MODEL 9-14).
#include <gtest/gtest.h>

#include "model_test_util.hpp"

namespace deploysim::testing {
namespace {

std::vector<std::pair<std::int64_t, int>> weights(const RunResult& r) {
  std::vector<std::pair<std::int64_t, int>> out;
  for (const WeightChange& w : r.weights) out.emplace_back(w.at.count() / 1000, w.weight);
  return out;
}

using W = std::vector<std::pair<std::int64_t, int>>;

TEST(Canary, K1K3StepsInOrderThenAnImplicit100) {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(1min);
  add_canary(s, "c", {set_weight(25), timed_pause(5min), set_weight(50)});
  add_target(s, "a", {}, "c");
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(weights(r), (W{{60, 25}, {420, 50}, {480, 100}}));
  EXPECT_EQ(outcome_of(s, r, "a").finished_at, at(480s));
  EXPECT_EQ(outcome_of(s, r, "a").weight, 100);
  EXPECT_EQ(outcome_of(s, r, "a").time.readiness, Duration(3min));
}

TEST(Canary, K3NoExtraWaitWhenTheLastWeightIs100) {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(1min);
  add_canary(s, "c", {set_weight(100), expose_services({"svc"})});
  add_target(s, "a", {}, "c");
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(weights(r), (W{{60, 100}}));
  EXPECT_EQ(outcome_of(s, r, "a").finished_at, at(60s));
}

TEST(Canary, K2ReadinessTimeoutRollsBackAtTheTimeout) {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(40min);
  s.deploy.defaults.rollback_after = constant(2min);
  add_canary(s, "c", {set_weight(25)});
  add_target(s, "a", {}, "c");
  add_target(s, "b", {"a"});
  finish(s);
  const RunResult r = run(s);
  const TargetOutcome& a = outcome_of(s, r, "a");
  EXPECT_EQ(a.status, TargetStatus::kRolledBack);
  EXPECT_EQ(a.reason, Reason::kReadinessTimeout);
  EXPECT_EQ(a.cause->step, "setWeight 25");
  EXPECT_EQ(a.finished_at, at(32min));
  EXPECT_EQ(outcome_of(s, r, "b").finished_at, at(32min));  // D4 at the rollback's end
}

TEST(Canary, K2ReadyExactlyAtTheTimeoutPasses) {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(30min);
  add_target(s, "a");
  finish(s);
  EXPECT_EQ(run(s).targets[0].status, TargetStatus::kSucceeded);
}

TEST(Canary, K5WebhookFailureRollsBackAfterRollbackAfter) {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(1min);
  s.deploy.defaults.rollback_after = constant(2min);
  add_canary(s, "c", {set_weight(50), run_webhook("health")});
  add_target(s, "a", {}, "c");
  add_target(s, "b", {"a"}, "c");
  add_webhook(s, "health");
  webhook_model(s, "health").latency = constant(4min);
  webhook_model(s, "health").outcome = outcome(WebhookOutcome::kFailure);
  finish(s);
  const RunResult r = run(s);
  const TargetOutcome& a = outcome_of(s, r, "a");
  EXPECT_EQ(a.status, TargetStatus::kRolledBack);
  EXPECT_EQ(a.reason, Reason::kWebhookFailed);
  EXPECT_EQ(a.cause->step, "runWebhook health");
  EXPECT_EQ(a.finished_at, at(420s));
  EXPECT_TRUE(a.rolled_back);
  EXPECT_FALSE(a.deployed);
  EXPECT_EQ(a.weight, 0);
  EXPECT_EQ(weights(r), (W{{60, 50}, {420, 0}}));
  EXPECT_EQ(outcome_of(s, r, "b").status, TargetStatus::kCancelled);
  EXPECT_EQ(outcome_of(s, r, "b").finished_at, at(420s));
  EXPECT_EQ(r.webhooks[0].finished_at, at(300s));
}

TEST(Canary, K6FirstDeploymentSkipsStepsButNotConstraints) {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(1min);
  add_canary(s, "c", {set_weight(25), approval(), timed_pause(1h)});
  add_target(s, "a", {}, "c").constraints.after_deployment = {timed_pause(5min)};
  add_target(s, "b", {}, "c");
  s.first_deployment_targets = {"a"};
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(outcome_of(s, r, "a").finished_at, at(6min));
  EXPECT_EQ(outcome_of(s, r, "a").weight, 100);
  // b is not a first deployment: it waits for the approval (0s) and the pause.
  EXPECT_EQ(outcome_of(s, r, "b").finished_at, at(1min + 1h + 1min));
  RunOptions all;
  all.first_deployment = true;
  EXPECT_EQ(run(s, all).targets[1].finished_at, at(1min));
}

TEST(Canary, K7NoStrategyIsOneReadinessWaitWithCauseDeploy) {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(31min);
  add_target(s, "a");
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(r.targets[0].status, TargetStatus::kRolledBack);
  EXPECT_EQ(r.targets[0].cause->step, "deploy");
  EXPECT_EQ(r.targets[0].finished_at, at(30min));
}

TEST(Canary, K4PreviewIsDefinedForLaterStepsAndAfterDeployment) {
  Scenario s = make_scenario();
  add_canary(s, "c", {run_webhook("h"), expose_services({"web"}), run_webhook("h")});
  add_target(s, "prod", {}, "c").constraints.after_deployment = {run_webhook("h")};
  Webhook& h = add_webhook(s, "h");
  h.uri_template = "https://x/?preview={{armory.preview.web}}&cb={{armory.callbackUri}}";
  finish(s);
  const RunResult r = run(s);
  ASSERT_EQ(r.webhooks.size(), 3u);
  EXPECT_EQ(r.webhooks[0].uri,
            "https://x/?preview=&cb=https://callbacks.deploysim.invalid/app-prod/1");
  EXPECT_EQ(r.webhooks[1].uri,
            "https://x/?preview=https://preview.deploysim.invalid/prod/web&cb=https://"
            "callbacks.deploysim.invalid/app-prod/2");
  EXPECT_EQ(r.webhooks[2].uri,
            "https://x/?preview=https://preview.deploysim.invalid/prod/web&cb=https://"
            "callbacks.deploysim.invalid/app-prod/3");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].message.find("armory.preview.web"), std::string::npos);
}

TEST(BlueGreen, B1PreviewServiceIsDefinedOnceTheNewVersionIsUp) {
  Scenario s = make_scenario();
  add_blue_green(s, "bg", {run_webhook("h")}, {});
  add_target(s, "prod", {}, "bg").constraints.before_deployment = {run_webhook("h")};
  Webhook& h = add_webhook(s, "h");
  h.uri_template = "https://x/?preview={{armory.preview.app-preview}}&cb={{armory.callbackUri}}";
  finish(s);
  const RunResult r = run(s);
  ASSERT_EQ(r.webhooks.size(), 2u);
  // beforeDeployment: no new version yet, and preview links are out of scope there.
  EXPECT_EQ(r.webhooks[0].uri,
            "https://x/?preview=&cb=https://callbacks.deploysim.invalid/app-prod/1");
  EXPECT_EQ(r.webhooks[1].uri,
            "https://x/?preview=https://preview.deploysim.invalid/prod/app-preview&cb=https://"
            "callbacks.deploysim.invalid/app-prod/2");
}

Scenario blue_green(std::vector<Step> redirect, std::vector<Step> shutdown) {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(1min);
  add_blue_green(s, "bg", std::move(redirect), std::move(shutdown));
  add_target(s, "a", {}, "bg");
  add_webhook(s, "check");
  webhook_model(s, "check").latency = constant(2min);
  return s;
}

TEST(BlueGreen, B1OrderAndTimes) {
  Scenario s = blue_green({timed_pause(5min), run_webhook("check")}, {timed_pause(10min)});
  finish(s);
  const RunResult r = run(s);
  // Ready at 60 (no traffic), redirect list ends at 360, switch, shutdown ends at 960.
  EXPECT_EQ(weights(r), (W{{360, 100}}));
  EXPECT_EQ(r.targets[0].finished_at, at(960s));
  EXPECT_EQ(r.targets[0].status, TargetStatus::kSucceeded);
  EXPECT_EQ(r.webhooks[0].where, WebhookWhere::kRedirectTrafficAfter);
  EXPECT_EQ(r.webhooks[0].called_at, SimTime(60s));
}

TEST(BlueGreen, B2FailingRedirectWebhookRollsBackAndAbandonsTheRest) {
  Scenario s = blue_green({timed_pause(5min), run_webhook("check")}, {});
  webhook_model(s, "check").outcome = outcome(WebhookOutcome::kFailure);
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(r.targets[0].status, TargetStatus::kRolledBack);
  EXPECT_EQ(r.targets[0].reason, Reason::kWebhookFailed);
  EXPECT_EQ(r.targets[0].finished_at, at(180s));
  EXPECT_EQ(r.targets[0].time.pauses, Duration(2min));
  EXPECT_TRUE(r.weights.empty());  // traffic never switched
}

TEST(BlueGreen, B2FailingShutdownItemRollsBackAfterTheSwitch) {
  Scenario s = blue_green({}, {run_webhook("check")});
  webhook_model(s, "check").outcome = outcome(WebhookOutcome::kNoCallback);
  s.webhook_callback_timeout = 1h;
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(r.targets[0].status, TargetStatus::kRolledBack);
  EXPECT_EQ(r.targets[0].reason, Reason::kWebhookTimeout);
  EXPECT_EQ(r.targets[0].finished_at, at(1min + 1h));
  EXPECT_EQ(weights(r), (W{{60, 100}, {3660, 0}}));
  EXPECT_EQ(r.webhooks[0].where, WebhookWhere::kShutDownOldVersionAfter);
}

TEST(BlueGreen, B3ManualRollbackWaitsForAPerson) {
  Scenario s = blue_green({}, {});
  add_query(s, "cpu", 0, 50);
  AnalysisOptions manual;
  manual.roll_back = RollMode::kManual;
  std::get<BlueGreenStrategy>(s.deployment.strategies[0].kind).redirect_traffic_after = {
      analysis({"cpu"}, manual), run_webhook("check")};
  query_model(s, "cpu").value = Distribution::constant(90.0);
  approval_model(s).after = constant(10min);
  finish(s);
  const RunResult r = run(s);
  // Analysis fails at 60 + 3m = 240 (the webhook passed at 180); the person
  // answers at 840 and the rollback (0s) ends then.
  EXPECT_EQ(r.targets[0].status, TargetStatus::kRolledBack);
  EXPECT_EQ(r.targets[0].reason, Reason::kAnalysisFailed);
  EXPECT_EQ(r.targets[0].cause->step, "analysis");
  EXPECT_EQ(r.targets[0].finished_at, at(840s));
  EXPECT_EQ(r.targets[0].time.approvals, Duration(10min));
}

TEST(BlueGreen, B3ManualRollbackNeverAnsweredAwaitsApproval) {
  Scenario s = blue_green({}, {});
  add_query(s, "cpu", 0, 50);
  AnalysisOptions manual;
  manual.roll_back = RollMode::kManual;
  std::get<BlueGreenStrategy>(s.deployment.strategies[0].kind).redirect_traffic_after = {
      analysis({"cpu"}, manual)};
  query_model(s, "cpu").value = Distribution::constant(90.0);
  approval_model(s).decision = decision(Decision::kNever);
  s.horizon = 2h;
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(r.targets[0].status, TargetStatus::kAwaitingApproval);
  EXPECT_EQ(r.targets[0].reason, Reason::kHorizon);
}

}  // namespace
}  // namespace deploysim::testing
