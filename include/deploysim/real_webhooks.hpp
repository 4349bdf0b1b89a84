// The model's view of webhooks sent for real (`deploysim live`,
// ../shared/spec/COMMANDS.md): what the model asks of whoever talks to the
// network, and what it waits for. No networking type appears here; sim/live
// implements it (live_webhooks.hpp).
//
// Who decides what. The model keeps W4-W6 in its own code: it renders the
// request (W2), decides when each attempt starts and how long to wait between
// them (retryDelay, on virtual time), and races the callback against the
// deadline (webhookCallbackTimeout, on virtual time). The implementation only
// sends, listens and says when something happened, by triggering the signals
// the model waits on, at the virtual instant it maps the wall time to. It
// also drives the engine (run()), so the virtual clock never runs ahead of an
// outstanding real invocation.
//
// Lifetime. The model owns the signals it hands over (they live in the
// invocation's coroutine frame) and calls close() before they die, whatever
// ends the invocation (its step ended, its list abandoned it, the run ended).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "deploysim/engine.hpp"
#include "deploysim/outcome.hpp"
#include "deploysim/time.hpp"

namespace deploysim {

// A rendered webhook request (W2).
struct WebhookRequest {
  std::string method;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // in template order
  std::string body;                                          // empty: no body
};

// Which invocation this is, for the tape and for messages.
struct RealCall {
  std::string webhook;  // Webhook::name
  std::string target;   // Target::name
  WebhookWhere where = WebhookWhere::kBeforeDeployment;
};

// An accepted callback (W5).
struct RealCallback {
  bool success = false;
};

class RealWebhooks {
 public:
  virtual ~RealWebhooks() = default;

  // Whether the invocations of the webhook named `webhook` are sent for real
  // (the others are simulated as in `run`).
  virtual bool is_real(const std::string& webhook) const = 0;

  // W3: starts an invocation and returns its handle; `callback_uri` receives
  // what {{armory.callbackUri}} renders to. From now until close(), an
  // accepted callback triggers `callback` (a Signal keeps its value, so a
  // callback that comes before the attempt's answer waits for the model).
  virtual int open(const RealCall& call, Signal<RealCallback>& callback,
                   std::string& callback_uri) = 0;

  // Sends one trigger attempt: `wire` carries the real secrets and goes only
  // on the network; `shown` has them as *** and is the only form recorded.
  // `answered` is triggered with whether the attempt got through (a 2xx
  // answer; W4: anything else is a failed attempt).
  // REQUIRES: `answered` is untriggered and the previous attempt's was triggered.
  virtual void attempt(int invocation, const WebhookRequest& wire, const WebhookRequest& shown,
                       Signal<bool>& answered) = 0;

  // The model is done with the invocation: how it ended, the trigger attempts
  // made (W9: an attempt at a down agent fails without reaching the network),
  // and, when the model took a callback, the virtual time from the call to
  // that moment. The signals are not touched after this.
  virtual void close(int invocation, WebhookResult result, int attempts,
                     std::optional<Duration> callback_after) = 0;

  // Runs `engine` (the replication's processes are spawned) up to `horizon`,
  // keeping its clock from running ahead of outstanding real invocations.
  // Returns the instant the run ends at if processes still wait: `horizon`,
  // or earlier when the run was interrupted (Ctrl-C ends it like the horizon).
  virtual SimTime run(Engine& engine, SimTime horizon) = 0;
};

}  // namespace deploysim
