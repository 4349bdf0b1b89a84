// The model's real webhooks (real_webhooks.hpp) on top of the harness
// (live.hpp): what `deploysim live` hands the simulator. It sends the
// attempts, turns the harness's events into the signals the model waits on,
// prints contract breaches as they happen, keeps the tape, and paces the
// virtual clock (docs/MODEL.md, "Live runs"):
//   - while no real invocation is open, the clock jumps from event to event
//     as in `run`;
//   - while one is open, the clock runs K times faster than the wall clock
//     (K = time_scale) and never ahead of it: the next internal event waits
//     until its wall instant, and what the network does at wall time w
//     happens at virtual time v0 + (w - w0) × K (clamped between the current
//     time and the next internal event; within one millisecond, after the
//     internal events of that millisecond).
// SIGINT/SIGTERM (HarnessOptions::stop_on_signals) end the run at the
// current virtual time, like the horizon.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "deploysim/live.hpp"
#include "deploysim/real_webhooks.hpp"
#include "deploysim/tape.hpp"

namespace deploysim::live {

struct LiveWebhooksOptions {
  std::vector<std::string> webhooks;  // --webhook: the webhooks sent for real; empty: all
  double time_scale = 1;              // --time-scale K (> 0): virtual ms per wall ms
  std::ostream* warnings = nullptr;   // contract breaches, one line each, as they happen
};

class LiveWebhooks final : public RealWebhooks {
 public:
  // REQUIRES: `harness` outlives this object; options.time_scale > 0.
  LiveWebhooks(Harness& harness, LiveWebhooksOptions options);

  bool is_real(const std::string& webhook) const override;
  int open(const RealCall& call, Signal<RealCallback>& callback,
           std::string& callback_uri) override;
  void attempt(int invocation, const WebhookRequest& wire, const WebhookRequest& shown,
               Signal<bool>& answered) override;
  void close(int invocation, WebhookResult result, int attempts,
             std::optional<Duration> callback_after) override;
  SimTime run(Engine& engine, SimTime horizon) override;

  // One entry per real invocation, in call order; an invocation still open
  // has result PENDING and no callback. After Simulator::run every one is closed.
  const std::vector<TapeEntry>& tape() const { return tape_; }

  // Whether SIGINT or SIGTERM ended the run.
  bool interrupted() const { return interrupted_; }

 private:
  struct Open {
    std::string id;  // the harness's invocation id
    SimTime opened_at{0};
    Signal<RealCallback>* callback = nullptr;  // null once closed
    Signal<bool>* answered = nullptr;          // the attempt in flight, if any
    std::optional<SimTime> called_back_at;
  };

  // Handles one harness event at the engine's current time.
  void deliver(const Event& event, Engine& engine);
  Open* find(const std::string& id);

  Harness* harness_;
  LiveWebhooksOptions options_;
  Engine* engine_ = nullptr;  // while run() runs
  std::vector<Open> open_;    // by handle (call order)
  std::vector<TapeEntry> tape_;
  bool interrupted_ = false;
};

}  // namespace deploysim::live
