// W3-W9 (MODEL 15-20).
#include <gtest/gtest.h>

#include "model_test_util.hpp"

namespace deploysim::testing {
namespace {

// One target whose beforeDeployment calls webhook "h".
Scenario one_call(int retry_count = 0) {
  Scenario s = make_scenario();
  add_target(s, "a").constraints.before_deployment.push_back(run_webhook("h"));
  add_webhook(s, "h", retry_count);
  webhook_model(s, "h").latency = constant(5min);
  return s;
}

TEST(Webhook, W4RetriesUntilAnAttemptGetsThrough) {
  Scenario s = one_call(3);
  webhook_model(s, "h").sequence =
      std::vector<ScriptedWebhookCall>{scripted(WebhookOutcome::kSuccess, 5min, 2)};
  finish(s);
  const RunResult r = run(s);
  ASSERT_EQ(r.webhooks.size(), 1u);
  EXPECT_EQ(r.webhooks[0].attempts, 3);
  EXPECT_EQ(r.webhooks[0].result, WebhookResult::kSuccess);
  EXPECT_EQ(r.webhooks[0].finished_at, at(20s + 5min));  // attempts at 0, 10, 20
  EXPECT_EQ(outcome_of(s, r, "a").status, TargetStatus::kSucceeded);
}

TEST(Webhook, W4UnreachableAtTheLastAttempt) {
  Scenario s = one_call(2);
  webhook_model(s, "h").outcome = outcome(WebhookOutcome::kUnreachable);
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(r.webhooks[0].attempts, 3);
  EXPECT_EQ(r.webhooks[0].result, WebhookResult::kUnreachable);
  EXPECT_EQ(r.webhooks[0].finished_at, at(20s));
  EXPECT_EQ(outcome_of(s, r, "a").status, TargetStatus::kFailed);
  EXPECT_EQ(outcome_of(s, r, "a").reason, Reason::kWebhookUnreachable);
  EXPECT_EQ(outcome_of(s, r, "a").finished_at, at(20s));
}

TEST(Webhook, W4UnreachableAtTimeoutPolicyWaitsForTheTimeout) {
  Scenario s = one_call(2);
  webhook_model(s, "h").outcome = outcome(WebhookOutcome::kUnreachable);
  s.unreachable = UnreachablePolicy::kAtTimeout;
  s.retry_delay = 30s;
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(r.webhooks[0].attempts, 3);
  EXPECT_EQ(r.webhooks[0].result, WebhookResult::kUnreachable);
  EXPECT_EQ(r.webhooks[0].finished_at, at(24h));
}

TEST(Webhook, W6TimeoutRunsFromTheFirstAttempt) {
  Scenario s = one_call(1);
  // Through at 10s; a callback 24h - 5s later would land after t0 + 24h.
  webhook_model(s, "h").sequence =
      std::vector<ScriptedWebhookCall>{scripted(WebhookOutcome::kSuccess, 24h - 5s, 1)};
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(r.webhooks[0].result, WebhookResult::kTimeout);
  EXPECT_EQ(r.webhooks[0].finished_at, at(24h));
  EXPECT_EQ(outcome_of(s, r, "a").reason, Reason::kWebhookTimeout);
}

TEST(Webhook, W6CallbackExactlyAtTheTimeoutWins) {
  Scenario s = one_call(1);
  webhook_model(s, "h").sequence =
      std::vector<ScriptedWebhookCall>{scripted(WebhookOutcome::kFailure, 24h - 10s, 1)};
  s.webhook_callback_timeout = 24h;
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(r.webhooks[0].result, WebhookResult::kFailure);
  EXPECT_EQ(r.webhooks[0].finished_at, at(24h));
  EXPECT_EQ(outcome_of(s, r, "a").reason, Reason::kWebhookFailed);
}

TEST(Webhook, W6SequenceThenDistribution) {
  Scenario s = make_scenario();
  add_target(s, "a").constraints.before_deployment = {run_webhook("h")};
  add_target(s, "b", {"a"}).constraints.before_deployment = {run_webhook("h")};
  add_webhook(s, "h");
  webhook_model(s, "h").latency = constant(1min);
  // The sequence is per (webhook, target): b does not use a's entry.
  webhook_model(s, "h", "a").sequence =
      std::vector<ScriptedWebhookCall>{scripted(WebhookOutcome::kSuccess, 7min)};
  finish(s);
  const RunResult r = run(s);
  ASSERT_EQ(r.webhooks.size(), 2u);
  EXPECT_EQ(r.webhooks[0].finished_at, at(7min));
  EXPECT_EQ(r.webhooks[1].called_at, SimTime(7min));
  EXPECT_EQ(r.webhooks[1].finished_at, at(8min));
}

TEST(Webhook, W7DisableCallbackPassesAtTheAttempt) {
  Scenario s = one_call(1);
  s.deployment.webhooks[0].disable_callback = true;
  webhook_model(s, "h").sequence =
      std::vector<ScriptedWebhookCall>{scripted(WebhookOutcome::kFailure, 1h, 1)};
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(r.webhooks[0].result, WebhookResult::kSuccess);
  EXPECT_EQ(r.webhooks[0].attempts, 2);
  EXPECT_EQ(r.webhooks[0].finished_at, at(10s));
}

TEST(Webhook, W7DisableCallbackFailsOnlyWhenEveryAttemptFails) {
  Scenario s = one_call(1);
  s.deployment.webhooks[0].disable_callback = true;
  webhook_model(s, "h").outcome = outcome(WebhookOutcome::kUnreachable);
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(r.webhooks[0].result, WebhookResult::kUnreachable);
  EXPECT_EQ(r.webhooks[0].finished_at, at(10s));
}

TEST(Webhook, W8MissingCallbackUriTimesOut) {
  Scenario s = one_call();
  s.deployment.webhooks[0].body_template = R"({"no": "callback"})";
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(r.webhooks[0].result, WebhookResult::kTimeout);
  EXPECT_EQ(r.webhooks[0].finished_at, at(24h));
}

TEST(Webhook, W8HeaderOrUriCarryingTheCallbackIsEnough) {
  Scenario s = one_call();
  s.deployment.webhooks[0].body_template.reset();
  s.deployment.webhooks[0].headers.push_back({"Location", "{{ armory.callbackUri }}/callback"});
  finish(s);
  EXPECT_EQ(run(s).webhooks[0].result, WebhookResult::kSuccess);
}

TEST(Webhook, W8IgnorePolicy) {
  Scenario s = one_call();
  s.deployment.webhooks[0].body_template.reset();
  s.missing_callback_uri = MissingCallbackUriPolicy::kIgnore;
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(r.webhooks[0].result, WebhookResult::kSuccess);
  EXPECT_EQ(r.webhooks[0].finished_at, at(5min));
}

TEST(Webhook, W9AttemptsFailWhileTheAgentIsDown) {
  Scenario s = one_call(2);
  s.deployment.webhooks[0].network_mode = NetworkMode::kRemoteNetworkAgent;
  s.agent_faults["cluster"].down.push_back({0s, 15s});  // the target's account
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(r.webhooks[0].attempts, 3);  // 0 and 10 fail, 20 gets through
  EXPECT_EQ(r.webhooks[0].finished_at, at(20s + 5min));
}

TEST(Webhook, W9WindowEndIsExclusiveAndAgentIdentifierWins) {
  Scenario s = one_call(2);
  s.deployment.webhooks[0].network_mode = NetworkMode::kRemoteNetworkAgent;
  s.deployment.webhooks[0].agent_identifier = "rna";
  s.agent_faults["cluster"].down.push_back({0s, 1h});
  s.agent_faults["rna"].down.push_back({0s, 10s});
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(r.webhooks[0].attempts, 2);  // up again at exactly 10s
  EXPECT_EQ(r.webhooks[0].finished_at, at(10s + 5min));
}

TEST(Webhook, W9DirectWebhooksIgnoreAgents) {
  Scenario s = one_call(2);
  s.agent_faults["cluster"].down.push_back({0s, 1h});
  finish(s);
  EXPECT_EQ(run(s).webhooks[0].attempts, 1);
}

TEST(Webhook, W9AllAttemptsDownIsUnreachable) {
  Scenario s = one_call(1);
  s.deployment.webhooks[0].network_mode = NetworkMode::kRemoteNetworkAgent;
  s.agent_faults["cluster"].down.push_back({0s, 1h});
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(r.webhooks[0].result, WebhookResult::kUnreachable);
  EXPECT_EQ(outcome_of(s, r, "a").reason, Reason::kWebhookUnreachable);
}

TEST(Webhook, W3EachInvocationGetsItsOwnCallbackUri) {
  Scenario s = make_scenario();
  add_canary(s, "c", {run_webhook("h"), run_webhook("h")});
  add_target(s, "prod", {}, "c");
  add_webhook(s, "h");
  finish(s);
  const RunResult r = run(s);
  ASSERT_EQ(r.webhooks.size(), 2u);
  EXPECT_EQ(r.webhooks[0].callback_uri, "https://callbacks.deploysim.invalid/app-prod/1");
  EXPECT_EQ(r.webhooks[1].callback_uri, "https://callbacks.deploysim.invalid/app-prod/2");
  EXPECT_EQ(r.webhooks[1].body,
            R"({"callback": "https://callbacks.deploysim.invalid/app-prod/2/callback"})");
  EXPECT_EQ(r.webhooks[0].where, WebhookWhere::kCanary);
}

}  // namespace
}  // namespace deploysim::testing
