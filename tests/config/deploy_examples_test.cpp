// The published example deploy files of tests/data (armory-reference §14).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace deploysim {
namespace {

using testing::data_path;
using ::testing::ElementsAre;
using testing::errors;
using testing::warnings;

struct FileLoad {
  std::optional<Deployment> deployment;
  Diagnostics diagnostics;
  std::string path;
};

FileLoad load_file(const std::string& name, bool strict = false) {
  FileLoad r;
  r.path = data_path(name);
  r.deployment = load_deployment(r.path, LoadOptions{strict}, r.diagnostics);
  return r;
}

std::vector<std::string> depends_on_names(const Deployment& d, const std::string& target) {
  std::vector<std::string> out;
  const Target& t = d.targets[static_cast<std::size_t>(d.find_target(target))];
  for (int i : t.depends_on_indices) out.push_back(d.targets[static_cast<std::size_t>(i)].name);
  return out;
}

TEST(DeployExamples, PotatoFactsLoadsWithItsGraph) {
  FileLoad r = load_file("01-potato-facts-canary-bluegreen-analysis.yaml");
  ASSERT_TRUE(r.deployment) << ::testing::PrintToString(errors(r.diagnostics));
  EXPECT_TRUE(r.diagnostics.problems().empty());
  const Deployment& d = *r.deployment;
  EXPECT_EQ(d.source_file, r.path);
  EXPECT_EQ(d.application, "potato-facts");
  ASSERT_EQ(d.targets.size(), 4u);
  EXPECT_EQ(d.targets[0].name, "dev");
  EXPECT_TRUE(d.targets[0].depends_on_indices.empty());
  EXPECT_EQ(depends_on_names(d, "staging"), std::vector<std::string>{"dev"});
  EXPECT_EQ(depends_on_names(d, "prod-us"), std::vector<std::string>{"staging"});
  EXPECT_EQ(depends_on_names(d, "prod-eu"), std::vector<std::string>{"staging"});
  const Target& prod_us = d.targets[2];
  EXPECT_EQ(prod_us.strategy_index, d.find_strategy("mycanary"));
  ASSERT_EQ(prod_us.constraints.before_deployment.size(), 1u);
  EXPECT_TRUE(std::get<PauseStep>(prod_us.constraints.before_deployment[0].action).until_approved);
  EXPECT_EQ(prod_us.constraints.before_deployment[0].location.line, 28);
  EXPECT_EQ(prod_us.constraints.before_deployment[0].location.column,
            11);  // the item mapping starts at "pause"

  const auto& canary = std::get<CanaryStrategy>(d.strategies[0].kind);
  ASSERT_EQ(canary.steps.size(), 5u);
  EXPECT_EQ(std::get<SetWeightStep>(canary.steps[0].action).weight, 25);
  const auto& analysis = std::get<AnalysisStep>(canary.steps[3].action);
  EXPECT_EQ(analysis.interval, 7);
  EXPECT_EQ(analysis.units, TimeUnit::kSeconds);
  EXPECT_EQ(analysis.number_of_judgment_runs, 3);
  EXPECT_EQ(analysis.roll_back_mode, RollMode::kManual);
  EXPECT_EQ(analysis.roll_forward_mode, RollMode::kManual);
  EXPECT_EQ(analysis.interval_duration, std::chrono::seconds(7));
  EXPECT_EQ(analysis.query_indices,
            (std::vector<int>{d.find_query("avgCPUUsage-fail"), d.find_query("avgCPUUsage-pass")}));
  EXPECT_EQ(d.analysis.default_metric_provider_name, "Demo-Prometheus");
  EXPECT_EQ(d.analysis.queries[2].upper_limit, 1.0);

  const auto& bg = std::get<BlueGreenStrategy>(d.strategies[2].kind);
  EXPECT_EQ(bg.active_service, "potato-facts-external");
  EXPECT_EQ(bg.redirect_traffic_after.size(), 1u);
  EXPECT_EQ(bg.shut_down_old_version_after.size(), 1u);
  ASSERT_EQ(d.manifests.size(), 2u);
  EXPECT_FALSE(d.manifests[0].targets);
  EXPECT_EQ(*d.manifests[1].targets, (std::vector<std::string>{"prod-us", "prod-eu"}));
  EXPECT_EQ(d.deployment_config.timeout, std::chrono::minutes(30));
}

TEST(DeployExamples, SampleWebhookLoads) {
  FileLoad r = load_file("02-docs-cdaas-sample-deploy-webhook.yml");
  ASSERT_TRUE(r.deployment);
  // W2: read alone, the file has no scenario to give its secret.
  auto unknown_secret = [&](const std::string& name) {
    return r.path + ":95:5: warning: {{secrets." + name +
           "}} is not among the scenario's secrets: it renders empty (used by webhook "
           "'basicPing')";
  };
  EXPECT_THAT(warnings(r.diagnostics), ElementsAre(unknown_secret("github_org"),
                                                   unknown_secret("github_personal_access_token"),
                                                   unknown_secret("github_repo")));
  const Deployment& d = *r.deployment;
  ASSERT_EQ(d.webhooks.size(), 1u);
  const Webhook& w = d.webhooks[0];
  EXPECT_EQ(w.name, "basicPing");
  EXPECT_EQ(w.method, "POST");
  EXPECT_EQ(w.retry_count, 1);
  EXPECT_FALSE(w.disable_callback);
  EXPECT_EQ(w.network_mode, NetworkMode::kDirect);
  ASSERT_EQ(w.headers.size(), 2u);
  EXPECT_EQ(w.headers[0].key, "Authorization");
  EXPECT_EQ(w.headers[0].value, "token {{secrets.github_personal_access_token}}");
  ASSERT_TRUE(w.body_template);
  EXPECT_NE(w.body_template->find("{{armory.callbackUri}}/callback"), std::string::npos);
  const Target& staging = d.targets[1];
  ASSERT_EQ(staging.constraints.after_deployment.size(), 1u);
  EXPECT_EQ(std::get<WebhookStep>(staging.constraints.after_deployment[0].action).webhook, 0);
  const auto& canary = std::get<CanaryStrategy>(d.strategies[0].kind);
  EXPECT_EQ(std::get<PauseStep>(canary.steps[1].action).duration, std::chrono::seconds(10));
  const auto& bg = std::get<BlueGreenStrategy>(d.strategies[2].kind);
  EXPECT_EQ(std::get<PauseStep>(bg.shut_down_old_version_after[0].action).duration,
            std::chrono::seconds(15));
}

TEST(DeployExamples, SampleLoadsWithEmptyBeforeDeployment) {
  FileLoad r = load_file("03-docs-cdaas-sample-deploy.yml");
  ASSERT_TRUE(r.deployment);
  EXPECT_TRUE(r.diagnostics.problems().empty());
  EXPECT_TRUE(r.deployment->targets[1].constraints.before_deployment.empty());
  EXPECT_EQ(r.deployment->targets.size(), 4u);
}

TEST(DeployExamples, BorealisLoadsWithOneUnusedWebhookWarning) {
  FileLoad r = load_file("13-borealis-demo-full.yml");
  ASSERT_TRUE(r.deployment) << ::testing::PrintToString(errors(r.diagnostics));
  // W2: read alone, the file has no scenario to give its secrets: one
  // warning per secret, at its first use.
  EXPECT_THAT(
      warnings(r.diagnostics),
      ElementsAre(r.path + ":250:5: warning: {{secrets.github_org}} is not among the scenario's "
                           "secrets: it renders empty (used by webhook 'Check_Logs', webhook "
                           "'Security_Scanners', webhook 'Integration_Tests')",
                  r.path + ":250:5: warning: {{secrets.github_repository}} is not among the "
                           "scenario's secrets: it renders empty (used by webhook 'Check_Logs', "
                           "webhook 'Security_Scanners', webhook 'Integration_Tests')",
                  r.path + ":250:5: warning: {{secrets.github_token}} is not among the "
                           "scenario's secrets: it renders empty (used by webhook 'Check_Logs', "
                           "webhook 'Security_Scanners', webhook 'Integration_Tests')",
                  r.path + ":295:5: warning: {{secrets.slackwebhookURL}} is not among the "
                           "scenario's secrets: it renders empty (used by webhook "
                           "'Send_Slack_Deployment_Starting', webhook "
                           "'Send_Slack_Deployment_Complete', webhook "
                           "'Send_Slack_Deployment_Approval_Required')",
                  r.path + ":295:5: warning: webhook 'Send_Slack_Deployment_Starting' is defined "
                           "but never used"));
  const Deployment& d = *r.deployment;
  EXPECT_EQ(d.targets.size(), 7u);
  EXPECT_EQ(depends_on_names(d, "prod-eu (blue-green)"),
            (std::vector<std::string>{"infosec", "staging"}));
  EXPECT_TRUE(d.deployment_config.keep_deployment_object);
  const Webhook& slack =
      d.webhooks[static_cast<std::size_t>(d.find_webhook("Send_Slack_Deployment_Complete"))];
  EXPECT_TRUE(slack.disable_callback);
  EXPECT_EQ(slack.retry_count, 3);
  const auto& canary = std::get<CanaryStrategy>(d.strategies[1].kind);
  const auto& expose = std::get<ExposeServicesStep>(canary.steps[0].action);
  EXPECT_EQ(expose.ttl, std::chrono::minutes(30));
  const auto& analysis = std::get<AnalysisStep>(canary.steps[2].action);
  EXPECT_EQ(analysis.lookback_method, LookbackMethod::kGrowing);
  ASSERT_EQ(d.traffic_management.size(), 3u);
  EXPECT_EQ(d.traffic_management[0].smi.size(), 2u);
  EXPECT_EQ(d.traffic_management[2].istio[0].destination_rule_name, "potato-facts");
  EXPECT_EQ(d.analysis.queries[0].upper_limit, 10000.1);
}

TEST(DeployExamples, LambdaCanaryWarnsAboutScalarSetWeight) {
  FileLoad r = load_file("10-lambda-canary-trafficsplit.yaml");
  ASSERT_TRUE(r.deployment);
  EXPECT_THAT(
      warnings(r.diagnostics),
      ElementsAre(r.path + ":22:22: warning: 'setWeight: 10' is a docs shorthand; the schema "
                           "form is 'setWeight: {weight: 10}'",
                  r.path + ":25:22: warning: 'setWeight: 20' is a docs shorthand; the schema "
                           "form is 'setWeight: {weight: 20}'",
                  r.path + ":28:22: warning: 'setWeight: 100' is a docs shorthand; the schema "
                           "form is 'setWeight: {weight: 100}'"));
  const Deployment& d = *r.deployment;
  EXPECT_EQ(d.kind, DeploymentKind::kLambda);
  EXPECT_EQ(d.deployment_config.timeout, std::chrono::minutes(10));
  const auto& canary = std::get<CanaryStrategy>(d.strategies[0].kind);
  EXPECT_EQ(std::get<SetWeightStep>(canary.steps[2].action).weight, 20);
  EXPECT_EQ(d.artifacts.at(0).function_name, "just-sweet-potatoes");
  EXPECT_EQ(d.lambda_provider_options.at(0).runtime, "nodejs18.x");
}

TEST(DeployExamples, LambdaScalarSetWeightIsAnErrorWhenStrict) {
  FileLoad r = load_file("10-lambda-canary-trafficsplit.yaml", /*strict=*/true);
  EXPECT_FALSE(r.deployment);
  EXPECT_EQ(errors(r.diagnostics).size(), 3u);
}

TEST(DeployExamples, BasicCanaryHasNoManifests) {
  FileLoad r = load_file("04-basic-canary-strategies.yaml");
  EXPECT_FALSE(r.deployment);
  EXPECT_THAT(
      errors(r.diagnostics),
      ElementsAre(r.path + ":4:1: error: no 'manifests': a kubernetes deploy file needs at least "
                           "one (the schema requires it)"));
}

TEST(DeployExamples, TargetsFragmentsSayWhatIsMissing) {
  FileLoad r = load_file("05-targets-k8s-dag-fragment.yaml");
  EXPECT_FALSE(r.deployment);
  const std::string p = r.path;
  EXPECT_THAT(
      errors(r.diagnostics),
      ElementsAre(
          p + ":5:1: error: no 'manifests': a kubernetes deploy file needs at least one (the "
              "schema requires it)",
          p + ":9:15: error: strategy 'rolling' names no strategy (the file has no 'strategies')",
          p + ":15:19: error: runWebhook 'Security_Scanners' names no webhook",
          p + ":19:15: error: strategy 'rolling' names no strategy (the file has no 'strategies')",
          p + ":25:19: error: runWebhook 'Integration_Tests' names no webhook",
          p + ":29:15: error: strategy 'rolling' names no strategy (the file has no 'strategies')",
          p + ":39:19: error: runWebhook 'Send_Slack_Deployment_Approval_Required' names no "
              "webhook",
          p + ":42:13: error: analysis step, but the deploy file has no top-level 'analysis' "
              "block",
          p + ":50:19: error: runWebhook 'Send_Slack_Deployment_Complete' names no webhook",
          p + ":55:15: error: strategy 'mycanary' names no strategy (the file has no "
              "'strategies')"));

  FileLoad lambda = load_file("06-targets-lambda-single-account-fragment.yaml");
  EXPECT_FALSE(lambda.deployment);
  const std::string q = lambda.path;
  EXPECT_THAT(
      errors(lambda.diagnostics),
      ElementsAre(
          q + ":4:1: error: no 'manifests': a kubernetes deploy file needs at least one (the "
              "schema requires it)",
          q + ":12:15: error: strategy 'allAtOnce' names no strategy (the file has no "
              "'strategies')",
          q + ":20:15: error: strategy 'allAtOnce' names no strategy (the file has no "
              "'strategies')",
          q + ":26:19: error: runWebhook 'Send_Slack_Deployment_Approval_Required' names no "
              "webhook",
          q + ":29:19: error: runWebhook 'Integration_Tests' names no webhook",
          q + ":34:15: error: strategy 'allAtOnce' names no strategy (the file has no "
              "'strategies')"));
}

// As published, 07 has no kind/strategies/webhooks blocks. Leniently it loads:
// kind is read from its lambda blocks, targets deploy at once (K7) and its
// webhooks are simulated from the scenario; strictly each omission is an error.
TEST(DeployExamples, LambdaMultiAccountLoadsLenientlyAsAnExcerpt) {
  FileLoad r = load_file("07-lambda-multi-account-dag.yaml");
  ASSERT_TRUE(r.deployment) << ::testing::PrintToString(errors(r.diagnostics));
  const Deployment& d = *r.deployment;
  EXPECT_EQ(d.kind, DeploymentKind::kLambda);
  EXPECT_EQ(depends_on_names(d, "Prod-West-2"),
            (std::vector<std::string>{"Staging", "Audit", "ITSec"}));
  EXPECT_EQ(d.targets[0].strategy_index, -1);
  ASSERT_EQ(d.webhooks.size(), 4u);
  EXPECT_EQ(d.webhooks[0].name, "Integration-Tests");
  std::vector<std::string> w = warnings(r.diagnostics);
  ASSERT_EQ(w.size(), 10u);
  EXPECT_EQ(w[0], r.path +
                      ":4:1: warning: no 'kind': the file has lambda blocks (artifacts, "
                      "providerOptions), so it is read as kind: lambda");
  EXPECT_EQ(w[1], r.path +
                      ":9:15: warning: strategy 'rollingDeployment': the file has no "
                      "'strategies'; the target deploys 100% at once (K7)");
  EXPECT_EQ(w[3], r.path +
                      ":20:19: warning: runWebhook 'Integration-Tests': the file has no "
                      "'webhooks'; it is simulated as a callback webhook with the scenario's "
                      "model");

  FileLoad strict = load_file("07-lambda-multi-account-dag.yaml", /*strict=*/true);
  EXPECT_FALSE(strict.deployment);
  EXPECT_EQ(errors(strict.diagnostics).size(), 10u);
}

TEST(DeployExamples, WebhookAndStrategyFragmentsHaveNoTargets) {
  for (const char* name : {"11-webhook-github-fragment.yaml",
                           "12-bluegreen-parallel-analysis-webhook-fragment.yaml"}) {
    FileLoad r = load_file(name);
    EXPECT_FALSE(r.deployment);
    EXPECT_THAT(
        errors(r.diagnostics),
        ElementsAre(r.path + ":4:1: error: no 'targets': this looks like a fragment, not a deploy "
                             "file"));
  }
}

TEST(DeployExamples, BlueGreenSampleHasAPlaceholderAndQuirks) {
  FileLoad r = load_file("08-bluegreen-sample-app.yaml");
  EXPECT_FALSE(r.deployment);
  EXPECT_THAT(
      errors(r.diagnostics),
      ElementsAre(r.path + ":17:11: error: placeholder '<your-app>' left in manifests[0].path"));
  EXPECT_THAT(
      warnings(r.diagnostics),
      ElementsAre(
          r.path + ":28:13: warning: 'approvalDuration' is a docs spelling of 'approvalExpiration'",
          r.path +
              ":32:5: warning: trafficManagement: expected a list; a single mapping is read as "
              "one entry"));

  FileLoad strict = load_file("08-bluegreen-sample-app.yaml", /*strict=*/true);
  EXPECT_THAT(
      errors(strict.diagnostics),
      ElementsAre(
          r.path + ":17:11: error: placeholder '<your-app>' left in manifests[0].path",
          r.path + ":28:13: error: 'approvalDuration' is a docs spelling of 'approvalExpiration'",
          r.path +
              ":32:5: error: trafficManagement: expected a list; a single mapping is read as one "
              "entry"));
}

TEST(DeployExamples, CanaryShorthandHasAPlaceholderAndStrictRejectsTheShorthand) {
  FileLoad r = load_file("09-canary-sample-app-shorthand.yaml");
  EXPECT_FALSE(r.deployment);
  EXPECT_THAT(
      errors(r.diagnostics),
      ElementsAre(r.path + ":17:11: error: placeholder '<your-app>' left in manifests[0].path"));
  EXPECT_EQ(warnings(r.diagnostics).size(), 3u);

  FileLoad strict = load_file("09-canary-sample-app-shorthand.yaml", /*strict=*/true);
  std::vector<std::string> e = errors(strict.diagnostics);
  ASSERT_EQ(e.size(), 4u);
  EXPECT_EQ(e[1], r.path +
                      ":22:22: error: 'setWeight: 10' is a docs shorthand; the schema form is "
                      "'setWeight: {weight: 10}'");
}

// Issue 12: real-shaped files the real service accepts. Lenient mode loads
// them with a warning for each quirk; strict mode refuses each with
// FILE:LINE:COL.
TEST(DeployExamples, DemoWithAManifestForAMissingTargetAndADuplicateWebhookLoadsLeniently) {
  FileLoad r = load_file("14-demo-manifest-missing-target-duplicate-webhook.yml");
  ASSERT_TRUE(r.deployment) << ::testing::PrintToString(errors(r.diagnostics));
  EXPECT_THAT(
      warnings(r.diagnostics),
      ElementsAre(r.path + ":37:21: warning: manifests[1].targets: 'prod-eu' names no target; the "
                           "manifest is not deployed there",
                  r.path + ":65:5: warning: {{secrets.slack_webhook}} is not among the "
                           "scenario's secrets: it renders empty (used by webhook "
                           "'Send_Slack_Deployment_Complete')",
                  r.path + ":65:11: warning: duplicate webhook name "
                           "'Send_Slack_Deployment_Complete': defined on lines 55 and 65; the "
                           "definition on line 65 wins (W1)"));
  const Deployment& d = *r.deployment;
  // The unknown name is left out; the last definition took the first one's place.
  EXPECT_EQ(d.manifests[1].targets, (std::vector<std::string>{"prod"}));
  ASSERT_EQ(d.webhooks.size(), 1u);
  ASSERT_TRUE(d.webhooks[0].body_template);
  EXPECT_NE(d.webhooks[0].body_template->find("(#releases)"), std::string::npos);
  EXPECT_EQ(d.webhooks[0].location.line, 65);
}

TEST(DeployExamples, DemoWithAManifestForAMissingTargetAndADuplicateWebhookIsRefusedStrictly) {
  FileLoad r = load_file("14-demo-manifest-missing-target-duplicate-webhook.yml", true);
  EXPECT_FALSE(r.deployment);
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre(r.path + ":37:21: error: manifests[1].targets: 'prod-eu' names no target",
                          r.path + ":65:11: error: duplicate webhook name "
                                   "'Send_Slack_Deployment_Complete' (first defined on line 55)"));
}

TEST(DeployExamples, CliFixtureWithTheLegacyCallbackUriWarnsAndShowsTheRightSpelling) {
  const std::string message =
      ":28:5: %s: webhook 'gate' sends the legacy ${callbackUri}, which is never filled in: "
      "write {{armory.callbackUri}} instead; as written it can never be called back, every call "
      "will time out (W8)";
  auto with = [&](const std::string& severity) {
    std::string m = message;
    m.replace(m.find("%s"), 2, severity);
    return m;
  };
  FileLoad lenient = load_file("15-cli-fixture-legacy-callback-uri.yml");
  ASSERT_TRUE(lenient.deployment) << ::testing::PrintToString(errors(lenient.diagnostics));
  EXPECT_THAT(warnings(lenient.diagnostics), ElementsAre(lenient.path + with("warning")));
  FileLoad strict = load_file("15-cli-fixture-legacy-callback-uri.yml", true);
  EXPECT_FALSE(strict.deployment);
  EXPECT_THAT(errors(strict.diagnostics), ElementsAre(strict.path + with("error")));
}

}  // namespace
}  // namespace deploysim
