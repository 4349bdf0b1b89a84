// P1-P4, MODEL 21-22: timed pauses and people. The approvals model of the
// target, its gate and the pause's role (SCENARIO.md "Approvals by gate")
// answers both `pause: {untilApproved}` and the manual decisions of analysis;
// models whose sequence comes from the same layer share its position.
#include "model.hpp"

namespace deploysim::model {

// C2: a question still open when its list ends is ABANDONED; at the horizon
// (stopping_) it stays PENDING.
class ApprovalFlight {
 public:
  ApprovalFlight(Model& m, int record) : m_(&m), record_(record) {}
  ~ApprovalFlight() {
    if (!done_) m_->on_approval_abandoned(record_);
  }
  ApprovalFlight(const ApprovalFlight&) = delete;
  ApprovalFlight& operator=(const ApprovalFlight&) = delete;

  bool done_ = false;

 private:
  Model* m_;
  int record_;
};

int Model::record_approval(int t, const StepInfo& step, std::string_view what) {
  if (!details_) return -1;
  ApprovalRecord& r = out_->approvals.emplace_back();
  r.target = t;
  r.phase = phase_of(step.list);
  r.where = step.where_label;
  r.step = what.empty() ? step.cause : step.cause + " " + std::string(what);
  if (step.pause != nullptr) r.requires_roles = step.pause->requires_roles;
  r.asked_at = engine_.now();
  return static_cast<int>(out_->approvals.size()) - 1;
}

void Model::end_approval(int record, ApprovalResult result) {
  if (record < 0) return;
  out_->approvals[record].result = result;
  out_->approvals[record].finished_at = engine_.now();
}

void Model::on_approval_abandoned(int record) {
  if (stopping_) return;
  end_approval(record, ApprovalResult::kAbandoned);
}

Model::Answer Model::draw_answer(int t, const StepInfo& step) {
  const int model =
      approval_model_of_[static_cast<std::size_t>(t) * approval_kinds_ + step.approval_kind];
  const ResolvedApprovalModel& m = approval_models_[model];
  const std::uint64_t site = targets_[t].draw_key ^ step.draw_key;
  const DrawKey after_key{site, DrawPurpose::kAfter};
  const int position = approval_calls_[approval_counter_of_[model]]++;
  // MODEL 22c: with working hours, `after` is working time from now.
  auto wall = [&](Duration after) {
    if (!m.working_hours) return after;
    return working_time_delay(*m.working_hours, wall_start_ms_ + engine_.now().count(), after);
  };
  if (position < static_cast<int>(m.sequence.size())) {
    const ScriptedDecision& e = m.sequence[position];
    if (e.decision == Decision::kNever) return {Decision::kNever, Duration{0}};
    return {e.decision, wall(draws_.draw_duration(after_key, e.after ? *e.after : m.after))};
  }
  const auto decision = static_cast<Decision>(
      draws_.choose(DrawKey{site, DrawPurpose::kDecision}, m.decision,
                    ChoiceLabel{targets_[t].target->name, "approval", step.cause}));
  if (decision == Decision::kNever) return {Decision::kNever, Duration{0}};
  return {decision, wall(draws_.draw_duration(after_key, m.after))};
}

// P1: waits, then passes.
Task<StepResult> Model::run_pause(int t, const StepInfo& step) {
  StopwatchGuard watch(*this, t, &TimeBreakdown::pauses);
  LiveCounterGuard paused(pauses_running_, t);
  WaitingGuard waiting_on(*this, t, phase_of(step.list), &step.cause);
  if (tracing_) {
    trace(t, "pause.start", {{"duration", format_duration(step.pause->duration)}});
  }
  if (step.pause->duration.count() > 0) co_await engine_.timeout(step.pause->duration);
  if (tracing_) trace(t, "pause.end", {});
  co_return StepResult{};
}

// P2, P3, MODEL 22: asked now; answered after `after`. With an expiration E
// an answer later than E (or none) expires at E; an answer at exactly E wins.
// Without one, no answer waits until the horizon (AWAITING_APPROVAL).
Task<StepResult> Model::run_approval(int t, const StepInfo& step) {
  StopwatchGuard watch(*this, t, &TimeBreakdown::approvals);
  LiveCounterGuard waiting(approvals_waiting_, t);
  WaitingGuard waiting_on(*this, t, phase_of(step.list), &step.cause);
  if (tracing_) {
    // P4: requiresRoles has no effect on timing; it is carried into the
    // trace and the approval records.
    std::string roles;
    for (const std::string& r : step.pause->requires_roles) {
      if (!roles.empty()) roles += ',';
      roles += r;
    }
    trace(t, "approval.asked", {{"step", step.cause}, {"requiresRoles", roles}});
  }
  const int record = record_approval(t, step, {});
  ApprovalFlight flight(*this, record);
  const Answer answer = draw_answer(t, step);
  const std::optional<Duration>& expiration = step.pause->approval_expiration;
  if (answer.decision == Decision::kNever || (expiration && answer.after > *expiration)) {
    if (!expiration) co_await never_;  // never resumes: the horizon ends the run
    if (expiration->count() > 0) co_await engine_.timeout(*expiration);
    if (tracing_) trace(t, "approval.expired", {{"step", step.cause}});
    flight.done_ = true;
    end_approval(record, ApprovalResult::kExpired);
    co_return StepResult{Reason::kApprovalExpired, &step.cause};
  }
  if (answer.after.count() > 0) co_await engine_.timeout(answer.after);
  const bool approved = answer.decision == Decision::kApprove;
  if (tracing_) {
    trace(t, "approval.answered",
          {{"step", step.cause}, {"decision", approved ? "approve" : "reject"}});
  }
  flight.done_ = true;
  end_approval(record, approved ? ApprovalResult::kApproved : ApprovalResult::kRejected);
  co_return approved ? StepResult{} : StepResult{Reason::kApprovalRejected, &step.cause};
}

// A3, A4, MODEL 25: a person decides what a manual analysis does. Returns
// approve or reject at the answer; `never` waits until the horizon.
Task<Decision> Model::ask_person(int t, const StepInfo& step, std::string_view what) {
  StopwatchGuard watch(*this, t, &TimeBreakdown::approvals);
  LiveCounterGuard waiting(approvals_waiting_, t);
  WaitingGuard waiting_on(*this, t, phase_of(step.list), &step.cause);
  if (tracing_) trace(t, "approval.asked", {{"step", step.cause}, {"decision", std::string(what)}});
  const int record = record_approval(t, step, what);
  ApprovalFlight flight(*this, record);
  const Answer answer = draw_answer(t, step);
  if (answer.decision == Decision::kNever) co_await never_;
  if (answer.after.count() > 0) co_await engine_.timeout(answer.after);
  if (tracing_) {
    trace(t, "approval.answered",
          {{"step", step.cause},
           {"decision", answer.decision == Decision::kApprove ? "approve" : "reject"}});
  }
  flight.done_ = true;
  end_approval(record, answer.decision == Decision::kApprove ? ApprovalResult::kApproved
                                                             : ApprovalResult::kRejected);
  co_return answer.decision;
}

}  // namespace deploysim::model
