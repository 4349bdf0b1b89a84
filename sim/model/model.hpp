// The deployment model: one Model per Simulator plays replications of one
// Scenario on one reused Engine (docs/MODEL.md says when things happen,
// ../shared/spec/SEMANTICS.md says what happens).
//
// Layout. Everything that does not change between replications is built once
// by the constructor (tables.cpp) into flat tables indexed by ints: targets,
// step lists, per-(webhook, target) and per-(query, target) world models. A
// replication (pipeline.cpp) resets small per-run arrays, spawns one
// coroutine per target when it becomes eligible and runs the engine to the
// horizon. Each rule lives in the file named after its concept:
//   target_process.cpp  C1 phases, K5 rollback, K2 readiness, R3 causes
//   constraint_list.cpp C2 parallel lists (also blue/green lists), step dispatch
//   webhook_call.cpp    W3-W9
//   real_webhook_call.cpp  W2-W7 for a webhook sent for real (`deploysim live`)
//   agent.cpp           W9, W11 (when an agent or a receiver is up)
//   outage_timeline.cpp outage processes (one per agent or receiver and run)
//   approval.cpp        P1-P4 (timed pauses, approvals and their records)
//   working_hours.cpp   working time on the wall clock (calendar, workingHours)
//   analysis.cpp        A1-A7
//   canary.cpp          K1-K7
//   blue_green.cpp      B1-B3
//   recording.cpp       trace, details and template rendering (only when asked)
//
// Decisions beyond docs/MODEL.md:
//  - Zero-length waits (readyAfter 0, rollbackAfter 0, retryDelay 0, a 0s
//    latency) continue at once without an engine event. This depends only on
//    drawn values, never on what is recorded, so every record mode plays the
//    same events in the same order (R4).
//  - List items start in list order (engine all_of). An item that fails
//    without waiting (an unreachable webhook with no retries under policy
//    `immediately`) ends the list before later items start: those are never
//    invoked and not recorded.
//  - Random draws are keyed (random.hpp), never consumed in order: each is
//    a function of (seed, replication, target name, step key, invocation,
//    purpose, index). A step of a target runs at most once per replication,
//    so its invocation is 0. Webhook: outcome (unless scripted), attempt k's
//    failure (only when attemptFailure > 0 and the attempt has not already
//    failed), latency (only when a callback can come). Approvals: decision
//    and `after`, keyed by the asking step. Queries: run j's value, keyed by
//    the analysis step and the query name. Readiness: keyed by the scale
//    step (setWeight w by its weight and occurrence). Rollback: one per target.
//  - W8 is decided from the templates (uriTemplate, header values, body); it
//    applies once a trigger got through (an unreachable call stays UNREACHABLE).
//  - A manual analysis decision uses the target's approvals model (and its
//    sequence position) and never expires; its wait counts as AWAITING_APPROVAL
//    and in TimeBreakdown::approvals.
//  - TimeBreakdown: each step adds its own wall time to its bucket, so the
//    parallel items of a list overlap (the buckets may sum to more than the
//    target's elapsed time); abandoned items count up to the abandonment,
//    live ones up to the horizon.
//  - `deployed` becomes true when the strategy completes (K6/K7: after the
//    readiness wait), so a target cut by the horizon mid-canary is not deployed.
//  - Canary with no steps: the implicit setWeight 100 (cause "setWeight 100").
//  - replicaSetName: <application>-<target>-<10 chars of FNV-1a of
//    "<application>/<target>">, the same in every replication.
//  - Templates are rendered (and W2 warnings emitted) only when details or the
//    trace are recorded; Monte Carlo runs render nothing.
//  - RunResult::trace: record_trace gives every state change; record_details
//    alone gives the compact timeline (target.start, phase, weight,
//    rollback.start/end, target.end, cancel).
//
// Hot path. With record_details and record_trace off (Monte Carlo) nothing
// formats a string, nothing renders a template and nothing allocates per
// event: coroutine frames come from the engine's pool, names are indices and
// cause words are prebuilt strings referenced by pointer. An agent or a
// receiver without faults is index -1 (one comparison per readiness wait or
// attempt); an outage process draws its periods only when it is asked, and
// its vector of down periods keeps its capacity from run to run.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "deploysim/engine.hpp"
#include "deploysim/random.hpp"
#include "deploysim/real_webhooks.hpp"
#include "deploysim/scenario.hpp"
#include "deploysim/simulation.hpp"
#include "deploysim/task.hpp"
#include "outage_timeline.hpp"

namespace deploysim::model {

// What an item of a step list does.
enum class StepKind : std::uint8_t {
  kTimedPause,
  kApproval,
  kWebhook,
  kAnalysis,
  kSetWeight,
  kExposeServices,
  kIgnored,  // C6 lenient: analysis in beforeDeployment; setWeight outside a canary
};

// One item of a step list, flattened at set-up.
struct StepInfo {
  StepKind kind = StepKind::kIgnored;
  StepListKind list = StepListKind::kBeforeDeployment;
  const Step* step = nullptr;
  const PauseStep* pause = nullptr;
  const WebhookStep* webhook_step = nullptr;
  const AnalysisStep* analysis = nullptr;
  const ExposeServicesStep* expose = nullptr;
  int webhook = -1;           // index into Deployment::webhooks
  int weight = 0;             // setWeight
  std::vector<int> services;  // exposeServices: interned service indices
  std::vector<int> queries;   // analysis: indices into Deployment::analysis.queries
  Duration interval{0};       // analysis: interval × units
  std::string cause;          // R3 step word: "runWebhook X", "pause", "analysis", "setWeight 25"
  std::string where_label;    // analysis records: "canary step 2", "afterDeployment", ...
  // Keyed draws: name_key of (list kind, step kind, name, occurrence of that
  // name in the list), so adding a step elsewhere leaves this step's draws.
  std::uint64_t draw_key = 0;
  // Approvals by gate and role: gate * (roles + 1) + 1 + the index of the
  // first of requiresRoles with a model (-1: none); see Model::approval_model_of_.
  int approval_kind = 0;
};

struct StepList {
  StepListKind kind = StepListKind::kBeforeDeployment;
  std::vector<StepInfo> items;
};

enum class StrategyKind : std::uint8_t { kNone, kCanary, kBlueGreen };

struct StrategyInfo {
  StrategyKind kind = StrategyKind::kNone;
  StepList steps;            // canary
  StepList redirect;         // blue/green redirectTrafficAfter
  StepList shutdown;         // blue/green shutDownOldVersionAfter
  int preview_service = -1;  // blue/green previewService (interned), -1: none
};

// What a target's process reads when it starts comes first, in the first two
// cache lines (at 10,000 targets every other line is one more miss).
struct alignas(64) TargetInfo {
  int strategy = -1;              // index into Model::strategies_; -1: none (K7)
  bool first_deployment = false;  // K6 by the scenario (--first-deployment adds every target)
  StepList before;
  StepList after;
  ResolvedDeployModel deploy;
  const Target* target = nullptr;
  std::vector<int> predecessors;
  std::vector<int> dependents;
  std::string deployment_id;     // <application>-<target> (MODEL 20)
  std::string replica_set_name;  // <application>-<target>-<hash>
  int agent = -1;                // W11: the account's agent in Model::agents_, or -1
  std::uint64_t draw_key = 0;    // keyed draws: name_key of the target's name
};

struct WebhookTable {
  ResolvedWebhookModel model;
  int agent = -1;     // W9: remoteNetworkAgent webhooks: the agent in Model::agents_, or -1
  int receiver = -1;  // faults.webhooks: the receiver's outages in Model::receivers_, or -1
};

// An agent that has faults: its fixed windows and its outage process.
struct FaultyAgent {
  const AgentFaults* faults = nullptr;
  std::optional<OutageTimeline> outages;
};

// The value every step returns: passed, or why and where it failed.
struct StepResult {
  Reason reason = Reason::kNone;
  const std::string* cause = nullptr;  // R3 step word of the failing step
  // W11: the agent whose outage made a readiness wait time out; else null.
  const std::string* agent = nullptr;
  // B2, A3: a failed analysis with rollBackMode manual; a person confirms the
  // rollback (asked by the target, after its list has ended).
  const StepInfo* confirm_rollback = nullptr;
  bool ok() const { return reason == Reason::kNone; }
};

// The variables a template sees besides context and secrets.
struct TemplateScope {
  int target = -1;
  StepListKind list = StepListKind::kBeforeDeployment;
  const ContextMap* step_context = nullptr;
  int callback_n = 0;                   // > 0: a webhook invocation (armory.callbackUri)
  const AnalysisStep* query = nullptr;  // set for analysis queries (time variables)
  SimTime window_start{0};
  SimTime window_end{0};
  SourceLocation location;  // for warnings
  // `deploysim live`: {{armory.callbackUri}} of a real invocation (else the
  // simulated one), and whether secrets render as their values (the wire
  // form, never recorded) instead of ***.
  const std::string* callback_uri = nullptr;
  bool reveal_secrets = false;
};

class Model {
 public:
  // Builds the tables. `scenario` must outlive the Model.
  explicit Model(const Scenario& scenario);
  ~Model();
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  // Plays one replication into `out` (its storage is reused).
  void run(const RunOptions& options, RunResult& out);

  // Frames of member coroutines come from this engine's pool.
  Engine& engine() { return engine_; }

  // Called by the guards of a destroyed webhook or analysis frame (C2: it
  // was abandoned; nothing is recorded at the horizon).
  void on_webhook_abandoned(int t, const StepInfo& step, int record);
  void on_analysis_abandoned(int record);
  void on_approval_abandoned(int record);

 private:
  friend class StopwatchGuard;
  friend class LiveCounterGuard;
  friend class WaitingGuard;
  friend class RealFlight;

  // --- set-up (tables.cpp) ---
  void build_tables();
  void build_list(StepList& list, StepListKind kind, const std::vector<Step>& steps);
  void build_approval_models(int t);
  int intern_service(const std::string& name);
  // The index in agents_ of the agent called `name` (added on first use), or
  // -1 when it has no faults: targets sharing an account share it.
  int faulty_agent(const std::string& name);

  // --- the pipeline (pipeline.cpp) ---
  void reset_run(const RunOptions& options, RunResult& out);
  void start_target(int t);
  void clear_started();
  // Marks t terminal now; starts or cancels its dependents (D2, D4).
  void finish_target(int t, TargetStatus status, Reason reason, Phase phase,
                     const std::string* cause_step, const std::string* cause_agent = nullptr);
  void cancel_dependents(int root);
  void settle_outcomes();
  static void write_unstarted(TargetOutcome& o, TargetStatus status, Reason reason,
                              std::optional<SimTime> finished_at, int cause_root);
  SimTime clock() const { return stopping_ ? end_time_ : engine_.now(); }

  // --- agents and receivers (agent.cpp); -1 is an agent without faults ---
  bool agent_down(int agent, SimTime at);
  SimTime agent_up_from(int agent, SimTime at);
  bool receiver_down(int receiver, SimTime at);

  // --- one target (target_process.cpp) ---
  Task<void> target_process(int t);
  // `site`: the draw key of the scale step (a setWeight step's, or one of
  // the fixed keys below).
  Task<StepResult> readiness_wait(int t, int weight, const std::string* cause, std::uint64_t site);
  Task<void> rollback(int t);
  void set_weight(int t, int weight);

  // --- lists and steps (constraint_list.cpp) ---
  Task<StepResult> run_list(int t, const StepList& list);
  Task<StepResult> run_item(int t, const StepInfo& step);
  Task<StepResult> expose_services(int t, const StepInfo& step);

  // --- the steps ---
  Task<StepResult> run_webhook(int t, const StepInfo& step);       // webhook_call.cpp
  Task<StepResult> run_real_webhook(int t, const StepInfo& step);  // real_webhook_call.cpp
  Task<bool> answer_of(Signal<bool>& answered);
  Task<RealCallback> callback_of(Signal<RealCallback>& called_back);
  Task<StepResult> run_pause(int t, const StepInfo& step);     // approval.cpp
  Task<StepResult> run_approval(int t, const StepInfo& step);  // approval.cpp
  // A person's answer to a manual analysis decision (A3, A4).
  Task<Decision> ask_person(int t, const StepInfo& step, std::string_view what);
  struct Answer {
    Decision decision;
    Duration after;
  };
  // Draws the next answer of t's approvals model (sequence first), keyed by
  // the step that asks.
  Answer draw_answer(int t, const StepInfo& step);
  // P4: records a question put to a person (details only); returns its
  // index in RunResult::approvals, or -1.
  int record_approval(int t, const StepInfo& step, std::string_view what);
  void end_approval(int record, ApprovalResult result);
  Task<StepResult> run_analysis(int t, const StepInfo& step);  // analysis.cpp
  Task<StepResult> run_canary(int t);                          // canary.cpp
  Task<StepResult> run_blue_green(int t);                      // blue_green.cpp
  // The value of `query` in judgment run `run` (1-based) of `step` at t.
  double sample_query(int query, int t, const StepInfo& step, int run);

  // --- recording (recording.cpp); callers test details_/tracing_ first ---
  void trace(int t, std::string_view kind, std::vector<std::pair<std::string, std::string>> fields);
  std::string render(std::string_view text, const TemplateScope& scope);
  // `real_uri`: a real invocation's callback URI (`deploysim live`).
  void record_webhook_call(int t, const StepInfo& step, int callback_n, WebhookCall& call,
                           const std::string* real_uri = nullptr);
  // W2: the request of one invocation, secrets as *** or (reveal) real.
  WebhookRequest render_request(int t, const StepInfo& step, int callback_n,
                                const std::string& callback_uri, bool reveal);
  std::string render_query(int query, const TemplateScope& scope);
  void warn_unknown(std::string_view variable, const SourceLocation& where);

  const Scenario& scenario_;
  const Deployment& deployment_;
  int n_targets_ = 0;
  std::vector<TargetInfo> targets_;
  std::vector<StrategyInfo> strategies_;
  std::vector<WebhookTable> webhooks_;          // [webhook * n_targets_ + target]
  std::vector<bool> webhook_carries_callback_;  // W8, per webhook
  std::vector<ResolvedQueryModel> queries_;     // [query * n_targets_ + target]
  // W9, W11, SCENARIO.md "Outage processes": the agents with faults (shared
  // by every target and webhook that goes through them) and the webhook
  // receivers with outages; their timelines are reset per run.
  std::vector<FaultyAgent> agents_;
  std::vector<OutageTimeline> receivers_;
  // Approvals by gate and role (SCENARIO.md): the distinct models of each
  // target, which model answers a step (approval_model_of_[t * approval_kinds_
  // + step.approval_kind]), and which sequence position each model moves (one
  // per layer a sequence comes from, so gates that share a layer share it).
  std::vector<std::string> role_names_;  // approvals.roles, in name order
  int approval_kinds_ = 0;
  std::vector<ResolvedApprovalModel> approval_models_;
  std::vector<int> approval_model_of_;
  std::vector<int> approval_counter_of_;   // per model: index into approval_calls_
  std::vector<int> approval_calls_begin_;  // per target (+1): its range of approval_calls_
  std::vector<std::uint64_t> query_keys_;  // per query: name_key of its name
  std::vector<std::string> services_;      // interned exposeServices names
  // Dependents in CSR form (dependents of t: dependents_[dependents_begin_[t] ..
  // dependents_begin_[t + 1]]): the cancel walk touches only these and state_.
  std::vector<int> dependents_begin_;
  std::vector<int> dependents_;
  std::vector<int> predecessor_count_;  // per target: distinct predecessors
  std::vector<int> roots_;              // targets without predecessors, in file order
  const std::string deploy_cause_ = "deploy";
  const std::string rollback_word_ = "rollback";
  const std::string full_weight_cause_ = "setWeight 100";
  // Draw keys of the scale steps that are not steps of a list, and of rollbacks.
  const std::uint64_t deploy_key_ = name_key("strategy/deploy");
  const std::uint64_t blue_green_key_ = name_key("blueGreen/deploy");
  const std::uint64_t full_weight_key_ = name_key("canary/setWeight 100/implicit");
  const std::uint64_t rollback_key_ = name_key("rollback");
  const std::uint64_t calendar_key_ = name_key("calendar/start");

  // --- per replication ---
  const RunOptions* options_ = nullptr;
  RunResult* out_ = nullptr;
  Draws draws_;                     // keyed by (seed, replication); reset per run
  std::int64_t wall_start_ms_ = 0;  // calendar: the wall clock at t = 0 of this run
  bool details_ = false;
  bool tracing_ = false;
  bool stopping_ = false;
  RealWebhooks* real_ = nullptr;  // RunOptions::real_webhooks
  SimTime end_time_{0};
  int live_targets_ = 0;
  int callback_counter_ = 0;
  SimTime last_terminal_{0};    // when a target last became terminal
  bool any_failed_ = false;     // D7: some target FAILED or ROLLED_BACK
  bool any_cancelled_ = false;  // D7: some target CANCELLED
  // Where each target is, one byte each so the D4 walk stays in cache.
  // kTerminal: started and finished, or SKIPPED (its outcome is written);
  // kCancelled: D4, its outcome is written by settle_outcomes().
  enum TargetState : std::uint8_t { kWaiting, kStarted, kTerminal, kCancelled };
  std::vector<std::uint8_t> state_;
  std::vector<int> cancel_root_;  // per kCancelled target: where its chain began
  std::vector<int> pending_preds_;
  std::vector<int> started_;  // targets started in this run, in start order
  // Per-target counters, zero between runs (clear_started() resets the
  // entries of the started targets, the only ones that move).
  std::vector<int> approvals_waiting_;         // per target: AWAITING_APPROVAL at the horizon
  std::vector<int> pauses_running_;            // per target: PAUSED at the horizon
  std::vector<int> webhook_calls_;             // [webhook * n + target]: sequence position
  std::vector<int> approval_calls_;            // sequence positions (approval_counter_of_)
  std::vector<int> query_samples_;             // [query * n + target]
  std::vector<char> exposed_;                  // [target * services + service]
  std::vector<int> walk_;                      // scratch for cancel_dependents (n entries)
  std::set<std::string, std::less<>> warned_;  // W2: one warning per variable per run
  // R3: the steps in flight, in start order (record_details only); an entry
  // whose step ended has target -1. Read at the horizon for `waitingOn`.
  struct InFlight {
    int target = -1;
    Phase phase = Phase::kStrategy;
    const std::string* step = nullptr;
  };
  std::vector<InFlight> in_flight_;
  TargetStatus live_pipeline_ = TargetStatus::kRunning;  // D7, set by settle_outcomes()

  Engine engine_;
  Signal<int> never_{engine_};  // never triggered: "no answer" waits on it until the horizon
};

// Adds the wall time of its scope to one TimeBreakdown bucket of a target,
// also when the scope is abandoned or cut by the horizon.
class StopwatchGuard {
 public:
  StopwatchGuard(Model& m, int t, Duration TimeBreakdown::*bucket)
      : m_(&m), t_(t), bucket_(bucket), start_(m.clock()) {}
  ~StopwatchGuard() { m_->out_->targets[t_].time.*bucket_ += m_->clock() - start_; }
  StopwatchGuard(const StopwatchGuard&) = delete;
  StopwatchGuard& operator=(const StopwatchGuard&) = delete;

 private:
  Model* m_;
  int t_;
  Duration TimeBreakdown::*bucket_;
  SimTime start_;
};

// R3: while it lives, marks that target t waits on `step` (in `phase`), so
// a target still live at the horizon can say what it waits on. Records
// nothing unless details are recorded.
class WaitingGuard {
 public:
  WaitingGuard(Model& m, int t, Phase phase, const std::string* step) : m_(&m) {
    if (!m.details_) return;
    index_ = static_cast<int>(m.in_flight_.size());
    m.in_flight_.push_back(Model::InFlight{t, phase, step});
  }
  ~WaitingGuard() {
    if (index_ >= 0 && !m_->stopping_) m_->in_flight_[index_].target = -1;
  }
  WaitingGuard(const WaitingGuard&) = delete;
  WaitingGuard& operator=(const WaitingGuard&) = delete;

 private:
  Model* m_;
  int index_ = -1;
};

// Counts a target's live approvals or pauses for its horizon status (MODEL 27).
class LiveCounterGuard {
 public:
  LiveCounterGuard(std::vector<int>& counters, int t) : counter_(&counters[t]) { ++*counter_; }
  ~LiveCounterGuard() { --*counter_; }
  LiveCounterGuard(const LiveCounterGuard&) = delete;
  LiveCounterGuard& operator=(const LiveCounterGuard&) = delete;

 private:
  int* counter_;
};

// StepListKind → report words.
Phase phase_of(StepListKind list);
WebhookWhere where_of(StepListKind list);
// W10, R2: the reason a failing webhook result gives its step (kNone for
// success and the results that are not failures).
Reason reason_of(WebhookResult result);

// W9, W11: whether fixed windows hold `at` (windows are [from, to)); and
// the first instant >= `at` that none holds.
bool in_windows(const std::vector<DownWindow>& windows, SimTime at);
SimTime after_windows(const std::vector<DownWindow>& windows, SimTime at);

// MODEL 22c: the wall time from `wall_ms` (ms since 1970-01-01T00:00:00Z)
// until `work` of working time has elapsed inside `hours`. Zero working time
// asked outside the hours lasts until the next opening.
Duration working_time_delay(const WorkingHours& hours, std::int64_t wall_ms, Duration work);

}  // namespace deploysim::model
