// W2-W7, W9 for one invocation of a webhook sent for real (`deploysim live`,
// real_webhooks.hpp): the same rules as webhook_call.cpp, with the outcome,
// the attempts' answers and the callback coming from the real receiver
// instead of the scenario's model. Nothing is drawn. W8 does not apply: the
// real receiver decides whether it can call back.
#include "model.hpp"

namespace deploysim::model {
// Closes the real invocation whatever ends its frame: the step's end
// (finish), or (C2) its list abandoning it, or the run's end (PENDING).
class RealFlight {
 public:
  RealFlight(Model& m, RealWebhooks& real, int invocation, int t, const StepInfo& step)
      : m_(&m), real_(&real), invocation_(invocation), t_(t), step_(&step) {}
  ~RealFlight() {
    if (done_) return;
    real_->close(invocation_, stopping() ? WebhookResult::kPending : WebhookResult::kAbandoned,
                 attempts_, std::nullopt);
    m_->on_webhook_abandoned(t_, *step_, record_);
  }
  RealFlight(const RealFlight&) = delete;
  RealFlight& operator=(const RealFlight&) = delete;

  void finish(WebhookResult result, std::optional<Duration> callback_after) {
    done_ = true;
    real_->close(invocation_, result, attempts_, callback_after);
  }

  int record_ = -1;  // index into RunResult::webhooks, -1 when not recorded
  int attempts_ = 0;

 private:
  bool stopping() const;

  Model* m_;
  RealWebhooks* real_;
  int invocation_;
  int t_;
  const StepInfo* step_;
  bool done_ = false;
};

Task<bool> Model::answer_of(Signal<bool>& answered) { co_return co_await answered; }

Task<RealCallback> Model::callback_of(Signal<RealCallback>& called_back) {
  co_return co_await called_back;
}

Task<StepResult> Model::run_real_webhook(int t, const StepInfo& step) {
  const int w = step.webhook;
  const Webhook& hook = deployment_.webhooks[w];
  const std::size_t key = static_cast<std::size_t>(w) * n_targets_ + t;
  const WebhookTable& table = webhooks_[key];
  StopwatchGuard watch(*this, t, &TimeBreakdown::webhooks);
  WaitingGuard waiting(*this, t, phase_of(step.list), &step.cause);

  const SimTime t0 = engine_.now();
  // W6: the callback timeout runs from the first attempt.
  const SimTime deadline = t0 + scenario_.webhook_callback_timeout;
  const int callback_n = ++callback_counter_;  // W3, MODEL 20 (as if simulated)
  ++webhook_calls_[key];                       // the sequence position moves on too

  // Declared before the flight, so they outlive close().
  Signal<bool> answered(engine_);
  Signal<RealCallback> called_back(engine_);
  std::string callback_uri;
  const int invocation =
      real_->open(RealCall{hook.name, targets_[t].target->name, where_of(step.list)}, called_back,
                  callback_uri);
  RealFlight flight(*this, *real_, invocation, t, step);

  // W2: rendered twice, secrets as *** (recorded, shown) and real (the wire only).
  const WebhookRequest shown = render_request(t, step, callback_n, callback_uri, false);
  const WebhookRequest wire = render_request(t, step, callback_n, callback_uri, true);
  if (details_) {
    flight.record_ = static_cast<int>(out_->webhooks.size());
    out_->webhooks.emplace_back();
    record_webhook_call(t, step, callback_n, out_->webhooks.back(), &callback_uri);
  }
  auto end = [&](WebhookResult result, std::optional<Duration> callback_after = std::nullopt) {
    flight.finish(result, callback_after);
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

  // W4: attempts until one gets through, retryDelay apart on virtual time.
  // W6: no attempt starts at or after the deadline, and one still unanswered
  // at the deadline ends the invocation (W7: without a callback, no deadline).
  bool through = false;
  bool cut_by_deadline = false;
  for (int k = 0;; ++k) {
    flight.attempts_ = k + 1;
    if (flight.record_ >= 0) out_->webhooks[flight.record_].attempts = k + 1;
    bool failed = true;
    if (!agent_down(table.agent, engine_.now())) {  // W9: a down agent sends nothing
      answered.reset();
      real_->attempt(invocation, wire, shown, answered);
      if (hook.disable_callback) {
        failed = !co_await answered;
      } else {
        const std::optional<bool> answer =
            co_await with_timeout(engine_, answer_of(answered), deadline - engine_.now());
        if (!answer) {
          cut_by_deadline = true;
          break;
        }
        failed = !*answer;
      }
    }
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
    // W6: not every attempt was made (or answered), so TIMEOUT at the deadline.
    if (deadline > engine_.now()) co_await engine_.timeout(deadline - engine_.now());
    if (tracing_) trace(t, "timeout", {{"webhook", hook.name}});
    co_return end(WebhookResult::kTimeout);
  }
  if (!through) {
    // W4: UNREACHABLE at once, or (policy atTimeout) at the deadline.
    if (scenario_.unreachable == UnreachablePolicy::kAtTimeout && deadline > engine_.now()) {
      co_await engine_.timeout(deadline - engine_.now());
    }
    co_return end(WebhookResult::kUnreachable);
  }
  // W7: no callback to wait for.
  if (hook.disable_callback) co_return end(WebhookResult::kSuccess);

  // W5, W6: the receiver's callback, if it comes before the deadline.
  const std::optional<RealCallback> callback =
      co_await with_timeout(engine_, callback_of(called_back), deadline - engine_.now());
  if (!callback) {
    if (tracing_) trace(t, "timeout", {{"webhook", hook.name}});
    co_return end(WebhookResult::kTimeout);
  }
  if (tracing_) {
    trace(t, "callback",
          {{"webhook", hook.name}, {"success", callback->success ? "true" : "false"}});
  }
  co_return end(callback->success ? WebhookResult::kSuccess : WebhookResult::kFailure,
                engine_.now() - t0);
}

bool RealFlight::stopping() const { return m_->stopping_; }

}  // namespace deploysim::model
