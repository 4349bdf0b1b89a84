// LiveWebhooks (live_webhooks.hpp): the model's real webhooks over the
// harness, and the pacing loop of `deploysim live`.
#include "deploysim/live_webhooks.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>
#include <utility>
#include <variant>

namespace deploysim::live {
namespace {

void nothing(void*, std::uint64_t) {}

// Moves the clock to `v` (>= now(), <= the next pending event): an empty event
// at v, so now() becomes v even when nothing else is pending (the attempt of
// a disableCallback webhook has no timer beside it).
void move_clock_to(Engine& engine, SimTime v) {
  if (v > engine.now()) engine.schedule(v - engine.now(), &nothing, nullptr, 0);
  engine.run_until(v);
}

HttpRequest http_request(const WebhookRequest& r) {
  HttpRequest out;
  out.method = r.method;
  out.url = r.url;
  for (const auto& [name, value] : r.headers) out.headers.push_back(HttpHeader{name, value});
  out.body = r.body;
  return out;
}

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

LiveWebhooks::LiveWebhooks(Harness& harness, LiveWebhooksOptions options)
    : harness_(&harness), options_(std::move(options)) {}

bool LiveWebhooks::is_real(const std::string& webhook) const {
  return options_.webhooks.empty() || std::find(options_.webhooks.begin(), options_.webhooks.end(),
                                                webhook) != options_.webhooks.end();
}

int LiveWebhooks::open(const RealCall& call, Signal<RealCallback>& callback,
                       std::string& callback_uri) {
  const Invocation invocation = harness_->start_invocation();
  callback_uri = invocation.callback_uri;
  Open o;
  o.id = invocation.id;
  o.opened_at = engine_ != nullptr ? engine_->now() : SimTime(0);
  o.callback = &callback;
  open_.push_back(std::move(o));
  TapeEntry entry;
  entry.webhook = call.webhook;
  entry.target = call.target;
  entry.where = call.where;
  entry.invocation = invocation.id;
  tape_.push_back(std::move(entry));
  return static_cast<int>(open_.size()) - 1;
}

void LiveWebhooks::attempt(int invocation, const WebhookRequest& wire, const WebhookRequest& shown,
                           Signal<bool>& answered) {
  Open& o = open_.at(static_cast<std::size_t>(invocation));
  o.answered = &answered;
  harness_->send_attempt(o.id, AttemptRequest{http_request(wire), http_request(shown)});
}

void LiveWebhooks::close(int invocation, WebhookResult result, int attempts,
                         std::optional<Duration> callback_after) {
  Open& o = open_.at(static_cast<std::size_t>(invocation));
  o.callback = nullptr;
  o.answered = nullptr;
  harness_->end_invocation(o.id);
  TapeEntry known = tape_[static_cast<std::size_t>(invocation)];
  known.attempts = attempts;
  known.result = result;
  // The callback's time: when the model took it; else (a callback the model
  // never waited for, e.g. its attempts all failed) when it arrived.
  Duration after{0};
  if (callback_after) {
    after = *callback_after;
  } else if (o.called_back_at) {
    after = *o.called_back_at - o.opened_at;
  }
  tape_[static_cast<std::size_t>(invocation)] = tape_entry(harness_->record(o.id), known, after);
}

LiveWebhooks::Open* LiveWebhooks::find(const std::string& id) {
  for (Open& o : open_) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

void LiveWebhooks::deliver(const Event& event, Engine& engine) {
  std::visit(Overloaded{
                 [&](const AttemptFinished& e) {
                   Open* o = find(e.invocation);
                   if (o == nullptr || o->answered == nullptr) return;
                   Signal<bool>* answered = std::exchange(o->answered, nullptr);
                   answered->trigger(e.succeeded());
                 },
                 [&](const CallbackAccepted& e) {
                   Open* o = find(e.invocation);
                   if (o == nullptr || o->callback == nullptr) return;
                   o->called_back_at = engine.now();
                   o->callback->trigger(RealCallback{e.success});
                 },
                 [&](const ContractBreach& e) {
                   if (options_.warnings == nullptr) return;
                   std::string who = "invocation '" + e.invocation + "'";
                   for (std::size_t i = 0; i < open_.size(); ++i) {
                     if (open_[i].id == e.invocation) {
                       who = "webhook " + tape_[i].webhook + " at " + tape_[i].target;
                     }
                   }
                   *options_.warnings << "live: warning: " << who << ": " << e.violation.message
                                      << " (contract check " << to_string(e.violation.check)
                                      << ", answered " << e.violation.status << ")\n";
                 },
                 [&](const Interrupted&) { interrupted_ = true; },
             },
             event.what);
}

SimTime LiveWebhooks::run(Engine& engine, SimTime horizon) {
  using WallMs = std::chrono::duration<double, std::milli>;
  const double k = options_.time_scale;
  engine_ = &engine;
  // The anchor: wall instant w0 that corresponds to virtual instant v0.
  WallClock::time_point w0 = WallClock::now();
  SimTime v0 = engine.now();
  auto wall_of = [&](SimTime v) {
    // Capped at a century, far beyond any run, so the wall instant cannot overflow.
    const double ms = std::min(static_cast<double>((v - v0).count()) / k, 3.2e12);
    return w0 + std::chrono::duration_cast<WallClock::duration>(WallMs(ms));
  };
  auto virtual_of = [&](WallClock::time_point w) {
    const double ms = std::min(WallMs(w - w0).count() * k, 9.0e18);
    return v0 + Duration(static_cast<std::int64_t>(std::llround(ms)));
  };

  SimTime end = horizon;
  while (!interrupted_) {
    const std::optional<SimTime> next = engine.next_event_time();
    const bool last = !next || *next > horizon;
    const SimTime stop = last ? horizon : *next;
    if (!harness_->has_open_invocations()) {
      // Nothing real outstanding: jump to the next event, as `run` does.
      if (last) {
        engine.run_until(horizon);
        break;
      }
      engine.run_until(stop);
      w0 = WallClock::now();
      v0 = engine.now();
      continue;
    }
    // Paced: wait for the network until the wall instant of the next event.
    const WallClock::time_point due = wall_of(stop);
    for (const Event& event : harness_->wait_for_events(due)) {
      move_clock_to(engine, std::clamp(virtual_of(event.at), engine.now(), stop));
      deliver(event, engine);
    }
    if (interrupted_) break;
    if (WallClock::now() >= due) {
      move_clock_to(engine, stop);
      if (last) break;
    }
  }
  if (interrupted_) end = engine.now();
  engine_ = nullptr;
  return end;
}

}  // namespace deploysim::live
