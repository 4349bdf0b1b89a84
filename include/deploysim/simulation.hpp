// Playing one pipeline out on the virtual clock.
//
//   Simulator sim(scenario);                  // set-up once (tables, graph)
//   RunResult r = sim.run({.seed = 7});       // one replication
//   RunResult r2 = sim.run({.seed = 7, .replication = 1});
//
// A Simulator may be reused for any number of replications; each run resets
// its state. It is not thread-safe: use one Simulator per thread (they may
// share one const Scenario).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "deploysim/diagnostics.hpp"
#include "deploysim/outcome.hpp"
#include "deploysim/scenario.hpp"
#include "deploysim/time.hpp"

namespace deploysim {

class RealWebhooks;
class ChoiceSource;

struct RunOptions {
  std::uint64_t seed = 1;
  std::uint64_t replication = 0;          // draws are keyed by (seed, replication) (random.hpp)
  std::optional<Duration> horizon;        // overrides the scenario's
  ContextMap add_context;                 // --add-context: wins over every other context source
  std::vector<std::string> only_targets;  // --target: like targetFilters (D6); empty: no filter
  bool first_deployment = false;          // --first-deployment: every target (K6)
  bool record_details = true;  // webhooks, analyses, weights, timeline (off for Monte Carlo)
  bool record_trace = false;   // the --trace events
  // `deploysim live`: the webhooks it selects are sent for real through this
  // (real_webhooks.hpp), which also drives the clock; null: all simulated.
  RealWebhooks* real_webhooks = nullptr;
  // `deploysim explore` and `run --choices`: the discrete choices come from
  // this and continuous draws take their medians (random.hpp); null: sampled.
  ChoiceSource* choices = nullptr;
};

// R3: why a target is not SUCCEEDED.
struct Cause {
  Phase phase = Phase::kStrategy;
  std::string step;   // "runWebhook Run-Integration-Tests", "analysis", "pause", "setWeight 25",
                      // ...; empty = null
  int target = -1;    // the root target where the failure happened
  std::string agent;  // W11: the agent whose outage made a readiness wait time out; empty = none
};

// Where a target's time went (for Monte Carlo's breakdown), summed over its steps.
struct TimeBreakdown {
  Duration webhooks{0};
  Duration approvals{0};
  Duration analysis{0};
  Duration pauses{0};
  Duration readiness{0};
  Duration rollback{0};
};

struct TargetOutcome {
  TargetStatus status = TargetStatus::kNotStarted;
  Reason reason = Reason::kNone;
  bool deployed = false;
  bool rolled_back = false;
  std::optional<SimTime> started_at;
  std::optional<SimTime> finished_at;
  std::optional<Cause> cause;
  int weight = 0;  // the new version's traffic share at the end (0 after a rollback)
  TimeBreakdown time;
};

// `deploysim live`: one failed check of the callback contract of a real
// invocation (COMMANDS.md `live`; `check` is the tape's word, `status` what
// the callback was answered).
struct ContractFinding {
  std::string check;
  int status = 0;
  std::string message;
};

struct WebhookCall {
  int webhook = -1;  // index into Deployment::webhooks
  int target = -1;
  WebhookWhere where = WebhookWhere::kBeforeDeployment;
  int attempts = 0;
  WebhookResult result = WebhookResult::kPending;
  SimTime called_at{0};
  std::optional<SimTime> finished_at;
  std::string callback_uri;
  std::string uri;                                           // rendered; secrets as ***
  std::string body;                                          // rendered; secrets as ***
  std::vector<std::pair<std::string, std::string>> headers;  // rendered; secrets as ***
  bool real = false;                                         // sent for real (`deploysim live`)
  std::vector<ContractFinding> contract;  // real: its callbacks' findings (filled by `live`)
};

struct QueryRun {
  int query = -1;              // index into Deployment::analysis.queries
  std::vector<double> values;  // every value sampled, in run order
  // A7: set only when the query was judged: the mean of `values` and whether
  // it passed. A query whose step was abandoned, aborted before judging it
  // (A5) or cut by the horizon has neither.
  std::optional<double> mean;
  std::optional<bool> passed;
  std::string rendered_template;  // of the last run
};

struct AnalysisRecord {
  int target = -1;
  Phase phase = Phase::kStrategy;
  std::string where;  // "canary step 2", "redirectTrafficAfter", "afterDeployment"
  SimTime started_at{0};
  std::optional<SimTime> finished_at;
  std::vector<QueryRun> queries;
  bool passed = false;     // the verdict; meaningless without one (abandoned, or live)
  bool aborted = false;    // abortOnFailedJudgment ended it early
  bool abandoned = false;  // its parallel list ended first (C2, B2): no verdict
};

// P2-P4: one question put to a person: a `pause: {untilApproved}` or the
// manual decision of an analysis (A3, A4), with the roles it requires.
struct ApprovalRecord {
  int target = -1;
  Phase phase = Phase::kStrategy;
  std::string where;  // "beforeDeployment", "canary step 2", "redirectTrafficAfter", ...
  std::string step;   // "pause", "analysis rollBack", "analysis rollForward"
  std::vector<std::string> requires_roles;  // P4: as written on the pause; empty for analysis
  SimTime asked_at{0};
  std::optional<SimTime> finished_at;  // answered, expired or abandoned; null while PENDING
  ApprovalResult result = ApprovalResult::kPending;
};

// R3: one thing a target still live at the horizon waits on.
struct WaitingOn {
  int target = -1;
  Phase phase = Phase::kStrategy;  // kDependsOn: a target that never started
  std::string step;                // R3 step word ("pause", "runWebhook X", "analysis",
                                   // "setWeight 25", "deploy", "rollback"); empty for dependsOn
  int predecessor = -1;            // kDependsOn: the predecessor that has not succeeded
};

struct WeightChange {
  int target = -1;
  SimTime at{0};
  int weight = 0;
};

// One state change, for --trace and the text timeline. `fields` are extra
// key/value pairs in a fixed order; values are already redacted.
struct TraceEvent {
  SimTime at{0};
  int target = -1;   // -1: the pipeline
  std::string kind;  // "phase", "step.start", "step.end", "webhook.attempt", "callback", ...
  std::vector<std::pair<std::string, std::string>> fields;
};

struct RunResult {
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
  TargetStatus pipeline = TargetStatus::kRunning;
  std::optional<SimTime> finished_at;  // when the last target became terminal; null at the horizon
  std::vector<TargetOutcome> targets;  // indexed like Deployment::targets
  std::vector<WebhookCall> webhooks;   // in call order (record_details)
  std::vector<AnalysisRecord> analyses;   // (record_details)
  std::vector<ApprovalRecord> approvals;  // in asking order (record_details)
  std::vector<WeightChange> weights;      // (record_details)
  std::vector<TraceEvent> trace;  // (record_details for the timeline; all when record_trace)
  std::vector<Problem> warnings;  // e.g. unknown template variables (W2)
  // R3: what each target still live at the horizon waits on, by target
  // (record_details); empty when the pipeline ended.
  std::vector<WaitingOn> waiting;
  std::uint64_t events = 0;  // engine events processed
};

class Simulator {
 public:
  // Prepares everything that does not change between replications. The
  // scenario must outlive the Simulator. REQUIRES: the deployment's names are
  // resolved to indices (resolve_references; the loader does it).
  explicit Simulator(const Scenario& scenario);
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Runs one replication and returns what happened.
  RunResult run(const RunOptions& options);

  // Same, reusing `out`'s storage (Monte Carlo's hot path).
  void run_into(const RunOptions& options, RunResult& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Checks a result against the scenario's `expect` block. Returns one line per
// difference ("prod: status CANCELLED, expected SUCCEEDED"); empty = all met.
// `load_warnings`: the warnings of the load, which `expect.warnings` may
// name besides result.warnings.
std::vector<std::string> check_expectations(const Scenario& scenario, const RunResult& result,
                                            const std::vector<Problem>& load_warnings = {});

}  // namespace deploysim
