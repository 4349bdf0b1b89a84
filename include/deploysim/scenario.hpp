// A scenario: a deploy file plus the model of the world around it
// (../shared/spec/SCENARIO.md): how long things take, how often they fail,
// how people answer, what is expected to happen.
//
// Model settings are layered: `targets.<t>` of a named entry > the named
// entry > `default` > the built-in default. The layers are kept as loaded
// (std::optional = not set there); the resolve functions at the bottom flatten
// them for one (entry, target) pair.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "deploysim/deployment.hpp"
#include "deploysim/outcome.hpp"
#include "deploysim/property.hpp"
#include "deploysim/time.hpp"

namespace deploysim {

// A random quantity: a duration in milliseconds, or a plain number for
// analysis values. Durations drawn below zero are truncated to zero.
struct Distribution {
  enum class Kind {
    kConstant,
    kExponential,
    kUniform,
    kNormal,
    kLognormal,
    kEmpirical,
    kGamma,
    kWeibull
  };
  Kind kind = Kind::kConstant;
  // kConstant: a = value. kExponential: a = mean. kUniform: a = min, b = max.
  // kNormal: a = mean, b = stddev. kLognormal: a = median, b = sigma.
  // kGamma: a = shape, b = scale (mean a b). kWeibull: a = shape, b = scale
  // (P(X > x) = exp(-(x / b)^a)).
  double a = 0;
  double b = 0;
  std::vector<double> values;  // kEmpirical: each equally likely

  static Distribution constant(double v) { return Distribution{Kind::kConstant, v, 0, {}}; }
  static Distribution constant(Duration d) { return constant(static_cast<double>(d.count())); }
};

// What one webhook invocation does (SCENARIO.md `outcome`).
enum class WebhookOutcome { kSuccess, kFailure, kNoCallback, kUnreachable };
inline constexpr int kWebhookOutcomeCount = 4;

// Probabilities of each WebhookOutcome, indexed by the enum; sum to 1.
using WebhookOutcomeMix = std::array<double, kWebhookOutcomeCount>;

// One scripted invocation (`sequence` entry).
struct ScriptedWebhookCall {
  WebhookOutcome result = WebhookOutcome::kSuccess;
  std::optional<Distribution> after;  // trigger → callback; unset: the layer's latency
  int failed_attempts = 0;            // trigger attempts that fail before one gets through
  SourceLocation location;
};

// One layer of webhook settings.
struct WebhookModelLayer {
  std::optional<Distribution> latency;
  std::optional<WebhookOutcomeMix> outcome;
  std::optional<double> attempt_failure;
  std::optional<std::vector<ScriptedWebhookCall>> sequence;
  SourceLocation location;
};

struct WebhookModelEntry {
  WebhookModelLayer base;
  std::map<std::string, WebhookModelLayer> targets;
};

struct WebhooksModel {
  WebhookModelLayer defaults;
  std::map<std::string, WebhookModelEntry> by_name;  // key: webhook name
};

// A person's answer to an approval or a manual analysis decision.
enum class Decision { kApprove, kReject, kNever };
inline constexpr int kDecisionCount = 3;
using DecisionMix = std::array<double, kDecisionCount>;

struct ScriptedDecision {
  Decision decision = Decision::kApprove;
  std::optional<Distribution> after;
  SourceLocation location;
};

// `workingHours` of an approval model (SCENARIO.md "Working hours"): a
// person's `after` is working time, which elapses only inside [from, to) of
// the listed days on the local clock UTC + utc_offset (fixed: no daylight
// saving). The wall clock comes from Scenario::calendar.
struct WorkingHours {
  std::array<bool, 7> days{};  // Monday first
  Duration from{0};            // since local midnight
  Duration to{0};              // after `from`, at most 24h
  Duration utc_offset{0};      // local time minus UTC
};

struct ApprovalModelLayer {
  std::optional<Distribution> after;  // from the moment the approval is asked for
  std::optional<WorkingHours> working_hours;
  std::optional<DecisionMix> decision;
  std::optional<std::vector<ScriptedDecision>> sequence;
  SourceLocation location;
};

// The kinds of gate an approval model may be given for (SCENARIO.md
// "Approvals by gate"): pauses in beforeDeployment or afterDeployment lists,
// pauses in a canary or in redirectTrafficAfter, items of
// shutDownOldVersionAfter, and the manual decisions of analysis (wherever).
enum class ApprovalGate : std::uint8_t {
  kBeforeDeployment,
  kAfterDeployment,
  kStrategy,
  kShutdown,
  kAnalysis
};
inline constexpr int kApprovalGateCount = 5;

// The gate of a pause in a list of this kind (canary and
// redirectTrafficAfter lists are kStrategy). The manual decisions of
// analysis are kAnalysis wherever they are: the caller knows which it asks.
ApprovalGate approval_gate_of(StepListKind kind);
using ApprovalLayersByGate = std::array<std::optional<ApprovalModelLayer>, kApprovalGateCount>;

struct ApprovalsModel {
  ApprovalModelLayer defaults;
  std::map<std::string, ApprovalModelLayer> targets;         // key: target name
  ApprovalLayersByGate where;                                // `where.<gate>`, by ApprovalGate
  std::map<std::string, ApprovalModelLayer> roles;           // `roles.<role>`, by role name (P4)
  std::map<std::string, ApprovalLayersByGate> target_where;  // `targets.<t>.where.<gate>`
};

struct QueryModelLayer {
  std::optional<Distribution> value;            // one sample per judgment run
  std::optional<std::vector<double>> sequence;  // scripted run values, in order
  SourceLocation location;
};

struct QueryModelEntry {
  QueryModelLayer base;
  std::map<std::string, QueryModelLayer> targets;
};

struct AnalysisModel {
  std::map<std::string, QueryModelEntry> queries;  // key: query name
};

struct DeployModelLayer {
  std::optional<Distribution> ready_after;     // per scale step
  std::optional<Distribution> rollback_after;  // per rollback
  SourceLocation location;
};

struct DeployModel {
  DeployModelLayer defaults;
  std::map<std::string, DeployModelLayer> targets;
};

struct DownWindow {
  Duration from{0};
  Duration to{0};  // exclusive
};

// `outages` (SCENARIO.md "Outage processes"): per replication, alternately
// up for a draw of `every` and down for a draw of `lasting`, stationary from
// t = 0 (docs/MODEL.md 10a). Both means are positive (the loader checks).
struct OutageProcess {
  Distribution every;    // up time between two outages
  Distribution lasting;  // how long one outage lasts
};

struct AgentFaults {
  std::vector<DownWindow> down;          // fixed windows
  std::optional<OutageProcess> outages;  // adds to them
};

// `faults.webhooks.<w>`: the receiver itself; every attempt to reach it
// while it is down fails.
struct WebhookFaults {
  std::optional<OutageProcess> outages;
};

// W4 `policies.unreachable`.
enum class UnreachablePolicy { kImmediately, kAtTimeout };
// W8 `policies.missingCallbackUri`.
enum class MissingCallbackUriPolicy { kTimeout, kIgnore };

// `calendar` (SCENARIO.md second edition): where t = 0 is on the wall clock.
struct Calendar {
  // 2026-01-05T10:00:00Z (a Monday), in ms since 1970-01-01T00:00:00Z.
  static constexpr std::int64_t kDefaultStartMs = 1767607200000;
  std::int64_t start_ms = kDefaultStartMs;
  // `start: weekUniform`: each replication starts at a uniform instant of
  // the week that begins on the Monday 00:00 UTC before kDefaultStartMs.
  bool week_uniform = false;
};

// An expected instant: unset = not checked; set to nullopt = expected null
// (`finishedAt: null`, e.g. a live pipeline, D7).
using ExpectedInstant = std::optional<std::optional<SimTime>>;

// `expect.targets.<t>`: every field optional; only set fields are checked.
struct TargetExpectation {
  std::optional<TargetStatus> status;
  std::optional<bool> deployed;
  std::optional<bool> rolled_back;
  std::optional<Reason> reason;
  std::optional<std::string> cause_target;
  std::optional<Phase> cause_phase;
  std::optional<std::string> cause_step;
  std::optional<std::string> cause_agent;  // W11: "" = no agent named
  ExpectedInstant started_at;              // compared exactly, in ms
  ExpectedInstant finished_at;
  std::optional<int> weight;  // final canary weight
  // R3: what a live target waits on, each as the text report writes it
  // ("beforeDeployment: pause", "dependsOn: staging"), in report order.
  std::optional<std::vector<std::string>> waiting_on;
  SourceLocation location;
};

// `expect.webhooks[i]`: matched against the i-th call of that webhook at that target.
struct WebhookExpectation {
  std::string name;
  std::string target;
  int index = 0;  // 0-based, among calls of (name, target)
  std::optional<int> attempts;
  std::optional<WebhookResult> result;
  std::optional<SimTime> called_at;
  std::optional<SimTime> finished_at;
  SourceLocation location;
};

// `expect.analyses[i]`: the index-th analysis record of that target.
struct QueryExpectation {
  std::string name;
  std::optional<std::vector<double>> values;
  std::optional<std::optional<double>> mean;  // nullopt inside: expected null (never judged)
  std::optional<std::optional<bool>> passed;  // likewise
  SourceLocation location;
};

struct AnalysisExpectation {
  std::string target;
  int index = 0;                      // 0-based, among the analyses of that target
  std::optional<std::string> result;  // PASSED, FAILED, ABANDONED or RUNNING (as the text report)
  std::optional<bool> aborted;
  ExpectedInstant started_at;
  ExpectedInstant finished_at;
  std::vector<QueryExpectation> queries;
  SourceLocation location;
};

// `expect.approvals[i]`: the index-th question put to a person at that target (P4).
struct ApprovalExpectation {
  std::string target;
  int index = 0;
  std::optional<std::string> step;  // "pause", "analysis rollBack", ...
  std::optional<std::vector<std::string>> requires_roles;
  std::optional<ApprovalResult> result;
  ExpectedInstant asked_at;
  ExpectedInstant finished_at;
  SourceLocation location;
};

struct Expectation {
  bool present = false;
  // `expect.error`: the scenario is expected NOT to load; `deploysim test` passes
  // when loading fails with a message containing this text (D1, W1, C6 ...).
  std::optional<std::string> load_error;
  std::optional<TargetStatus> pipeline;
  ExpectedInstant pipeline_finished_at;
  std::map<std::string, TargetExpectation> targets;
  std::vector<WebhookExpectation> webhooks;
  std::vector<AnalysisExpectation> analyses;
  std::vector<ApprovalExpectation> approvals;
  // Each must be part of some warning of the load or the run.
  std::vector<std::string> warnings;
  SourceLocation location;
};

// COMMANDS.md `stream` (scenario key `releases`): a stream of changes, each of
// which asks for a pipeline of the deployment. Read by `deploysim stream`
// only; `run`, `montecarlo` and `test` play one pipeline and ignore it.
struct Releases {
  Distribution arrivals;  // time between two changes that are ready to ship
  // The targets a change must reach (SUCCEEDED) to count as delivered, as
  // written, each once. The loader fills the default: the targets nothing
  // depends on, in file order. Never empty after a load.
  std::vector<std::string> measure_at;
  SourceLocation location;  // the `releases` mapping
};

struct Scenario {
  std::string source_file;  // the scenario file, or the deploy file when run bare
  std::string name;         // `name`, else the file's stem
  Deployment deployment;
  std::uint64_t seed = 1;
  Duration horizon = std::chrono::hours(24 * 30);
  Calendar calendar;
  bool first_deployment_all = false;
  std::vector<std::string> first_deployment_targets;
  // `target: [names]`: the default of --target (D6: replaces the deploy
  // file's targetFilters); empty: none. The command line's --target wins.
  std::vector<std::string> only_targets;
  ContextMap context;  // scenario `context`, highest precedence after --add-context
  ContextMap secrets;
  Duration webhook_callback_timeout = std::chrono::hours(24);
  Duration retry_delay = std::chrono::seconds(10);
  UnreachablePolicy unreachable = UnreachablePolicy::kImmediately;
  MissingCallbackUriPolicy missing_callback_uri = MissingCallbackUriPolicy::kTimeout;
  DeployModel deploy;
  WebhooksModel webhooks;
  ApprovalsModel approvals;
  AnalysisModel analysis;
  std::map<std::string, AgentFaults> agent_faults;      // key: agent identifier
  std::map<std::string, WebhookFaults> webhook_faults;  // key: webhook name
  std::optional<Releases> releases;                     // `releases`; unset: not a stream
  std::vector<Property> properties;  // `properties` (explore, test); in file order
  Expectation expect;
};

// --- Flattened settings for one (entry, target) pair -------------------------
// Built-in defaults: webhook latency 0s, outcome success, attemptFailure 0;
// approvals after 0s, decision approve; readyAfter 0s, rollbackAfter 0s;
// a query with no model yields the midpoint of its limits (or its one limit).

struct ResolvedWebhookModel {
  Distribution latency;
  WebhookOutcomeMix outcome{1, 0, 0, 0};
  double attempt_failure = 0;
  std::vector<ScriptedWebhookCall> sequence;
};

struct ResolvedApprovalModel {
  Distribution after;
  std::optional<WorkingHours> working_hours;  // unset: `after` is wall time
  DecisionMix decision{1, 0, 0};
  std::vector<ScriptedDecision> sequence;
};

struct ResolvedQueryModel {
  Distribution value;
  std::vector<double> sequence;
};

struct ResolvedDeployModel {
  Distribution ready_after;
  Distribution rollback_after;
};

ResolvedWebhookModel resolve_webhook_model(const Scenario& s, const std::string& webhook,
                                           const std::string& target);
// The approval layers that answer a gate of a target, least specific first
// (each later layer wins for every setting it has): default, where.<gate>,
// roles.<role>, targets.<t>, targets.<t>.where.<gate>. `role` is the first
// of the pause's requiresRoles that has a model, or null.
std::vector<const ApprovalModelLayer*> approval_layers(const Scenario& s, const std::string& target,
                                                       ApprovalGate gate, const std::string* role);
ResolvedApprovalModel resolve_approval_model(const std::vector<const ApprovalModelLayer*>& layers);
// The first of `roles` that has a model in approvals.roles, or null.
const std::string* approval_role(const Scenario& s, const std::vector<std::string>& roles);
ResolvedQueryModel resolve_query_model(const Scenario& s, const Query& query,
                                       const std::string& target);
ResolvedDeployModel resolve_deploy_model(const Scenario& s, const std::string& target);

// The mean of what Draws::draw_duration() gives for `d` (ms; draws below zero
// count as zero).
double mean_duration(const Distribution& d);

// A scenario with every default, around a bare deploy file.
Scenario default_scenario(Deployment deployment);

}  // namespace deploysim
