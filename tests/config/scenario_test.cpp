// Scenario files (SCENARIO.md): every key, its defaults and its errors.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "test_util.hpp"

namespace deploysim {
namespace {

using testing::data_path;
using ::testing::ElementsAre;
using testing::errors;
using ::testing::IsEmpty;
using testing::load_scenario_text;
using testing::ScenarioLoad;

const std::string kPath = data_path("s.yml");

// An inline deployment with a webhook, a query and an RNA agent (lines 2-17).
const std::string kInline =
    "deployment:\n"                                          // 1
    "  manifests: [{path: m}]\n"                             // 2
    "  targets:\n"                                           // 3
    "    staging: {account: rna-staging}\n"                  // 4
    "    prod:\n"                                            // 5
    "      account: rna-prod\n"                              // 6
    "      constraints:\n"                                   // 7
    "        dependsOn: [staging]\n"                         // 8
    "        afterDeployment:\n"                             // 9
    "          - runWebhook: {name: tests}\n"                // 10
    "          - analysis: {queries: [cpu], interval: 1}\n"  // 11
    "  webhooks:\n"                                          // 12
    "    - {name: tests, uriTemplate: '{{armory.callbackUri}}', networkMode: remoteNetworkAgent, "
    "agentIdentifier: rna-hooks}\n"                                   // 13
    "  analysis:\n"                                                   // 14
    "    defaultMetricProviderName: p\n"                              // 15
    "    queries: [{name: cpu, queryTemplate: q, upperLimit: 90}]\n"  // 16
    "  context: {}\n";                                                // 17

Distribution dist(Distribution::Kind kind, double a, double b = 0) {
  Distribution d;
  d.kind = kind;
  d.a = a;
  d.b = b;
  return d;
}

void expect_dist(const std::optional<Distribution>& actual, const Distribution& expected) {
  ASSERT_TRUE(actual);
  EXPECT_EQ(actual->kind, expected.kind);
  EXPECT_DOUBLE_EQ(actual->a, expected.a);
  EXPECT_DOUBLE_EQ(actual->b, expected.b);
  EXPECT_EQ(actual->values, expected.values);
}

TEST(Scenario, EveryKey) {
  ScenarioLoad r = load_scenario_text(
      "name: flaky\n" + kInline +
      "seed: 7\n"
      "horizon: 2d\n"
      "firstDeployment: [prod]\n"
      "context: {environment: staging}\n"
      "secrets: {token: abc}\n"
      "timeouts: {webhookCallback: 1h, retryDelay: 250ms}\n"
      "policies: {unreachable: atTimeout, missingCallbackUri: ignore}\n"
      "deploy:\n"
      "  readyAfter: 1m\n"
      "  rollbackAfter: 0s\n"
      "  targets: {prod: {readyAfter: {uniform: {min: 2m, max: 40m}}}}\n"
      "webhooks:\n"
      "  default: {latency: 30s, outcome: success}\n"
      "  tests:\n"
      "    latency: {lognormal: {median: 20m, sigma: 0.5}}\n"
      "    outcome: {success: 0.90, failure: 0.05, noCallback: 0.03, unreachable: 0.02}\n"
      "    attemptFailure: 0.1\n"
      "    targets:\n"
      "      prod:\n"
      "        sequence:\n"
      "          - {result: failure, after: 10m}\n"
      "          - {result: success, after: 5m, failedAttempts: 2}\n"
      "          - noCallback\n"
      "approvals:\n"
      "  default: {after: 10m, decision: approve}\n"
      "  targets:\n"
      "    prod:\n"
      "      after: {exponential: {mean: 2h}}\n"
      "      decision: {approve: 0.9, reject: 0.05, never: 0.05}\n"
      "      sequence: [reject, {decision: never, after: 1h}]\n"
      "analysis:\n"
      "  queries:\n"
      "    cpu:\n"
      "      value: {normal: {mean: 50, stddev: 10}}\n"
      "      targets: {prod: {sequence: [40, 95, 97.5], value: {empirical: [1, 2]}}}\n"
      "faults:\n"
      "  agents:\n"
      "    rna-hooks: {down: [{from: 1h, to: 3h}, {from: 5000, to: 6000.5}]}\n"
      "expect:\n"
      "  pipeline: FAILED\n"
      "  finishedAt: 62m\n"
      "  targets:\n"
      "    staging: SUCCEEDED\n"
      "    prod: {status: FAILED, deployed: true, rolledBack: false, reason: WEBHOOK_FAILED,\n"
      "           causeTarget: prod, causePhase: afterDeployment, causeStep: runWebhook tests,\n"
      "           startedAt: 60.5, finishedAt: 3720s, weight: 100}\n"
      "  webhooks:\n"
      "    - {name: tests, target: prod, attempts: 1, result: FAILURE, calledAt: 61, finishedAt: "
      "661}\n"
      "    - {name: tests, target: prod, index: 1}\n");
  ASSERT_TRUE(r.scenario) << ::testing::PrintToString(errors(r.diagnostics));
  EXPECT_THAT(r.diagnostics.problems(), IsEmpty());
  const Scenario& s = *r.scenario;
  EXPECT_EQ(s.name, "flaky");
  EXPECT_EQ(s.source_file, kPath);
  EXPECT_EQ(s.deployment.source_file, kPath);
  EXPECT_EQ(s.deployment.targets.size(), 2u);
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(s.horizon, std::chrono::hours(48));
  EXPECT_FALSE(s.first_deployment_all);
  EXPECT_EQ(s.first_deployment_targets, std::vector<std::string>{"prod"});
  EXPECT_EQ(s.context.at("environment"), "staging");
  EXPECT_EQ(s.secrets.at("token"), "abc");
  EXPECT_EQ(s.webhook_callback_timeout, std::chrono::hours(1));
  EXPECT_EQ(s.retry_delay, Duration(250));
  EXPECT_EQ(s.unreachable, UnreachablePolicy::kAtTimeout);
  EXPECT_EQ(s.missing_callback_uri, MissingCallbackUriPolicy::kIgnore);

  using K = Distribution::Kind;
  expect_dist(s.deploy.defaults.ready_after, dist(K::kConstant, 60000));
  expect_dist(s.deploy.defaults.rollback_after, dist(K::kConstant, 0));
  expect_dist(s.deploy.targets.at("prod").ready_after, dist(K::kUniform, 120000, 2400000));
  EXPECT_FALSE(s.deploy.targets.at("prod").rollback_after);

  expect_dist(s.webhooks.defaults.latency, dist(K::kConstant, 30000));
  EXPECT_EQ(s.webhooks.defaults.outcome, (WebhookOutcomeMix{1, 0, 0, 0}));
  const WebhookModelEntry& tests = s.webhooks.by_name.at("tests");
  expect_dist(tests.base.latency, dist(K::kLognormal, 1200000, 0.5));
  EXPECT_EQ(tests.base.outcome, (WebhookOutcomeMix{0.90, 0.05, 0.03, 0.02}));
  EXPECT_EQ(tests.base.attempt_failure, 0.1);
  const auto& seq = *tests.targets.at("prod").sequence;
  ASSERT_EQ(seq.size(), 3u);
  EXPECT_EQ(seq[0].result, WebhookOutcome::kFailure);
  expect_dist(seq[0].after, dist(K::kConstant, 600000));
  EXPECT_EQ(seq[1].failed_attempts, 2);
  EXPECT_EQ(seq[2].result, WebhookOutcome::kNoCallback);
  EXPECT_FALSE(seq[2].after);

  expect_dist(s.approvals.defaults.after, dist(K::kConstant, 600000));
  EXPECT_EQ(s.approvals.defaults.decision, (DecisionMix{1, 0, 0}));
  const ApprovalModelLayer& prod_approval = s.approvals.targets.at("prod");
  expect_dist(prod_approval.after, dist(K::kExponential, 7200000));
  EXPECT_EQ(prod_approval.decision, (DecisionMix{0.9, 0.05, 0.05}));
  ASSERT_EQ(prod_approval.sequence->size(), 2u);
  EXPECT_EQ((*prod_approval.sequence)[0].decision, Decision::kReject);
  EXPECT_EQ((*prod_approval.sequence)[1].decision, Decision::kNever);
  expect_dist((*prod_approval.sequence)[1].after, dist(K::kConstant, 3600000));

  const QueryModelEntry& cpu = s.analysis.queries.at("cpu");
  expect_dist(cpu.base.value, dist(K::kNormal, 50, 10));
  EXPECT_EQ(*cpu.targets.at("prod").sequence, (std::vector<double>{40, 95, 97.5}));
  EXPECT_EQ(cpu.targets.at("prod").value->values, (std::vector<double>{1, 2}));

  const auto& down = s.agent_faults.at("rna-hooks").down;
  ASSERT_EQ(down.size(), 2u);
  EXPECT_EQ(down[0].from, std::chrono::hours(1));
  EXPECT_EQ(down[0].to, std::chrono::hours(3));
  EXPECT_EQ(down[1].to, Duration(6000500));

  const Expectation& e = s.expect;
  EXPECT_TRUE(e.present);
  EXPECT_EQ(e.pipeline, TargetStatus::kFailed);
  EXPECT_EQ(e.pipeline_finished_at, std::chrono::minutes(62));
  EXPECT_EQ(e.targets.at("staging").status, TargetStatus::kSucceeded);
  EXPECT_FALSE(e.targets.at("staging").reason);
  const TargetExpectation& prod = e.targets.at("prod");
  EXPECT_EQ(prod.status, TargetStatus::kFailed);
  EXPECT_EQ(prod.deployed, true);
  EXPECT_EQ(prod.rolled_back, false);
  EXPECT_EQ(prod.reason, Reason::kWebhookFailed);
  EXPECT_EQ(prod.cause_target, "prod");
  EXPECT_EQ(prod.cause_phase, Phase::kAfterDeployment);
  EXPECT_EQ(prod.cause_step, "runWebhook tests");
  EXPECT_EQ(prod.started_at, Duration(60500));
  EXPECT_EQ(prod.finished_at, std::chrono::seconds(3720));
  EXPECT_EQ(prod.weight, 100);
  ASSERT_EQ(e.webhooks.size(), 2u);
  EXPECT_EQ(e.webhooks[0].name, "tests");
  EXPECT_EQ(e.webhooks[0].index, 0);
  EXPECT_EQ(e.webhooks[0].attempts, 1);
  EXPECT_EQ(e.webhooks[0].result, WebhookResult::kFailure);
  EXPECT_EQ(e.webhooks[0].called_at, std::chrono::seconds(61));
  EXPECT_EQ(e.webhooks[1].index, 1);
  EXPECT_FALSE(e.webhooks[1].result);
}

TEST(Scenario, DefaultsAndRelativeDeploymentPath) {
  ScenarioLoad r = load_scenario_text("deployment: 02-docs-cdaas-sample-deploy-webhook.yml\n");
  ASSERT_TRUE(r.scenario) << ::testing::PrintToString(errors(r.diagnostics));
  const Scenario& s = *r.scenario;
  EXPECT_EQ(s.name, "s");
  EXPECT_EQ(s.deployment.source_file, data_path("02-docs-cdaas-sample-deploy-webhook.yml"));
  EXPECT_EQ(s.deployment.webhooks.at(0).retry_count, 1);
  EXPECT_EQ(s.seed, 1u);
  EXPECT_EQ(s.horizon, std::chrono::hours(24 * 30));
  EXPECT_EQ(s.webhook_callback_timeout, std::chrono::hours(24));
  EXPECT_EQ(s.retry_delay, std::chrono::seconds(10));
  EXPECT_EQ(s.unreachable, UnreachablePolicy::kImmediately);
  EXPECT_FALSE(s.expect.present);
  ScenarioLoad all = load_scenario_text(
      "deployment: 02-docs-cdaas-sample-deploy-webhook.yml\nfirstDeployment: true\n");
  EXPECT_TRUE(all.scenario->first_deployment_all);
}

TEST(Scenario, BareDeployFile) {
  Diagnostics d;
  std::string path = data_path("01-potato-facts-canary-bluegreen-analysis.yaml");
  auto s = load_scenario(path, LoadOptions{}, d);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->name, "01-potato-facts-canary-bluegreen-analysis");
  EXPECT_EQ(s->source_file, path);
  EXPECT_EQ(s->deployment.targets.size(), 4u);
  EXPECT_EQ(s->seed, 1u);
}

TEST(Scenario, MissingDeploymentFile) {
  ScenarioLoad r = load_scenario_text("deployment: ../nope/deploy.yml\n");
  EXPECT_FALSE(r.scenario);
  std::string resolved =
      (std::filesystem::path(kPath).parent_path().parent_path() / "nope/deploy.yml").string();
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre(kPath +
                          ":1:13: error: deployment: '../nope/deploy.yml' does not exist "
                          "(looked for '" +
                          resolved + "')"));
}

TEST(Scenario, ErrorsInTheDeploymentNameTheDeployFile) {
  ScenarioLoad r = load_scenario_text("deployment: 09-canary-sample-app-shorthand.yaml\n");
  EXPECT_FALSE(r.scenario);
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre(data_path("09-canary-sample-app-shorthand.yaml") +
                          ":17:11: error: placeholder '<your-app>' left in manifests[0].path"));
}

TEST(Scenario, UnknownNames) {
  ScenarioLoad r = load_scenario_text(kInline +
                                      "webhooks: {test: {latency: 1s}}\n"             // 18
                                      "deploy: {targets: {prd: {readyAfter: 1s}}}\n"  // 19
                                      "analysis: {queries: {mem: {value: 1}}}\n"      // 20
                                      "faults: {agents: {rna-prd: {down: []}}}\n"     // 21
                                      "expect: {targets: {stage: SUCCEEDED}}\n"       // 22
                                      "firstDeployment: [dev]\n");                    // 23
  EXPECT_FALSE(r.scenario);
  EXPECT_THAT(
      errors(r.diagnostics),
      ElementsAre(
          kPath + ":18:12: error: webhooks: 'test' names no webhook of the deployment (did you "
                  "mean 'tests'?)",
          kPath + ":19:20: error: deploy.targets: 'prd' names no target of the deployment (did "
                  "you mean 'prod'?)",
          kPath + ":20:22: error: analysis.queries: 'mem' names no query of the deployment",
          kPath + ":21:19: error: faults.agents: 'rna-prd' names no agent (no target account or "
                  "webhook agentIdentifier) (did you mean 'rna-prod'?)",
          kPath + ":22:20: error: expect.targets: 'stage' names no target of the deployment",
          kPath + ":23:19: error: firstDeployment: 'dev' names no target of the deployment"));
}

// Issue 12: an entry whose name is misspelt is still read, so what is wrong
// inside it is reported in the same pass (not only after the name is fixed).
TEST(Scenario, ErrorsInsideAMisspeltEntryInTheSamePass) {
  ScenarioLoad r = load_scenario_text(
      kInline +
      "webhooks: {test: {outcome: {success: 0.5}, targets: {prd: {latency: -1s}}}}\n"  // 18
      "deploy: {targets: {prd: {readyAfter: soon}}}\n"                                 // 19
      "analysis: {queries: {mem: {value: {normal: {mean: 1}}}}}\n"                     // 20
      "faults: {agents: {rna-prd: {down: [{from: 2h, to: 1h}]}}}\n"                    // 21
      "approvals: {targets: {prd: {decision: maybe}}}\n"                               // 22
      "expect: {targets: {stage: {status: DONE}}}\n");                                 // 23
  EXPECT_FALSE(r.scenario);
  EXPECT_THAT(
      errors(r.diagnostics),
      ElementsAre(
          kPath + ":18:12: error: webhooks: 'test' names no webhook of the deployment (did you "
                  "mean 'tests'?)",
          kPath + ":18:28: error: webhooks.test.outcome: probabilities sum to 0.5, expected 1",
          kPath + ":18:54: error: webhooks.test.targets: 'prd' names no target of the deployment "
                  "(did you mean 'prod'?)",
          kPath + ":18:69: error: webhooks.test.targets.prd.latency: negative duration '-1s'",
          kPath + ":19:20: error: deploy.targets: 'prd' names no target of the deployment (did "
                  "you mean 'prod'?)",
          kPath + ":19:38: error: deploy.targets.prd.readyAfter: expected a duration (250ms, 90s, "
                  "5m, 2h, 1d or a number of seconds), got 'soon'",
          kPath + ":20:22: error: analysis.queries: 'mem' names no query of the deployment",
          kPath + ":20:44: error: analysis.queries.mem.value.normal has no 'stddev'",
          kPath + ":21:19: error: faults.agents: 'rna-prd' names no agent (no target account or "
                  "webhook agentIdentifier) (did you mean 'rna-prod'?)",
          kPath + ":21:36: error: faults.agents.rna-prd.down item: 'to' must be after 'from'",
          kPath + ":22:23: error: approvals.targets: 'prd' names no target of the deployment (did "
                  "you mean 'prod'?)",
          kPath + ":22:39: error: approvals.targets.prd.decision: expected approve, reject or "
                  "never (or a mix), got 'maybe'",
          kPath + ":23:20: error: expect.targets: 'stage' names no target of the deployment",
          kPath + ":23:36: error: expect.targets.stage.status: expected one of SUCCEEDED, FAILED, "
                  "ROLLED_BACK, CANCELLED, SKIPPED, NOT_STARTED, RUNNING, PAUSED, "
                  "AWAITING_APPROVAL, got 'DONE'"));
}

TEST(Scenario, ProbabilitiesNegativeDurationsAndBadWords) {
  ScenarioLoad r =
      load_scenario_text(kInline +
                         "webhooks:\n"                                                        // 18
                         "  tests: {outcome: {success: 0.9, failure: 0.05}, latency: -5s}\n"  // 19
                         "  default: {outcome: sucess, attemptFailure: 1.5}\n"                // 20
                         "approvals: {default: {decision: {approve: 0.5, maybe: 0.5}}}\n"     // 21
                         "policies: {unreachable: never}\n"                                   // 22
                         "expect: {pipeline: FAIL, targets: {prod: {reason: TIMEOUT}}}\n"     // 23
                         "horizon: 1h 2m\n"                                                   // 24
                         "bogus: 1\n");                                                       // 25
  EXPECT_FALSE(r.scenario);
  EXPECT_THAT(
      errors(r.diagnostics),
      ElementsAre(
          kPath + ":19:20: error: webhooks.tests.outcome: probabilities sum to 0.95, expected 1",
          kPath + ":19:60: error: webhooks.tests.latency: negative duration '-5s'",
          kPath + ":20:22: error: webhooks.default.outcome: expected success, failure, "
                  "noCallback or unreachable (or a mix), got 'sucess' (did you mean 'success'?)",
          kPath + ":20:46: error: webhooks.default.attemptFailure: expected a probability in [0, "
                  "1], got 1.5",
          kPath + ":21:48: error: approvals.default.decision: unknown outcome 'maybe': expected "
                  "approve, reject or never",
          kPath + ":22:25: error: policies.unreachable: expected one of immediately, atTimeout, "
                  "got 'never'",
          kPath + ":23:20: error: expect.pipeline: expected one of SUCCEEDED, FAILED, "
                  "ROLLED_BACK, CANCELLED, SKIPPED, NOT_STARTED, RUNNING, PAUSED, "
                  "AWAITING_APPROVAL, got 'FAIL' (did you mean 'FAILED'?)",
          kPath + ":23:51: error: expect.targets.prod.reason: expected one of NONE, "
                  "WEBHOOK_FAILED, WEBHOOK_TIMEOUT, WEBHOOK_UNREACHABLE, ANALYSIS_FAILED, "
                  "APPROVAL_EXPIRED, APPROVAL_REJECTED, READINESS_TIMEOUT, UPSTREAM_FAILED, "
                  "HORIZON, got 'TIMEOUT'",
          kPath + ":24:10: error: horizon: expected a duration (250ms, 90s, 5m, 2h, 1d or a "
                  "number of seconds), got '1h 2m'",
          kPath + ":25:1: error: unknown key 'bogus' in the scenario file"));
}

TEST(Scenario, Distributions) {
  ScenarioLoad r =
      load_scenario_text(kInline +
                         "deploy:\n"
                         "  readyAfter: {empirical: [1s, 2m, 500ms]}\n"
                         "  rollbackAfter: {normal: {mean: 1m, stddev: 10s}}\n"
                         "analysis: {queries: {cpu: {value: {uniform: {min: -1, max: 2.5}}}}}\n");
  ASSERT_TRUE(r.scenario) << ::testing::PrintToString(errors(r.diagnostics));
  using K = Distribution::Kind;
  Distribution empirical = dist(K::kEmpirical, 0);
  empirical.values = {1000, 120000, 500};
  expect_dist(r.scenario->deploy.defaults.ready_after, empirical);
  expect_dist(r.scenario->deploy.defaults.rollback_after, dist(K::kNormal, 60000, 10000));
  expect_dist(r.scenario->analysis.queries.at("cpu").base.value, dist(K::kUniform, -1, 2.5));

  ScenarioLoad bad =
      load_scenario_text(kInline +
                         "deploy:\n"                                              // 18
                         "  readyAfter: {pareto: {k: 1}}\n"                       // 19
                         "  rollbackAfter: {uniform: {min: 5m, max: 1m}}\n"       // 20
                         "webhooks: {default: {latency: {exponential: {}}}}\n");  // 21
  EXPECT_THAT(
      errors(bad.diagnostics),
      ElementsAre(kPath + ":19:16: error: deploy.readyAfter: unknown distribution 'pareto': "
                          "expected exponential, uniform, normal, lognormal, gamma, weibull or "
                          "empirical",
                  kPath + ":20:28: error: deploy.rollbackAfter.uniform: min is above max",
                  kPath + ":21:45: error: webhooks.default.latency.exponential has no 'mean'"));
}

TEST(Scenario, StrictOnlyAffectsTheDeployFile) {
  std::string text =
      "deployment:\n"
      "  manifests: [{path: m}]\n"
      "  targets: {dev: {account: a, acount: b}}\n";
  ScenarioLoad lenient = load_scenario_text(text);
  EXPECT_TRUE(lenient.scenario);
  ScenarioLoad strict = load_scenario_text(text, true);
  EXPECT_THAT(errors(strict.diagnostics),
              ElementsAre(kPath + ":3:31: error: unknown key 'acount' in target 'dev' (did you "
                                  "mean 'account'?)"));
}

TEST(Scenario, StrictKeyAndExpectErrorExtensions) {
  std::string text =
      "strict: true\n"
      "deployment:\n"
      "  manifests: [{path: m}]\n"
      "  targets: {dev: {account: a, acount: b}}\n"
      "expect: {error: acount}\n";
  ScenarioLoad r = load_scenario_text(text);
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre(kPath + ":4:31: error: unknown key 'acount' in target 'dev' (did you "
                                  "mean 'account'?)"));
}

}  // namespace
}  // namespace deploysim
