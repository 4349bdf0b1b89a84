// One target's life (C1): beforeDeployment → deploy + strategy →
// afterDeployment, and what each failure means (C3, C4, K5, MODEL 7-11).
#include "model.hpp"

namespace deploysim::model {

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
    r = co_await readiness_wait(t, 100, &deploy_cause_, deploy_key_);
  } else if (strategy->kind == StrategyKind::kCanary) {
    r = co_await run_canary(t);
  } else {
    r = co_await run_blue_green(t);
  }
  if (!r.ok()) {
    // K5, W10, B2: any strategy failure rolls the target back; it becomes
    // terminal (and its dependents are cancelled) when the rollback ends.
    // A3, B2: a failed analysis with rollBackMode manual ended its list at
    // its judgment; the rollback starts when a person answers (approve and
    // reject both roll back: a failed analysis cannot be overridden).
    if (r.confirm_rollback != nullptr) co_await ask_person(t, *r.confirm_rollback, "rollBack");
    co_await rollback(t);
    o.deployed = false;
    o.rolled_back = true;
    finish_target(t, TargetStatus::kRolledBack, r.reason, Phase::kStrategy, r.cause, r.agent);
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

// K2, W11, MODEL 9-10: one scale step through the target's agent. Drawn
// Ready time r; the change is applied at a, the first instant the agent is
// up; the pods are Ready at a + r; the step sees it at the first instant
// >= a + r the agent is up. Seen within the timeout (inclusive) passes;
// otherwise it fails at start + timeout with READINESS_TIMEOUT.
Task<StepResult> Model::readiness_wait(int t, int weight, const std::string* cause,
                                       std::uint64_t site) {
  StopwatchGuard watch(*this, t, &TimeBreakdown::readiness);
  WaitingGuard waiting(*this, t, Phase::kStrategy, cause);
  const TargetInfo& info = targets_[t];
  const Duration ready = draws_.draw_duration(DrawKey{info.draw_key ^ site, DrawPurpose::kReady},
                                              info.deploy.ready_after);
  const Duration limit = deployment_.deployment_config.timeout;
  const SimTime start = engine_.now();
  if (tracing_) trace(t, "readiness.start", {{"step", *cause}});
  // ready > limit cannot be seen in time whatever the agent does (and
  // start + ready might not even be representable).
  const SimTime seen = ready > limit
                           ? start + limit + Duration{1}
                           : agent_up_from(info.agent, agent_up_from(info.agent, start) + ready);
  if (seen - start > limit) {
    co_await engine_.timeout(limit);
    // The agent made the difference when the pods alone would have been in time.
    const std::string* agent = ready <= limit ? &info.target->account : nullptr;
    if (tracing_) {
      std::vector<std::pair<std::string, std::string>> fields = {{"step", *cause}};
      if (agent != nullptr) fields.emplace_back("agentDown", *agent);
      trace(t, "readiness.timeout", std::move(fields));
    }
    co_return StepResult{Reason::kReadinessTimeout, cause, agent};
  }
  if (seen > start) co_await engine_.timeout(seen - start);
  set_weight(t, weight);
  co_return StepResult{};
}

// K5, W11, MODEL 11: the rollback takes rollbackAfter once the agent applies
// it and is seen when the agent is up again; no deadline. The weight returns to 0.
Task<void> Model::rollback(int t) {
  StopwatchGuard watch(*this, t, &TimeBreakdown::rollback);
  WaitingGuard waiting(*this, t, Phase::kStrategy, &rollback_word_);
  if (details_) trace(t, "rollback.start", {});
  const TargetInfo& info = targets_[t];
  const Duration d = draws_.draw_duration(
      DrawKey{info.draw_key ^ rollback_key_, DrawPurpose::kRollback}, info.deploy.rollback_after);
  const SimTime start = engine_.now();
  const SimTime seen = agent_up_from(info.agent, agent_up_from(info.agent, start) + d);
  if (seen > start) co_await engine_.timeout(seen - start);
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

}  // namespace deploysim::model
