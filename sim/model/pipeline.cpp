// The orchestrator (D1-D7): starts each target when its last predecessor
// succeeds, cancels dependents without events when one fails, and settles
// the live statuses at the horizon.
#include <algorithm>
#include <cassert>

#include "model.hpp"

namespace deploysim::model {

void Model::reset_run(const RunOptions& options, RunResult& out) {
  options_ = &options;
  real_ = options.real_webhooks;
  out_ = &out;
  details_ = options.record_details || options.record_trace;
  tracing_ = options.record_trace;
  stopping_ = false;
  end_time_ = SimTime{0};
  draws_.reset(options.seed, options.replication);
  draws_.script(options.choices);
  const SimTime horizon = options.horizon.value_or(scenario_.horizon);
  for (FaultyAgent& agent : agents_) {
    if (agent.outages) agent.outages->reset(horizon);
  }
  for (OutageTimeline& receiver : receivers_) receiver.reset(horizon);
  wall_start_ms_ = scenario_.calendar.start_ms;
  if (scenario_.calendar.week_uniform) {
    // The week of the default start, from its Monday 00:00 UTC.
    constexpr std::int64_t kWeekMs = 7 * 86'400'000LL;
    constexpr std::int64_t kMonday = Calendar::kDefaultStartMs - 10 * 3'600'000LL;
    const double u = draws_.uniform(DrawKey{calendar_key_, DrawPurpose::kCalendarStart});
    wall_start_ms_ = kMonday + static_cast<std::int64_t>(u * static_cast<double>(kWeekMs));
  }
  engine_.reset();

  out.seed = options.seed;
  out.replication = options.replication;
  out.pipeline = TargetStatus::kRunning;
  out.finished_at.reset();
  // No reset of the outcomes: every target's outcome is written whole once
  // per run (when it is skipped, started or cancelled, or at the horizon), so
  // the 10,000-target case does not pay an extra pass over them.
  out.targets.resize(n_targets_);
  out.webhooks.clear();
  out.analyses.clear();
  out.approvals.clear();
  out.weights.clear();
  out.trace.clear();
  out.warnings.clear();
  out.waiting.clear();
  out.events = 0;

  live_targets_ = n_targets_;
  callback_counter_ = 0;
  last_terminal_ = SimTime{0};
  any_failed_ = false;
  any_cancelled_ = false;
  std::fill(state_.begin(), state_.end(), kWaiting);
  std::copy(predecessor_count_.begin(), predecessor_count_.end(), pending_preds_.begin());
  // The per-target counters (sequence positions, live approvals and pauses,
  // exposed services) are zero here: see clear_started().
  started_.clear();
  warned_.clear();
  in_flight_.clear();
}

void Model::run(const RunOptions& options, RunResult& out) {
  reset_run(options, out);

  // D6: --target (else the scenario's `target`) replaces the deploy file's
  // targetFilters; the others are SKIPPED and satisfy their dependents at
  // time 0 (MODEL 4).
  const std::vector<std::string>& filter = !options.only_targets.empty() ? options.only_targets
                                           : !scenario_.only_targets.empty()
                                               ? scenario_.only_targets
                                               : deployment_.target_filters;
  if (filter.empty()) {
    // D2: in file order, every target without predecessors.
    for (int t : roots_) start_target(t);
  } else {
    for (int t = 0; t < n_targets_; ++t) {
      const std::string& name = targets_[t].target->name;
      if (std::find(filter.begin(), filter.end(), name) != filter.end()) continue;
      write_unstarted(out.targets[t], TargetStatus::kSkipped, Reason::kNone, std::nullopt, -1);
      state_[t] = kTerminal;
      --live_targets_;
      for (int d : targets_[t].dependents) --pending_preds_[d];
    }
    // D2: in file order, every target whose predecessors are all satisfied.
    for (int t = 0; t < n_targets_; ++t) {
      if (state_[t] == kWaiting && pending_preds_[t] == 0) start_target(t);
    }
  }

  SimTime horizon = options.horizon.value_or(scenario_.horizon);
  if (live_targets_ > 0) {
    // `deploysim live` paces the clock against real invocations, and an
    // interruption ends the run like the horizon, at that instant.
    if (real_ != nullptr) {
      horizon = real_->run(engine_, horizon);
    } else {
      engine_.run_until(horizon);
    }
  }
  out.events = engine_.events_processed();

  settle_outcomes();
  if (live_targets_ > 0) {
    end_time_ = horizon;
  } else {
    // The clock only moves forward, so the last terminal instant is the
    // latest finishedAt (0 when every target was skipped).
    out.finished_at = last_terminal_;
    end_time_ = last_terminal_;
  }

  // D7: live while any target is live (settle_outcomes() says how), even
  // when some target already failed; else from the flags finish_target and
  // cancel_dependents keep.
  // pipeline_join (outcome.hpp) is D7's order; the flags stand for every
  // terminal target, live_pipeline_ for every live one.
  out.pipeline = pipeline_join(any_failed_      ? TargetStatus::kFailed
                               : any_cancelled_ ? TargetStatus::kCancelled
                                                : TargetStatus::kSucceeded,
                               live_targets_ > 0 ? live_pipeline_ : TargetStatus::kSucceeded);

  // Destroy what still waits (at the horizon): the guards add their time up
  // to end_time_ but record nothing (webhooks stay PENDING).
  stopping_ = true;
  engine_.reset();
  clear_started();
  out_ = nullptr;
  options_ = nullptr;
  real_ = nullptr;
}

void Model::start_target(int t) {
  state_[t] = kStarted;
  started_.push_back(t);
  // Written whole (the storage is reused); target_process() fills it in.
  write_unstarted(out_->targets[t], TargetStatus::kNotStarted, Reason::kNone, std::nullopt, -1);
  engine_.spawn(target_process(t));
}

// Only started targets move their sequence positions or expose services, and
// the live counters are back to zero once every frame is destroyed, so
// zeroing the started targets' entries leaves all of them zero for the next
// run without a pass over every target.
void Model::clear_started() {
  const std::size_t n = static_cast<std::size_t>(n_targets_);
  const std::size_t services = services_.size();
  for (int t : started_) {
    assert(approvals_waiting_[t] == 0 && pauses_running_[t] == 0);
    std::fill(approval_calls_.begin() + approval_calls_begin_[t],
              approval_calls_.begin() + approval_calls_begin_[t + 1], 0);
    for (std::size_t i = static_cast<std::size_t>(t); i < webhook_calls_.size(); i += n) {
      webhook_calls_[i] = 0;
    }
    for (std::size_t i = static_cast<std::size_t>(t); i < query_samples_.size(); i += n) {
      query_samples_[i] = 0;
    }
    std::fill_n(exposed_.begin() + static_cast<std::ptrdiff_t>(t * services), services, 0);
  }
  started_.clear();
}

void Model::finish_target(int t, TargetStatus status, Reason reason, Phase phase,
                          const std::string* cause_step, const std::string* cause_agent) {
  TargetOutcome& o = out_->targets[t];
  const SimTime now = engine_.now();
  o.status = status;
  o.reason = reason;
  o.finished_at = now;
  state_[t] = kTerminal;
  if (status != TargetStatus::kSucceeded) {
    o.cause = Cause{phase, cause_step ? *cause_step : std::string(), t,
                    cause_agent ? *cause_agent : std::string()};
  }
  --live_targets_;
  last_terminal_ = now;
  any_failed_ =
      any_failed_ || status == TargetStatus::kFailed || status == TargetStatus::kRolledBack;
  any_cancelled_ = any_cancelled_ || status == TargetStatus::kCancelled;
  if (details_) {
    trace(t, "target.end",
          {{"status", std::string(to_string(status))}, {"reason", std::string(to_string(reason))}});
  }
  if (status == TargetStatus::kSucceeded) {
    // D2/D3: a dependent starts the instant its last predecessor succeeds.
    for (int i = dependents_begin_[t]; i < dependents_begin_[t + 1]; ++i) {
      const int d = dependents_[i];
      if (--pending_preds_[d] == 0 && state_[d] == kWaiting) start_target(d);
    }
  } else {
    cancel_dependents(t);
  }
}

// D4: every transitive dependent that has not started is CANCELLED now, with
// the root as its cause. A graph walk, no events. SKIPPED targets are
// terminal already and satisfied their dependents at time 0, so the walk
// stops there. The walk only marks the targets (state_ and cancel_root_ stay
// in cache at 10,000 targets); settle_outcomes() writes their outcomes.
void Model::cancel_dependents(int root) {
  // Plain pointers and local counts: a store through state_ (bytes) may alias
  // anything, so member accesses would be reloaded after each one.
  std::uint8_t* const state = state_.data();
  int* const cancel_root = cancel_root_.data();
  const int* const begin = dependents_begin_.data();
  const int* const dependents = dependents_.data();
  int* const stack = walk_.data();  // n entries: a target is pushed at most once
  std::size_t size = 0;
  int cancelled = 0;
  stack[size++] = root;
  while (size > 0) {
    const int u = stack[--size];
    for (int i = begin[u]; i < begin[u + 1]; ++i) {
      const int d = dependents[i];
      if (state[d] != kWaiting) continue;
      state[d] = kCancelled;
      cancel_root[d] = root;
      ++cancelled;
      if (details_) trace(d, "cancel", {{"cause", targets_[root].target->name}});
      stack[size++] = d;
    }
  }
  live_targets_ -= cancelled;
  any_cancelled_ = any_cancelled_ || cancelled > 0;
}

// Sets every field of the outcome of a target that never started: the
// storage of `out` is reused and holds an earlier run's values. Cheaper than
// assigning a fresh TargetOutcome, which would rebuild cause.step too.
// cause_root >= 0: cause {dependsOn, null, cause_root} (D4); -1: no cause.
void Model::write_unstarted(TargetOutcome& o, TargetStatus status, Reason reason,
                            std::optional<SimTime> finished_at, int cause_root) {
  o.status = status;
  o.reason = reason;
  o.deployed = false;
  o.rolled_back = false;
  o.started_at.reset();
  o.finished_at = finished_at;
  if (cause_root < 0) {
    o.cause.reset();
  } else if (o.cause) {
    o.cause->phase = Phase::kDependsOn;
    o.cause->step.clear();
    o.cause->target = cause_root;
    o.cause->agent.clear();
  } else {
    o.cause.emplace(Cause{Phase::kDependsOn, std::string(), cause_root, std::string()});
  }
  o.weight = 0;
  o.time = TimeBreakdown{};
}

// After the run, in one pass in target order: the outcomes of the targets
// that never started (they are written whole, since the storage of `out` is
// reused) and the live statuses at the horizon (MODEL 27).
void Model::settle_outcomes() {
  std::vector<TargetOutcome>& outcomes = out_->targets;
  // D7 over the live targets (pipeline_join): RUNNING unless one waits for
  // an approval or is paused.
  TargetStatus live = TargetStatus::kRunning;
  for (int t = 0; t < n_targets_; ++t) {
    switch (state_[t]) {
      case kTerminal:
        break;
      case kCancelled: {
        // D4: at the instant its root became terminal.
        const int root = cancel_root_[t];
        write_unstarted(outcomes[t], TargetStatus::kCancelled, Reason::kUpstreamFailed,
                        outcomes[root].finished_at, root);
        break;
      }
      case kWaiting:
        write_unstarted(outcomes[t], TargetStatus::kNotStarted, Reason::kHorizon, std::nullopt, -1);
        if (details_) {
          // R3: waits on every predecessor that has not succeeded.
          for (int p : targets_[t].predecessors) {
            const bool satisfied =
                state_[p] == kTerminal && (outcomes[p].status == TargetStatus::kSucceeded ||
                                           outcomes[p].status == TargetStatus::kSkipped);
            if (!satisfied) out_->waiting.push_back(WaitingOn{t, Phase::kDependsOn, {}, p});
          }
        }
        break;
      case kStarted: {
        TargetOutcome& o = outcomes[t];
        o.status = approvals_waiting_[t] > 0 ? TargetStatus::kAwaitingApproval
                   : pauses_running_[t] > 0  ? TargetStatus::kPaused
                                             : TargetStatus::kRunning;
        o.reason = Reason::kHorizon;
        live = pipeline_join(live, o.status);
        break;
      }
    }
  }
  // D7: AWAITING_APPROVAL > PAUSED > RUNNING.
  live_pipeline_ = live;
  if (details_) {
    // R3: the steps still in flight, by target, each target's in start order.
    for (const InFlight& f : in_flight_) {
      if (f.target >= 0) out_->waiting.push_back(WaitingOn{f.target, f.phase, *f.step, -1});
    }
    std::stable_sort(out_->waiting.begin(), out_->waiting.end(),
                     [](const WaitingOn& a, const WaitingOn& b) { return a.target < b.target; });
  }
}

}  // namespace deploysim::model
