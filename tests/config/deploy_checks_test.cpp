// One test per check of the deploy-file loader (armory-reference §10,
// SEMANTICS D1, W1, A2, C6, §12 quirks), with exact text, line and column.

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

// A valid file; tests append blocks to it (line 6 onwards).
const std::string kHead =
    "manifests:\n"       // 1
    "  - path: m.yml\n"  // 2
    "targets:\n"         // 3
    "  dev:\n"           // 4
    "    account: a\n";  // 5

TEST(DeployChecks, MinimalFileLoadsWithDefaults) {
  DeployLoad r = load_text(kHead);
  ASSERT_TRUE(r.deployment);
  EXPECT_THAT(r.diagnostics.problems(), IsEmpty());
  const Deployment& d = *r.deployment;
  EXPECT_EQ(d.version, "v1");
  EXPECT_EQ(d.kind, DeploymentKind::kKubernetes);
  EXPECT_EQ(d.source_file, "t.yml");
  EXPECT_EQ(d.targets[0].strategy_index, -1);
  EXPECT_EQ(d.targets[0].location.line, 4);
  EXPECT_EQ(d.targets[0].location.column, 3);
}

TEST(DeployChecks, EmptyTargets) {
  DeployLoad r = load_text("manifests: [{path: m}]\ntargets: {}\n");
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre("t.yml:2:10: error: targets: expected at least one target"));
}

TEST(DeployChecks, MissingAccount) {
  DeployLoad r = load_text("manifests: [{path: m}]\ntargets:\n  prod:\n    namespace: x\n");
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre("t.yml:3:3: error: target 'prod' has no 'account'"));
}

TEST(DeployChecks, WrongTypes) {
  DeployLoad r = load_text(kHead +
                           "    constraints: [a]\n"
                           "strategies:\n"
                           "  s:\n"
                           "    canary:\n"
                           "      steps:\n"
                           "        - setWeight: {weight: abc}\n");
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre("t.yml:6:18: error: constraints: expected a mapping, got a list",
                          "t.yml:11:31: error: setWeight weight: expected an integer, got 'abc'"));
}

TEST(DeployChecks, UnknownDependsOnWithSuggestion) {
  DeployLoad r = load_text(kHead +
                           "  staging:\n"
                           "    account: a\n"
                           "    constraints:\n"
                           "      dependsOn: [dve]\n");
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre("t.yml:9:19: error: dependsOn 'dve' names no target (did you mean "
                          "'dev'?)"));
}

TEST(DeployChecks, SelfEdge) {
  DeployLoad r = load_text(kHead + "    constraints:\n      dependsOn: [dev]\n");
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre("t.yml:7:19: error: target 'dev' dependsOn itself"));
}

TEST(DeployChecks, CycleListsItsTargetsInOrder) {
  DeployLoad r = load_text(
      "manifests: [{path: m}]\n"
      "targets:\n"
      "  a: {account: x, constraints: {dependsOn: [c]}}\n"
      "  b: {account: x, constraints: {dependsOn: [a]}}\n"
      "  c: {account: x, constraints: {dependsOn: [b]}}\n"
      "  d: {account: x, constraints: {dependsOn: [c]}}\n");
  EXPECT_FALSE(r.deployment);
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre("t.yml:3:45: error: dependsOn cycle: a -> b -> c -> a"));
}

TEST(DeployChecks, UnknownStrategy) {
  DeployLoad r = load_text(kHead +
                           "    strategy: rolin\n"
                           "strategies:\n"
                           "  rolling: {canary: {steps: [{setWeight: {weight: 100}}]}}\n");
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre("t.yml:6:15: error: strategy 'rolin' names no strategy (did you mean "
                          "'rolling'?)"));
}

TEST(DeployChecks, StrategyNeedsExactlyOneKind) {
  DeployLoad r = load_text(kHead +
                           "strategies:\n"
                           "  both:\n"
                           "    canary: {steps: []}\n"
                           "    blueGreen: {}\n"
                           "  none: {}\n");
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre("t.yml:7:3: error: strategy 'both' must have exactly one of 'canary' or "
                          "'blueGreen'",
                          "t.yml:10:3: error: strategy 'none' must have exactly one of 'canary' or "
                          "'blueGreen'"));
}

TEST(DeployChecks, StepItemMustBeExactlyOneKnownType) {
  DeployLoad r =
      load_text(kHead +
                "strategies:\n"
                "  s:\n"
                "    canary:\n"
                "      steps:\n"
                "        - setWeigth: {weight: 1}\n"
                "        - {pause: {duration: 1, unit: seconds}, setWeight: {weight: 5}}\n"
                "        - justText\n");
  EXPECT_THAT(
      errors(r.diagnostics),
      ElementsAre("t.yml:10:11: error: unknown step type 'setWeigth' in canary steps: expected "
                  "setWeight, pause, runWebhook, analysis or exposeServices (did you mean "
                  "'setWeight'?)",
                  "t.yml:11:11: error: canary steps item has 2 keys ('pause', 'setWeight'): "
                  "expected exactly one step type",
                  "t.yml:12:11: error: canary steps item: expected a mapping with one step type "
                  "(setWeight, pause, runWebhook, analysis or exposeServices), got 'justText'"));
}

TEST(DeployChecks, StepTypeNotAllowedInList) {
  DeployLoad r = load_text(kHead +
                           "    constraints:\n"
                           "      afterDeployment:\n"
                           "        - setWeight: {weight: 5}\n");
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre("t.yml:8:11: error: setWeight is not allowed in afterDeployment: "
                          "expected pause, runWebhook or analysis"));
}

TEST(DeployChecks, UnknownWebhookWithSuggestion) {
  DeployLoad r = load_text(kHead +
                           "    constraints:\n"
                           "      afterDeployment:\n"
                           "        - runWebhook:\n"
                           "            name: Update-Database-Schma\n"
                           "webhooks:\n"
                           "  - name: Update-Database-Schema\n"
                           "    uriTemplate: 'http://x/{{armory.callbackUri}}'\n");
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre("t.yml:9:19: error: runWebhook 'Update-Database-Schma' names no webhook "
                          "(did you mean 'Update-Database-Schema'?)"));
}

// W1: an error in strict mode; leniently a warning naming both lines, and
// the last definition wins (in the first one's place).
TEST(DeployChecks, DuplicateWebhookNames) {
  const std::string text = kHead +
                           "webhooks:\n"
                           "  - {name: w, uriTemplate: 'first {{armory.callbackUri}}'}\n"
                           "  - {name: w, uriTemplate: 'second {{armory.callbackUri}}'}\n";
  DeployLoad strict = load_text(text, true);
  EXPECT_THAT(errors(strict.diagnostics),
              ElementsAre("t.yml:8:12: error: duplicate webhook name 'w' (first defined on line "
                          "7)"));
  DeployLoad lenient = load_text(text);
  ASSERT_TRUE(lenient.deployment);
  EXPECT_THAT(warnings(lenient.diagnostics),
              ElementsAre("t.yml:8:5: warning: webhook 'w' is defined but never used",
                          "t.yml:8:12: warning: duplicate webhook name 'w': defined on lines 7 "
                          "and 8; the definition on line 8 wins (W1)"));
  ASSERT_EQ(lenient.deployment->webhooks.size(), 1u);
  EXPECT_EQ(lenient.deployment->webhooks[0].uri_template, "second {{armory.callbackUri}}");
}

const std::string kAnalysisStep =
    "    constraints:\n"                     // 6
    "      afterDeployment:\n"               // 7
    "        - analysis:\n"                  // 8
    "            interval: 1\n"              // 9
    "            numberOfJudgmentRuns: 1\n"  // 10
    "            queries: [cpu]\n";          // 11

TEST(DeployChecks, UnknownQuery) {
  DeployLoad r = load_text(kHead + kAnalysisStep +
                           "analysis:\n"
                           "  defaultMetricProviderName: p\n"
                           "  queries:\n"
                           "    - {name: cpu2, queryTemplate: q, upperLimit: 1}\n");
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre("t.yml:11:23: error: analysis query 'cpu' names no query in "
                          "analysis.queries (did you mean 'cpu2'?)"));
}

TEST(DeployChecks, DuplicateQueryAndQueryWithoutLimit) {
  DeployLoad r = load_text(kHead + kAnalysisStep +
                           "analysis:\n"
                           "  defaultMetricProviderName: p\n"
                           "  queries:\n"
                           "    - {name: cpu, queryTemplate: q, upperLimit: 1}\n"
                           "    - {name: cpu, queryTemplate: q, upperLimit: 1}\n"
                           "    - {name: other, queryTemplate: q}\n");
  EXPECT_THAT(
      errors(r.diagnostics),
      ElementsAre("t.yml:16:14: error: duplicate query name 'cpu' (first defined on line 15)",
                  "t.yml:17:7: error: query 'other' has neither 'upperLimit' nor 'lowerLimit'"));
}

TEST(DeployChecks, AnalysisWithoutTopLevelAnalysis) {
  DeployLoad r = load_text(kHead + kAnalysisStep);
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre("t.yml:9:13: error: analysis step, but the deploy file has no top-level "
                          "'analysis' block"));
}

TEST(DeployChecks, IntervalAndRunsAtLeastOne) {
  DeployLoad r = load_text(kHead +
                           "    constraints:\n"
                           "      afterDeployment:\n"
                           "        - analysis: {interval: 0, numberOfJudgmentRuns: 0, queries: "
                           "[cpu]}\n"
                           "analysis:\n"
                           "  defaultMetricProviderName: p\n"
                           "  queries: [{name: cpu, queryTemplate: q, lowerLimit: 0}]\n");
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre("t.yml:8:32: error: interval must be at least 1, got 0",
                          "t.yml:8:57: error: numberOfJudgmentRuns must be at least 1, got 0"));
}

TEST(DeployChecks, AnalysisUnitsAndDurations) {
  DeployLoad r = load_text(kHead +
                           "    constraints:\n"
                           "      afterDeployment:\n"
                           "        - analysis: {interval: 2, units: MINUTES, queries: [cpu]}\n"
                           "        - analysis: {interval: 30, queries: [cpu]}\n"
                           "analysis:\n"
                           "  defaultMetricProviderName: p\n"
                           "  queries: [{name: cpu, queryTemplate: q, lowerLimit: 0}]\n");
  ASSERT_TRUE(r.deployment);
  const auto& steps = r.deployment->targets[0].constraints.after_deployment;
  const auto& a = std::get<AnalysisStep>(steps[0].action);
  EXPECT_EQ(a.units, TimeUnit::kMinutes);
  EXPECT_EQ(a.interval_duration, std::chrono::minutes(2));
  EXPECT_EQ(a.query_indices, std::vector<int>{0});
  const auto& b = std::get<AnalysisStep>(steps[1].action);
  EXPECT_EQ(b.units, TimeUnit::kNone);
  EXPECT_EQ(b.interval_duration, std::chrono::seconds(30));
}

TEST(DeployChecks, PauseShapes) {
  DeployLoad r = load_text(kHead +
                           "    constraints:\n"
                           "      beforeDeployment:\n"
                           "        - pause: {duration: 5}\n"
                           "        - pause: {untilApproved: true, duration: 5, unit: seconds}\n"
                           "        - pause: {duration: 0, unit: seconds}\n"
                           "        - pause: {}\n"
                           "        - pause: {duration: 3, unit: Hours}\n");
  EXPECT_THAT(
      errors(r.diagnostics),
      ElementsAre("t.yml:8:18: error: pause: 'duration' and 'unit' go together; 'unit' is "
                  "missing, 'duration' is set",
                  "t.yml:9:50: error: pause: untilApproved cannot be set with a duration or unit",
                  "t.yml:10:29: error: pause duration must be at least 1, got 0",
                  "t.yml:11:18: error: pause: expected {duration, unit} or {untilApproved: true}"));
}

TEST(DeployChecks, SetWeightRange) {
  DeployLoad r = load_text(kHead +
                           "strategies:\n"
                           "  s: {canary: {steps: [{setWeight: {weight: 101}}]}}\n");
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre("t.yml:7:45: error: setWeight weight must be 0..100, got 101"));
}

TEST(DeployChecks, DeploymentTimeoutUnderAMinute) {
  DeployLoad r = load_text(kHead + "deploymentConfig:\n  timeout: {duration: 30, unit: seconds}\n");
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre("t.yml:7:12: error: deploymentConfig.timeout must be at least 1 minute, "
                          "got 30s"));
}

TEST(DeployChecks, KubernetesWithoutManifests) {
  DeployLoad r = load_text("kind: kubernetes\ntargets:\n  dev: {account: a}\n");
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre("t.yml:1:1: error: no 'manifests': a kubernetes deploy file needs at "
                          "least one (the schema requires it)"));
  DeployLoad lambda = load_text("kind: lambda\ntargets:\n  dev: {account: a}\n");
  EXPECT_TRUE(lambda.deployment);
}

TEST(DeployChecks, ManifestAndTrafficTargets) {
  const std::string text =
      "manifests:\n"
      "  - {path: a.yml, targets: [dve]}\n"
      "  - {path: b.yml, targets: []}\n"
      "  - {path: manifests/<your-app>.yaml}\n"
      "  - {targets: [dev]}\n"
      "targets:\n"
      "  dev: {account: a}\n"
      "trafficManagement:\n"
      "  - targets: [prod]\n"
      "    kubernetes: [{activeService: s}]\n";
  // Lenient: a manifest aimed at no target is ignored with a warning (the
  // real service's orchestration ignores it); the rest stay errors.
  DeployLoad lenient = load_text(text);
  EXPECT_THAT(warnings(lenient.diagnostics),
              ElementsAre("t.yml:2:29: warning: manifests[0].targets: 'dve' names no target (did "
                          "you mean 'dev'?); the manifest is not deployed there"));
  DeployLoad r = load_text(text, true);
  EXPECT_THAT(
      errors(r.diagnostics),
      ElementsAre("t.yml:2:29: error: manifests[0].targets: 'dve' names no target (did you mean "
                  "'dev'?)",
                  "t.yml:3:28: error: manifests[1].targets is empty: name at least one target, or "
                  "omit it to deploy to every target",
                  "t.yml:4:12: error: placeholder '<your-app>' left in manifests[2].path",
                  "t.yml:5:5: error: manifests[3] has neither 'path' nor 'inline'",
                  "t.yml:9:15: error: trafficManagement[0].targets: 'prod' names no target"));
}

TEST(DeployChecks, Fragment) {
  DeployLoad r = load_text("# just webhooks\nwebhooks: []\n");
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre("t.yml:2:1: error: no 'targets': this looks like a fragment, not a "
                          "deploy file"));
}

TEST(DeployChecks, NotAMapping) {
  DeployLoad r = load_text("- a\n- b\n");
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre("t.yml:1:1: error: expected a deploy file (a mapping with 'targets'), "
                          "got a list"));
}

// --- lenient vs strict -------------------------------------------------------

TEST(DeployQuirks, UnknownKeyWarnsOrErrs) {
  std::string text = kHead + "    acount: b\n";
  DeployLoad lenient = load_text(text);
  EXPECT_TRUE(lenient.deployment);
  EXPECT_THAT(warnings(lenient.diagnostics),
              ElementsAre("t.yml:6:5: warning: unknown key 'acount' in target 'dev' (did you mean "
                          "'account'?)"));
  DeployLoad strict = load_text(text, true);
  EXPECT_FALSE(strict.deployment);
  EXPECT_THAT(errors(strict.diagnostics),
              ElementsAre("t.yml:6:5: error: unknown key 'acount' in target 'dev' (did you mean "
                          "'account'?)"));
}

TEST(DeployQuirks, ScalarSetWeight) {
  std::string text = kHead + "strategies:\n  s: {canary: {steps: [{setWeight: 10}]}}\n";
  DeployLoad lenient = load_text(text);
  ASSERT_TRUE(lenient.deployment);
  EXPECT_EQ(std::get<SetWeightStep>(
                std::get<CanaryStrategy>(lenient.deployment->strategies[0].kind).steps[0].action)
                .weight,
            10);
  EXPECT_THAT(warnings(lenient.diagnostics),
              ElementsAre("t.yml:7:36: warning: 'setWeight: 10' is a docs shorthand; the schema "
                          "form is 'setWeight: {weight: 10}'"));
  EXPECT_FALSE(load_text(text, true).deployment);
}

TEST(DeployQuirks, UnitForUnitsInAnalysis) {
  std::string text = kHead +
                     "    constraints:\n"
                     "      afterDeployment:\n"
                     "        - analysis: {interval: 2, unit: minutes, queries: [cpu]}\n"
                     "analysis:\n"
                     "  defaultMetricProviderName: p\n"
                     "  queries: [{name: cpu, queryTemplate: q, lowerLimit: 0}]\n";
  DeployLoad lenient = load_text(text);
  ASSERT_TRUE(lenient.deployment);
  EXPECT_EQ(
      std::get<AnalysisStep>(lenient.deployment->targets[0].constraints.after_deployment[0].action)
          .interval_duration,
      std::chrono::minutes(2));
  EXPECT_THAT(warnings(lenient.diagnostics),
              ElementsAre("t.yml:8:35: warning: 'unit' is a docs spelling of 'units' in an "
                          "analysis step"));
  EXPECT_THAT(errors(load_text(text, true).diagnostics),
              ElementsAre("t.yml:8:35: error: 'unit' is a docs spelling of 'units' in an analysis "
                          "step"));
}

TEST(DeployQuirks, ApprovalDurationRequiresRoleAndNestedRoles) {
  std::string text = kHead +
                     "    constraints:\n"
                     "      beforeDeployment:\n"
                     "        - pause:\n"
                     "            untilApproved: true\n"
                     "            requiresRole: [ops]\n"
                     "            approvalDuration:\n"
                     "              duration: 8\n"
                     "              unit: hours\n"
                     "              requiresRoles: [admin]\n";
  DeployLoad lenient = load_text(text);
  ASSERT_TRUE(lenient.deployment);
  const auto& pause =
      std::get<PauseStep>(lenient.deployment->targets[0].constraints.before_deployment[0].action);
  EXPECT_EQ(pause.approval_expiration, std::chrono::hours(8));
  EXPECT_EQ(pause.requires_roles, (std::vector<std::string>{"ops", "admin"}));
  EXPECT_THAT(
      warnings(lenient.diagnostics),
      ElementsAre("t.yml:10:13: warning: 'requiresRole' is a docs spelling of 'requiresRoles'",
                  "t.yml:11:13: warning: 'approvalDuration' is a docs spelling of "
                  "'approvalExpiration'",
                  "t.yml:14:15: warning: 'requiresRoles' belongs to the pause, not inside "
                  "'approvalDuration'"));
  EXPECT_EQ(errors(load_text(text, true).diagnostics).size(), 3u);
}

TEST(DeployQuirks, ShutdownSpellingAndTrafficMapping) {
  std::string text = kHead +
                     "strategies:\n"
                     "  bg:\n"
                     "    blueGreen:\n"
                     "      shutdownOldVersionAfter:\n"
                     "        - pause: {duration: 1, unit: minutes}\n"
                     "trafficManagement:\n"
                     "  kubernetes: [{activeService: a}]\n";
  DeployLoad lenient = load_text(text);
  ASSERT_TRUE(lenient.deployment);
  const auto& bg = std::get<BlueGreenStrategy>(lenient.deployment->strategies[0].kind);
  EXPECT_EQ(bg.shut_down_old_version_after.size(), 1u);
  EXPECT_EQ(lenient.deployment->traffic_management.at(0).kubernetes.at(0).active_service, "a");
  EXPECT_THAT(warnings(lenient.diagnostics),
              ElementsAre("t.yml:9:7: warning: 'shutdownOldVersionAfter' is a docs spelling of "
                          "'shutDownOldVersionAfter'",
                          "t.yml:12:3: warning: trafficManagement: expected a list; a single "
                          "mapping is read as one entry"));
  EXPECT_EQ(errors(load_text(text, true).diagnostics).size(), 2u);
}

TEST(DeployQuirks, DocumentMarkersAndUnitCase) {
  DeployLoad r = load_text("---\n" + kHead +
                           "strategies:\n  s: {canary: {steps: [{pause: {duration: 2, unit: "
                           "MINUTES}}]}}\n...\n");
  ASSERT_TRUE(r.deployment);
  EXPECT_THAT(r.diagnostics.problems(), IsEmpty());
  EXPECT_EQ(std::get<PauseStep>(
                std::get<CanaryStrategy>(r.deployment->strategies[0].kind).steps[0].action)
                .duration,
            std::chrono::minutes(2));
}

TEST(DeployQuirks, AnalysisInBeforeDeploymentIsDroppedOrRejected) {
  std::string text = kHead +
                     "    constraints:\n"
                     "      beforeDeployment:\n"
                     "        - analysis: {interval: 1, queries: [cpu]}\n"
                     "analysis:\n"
                     "  defaultMetricProviderName: p\n"
                     "  queries: [{name: cpu, queryTemplate: q, lowerLimit: 0}]\n";
  DeployLoad lenient = load_text(text);
  ASSERT_TRUE(lenient.deployment);
  EXPECT_TRUE(lenient.deployment->targets[0].constraints.before_deployment.empty());
  EXPECT_THAT(warnings(lenient.diagnostics),
              ElementsAre("t.yml:8:11: warning: analysis is not allowed in beforeDeployment: "
                          "nothing new is deployed yet; the step is ignored (C6)"));
  DeployLoad strict = load_text(text, true);
  EXPECT_THAT(errors(strict.diagnostics),
              ElementsAre("t.yml:8:11: error: analysis is not allowed in beforeDeployment: nothing "
                          "new is deployed yet (C6)"));
}

}  // namespace
}  // namespace deploysim
