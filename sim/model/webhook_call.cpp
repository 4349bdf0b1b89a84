// W3-W9, MODEL 15-20: one webhook invocation. Everything random is drawn
// when the step reaches it (outcome first, then each attempt's failure, then
// the latency), so the draw order never depends on what is recorded.
#include "model.hpp"

namespace deploysim::model {
// C2: an invocation still in flight when its list ends is ABANDONED. Its
// frame is destroyed then, and this guard notices. At the horizon
// (stopping_) it stays PENDING.
class WebhookFlight {
 public:
  WebhookFlight(Model& m, int t, const StepInfo& step) : m_(&m), t_(t), step_(&step) {}
  ~WebhookFlight() {
    if (!done_) m_->on_webhook_abandoned(t_, *step_, record_);
  }
  WebhookFlight(const WebhookFlight&) = delete;
  WebhookFlight& operator=(const WebhookFlight&) = delete;

  int record_ = -1;  // index into RunResult::webhooks, -1 when not recorded
  bool done_ = false;

 private:
  Model* m_;
  int t_;
  const StepInfo* step_;
};

void Model::on_webhook_abandoned(int t, const StepInfo& step, int record) {
  if (stopping_) return;
  if (record >= 0) {
    WebhookCall& call = out_->webhooks[record];
    call.result = WebhookResult::kAbandoned;
    call.finished_at = engine_.now();
  }
  if (tracing_) {
    trace(t, "webhook.end", {{"webhook", step.webhook_step->name}, {"result", "ABANDONED"}});
  }
}

Task<StepResult> Model::run_webhook(int t, const StepInfo& step) {
  const int w = step.webhook;
  const Webhook& hook = deployment_.webhooks[w];
  // `deploysim live`: this webhook is sent for real (real_webhook_call.cpp).
  if (real_ != nullptr && real_->is_real(hook.name)) co_return co_await run_real_webhook(t, step);
  const std::size_t key = static_cast<std::size_t>(w) * n_targets_ + t;
  const WebhookTable& table = webhooks_[key];
  const ResolvedWebhookModel& model = table.model;
  StopwatchGuard watch(*this, t, &TimeBreakdown::webhooks);
  WaitingGuard waiting(*this, t, phase_of(step.list), &step.cause);
  WebhookFlight flight(*this, t, step);

  const SimTime t0 = engine_.now();
  // W6: the callback timeout runs from the first attempt.
  const SimTime deadline = t0 + scenario_.webhook_callback_timeout;
  const int callback_n = ++callback_counter_;  // W3, MODEL 20

  // MODEL 19: the next scripted entry, else the outcome distribution.
  const int position = webhook_calls_[key]++;
  const ScriptedWebhookCall* script =
      position < static_cast<int>(model.sequence.size()) ? &model.sequence[position] : nullptr;
  const std::uint64_t site = targets_[t].draw_key ^ step.draw_key;
  const ChoiceLabel label{targets_[t].target->name, "webhook", hook.name};
  const WebhookOutcome outcome =
      script ? script->result
             : static_cast<WebhookOutcome>(
                   draws_.choose(DrawKey{site, DrawPurpose::kOutcome}, model.outcome, label));

  if (details_) {
    flight.record_ = static_cast<int>(out_->webhooks.size());
    out_->webhooks.emplace_back();
    record_webhook_call(t, step, callback_n, out_->webhooks.back());
  }
  auto end = [&](WebhookResult result) {
    flight.done_ = true;
    if (flight.record_ >= 0) {
      WebhookCall& call = out_->webhooks[flight.record_];
      call.result = result;
      call.finished_at = engine_.now();
    }
    if (tracing_) {
      trace(t, "webhook.end", {{"webhook", hook.name}, {"result", std::string(to_string(result))}});
    }
    return StepResult{reason_of(result), &step.cause};
  };

  // W4, MODEL 15: attempts at t0, t0 + d, ... until one gets through. W6:
  // the callback deadline bounds them: no attempt starts at or after it
  // (without a callback to wait for, W7, there is no deadline).
  bool through = false;
  bool cut_by_deadline = false;
  for (int k = 0;; ++k) {
    if (flight.record_ >= 0) out_->webhooks[flight.record_].attempts = k + 1;
    const bool failed =
        outcome == WebhookOutcome::kUnreachable ||
        (script != nullptr && script->failed_attempts > k) ||
        agent_down(table.agent, engine_.now()) || receiver_down(table.receiver, engine_.now()) ||
        (model.attempt_failure > 0 && draws_.bernoulli(DrawKey{site, DrawPurpose::kAttemptFailure,
                                                               0, static_cast<std::uint32_t>(k)},
                                                       model.attempt_failure, label));
    if (tracing_) {
      trace(t, "webhook.attempt",
            {{"webhook", hook.name},
             {"attempt", std::to_string(k + 1)},
             {"result", failed ? "failed" : "ok"}});
    }
    if (!failed) {
      through = true;
      break;
    }
    if (k >= hook.retry_count) break;
    if (!hook.disable_callback && engine_.now() + scenario_.retry_delay >= deadline) {
      cut_by_deadline = true;
      break;
    }
    if (scenario_.retry_delay.count() > 0) co_await engine_.timeout(scenario_.retry_delay);
  }

  if (cut_by_deadline) {
    // W6, MODEL 16: not every attempt was made, so not UNREACHABLE: TIMEOUT
    // at the deadline.
    if (deadline > engine_.now()) co_await engine_.timeout(deadline - engine_.now());
    if (tracing_) trace(t, "timeout", {{"webhook", hook.name}});
    co_return end(WebhookResult::kTimeout);
  }
  if (!through) {
    // MODEL 16: UNREACHABLE at once, or (policy atTimeout) at the deadline.
    if (scenario_.unreachable == UnreachablePolicy::kAtTimeout && deadline > engine_.now()) {
      co_await engine_.timeout(deadline - engine_.now());
    }
    co_return end(WebhookResult::kUnreachable);
  }
  // W7: no callback to wait for.
  if (hook.disable_callback) co_return end(WebhookResult::kSuccess);

  // W8: a request that never carries the callback URI cannot be answered.
  const bool unanswerable = !webhook_carries_callback_[w] &&
                            scenario_.missing_callback_uri == MissingCallbackUriPolicy::kTimeout;
  if (outcome == WebhookOutcome::kNoCallback || unanswerable) {
    if (deadline > engine_.now()) co_await engine_.timeout(deadline - engine_.now());
    if (tracing_) trace(t, "timeout", {{"webhook", hook.name}});
    co_return end(WebhookResult::kTimeout);
  }

  // W5, MODEL 17: the callback comes after the latency; a callback later than
  // the deadline loses, one exactly at it wins.
  const Duration latency =
      draws_.draw_duration(DrawKey{site, DrawPurpose::kLatency},
                           script && script->after ? *script->after : model.latency);
  if (engine_.now() + latency > deadline) {
    if (deadline > engine_.now()) co_await engine_.timeout(deadline - engine_.now());
    if (tracing_) trace(t, "timeout", {{"webhook", hook.name}});
    co_return end(WebhookResult::kTimeout);
  }
  if (latency.count() > 0) co_await engine_.timeout(latency);
  const bool success = outcome == WebhookOutcome::kSuccess;
  if (tracing_)
    trace(t, "callback", {{"webhook", hook.name}, {"success", success ? "true" : "false"}});
  co_return end(success ? WebhookResult::kSuccess : WebhookResult::kFailure);
}

}  // namespace deploysim::model
