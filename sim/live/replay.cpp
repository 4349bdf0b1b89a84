// `run --replay TAPE` (../shared/spec/COMMANDS.md, `live`): the taped
// invocations of each (webhook, target) become the first entries of its
// scripted `sequence`, so the model plays them back with no network.
#include <algorithm>
#include <map>
#include <utility>

#include "deploysim/replay.hpp"

namespace deploysim::live {
namespace {

bool got_through(const TapeEntry& entry) {
  return std::any_of(entry.requests.begin(), entry.requests.end(), [](const TapeRequest& r) {
    return r.status && *r.status >= 200 && *r.status <= 299;
  });
}

// One taped invocation as the scripted call that ends the same way.
// Attempts: only the last one can have got through, so the attempts before it
// failed (through the network or, W9, at a down agent). Callback: `after` on
// the tape runs from the first attempt; a sequence entry's runs from the
// attempt that got through, which came after the retry delays (and the
// attempts' own latency, which `after` already holds).
ScriptedWebhookCall scripted_call(const TapeEntry& entry, Duration retry_delay) {
  ScriptedWebhookCall call;
  call.location = entry.location;
  const bool through = got_through(entry);
  call.failed_attempts = through ? entry.attempts - 1 : entry.attempts;
  switch (entry.result) {
    case WebhookResult::kSuccess:
      call.result = WebhookOutcome::kSuccess;
      break;
    case WebhookResult::kFailure:
      call.result = WebhookOutcome::kFailure;
      break;
    case WebhookResult::kUnreachable:
      call.result = WebhookOutcome::kUnreachable;
      break;
    default:
      // TIMEOUT: no callback came in time (or the deadline cut the retries).
      // ABANDONED, PENDING: nothing came before the list or the run ended;
      // the same end comes again at the same instant.
      call.result = WebhookOutcome::kNoCallback;
      break;
  }
  if (entry.callback) {
    const Duration spent = retry_delay * call.failed_attempts;
    call.after = Distribution::constant(std::max(Duration(0), entry.callback->after - spent));
  }
  return call;
}

template <class T>
std::string names_of(const std::vector<T>& items) {
  std::string out;
  for (const T& item : items) out += (out.empty() ? "" : ", ") + item.name;
  return out;
}

}  // namespace

bool replay_tape(Scenario& scenario, const std::vector<TapeEntry>& tape, Diagnostics& diagnostics) {
  const Deployment& d = scenario.deployment;
  // Per (webhook, target), the taped calls in call order.
  std::map<std::pair<std::string, std::string>, std::vector<ScriptedWebhookCall>> taped;
  bool ok = true;
  for (const TapeEntry& entry : tape) {
    const bool webhook_known =
        std::any_of(d.webhooks.begin(), d.webhooks.end(),
                    [&](const Webhook& w) { return w.name == entry.webhook; });
    const bool target_known = std::any_of(d.targets.begin(), d.targets.end(),
                                          [&](const Target& t) { return t.name == entry.target; });
    if (!webhook_known) {
      diagnostics.error(entry.location,
                        "webhook '" + entry.webhook +
                            "' is not in the deploy file (webhooks: " + names_of(d.webhooks) + ")");
      ok = false;
    }
    if (!target_known) {
      diagnostics.error(entry.location,
                        "target '" + entry.target +
                            "' is not in the deploy file (targets: " + names_of(d.targets) + ")");
      ok = false;
    }
    if (ok) {
      taped[{entry.webhook, entry.target}].push_back(scripted_call(entry, scenario.retry_delay));
    }
  }
  if (!ok) return false;

  // When the tape runs out the scenario's model applies: its own sequence
  // goes on from the position after the taped calls, then its distributions.
  for (auto& [key, calls] : taped) {
    const ResolvedWebhookModel model = resolve_webhook_model(scenario, key.first, key.second);
    for (std::size_t i = calls.size(); i < model.sequence.size(); ++i) {
      calls.push_back(model.sequence[i]);
    }
    scenario.webhooks.by_name[key.first].targets[key.second].sequence = std::move(calls);
  }
  return true;
}

}  // namespace deploysim::live
