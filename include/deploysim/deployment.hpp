// The deploy file (a CD-as-a-Service `deploy.yml`) as plain structs.
//
// The loader (loader.hpp) fills these with the documented defaults of
// ../shared/spec/armory-reference.md §1 and resolves every name reference to
// an index (resolve_references below), so the simulator never looks a name
// up at run time. Nothing here
// depends on yaml-cpp; the structs are plain values the caller owns.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "deploysim/diagnostics.hpp"
#include "deploysim/time.hpp"

namespace deploysim {

// String-to-string variables (`context` maps). Ordered, so output is stable.
using ContextMap = std::map<std::string, std::string>;

enum class TimeUnit { kNone, kSeconds, kMinutes, kHours };

// `pause: {duration, unit}` or `pause: {untilApproved: true, ...}` (§1.8).
struct PauseStep {
  bool until_approved = false;
  Duration duration{0};                         // timed pause only
  std::vector<std::string> requires_roles;      // carried into the report (P4)
  std::optional<Duration> approval_expiration;  // manual pause only; none = wait forever
};

// `runWebhook: {name, context}`.
struct WebhookStep {
  std::string name;
  ContextMap context;
  int webhook = -1;  // index into Deployment::webhooks, set by the loader
};

enum class RollMode { kAutomatic, kManual };
enum class LookbackMethod { kUnset, kGrowing, kSliding };

// `analysis: {...}` (§1.8, §6.3).
struct AnalysisStep {
  std::vector<std::string> queries;
  std::vector<int> query_indices;  // into Deployment::analysis.queries, set by the loader
  int interval = 1;
  TimeUnit units = TimeUnit::kNone;
  int number_of_judgment_runs = 1;
  RollMode roll_back_mode = RollMode::kAutomatic;
  RollMode roll_forward_mode = RollMode::kAutomatic;
  std::string metric_provider_name;
  ContextMap context;
  LookbackMethod lookback_method = LookbackMethod::kUnset;
  bool abort_on_failed_judgment = false;
  Duration interval_duration{0};  // interval × units, set by the loader (kNone counts as seconds)
};

// `setWeight: {weight: w}` (canary only).
struct SetWeightStep {
  int weight = 0;
};

// `exposeServices: {services, ttl}`.
struct ExposeServicesStep {
  std::vector<std::string> services;
  Duration ttl = std::chrono::minutes(5);
};

// The step lists of a deploy file (armory-reference §1.8). Which list a step
// sits in decides the step types it may hold, its phase in R3 causes and the
// `where` of its webhook calls.
enum class StepListKind : std::uint8_t {
  kBeforeDeployment,         // targets.<t>.constraints.beforeDeployment
  kAfterDeployment,          // targets.<t>.constraints.afterDeployment
  kCanary,                   // strategies.<s>.canary.steps
  kRedirectTrafficAfter,     // strategies.<s>.blueGreen.redirectTrafficAfter
  kShutDownOldVersionAfter,  // strategies.<s>.blueGreen.shutDownOldVersionAfter
};

// One item of a constraint list, canary step list or blue/green condition list.
struct Step {
  std::variant<PauseStep, WebhookStep, AnalysisStep, SetWeightStep, ExposeServicesStep> action;
  SourceLocation location;  // of the item in the deploy file
};

struct Constraints {
  std::vector<std::string> depends_on;
  std::vector<Step> before_deployment;
  std::vector<Step> after_deployment;
};

// One environment (`targets.<name>`).
struct Target {
  std::string name;
  std::string account;
  std::string namespace_name;
  std::string region;              // lambda
  std::string deploy_as_iam_role;  // lambda
  std::string strategy;            // empty: none (K7)
  int strategy_index = -1;         // into Deployment::strategies, set by the loader
  Constraints constraints;
  std::vector<int> depends_on_indices;  // into Deployment::targets, set by the loader
  SourceLocation location;
};

struct CanaryStrategy {
  std::vector<Step> steps;
};

struct BlueGreenStrategy {
  std::string active_service;
  std::string preview_service;
  std::vector<Step> redirect_traffic_after;
  std::vector<Step> shut_down_old_version_after;
};

struct Strategy {
  std::string name;
  std::variant<CanaryStrategy, BlueGreenStrategy> kind;
  SourceLocation location;
};

struct Query {
  std::string name;
  std::string query_template;
  std::optional<double> upper_limit;
  std::optional<double> lower_limit;
  std::string metric_provider_name;
  SourceLocation location;
};

// Top-level `analysis` block.
struct AnalysisConfig {
  bool present = false;
  std::string default_metric_provider_name;
  std::vector<Query> queries;
};

enum class NetworkMode { kDirect, kRemoteNetworkAgent };

struct Header {
  std::string key;
  std::string value;  // template
};

// One entry of `webhooks` (§1.11).
struct Webhook {
  std::string name;
  std::string method;
  std::string uri_template;
  NetworkMode network_mode = NetworkMode::kDirect;
  std::string agent_identifier;  // empty: the target's account (W9)
  std::vector<Header> headers;
  std::optional<std::string> body_template;  // bodyTemplate.inline
  std::string body_path;                     // legacy bodyTemplate.path (A13)
  int retry_count = 0;
  bool disable_callback = false;
  SourceLocation location;
};

struct Manifest {
  std::string path;
  std::string inline_text;
  std::optional<std::vector<std::string>> targets;  // none: every target
  SourceLocation location;
};

struct SmiRoute {
  std::string root_service_name;
  std::string canary_service_name;
  std::string traffic_split_name;
};
struct KubernetesServices {
  std::string active_service;
  std::string preview_service;
};
struct IstioRoute {
  std::string virtual_service_name;
  std::string http_route_name;
  std::string destination_rule_name;
  std::string active_subset_name;
  std::string canary_subset_name;
};
struct LambdaAlias {
  std::string function_name;
  std::string alias_name;
};

// One entry of `trafficManagement` (§1.13): no effect on timing.
struct TrafficManagement {
  std::optional<std::vector<std::string>> targets;
  std::vector<SmiRoute> smi;
  std::vector<KubernetesServices> kubernetes;
  std::vector<IstioRoute> istio;
  std::vector<LambdaAlias> alias;
};

struct LambdaArtifact {
  std::string function_name;
  std::string path;
  std::string type;
};
struct LambdaProviderOption {
  std::string name;
  std::string target;
  std::string run_as_iam_role;
  std::string handler;
  std::string runtime;
};

enum class DeploymentKind { kKubernetes, kLambda };
enum class IfDeploymentInProgress { kReject, kEnqueueOne };

struct DeploymentConfig {
  Duration timeout = std::chrono::minutes(30);  // readiness (K2)
  bool keep_deployment_object = false;
  IfDeploymentInProgress if_deployment_in_progress = IfDeploymentInProgress::kReject;
};

// A whole deploy file.
struct Deployment {
  std::string source_file;  // as given to the loader
  std::string version = "v1";
  DeploymentKind kind = DeploymentKind::kKubernetes;
  std::string application;
  std::string description;
  ContextMap context;
  ContextMap context_overrides;
  DeploymentConfig deployment_config;
  std::vector<Target> targets;  // in file order
  std::vector<Manifest> manifests;
  std::vector<Strategy> strategies;  // in file order
  AnalysisConfig analysis;
  std::vector<Webhook> webhooks;
  std::vector<TrafficManagement> traffic_management;
  std::vector<LambdaArtifact> artifacts;
  std::vector<LambdaProviderOption> lambda_provider_options;
  std::vector<std::string> target_filters;  // `targetFilters[].includeTarget`; empty: all

  // Index of the named entry, or -1.
  int find_target(const std::string& name) const;
  int find_webhook(const std::string& name) const;
  int find_strategy(const std::string& name) const;
  int find_query(const std::string& name) const;
};

// One step list a target plays, with its kind.
struct TargetStepList {
  StepListKind kind;
  const std::vector<Step>* steps;  // into the deployment
};

// The step lists `target` plays, in the order they run (C1): beforeDeployment,
// its strategy's lists (canary steps, or redirectTrafficAfter then
// shutDownOldVersionAfter), afterDeployment. A strategy index that is not
// resolved gives no strategy lists. The pointers are valid while
// `deployment` is unchanged. REQUIRES: `target` is one of its targets.
std::vector<TargetStepList> step_lists_of(const Deployment& deployment, const Target& target);

// Sets every index field of `deployment` from the name beside it:
// Target::strategy_index and depends_on_indices, and in every step list
// WebhookStep::webhook and AnalysisStep::query_indices. A name that matches
// nothing gives -1; in the lists (dependsOn, queries) it is left out, and so
// is a repeated entry and a target's dependency on itself. Idempotent. The
// loader calls it on every deployment it returns; a Deployment built by hand
// needs it before a Simulator plays it. O(names log names).
void resolve_references(Deployment& deployment);

}  // namespace deploysim
