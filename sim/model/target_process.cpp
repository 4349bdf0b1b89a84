// One target's life (C1): beforeDeployment → deploy + strategy →
// afterDeployment, and what each failure means (C3, C4, K5, MODEL 7-11).
#include "model.hpp"

namespace deploysim::internal {

Task<void> Model::target_process(int t) {
  const TargetInfo& info = targets_[t];
  TargetOutcome& o = out_->targets[t];
  o.status = TargetStatus::kRunning;
  o.started_at = engine_.now();
  if (details_) trace(t, "target.start", {});

  // C1, C2: beforeDeployment, items in parallel.
  if (!info.before.items.empty()) {
    if (details_) trace(t, "phase", {{"phase", "beforeDeployment"}});
    const StepResult r = co_await run_list(t, info.before);
    if (!r.ok()) {
      // C3, MODEL 7: nothing new was deployed. A person's "no" cancels; a
      // webhook's failure fails.
      const bool by_person =
          r.reason == Reason::kApprovalExpired || r.reason == Reason::kApprovalRejected;
      finish_target(t, by_person ? TargetStatus::kCancelled : TargetStatus::kFailed, r.reason,
                    Phase::kBeforeDeployment, r.cause);
      co_return;
    }
  }

  // Deploy + strategy.
  if (details_) trace(t, "phase", {{"phase", "strategy"}});
  StepResult r;
  const StrategyInfo* strategy = info.strategy >= 0 ? &strategies_[info.strategy] : nullptr;
  if (strategy == nullptr || info.first_deployment || options_->first_deployment) {
    // K6, K7: the new version goes to 100% at once, one readiness wait.
    r = co_await readiness_wait(t, 100, &deploy_cause_);
  } else if (strategy->kind == StrategyKind::kCanary) {
    r = co_await run_canary(t);
  } else {
    r = co_await run_blue_green(t);
  }
  if (!r.ok()) {
    // K5, W10, B2: any strategy failure rolls the target back; it becomes
    // terminal (and its dependents are cancelled) when the rollback ends.
    co_await rollback(t);
    o.deployed = false;
    o.rolled_back = true;
    finish_target(t, TargetStatus::kRolledBack, r.reason, Phase::kStrategy, r.cause);
    co_return;
  }
  o.deployed = true;

  // C4: afterDeployment; a failure leaves the new version live.
  if (!info.after.items.empty()) {
    if (details_) trace(t, "phase", {{"phase", "afterDeployment"}});
    const StepResult after = co_await run_list(t, info.after);
    if (!after.ok()) {
      // MODEL 8: only an expired approval cancels; everything else fails.
      finish_target(t,
                    after.reason == Reason::kApprovalExpired ? TargetStatus::kCancelled
                                                             : TargetStatus::kFailed,
                    after.reason, Phase::kAfterDeployment, after.cause);
      co_return;
    }
  }
  finish_target(t, TargetStatus::kSucceeded, Reason::kNone, Phase::kStrategy, nullptr);
}

// K2, MODEL 9-10: one scale step. Ready after r (drawn) if r <= timeout
// (inclusive); otherwise it fails at the timeout with READINESS_TIMEOUT.
Task<StepResult> Model::readiness_wait(int t, int weight, const std::string* cause) {
  StopwatchGuard watch(*this, t, &TimeBreakdown::readiness);
  const Duration ready = chooser_.draw_duration(targets_[t].deploy.ready_after);
  const Duration limit = deployment_.deployment_config.timeout;
  if (tracing_) trace(t, "readiness.start", {{"step", *cause}});
  if (ready > limit) {
    co_await engine_.timeout(limit);
    if (tracing_) trace(t, "readiness.timeout", {{"step", *cause}});
    co_return StepResult{Reason::kReadinessTimeout, cause};
  }
  if (ready.count() > 0) co_await engine_.timeout(ready);
  set_weight(t, weight);
  co_return StepResult{};
}

// K5, MODEL 11: the rollback takes rollbackAfter; the weight returns to 0.
Task<void> Model::rollback(int t) {
  StopwatchGuard watch(*this, t, &TimeBreakdown::rollback);
  if (details_) trace(t, "rollback.start", {});
  const Duration d = chooser_.draw_duration(targets_[t].deploy.rollback_after);
  if (d.count() > 0) co_await engine_.timeout(d);
  set_weight(t, 0);
  if (details_) trace(t, "rollback.end", {});
}

void Model::set_weight(int t, int weight) {
  TargetOutcome& o = out_->targets[t];
  if (o.weight == weight) return;
  o.weight = weight;
  if (details_) {
    out_->weights.push_back(WeightChange{t, engine_.now(), weight});
    trace(t, "weight", {{"weight", std::to_string(weight)}});
  }
}

}  // namespace deploysim::internal
