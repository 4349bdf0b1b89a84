// The keys each mapping of a deploy file or a scenario file may hold, in one
// place: the loaders accept exactly these (YamlReader::check_keys takes a
// table, never a literal list), and the JSON Schemas of `deploysim schema`
// are built from the same tables (deploy_schema.cpp, scenario_schema.cpp),
// which refuse to build when a table and its schema disagree. A key added
// here without a schema entry, or the reverse, fails the schema tests.
//
// Private to sim/config.
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace deploysim::config {

// The keys one kind of mapping may hold, and where that mapping sits.
class KeyTable {
 public:
  static constexpr std::size_t kCapacity = 20;

  // `place` names the mapping in the file ("webhooks[]", "targets.<name>"):
  // for schema build errors and test messages, not for load diagnostics.
  consteval KeyTable(std::string_view place, std::initializer_list<std::string_view> keys)
      : place_(place), size_(keys.size()) {
    if (keys.size() > kCapacity) throw std::length_error("KeyTable: raise kCapacity");
    std::size_t i = 0;
    for (std::string_view key : keys) keys_[i++] = key;
  }

  constexpr std::string_view place() const { return place_; }
  constexpr std::span<const std::string_view> keys() const { return {keys_.data(), size_}; }
  constexpr std::size_t size() const { return size_; }
  constexpr bool contains(std::string_view key) const {
    for (std::string_view k : keys()) {
      if (k == key) return true;
    }
    return false;
  }

 private:
  std::string_view place_;
  std::array<std::string_view, kCapacity> keys_{};
  std::size_t size_;
};

// "a, b or c": the keys as a message lists them.
std::string word_list(const KeyTable& table);

// The keys as strings (for did_you_mean).
std::vector<std::string> key_names(const KeyTable& table);

// --- Deploy file (armory-reference §1) ----------------------------------------

inline constexpr KeyTable kDeployFileKeys{
    "the deploy file",
    {"version", "kind", "application", "description", "context", "contextOverrides",
     "deploymentConfig", "targets", "manifests", "strategies", "analysis", "webhooks",
     "trafficManagement", "artifacts", "providerOptions", "targetFilters", "files"}};
inline constexpr KeyTable kDeploymentConfigKeys{
    "deploymentConfig", {"timeout", "keepDeploymentObject", "ifDeploymentInProgress"}};
inline constexpr KeyTable kIfDeploymentInProgressKeys{"deploymentConfig.ifDeploymentInProgress",
                                                      {"strategy"}};
// `{duration, unit}` (§1.3); `requiresRoles` is docs quirk §12.4 (inside approvalExpiration).
inline constexpr KeyTable kTimeoutKeys{"a timeout", {"duration", "unit", "requiresRoles"}};
inline constexpr KeyTable kTargetKeys{
    "targets.<name>",
    {"account", "namespace", "region", "deployAsIamRole", "strategy", "constraints"}};
inline constexpr KeyTable kConstraintsKeys{"targets.<name>.constraints",
                                           {"dependsOn", "beforeDeployment", "afterDeployment"}};
inline constexpr KeyTable kManifestKeys{"manifests[]", {"path", "inline", "targets"}};
inline constexpr KeyTable kStrategyKeys{"strategies.<name>", {"canary", "blueGreen"}};
inline constexpr KeyTable kCanaryKeys{"strategies.<name>.canary", {"steps"}};
// `shutdownOldVersionAfter` is the docs spelling of `shutDownOldVersionAfter` (§1.9).
inline constexpr KeyTable kBlueGreenKeys{"strategies.<name>.blueGreen",
                                         {"activeService", "previewService", "redirectTrafficAfter",
                                          "shutDownOldVersionAfter", "shutdownOldVersionAfter"}};
inline constexpr KeyTable kAnalysisConfigKeys{"analysis", {"defaultMetricProviderName", "queries"}};
inline constexpr KeyTable kQueryKeys{
    "analysis.queries[]",
    {"name", "queryTemplate", "upperLimit", "lowerLimit", "metricProviderName"}};
inline constexpr KeyTable kWebhookKeys{
    "webhooks[]",
    {"name", "method", "uriTemplate", "networkMode", "agentIdentifier", "headers", "bodyTemplate",
     "retryCount", "disableCallback"}};
inline constexpr KeyTable kHeaderKeys{"webhooks[].headers[]", {"key", "value"}};
inline constexpr KeyTable kBodyTemplateKeys{"webhooks[].bodyTemplate", {"inline", "path"}};
inline constexpr KeyTable kTrafficManagementKeys{
    "trafficManagement[]", {"targets", "smi", "kubernetes", "istio", "alias"}};
inline constexpr KeyTable kSmiKeys{"trafficManagement[].smi[]",
                                   {"rootServiceName", "canaryServiceName", "trafficSplitName"}};
inline constexpr KeyTable kKubernetesServicesKeys{"trafficManagement[].kubernetes[]",
                                                  {"activeService", "previewService"}};
inline constexpr KeyTable kIstioKeys{"trafficManagement[].istio[]",
                                     {"virtualService", "destinationRule"}};
inline constexpr KeyTable kVirtualServiceKeys{"trafficManagement[].istio[].virtualService",
                                              {"name", "httpRouteName"}};
inline constexpr KeyTable kDestinationRuleKeys{"trafficManagement[].istio[].destinationRule",
                                               {"name", "activeSubsetName", "canarySubsetName"}};
inline constexpr KeyTable kAliasKeys{"trafficManagement[].alias[]", {"functionName", "aliasName"}};
inline constexpr KeyTable kArtifactKeys{"artifacts[]", {"functionName", "path", "type"}};
inline constexpr KeyTable kProviderOptionsKeys{"providerOptions", {"lambda"}};
inline constexpr KeyTable kLambdaProviderOptionKeys{
    "providerOptions.lambda[]", {"name", "target", "runAsIamRole", "handler", "runtime"}};
inline constexpr KeyTable kTargetFilterKeys{"targetFilters[]", {"includeTarget"}};

// Step items (§1.8): each item of a step list is a one-key mapping whose key
// is one of these types. The order is the one messages list them in.
inline constexpr KeyTable kStepTypes{
    "a step", {"pause", "runWebhook", "analysis", "setWeight", "exposeServices"}};
inline constexpr KeyTable kBeforeDeploymentSteps{"targets.<name>.constraints.beforeDeployment[]",
                                                 {"pause", "runWebhook"}};
inline constexpr KeyTable kAfterDeploymentSteps{"targets.<name>.constraints.afterDeployment[]",
                                                {"pause", "runWebhook", "analysis"}};
inline constexpr KeyTable kCanarySteps{
    "strategies.<name>.canary.steps[]",
    {"setWeight", "pause", "runWebhook", "analysis", "exposeServices"}};
inline constexpr KeyTable kBlueGreenSteps{"strategies.<name>.blueGreen.redirectTrafficAfter[]",
                                          {"pause", "runWebhook", "analysis", "exposeServices"}};
// `requiresRole` and `approvalDuration` are docs spellings (§1.8, §12.2).
inline constexpr KeyTable kPauseKeys{"pause",
                                     {"duration", "unit", "untilApproved", "requiresRoles",
                                      "approvalExpiration", "requiresRole", "approvalDuration"}};
inline constexpr KeyTable kRunWebhookKeys{"runWebhook", {"name", "context"}};
// `unit` is the docs spelling of `units` (§12.3).
inline constexpr KeyTable kAnalysisStepKeys{
    "analysis step",
    {"queries", "interval", "units", "numberOfJudgmentRuns", "rollBackMode", "rollForwardMode",
     "metricProviderName", "context", "lookbackMethod", "abortOnFailedJudgment", "unit"}};
inline constexpr KeyTable kSetWeightKeys{"setWeight", {"weight"}};
inline constexpr KeyTable kExposeServicesKeys{"exposeServices", {"services", "ttl"}};

// --- Scenario file (SCENARIO.md) ----------------------------------------------

// `strict` and `target` are this project's extensions (scenarios/README.md).
inline constexpr KeyTable kScenarioFileKeys{
    "the scenario file",
    {"name",     "deployment", "seed",   "horizon",  "firstDeployment", "context",   "secrets",
     "timeouts", "policies",   "deploy", "webhooks", "approvals",       "analysis",  "faults",
     "expect",   "strict",     "target", "releases", "calendar",        "properties"}};
inline constexpr KeyTable kCalendarKeys{"calendar", {"start"}};
inline constexpr KeyTable kTimeoutsKeys{"timeouts", {"webhookCallback", "retryDelay"}};
inline constexpr KeyTable kPoliciesKeys{"policies", {"unreachable", "missingCallbackUri"}};
inline constexpr KeyTable kUnreachablePolicies{"policies.unreachable",
                                               {"immediately", "atTimeout"}};
inline constexpr KeyTable kMissingCallbackUriPolicies{"policies.missingCallbackUri",
                                                      {"timeout", "ignore"}};
inline constexpr KeyTable kDeployModelKeys{"deploy", {"readyAfter", "rollbackAfter", "targets"}};
inline constexpr KeyTable kDeployModelTargetKeys{"deploy.targets.<target>",
                                                 {"readyAfter", "rollbackAfter"}};
inline constexpr KeyTable kWebhookModelKeys{
    "webhooks.<webhook>", {"latency", "outcome", "attemptFailure", "sequence", "targets"}};
inline constexpr KeyTable kWebhookModelLayerKeys{
    "webhooks.default, webhooks.<webhook>.targets.<target>",
    {"latency", "outcome", "attemptFailure", "sequence"}};
inline constexpr KeyTable kWebhookCallKeys{"webhooks.<webhook>.sequence[]",
                                           {"result", "after", "failedAttempts"}};
// Outcome words and mix keys, in the order of WebhookOutcome.
inline constexpr KeyTable kWebhookOutcomes{"webhooks.<webhook>.outcome",
                                           {"success", "failure", "noCallback", "unreachable"}};
inline constexpr KeyTable kApprovalsKeys{"approvals", {"default", "targets", "where", "roles"}};
inline constexpr KeyTable kApprovalModelKeys{
    "approvals.default, approvals.where.<gate>, approvals.roles.<role>",
    {"after", "decision", "sequence", "workingHours"}};
inline constexpr KeyTable kTargetApprovalModelKeys{
    "approvals.targets.<target>", {"after", "decision", "sequence", "workingHours", "where"}};
inline constexpr KeyTable kWorkingHoursKeys{"approvals.<...>.workingHours",
                                            {"days", "from", "to", "utcOffset"}};
// Day words, Monday first (WorkingHours::days).
inline constexpr KeyTable kWeekdays{"approvals.<...>.workingHours.days[]",
                                    {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}};
// Gate words, in the order of ApprovalGate.
inline constexpr KeyTable kApprovalGates{
    "approvals.where", {"beforeDeployment", "afterDeployment", "strategy", "shutdown", "analysis"}};
inline constexpr KeyTable kDecisionEntryKeys{"approvals.default.sequence[]", {"decision", "after"}};
// Decision words and mix keys, in the order of Decision.
inline constexpr KeyTable kDecisions{"approvals.default.decision", {"approve", "reject", "never"}};
inline constexpr KeyTable kAnalysisModelKeys{"analysis (scenario)", {"queries"}};
inline constexpr KeyTable kQueryModelKeys{"analysis.queries.<query>",
                                          {"value", "sequence", "targets"}};
inline constexpr KeyTable kQueryModelTargetKeys{"analysis.queries.<query>.targets.<target>",
                                                {"value", "sequence"}};
// COMMANDS.md `stream`.
inline constexpr KeyTable kReleasesKeys{"releases", {"arrivals", "measureAt"}};
// COMMANDS.md `explore`: `properties[]` and their conditions.
inline constexpr KeyTable kPropertyKeys{"properties[]", {"name", "always", "never", "sometimes"}};
// The kinds of property, in the order of PropertyKind.
inline constexpr KeyTable kPropertyKinds{"properties[] kind", {"always", "never", "sometimes"}};
// A condition is one atom or one combinator, told apart by which of these
// keys it has (`target` also belongs to the webhook atom, which `webhook` marks).
inline constexpr KeyTable kConditionKinds{"a condition",
                                          {"target", "pipeline", "webhook", "all", "any", "not"}};
inline constexpr KeyTable kTargetConditionKeys{"a {target} condition",
                                               {"target", "status", "reason", "deployed"}};
inline constexpr KeyTable kPipelineConditionKeys{"a {pipeline} condition", {"pipeline"}};
inline constexpr KeyTable kWebhookConditionKeys{"a {webhook} condition",
                                                {"webhook", "target", "result"}};
inline constexpr KeyTable kAllConditionKeys{"an {all} condition", {"all"}};
inline constexpr KeyTable kAnyConditionKeys{"an {any} condition", {"any"}};
inline constexpr KeyTable kNotConditionKeys{"a {not} condition", {"not"}};
inline constexpr KeyTable kFaultsKeys{"faults", {"agents", "webhooks"}};
inline constexpr KeyTable kAgentFaultsKeys{"faults.agents.<agent>", {"down", "outages"}};
inline constexpr KeyTable kWebhookFaultsKeys{"faults.webhooks.<webhook>", {"outages"}};
inline constexpr KeyTable kOutagesKeys{
    "faults.agents.<agent>.outages, faults.webhooks.<webhook>.outages", {"every", "lasting"}};
inline constexpr KeyTable kDownWindowKeys{"faults.agents.<agent>.down[]", {"from", "to"}};
// DIST: a constant, or a one-key mapping naming one of these kinds.
inline constexpr KeyTable kDistributionKinds{
    "a distribution",
    {"exponential", "uniform", "normal", "lognormal", "gamma", "weibull", "empirical"}};
inline constexpr KeyTable kExponentialKeys{"exponential", {"mean"}};
inline constexpr KeyTable kUniformKeys{"uniform", {"min", "max"}};
inline constexpr KeyTable kNormalKeys{"normal", {"mean", "stddev"}};
inline constexpr KeyTable kLognormalKeys{"lognormal", {"median", "sigma"}};
inline constexpr KeyTable kGammaKeys{"gamma", {"shape", "scale"}};
inline constexpr KeyTable kWeibullKeys{"weibull", {"shape", "scale"}};
// `error`, `analyses`, `approvals` and `warnings` are this project's
// extensions (scenarios/README.md).
inline constexpr KeyTable kExpectKeys{"expect",
                                      {"pipeline", "finishedAt", "targets", "webhooks", "analyses",
                                       "approvals", "warnings", "error"}};
inline constexpr KeyTable kTargetExpectationKeys{
    "expect.targets.<target>",
    {"status", "deployed", "rolledBack", "reason", "causeTarget", "causePhase", "causeStep",
     "causeAgent", "startedAt", "finishedAt", "weight", "waitingOn"}};
inline constexpr KeyTable kWebhookExpectationKeys{
    "expect.webhooks[]",
    {"name", "target", "index", "attempts", "result", "calledAt", "finishedAt"}};
inline constexpr KeyTable kAnalysisExpectationKeys{
    "expect.analyses[]",
    {"target", "index", "result", "aborted", "startedAt", "finishedAt", "queries"}};
inline constexpr KeyTable kQueryExpectationKeys{"expect.analyses[].queries.<query>",
                                                {"values", "mean", "passed"}};
// An analysis verdict as the text report writes it.
inline constexpr KeyTable kAnalysisVerdicts{"expect.analyses[].result",
                                            {"PASSED", "FAILED", "ABANDONED", "RUNNING"}};
inline constexpr KeyTable kApprovalExpectationKeys{
    "expect.approvals[]",
    {"target", "index", "step", "requiresRoles", "result", "askedAt", "finishedAt"}};

// Every table above, for the tests that hold the schemas to them.
inline constexpr std::array kAllKeyTables = {
    &kDeployFileKeys,
    &kDeploymentConfigKeys,
    &kIfDeploymentInProgressKeys,
    &kTimeoutKeys,
    &kTargetKeys,
    &kConstraintsKeys,
    &kManifestKeys,
    &kStrategyKeys,
    &kCanaryKeys,
    &kBlueGreenKeys,
    &kAnalysisConfigKeys,
    &kQueryKeys,
    &kWebhookKeys,
    &kHeaderKeys,
    &kBodyTemplateKeys,
    &kTrafficManagementKeys,
    &kSmiKeys,
    &kKubernetesServicesKeys,
    &kIstioKeys,
    &kVirtualServiceKeys,
    &kDestinationRuleKeys,
    &kAliasKeys,
    &kArtifactKeys,
    &kProviderOptionsKeys,
    &kLambdaProviderOptionKeys,
    &kTargetFilterKeys,
    &kStepTypes,
    &kBeforeDeploymentSteps,
    &kAfterDeploymentSteps,
    &kCanarySteps,
    &kBlueGreenSteps,
    &kPauseKeys,
    &kRunWebhookKeys,
    &kAnalysisStepKeys,
    &kSetWeightKeys,
    &kExposeServicesKeys,
    &kScenarioFileKeys,
    &kCalendarKeys,
    &kTimeoutsKeys,
    &kPoliciesKeys,
    &kUnreachablePolicies,
    &kMissingCallbackUriPolicies,
    &kDeployModelKeys,
    &kDeployModelTargetKeys,
    &kWebhookModelKeys,
    &kWebhookModelLayerKeys,
    &kWebhookCallKeys,
    &kWebhookOutcomes,
    &kApprovalsKeys,
    &kApprovalModelKeys,
    &kTargetApprovalModelKeys,
    &kApprovalGates,
    &kWorkingHoursKeys,
    &kWeekdays,
    &kDecisionEntryKeys,
    &kDecisions,
    &kAnalysisModelKeys,
    &kQueryModelKeys,
    &kQueryModelTargetKeys,
    &kReleasesKeys,
    &kPropertyKeys,
    &kPropertyKinds,
    &kConditionKinds,
    &kTargetConditionKeys,
    &kPipelineConditionKeys,
    &kWebhookConditionKeys,
    &kAllConditionKeys,
    &kAnyConditionKeys,
    &kNotConditionKeys,
    &kFaultsKeys,
    &kAgentFaultsKeys,
    &kWebhookFaultsKeys,
    &kOutagesKeys,
    &kDownWindowKeys,
    &kDistributionKinds,
    &kExponentialKeys,
    &kUniformKeys,
    &kNormalKeys,
    &kLognormalKeys,
    &kGammaKeys,
    &kWeibullKeys,
    &kExpectKeys,
    &kTargetExpectationKeys,
    &kWebhookExpectationKeys,
    &kAnalysisExpectationKeys,
    &kQueryExpectationKeys,
    &kAnalysisVerdicts,
    &kApprovalExpectationKeys,
};

}  // namespace deploysim::config
