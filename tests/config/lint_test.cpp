// Lint warnings: W8, unused webhooks, unprovided {{context.X}}, redundant dependsOn.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace deploysim {
namespace {

using testing::DeployLoad;
using ::testing::ElementsAre;
using testing::errors;
using ::testing::IsEmpty;
using testing::load_text;
using testing::warnings;

const std::string kHead =
    "manifests: [{path: m}]\n"               // 1
    "targets:\n"                             // 2
    "  dev:\n"                               // 3
    "    account: a\n"                       // 4
    "    constraints:\n"                     // 5
    "      afterDeployment:\n"               // 6
    "        - runWebhook: {name: hook}\n";  // 7

TEST(Lint, WebhookThatNeverSendsTheCallbackUri) {
  DeployLoad r = load_text(kHead +
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
    DeployLoad r = load_text(kHead + "webhooks:\n  - name: hook\n" + where);
    ASSERT_TRUE(r.deployment) << where;
    EXPECT_THAT(r.diagnostics.problems(), IsEmpty()) << where;
  }
  DeployLoad no_callback =
      load_text(kHead + "webhooks:\n  - {name: hook, uriTemplate: x, disableCallback: true}\n");
  EXPECT_THAT(no_callback.diagnostics.problems(), IsEmpty());
}

TEST(Lint, UnusedWebhook) {
  DeployLoad r = load_text(kHead +
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
  DeployLoad r = load_text(kHead + hooks);
  EXPECT_THAT(warnings(r.diagnostics),
              ElementsAre("t.yml:7:11: warning: {{context.env}} in webhook 'hook' is provided by "
                          "no context at this step (it renders empty)",
                          "t.yml:7:11: warning: {{context.team}} in webhook 'hook' is provided by "
                          "no context at this step (it renders empty)"));
  // The deploy-file context and the step context provide them.
  DeployLoad provided = load_text("context: {env: prod}\n" + kHead.substr(0, kHead.size() - 2) +
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

}  // namespace
}  // namespace deploysim
