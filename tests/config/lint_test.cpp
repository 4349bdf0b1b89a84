// Lint warnings: W8, unused webhooks, unprovided {{context.X}}, redundant dependsOn.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "test_util.hpp"

namespace deploysim {
namespace {

using testing::DeployLoad;
using ::testing::ElementsAre;
using testing::errors;
using ::testing::IsEmpty;
using testing::load_scenario_text;
using testing::load_text;
using testing::ScenarioLoad;
using testing::warnings;

const std::string kLintHead =
    "manifests: [{path: m}]\n"               // 1
    "targets:\n"                             // 2
    "  dev:\n"                               // 3
    "    account: a\n"                       // 4
    "    constraints:\n"                     // 5
    "      afterDeployment:\n"               // 6
    "        - runWebhook: {name: hook}\n";  // 7

TEST(Lint, WebhookThatNeverSendsTheCallbackUri) {
  DeployLoad r = load_text(kLintHead +
                           "webhooks:\n"
                           "  - name: hook\n"
                           "    uriTemplate: https://example.com/run\n"
                           "    bodyTemplate: {inline: '{\"cb\": \"{{armory.callback}}\"}'}\n");
  ASSERT_TRUE(r.deployment);
  EXPECT_THAT(warnings(r.diagnostics),
              ElementsAre("t.yml:9:5: warning: webhook 'hook' never sends "
                          "{{armory.callbackUri}}: it can never be called back, every call will "
                          "time out (W8)"));
}

TEST(Lint, CallbackUriAnywhereWithSpacesIsFine) {
  for (const char* where :
       {"    uriTemplate: 'https://x/?cb={{ armory.callbackUri }}'\n",
        "    uriTemplate: https://x\n    headers: [{key: cb, value: '{{\tarmory.callbackUri}}'}]\n",
        "    uriTemplate: https://x\n    bodyTemplate: {inline: '{{armory.callbackUri  }}'}\n"}) {
    DeployLoad r = load_text(kLintHead + "webhooks:\n  - name: hook\n" + where);
    ASSERT_TRUE(r.deployment) << where;
    EXPECT_THAT(r.diagnostics.problems(), IsEmpty()) << where;
  }
  DeployLoad no_callback =
      load_text(kLintHead + "webhooks:\n  - {name: hook, uriTemplate: x, disableCallback: true}\n");
  EXPECT_THAT(no_callback.diagnostics.problems(), IsEmpty());
}

TEST(Lint, UnusedWebhook) {
  DeployLoad r = load_text(kLintHead +
                           "webhooks:\n"
                           "  - {name: hook, uriTemplate: '{{armory.callbackUri}}'}\n"
                           "  - {name: spare, uriTemplate: '{{armory.callbackUri}}'}\n");
  EXPECT_THAT(warnings(r.diagnostics),
              ElementsAre("t.yml:10:5: warning: webhook 'spare' is defined but never used"));
}

TEST(Lint, ContextVariableWithoutASource) {
  const std::string hooks =
      "webhooks:\n"
      "  - name: hook\n"
      "    uriTemplate: 'https://x/{{context.env}}/{{ context.team }}?cb={{armory.callbackUri}}'\n";
  DeployLoad r = load_text(kLintHead + hooks);
  EXPECT_THAT(warnings(r.diagnostics),
              ElementsAre("t.yml:7:11: warning: {{context.env}} in webhook 'hook' is provided by "
                          "no context at this step (it renders empty)",
                          "t.yml:7:11: warning: {{context.team}} in webhook 'hook' is provided by "
                          "no context at this step (it renders empty)"));
  // The deploy-file context and the step context provide them.
  DeployLoad provided =
      load_text("context: {env: prod}\n" + kLintHead.substr(0, kLintHead.size() - 2) +
                ", context: {team: a}}\n" + hooks);
  EXPECT_THAT(provided.diagnostics.problems(), IsEmpty());
}

TEST(Lint, ContextVariableInAQuery) {
  DeployLoad r = load_text(
      "manifests: [{path: m}]\n"
      "targets:\n"
      "  dev:\n"
      "    account: a\n"
      "    constraints:\n"
      "      afterDeployment:\n"
      "        - analysis: {queries: [cpu], context: {app: x}}\n"
      "        - analysis: {queries: [cpu]}\n"
      "analysis:\n"
      "  defaultMetricProviderName: p\n"
      "  queries: [{name: cpu, queryTemplate: 'avg{app=\"{{context.app}}\"}', upperLimit: 1}]\n");
  EXPECT_THAT(warnings(r.diagnostics),
              ElementsAre("t.yml:8:11: warning: {{context.app}} in query 'cpu' is provided by no "
                          "context at this step (it renders empty)"));
}

TEST(Lint, RedundantDependsOn) {
  DeployLoad r = load_text(
      "manifests: [{path: m}]\n"
      "targets:\n"
      "  dev: {account: a}\n"
      "  staging: {account: a, constraints: {dependsOn: [dev]}}\n"
      "  prod: {account: a, constraints: {dependsOn: [dev, staging]}}\n");
  ASSERT_TRUE(r.deployment);
  EXPECT_THAT(warnings(r.diagnostics),
              ElementsAre("t.yml:5:48: warning: prod dependsOn 'dev' is implied by 'staging'"));
}

TEST(Lint, DuplicateDependsOnEntry) {
  DeployLoad r = load_text(
      "manifests: [{path: m}]\n"
      "targets:\n"
      "  dev: {account: a}\n"
      "  prod: {account: a, constraints: {dependsOn: [dev, dev]}}\n");
  EXPECT_THAT(warnings(r.diagnostics),
              ElementsAre("t.yml:4:53: warning: target 'prod' lists dependsOn 'dev' twice"));
}

// W2: a secret the scenario does not give: one warning per secret, at its
// first use, naming every template that uses it; a scenario secret is known.
TEST(Lint, UnknownSecrets) {
  const std::string hooks =
      "webhooks:\n"
      "  - name: hook\n"
      "    uriTemplate: 'https://x/{{secrets.token}}?cb={{armory.callbackUri}}'\n"
      "    headers: [{key: A, value: '{{ secrets.other }}'}]\n"
      "  - name: spare\n"
      "    uriTemplate: 'https://y/{{secrets.token}}?cb={{armory.callbackUri}}'\n"
      "analysis:\n"
      "  defaultMetricProviderName: p\n"
      "  queries: [{name: cpu, queryTemplate: 'avg{k=\"{{secrets.token}}\"}', upperLimit: 1}]\n";
  DeployLoad r = load_text(kLintHead + hooks);
  EXPECT_THAT(warnings(r.diagnostics),
              ElementsAre("t.yml:9:5: warning: {{secrets.other}} is not among the scenario's "
                          "secrets: it renders empty (used by webhook 'hook')",
                          "t.yml:9:5: warning: {{secrets.token}} is not among the scenario's "
                          "secrets: it renders empty (used by webhook 'hook', webhook 'spare', "
                          "query 'cpu')",
                          "t.yml:12:5: warning: webhook 'spare' is defined but never used"));
  // The same file inline in a scenario that gives both secrets: no warning.
  std::string inline_file = "deployment:\n";
  std::istringstream lines(kLintHead + hooks);
  for (std::string line; std::getline(lines, line);) inline_file += "  " + line + "\n";
  ScenarioLoad scenario = load_scenario_text(inline_file + "secrets: {token: t, other: o}\n");
  ASSERT_TRUE(scenario.scenario) << ::testing::PrintToString(errors(scenario.diagnostics));
  for (const std::string& w : warnings(scenario.diagnostics)) {
    EXPECT_EQ(w.find("secrets."), std::string::npos) << w;
  }
}

// W8: the legacy ${callbackUri}: the warning says so and shows the right
// spelling; strict mode refuses it.
TEST(Lint, LegacyCallbackUri) {
  const std::string text = kLintHead +
                           "webhooks:\n"
                           "  - name: hook\n"
                           "    uriTemplate: https://x\n"
                           "    bodyTemplate: {inline: '{\"cb\": \"${ callbackUri }\"}'}\n";
  const std::string message =
      "t.yml:9:5: %s: webhook 'hook' sends the legacy ${callbackUri}, which is never filled in: "
      "write {{armory.callbackUri}} instead; as written it can never be called back, every call "
      "will time out (W8)";
  auto with = [&](const std::string& severity) {
    std::string m = message;
    m.replace(m.find("%s"), 2, severity);
    return m;
  };
  DeployLoad lenient = load_text(text);
  ASSERT_TRUE(lenient.deployment);
  EXPECT_THAT(warnings(lenient.diagnostics), ElementsAre(with("warning")));
  DeployLoad strict = load_text(text, true);
  EXPECT_FALSE(strict.deployment);
  EXPECT_THAT(errors(strict.diagnostics), ElementsAre(with("error")));
}

// A6: a manual roll mode in afterDeployment has no effect; the load says so.
TEST(Lint, ManualRollModeInAfterDeployment) {
  DeployLoad r = load_text(
      "manifests: [{path: m}]\n"
      "targets:\n"
      "  dev:\n"
      "    account: a\n"
      "    constraints:\n"
      "      afterDeployment:\n"
      "        - analysis: {queries: [cpu], rollBackMode: manual, rollForwardMode: MANUAL}\n"
      "analysis:\n"
      "  defaultMetricProviderName: p\n"
      "  queries: [{name: cpu, queryTemplate: q, upperLimit: 1}]\n");
  ASSERT_TRUE(r.deployment);
  const std::string tail =
      ": manual has no effect in afterDeployment (A6): a failed analysis there fails the target "
      "without a rollback, a passed one goes on without asking anyone";
  EXPECT_THAT(warnings(r.diagnostics), ElementsAre("t.yml:7:52: warning: rollBackMode" + tail,
                                                   "t.yml:7:77: warning: rollForwardMode" + tail));
}

// Issue 20: templates and paths of any length are scanned without recursion
// (std::regex overflowed the stack at 40-80 KB); messages quote an excerpt.
TEST(Lint, LongTemplatesAndPathsAreScannedInLinearTime) {
  const std::string name(1'000'000, 'a');
  DeployLoad r = load_text("manifests: [{path: 'x<" + name +
                           ">'}]\n"
                           "targets:\n"
                           "  dev:\n"
                           "    account: a\n"
                           "    constraints: {afterDeployment: [{runWebhook: {name: hook}}]}\n"
                           "webhooks:\n"
                           "  - {name: hook, uriTemplate: '{{context." +
                           name + "}} {{ " + std::string(500'000, ' ') +
                           "armory.callbackUri }}', headers: [{key: k, value: '${" +
                           std::string(500'000, ' ') + "'}]}\n");
  EXPECT_THAT(
      errors(r.diagnostics),
      ElementsAre("t.yml:1:20: error: placeholder '<aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' "
                  "left in manifests[0].path"));
  EXPECT_THAT(
      warnings(r.diagnostics),
      ElementsAre("t.yml:5:37: warning: {{context.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...}} "
                  "in webhook 'hook' is provided by no context at this step (it renders "
                  "empty)"));
}

}  // namespace
}  // namespace deploysim
