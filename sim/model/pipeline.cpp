// The orchestrator (D1-D7): starts each target when its last predecessor
// succeeds, cancels dependents without events when one fails, and settles
// the live statuses at the horizon.
#include <algorithm>

#include "model.hpp"

namespace deploysim::internal {

void Model::reset_run(const RunOptions& options, RunResult& out) {
  options_ = &options;
  out_ = &out;
  details_ = options.record_details || options.record_trace;
  tracing_ = options.record_trace;
  stopping_ = false;
  end_time_ = SimTime{0};
  stream_.reseed(options.seed, options.replication);
  engine_.reset();

  out.seed = options.seed;
  out.replication = options.replication;
  out.pipeline = TargetStatus::kRunning;
  out.finished_at.reset();
  out.targets.assign(n_targets_, TargetOutcome{});
  out.webhooks.clear();
  out.analyses.clear();
  out.weights.clear();
  out.trace.clear();
  out.warnings.clear();
  out.events = 0;

  live_targets_ = n_targets_;
  callback_counter_ = 0;
  std::fill(state_.begin(), state_.end(), kWaiting);
  std::fill(approvals_waiting_.begin(), approvals_waiting_.end(), 0);
  std::fill(pauses_running_.begin(), pauses_running_.end(), 0);
  std::fill(webhook_calls_.begin(), webhook_calls_.end(), 0);
  std::fill(approval_calls_.begin(), approval_calls_.end(), 0);
  std::fill(query_samples_.begin(), query_samples_.end(), 0);
  std::fill(exposed_.begin(), exposed_.end(), 0);
  warned_.clear();

  for (int t = 0; t < n_targets_; ++t) {
    first_deployment_[t] = options.first_deployment || targets_[t].first_deployment;
  }
}

void Model::run(const RunOptions& options, RunResult& out) {
  reset_run(options, out);

  // D6: --target wins over the deploy file's targetFilters; the others are
  // SKIPPED and satisfy their dependents at time 0 (MODEL 4).
  const std::vector<std::string>& filter =
      !options.only_targets.empty() ? options.only_targets : deployment_.target_filters;
  for (int t = 0; t < n_targets_; ++t) {
    pending_preds_[t] = static_cast<int>(targets_[t].predecessors.size());
  }
  if (!filter.empty()) {
    for (int t = 0; t < n_targets_; ++t) {
      const std::string& name = targets_[t].target->name;
      if (std::find(filter.begin(), filter.end(), name) != filter.end()) continue;
      out.targets[t].status = TargetStatus::kSkipped;
      state_[t] = kTerminal;
      --live_targets_;
      for (int d : targets_[t].dependents) --pending_preds_[d];
    }
  }
  // D2: in file order, every target whose predecessors are all satisfied.
  for (int t = 0; t < n_targets_; ++t) {
    if (state_[t] == kWaiting && pending_preds_[t] == 0) {
      start_target(t);
    }
  }

  const SimTime horizon = options.horizon.value_or(scenario_.horizon);
  if (live_targets_ > 0) engine_.run_until(horizon);
  out.events = engine_.events_processed();

  if (live_targets_ > 0) {
    end_time_ = horizon;
    settle_horizon();
  } else {
    out.finished_at = SimTime{0};
    for (const TargetOutcome& o : out.targets) {
      if (o.finished_at) out.finished_at = std::max(*out.finished_at, *o.finished_at);
    }
    end_time_ = *out.finished_at;
  }

  // D7.
  bool failed = false;
  bool cancelled = false;
  for (const TargetOutcome& o : out.targets) {
    failed = failed || o.status == TargetStatus::kFailed || o.status == TargetStatus::kRolledBack;
    cancelled = cancelled || o.status == TargetStatus::kCancelled;
  }
  out.pipeline = failed              ? TargetStatus::kFailed
                 : cancelled         ? TargetStatus::kCancelled
                 : live_targets_ > 0 ? TargetStatus::kRunning
                                     : TargetStatus::kSucceeded;

  // Destroy what still waits (at the horizon): the guards add their time up
  // to end_time_ but record nothing (webhooks stay PENDING).
  stopping_ = true;
  engine_.reset();
  out_ = nullptr;
  options_ = nullptr;
}

void Model::start_target(int t) {
  state_[t] = kStarted;
  engine_.spawn(target_process(t));
}

void Model::finish_target(int t, TargetStatus status, Reason reason, Phase phase,
                          const std::string* cause_step) {
  TargetOutcome& o = out_->targets[t];
  const SimTime now = engine_.now();
  o.status = status;
  o.reason = reason;
  o.finished_at = now;
  state_[t] = kTerminal;
  if (status != TargetStatus::kSucceeded) {
    o.cause = Cause{phase, cause_step ? *cause_step : std::string(), t};
  }
  --live_targets_;
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
// stops there.
void Model::cancel_dependents(int root) {
  const SimTime now = engine_.now();
  walk_.clear();
  walk_.push_back(root);
  while (!walk_.empty()) {
    const int u = walk_.back();
    walk_.pop_back();
    for (int i = dependents_begin_[u]; i < dependents_begin_[u + 1]; ++i) {
      const int d = dependents_[i];
      if (state_[d] != kWaiting) continue;
      state_[d] = kTerminal;
      TargetOutcome& o = out_->targets[d];
      o.status = TargetStatus::kCancelled;
      o.reason = Reason::kUpstreamFailed;
      o.finished_at = now;
      o.cause = Cause{Phase::kDependsOn, std::string(), root};
      --live_targets_;
      if (details_) trace(d, "cancel", {{"cause", targets_[root].target->name}});
      walk_.push_back(d);
    }
  }
}

// MODEL 27: live targets keep their live status, reason HORIZON.
void Model::settle_horizon() {
  for (int t = 0; t < n_targets_; ++t) {
    TargetOutcome& o = out_->targets[t];
    if (is_terminal(o.status)) continue;
    if (state_[t] == kWaiting) {
      o.status = TargetStatus::kNotStarted;
    } else if (approvals_waiting_[t] > 0) {
      o.status = TargetStatus::kAwaitingApproval;
    } else if (pauses_running_[t] > 0) {
      o.status = TargetStatus::kPaused;
    } else {
      o.status = TargetStatus::kRunning;
    }
    o.reason = Reason::kHorizon;
  }
}

}  // namespace deploysim::internal
