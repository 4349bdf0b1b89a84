// Sweeps: setting one dotted path of the loaded Scenario's world model to a
// value. This works on the struct, not on the YAML, so every value gets the
// loader's checks once (the file) and the sweep only rewrites a number.
#include <cstdlib>
#include <sstream>

#include "deploysim/sweep.hpp"
#include "deploysim/time.hpp"

namespace deploysim {
namespace {

// A --sweep duration as a file would take it: not negative, within
// kMaxDuration. Sets `error` (naming the value and the path) when it is not.
std::optional<Duration> sweep_duration(const std::string& value, const std::string& path,
                                       std::string& error) {
  const auto d = parse_duration(value);
  if (d && d->count() >= 0) return d;
  if (d) {
    error = "sweep value '" + value + "' for " + path + ": negative duration";
  } else if (is_duration_beyond_max(value)) {
    error = "sweep value '" + value + "' for " + path + ": beyond " + max_duration_text();
  } else {
    error = "sweep value '" + value + "' for " + path + ": expected a duration (90s, 5m)";
  }
  return std::nullopt;
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, sep)) out.push_back(part);
  if (!text.empty() && text.back() == sep) out.emplace_back();
  return out;
}

std::optional<double> parse_probability(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !(v >= 0 && v <= 1)) return std::nullopt;
  return v;
}

std::optional<int> outcome_index(const std::string& word) {
  if (word == "success") return static_cast<int>(WebhookOutcome::kSuccess);
  if (word == "failure") return static_cast<int>(WebhookOutcome::kFailure);
  if (word == "noCallback") return static_cast<int>(WebhookOutcome::kNoCallback);
  if (word == "unreachable") return static_cast<int>(WebhookOutcome::kUnreachable);
  return std::nullopt;
}

// Sets outcome `index` to p and rescales the others so the mix sums to 1.
WebhookOutcomeMix set_outcome(WebhookOutcomeMix mix, int index, double p) {
  double others = 0;
  for (int i = 0; i < kWebhookOutcomeCount; ++i) {
    if (i != index) others += mix[i];
  }
  if (others <= 0) {
    // Nothing to rescale: the rest goes to success (or to failure when
    // success is the one being set).
    mix.fill(0);
    const int rest = index == static_cast<int>(WebhookOutcome::kSuccess)
                         ? static_cast<int>(WebhookOutcome::kFailure)
                         : static_cast<int>(WebhookOutcome::kSuccess);
    mix[rest] = 1 - p;
  } else {
    for (int i = 0; i < kWebhookOutcomeCount; ++i) {
      if (i != index) mix[i] = mix[i] / others * (1 - p);
    }
  }
  mix[index] = p;
  return mix;
}

std::string error_unknown(const std::string& path) {
  return "unknown sweep path '" + path +
         "'; known: webhooks.<name>.outcome.<success|failure|noCallback|unreachable>, "
         "webhooks.<name>.attemptFailure, webhooks.<name>.latency, approvals.default.after, "
         "approvals.targets.<target>.after, deploy.readyAfter, deploy.rollbackAfter, "
         "deploy.targets.<target>.readyAfter, deploy.targets.<target>.rollbackAfter, "
         "timeouts.webhookCallback, timeouts.retryDelay, horizon";
}

std::optional<std::string> apply_webhook(Scenario& s, const std::vector<std::string>& parts,
                                         const std::string& path, const std::string& value) {
  const std::string& name = parts[1];
  WebhookModelLayer* base = nullptr;
  std::vector<WebhookModelLayer*> overrides;
  if (name == "default") {
    base = &s.webhooks.defaults;
  } else {
    if (s.deployment.find_webhook(name) < 0) {
      return "sweep path '" + path + "': the deployment has no webhook named '" + name + "'";
    }
    WebhookModelEntry& entry = s.webhooks.by_name[name];
    base = &entry.base;
    for (auto& [target, layer] : entry.targets) overrides.push_back(&layer);
  }
  const std::string& key = parts[2];
  if (key == "outcome" && parts.size() == 4) {
    const auto index = outcome_index(parts[3]);
    if (!index) return error_unknown(path);
    const auto p = parse_probability(value);
    if (!p) return "sweep value '" + value + "' for " + path + ": expected a probability in [0, 1]";
    // The layer's current mix as resolved for it: its own, else default's, else success.
    WebhookOutcomeMix current{1, 0, 0, 0};
    if (s.webhooks.defaults.outcome) current = *s.webhooks.defaults.outcome;
    if (base->outcome) current = *base->outcome;
    base->outcome = set_outcome(current, *index, *p);
    for (WebhookModelLayer* layer : overrides) {
      if (layer->outcome) layer->outcome = set_outcome(*layer->outcome, *index, *p);
    }
    return std::nullopt;
  }
  if (parts.size() != 3) return error_unknown(path);
  if (key == "attemptFailure") {
    const auto p = parse_probability(value);
    if (!p) return "sweep value '" + value + "' for " + path + ": expected a probability in [0, 1]";
    base->attempt_failure = *p;
    for (WebhookModelLayer* layer : overrides) {
      if (layer->attempt_failure) layer->attempt_failure = *p;
    }
    return std::nullopt;
  }
  if (key == "latency") {
    std::string error;
    const auto d = sweep_duration(value, path, error);
    if (!d) return error;
    base->latency = Distribution::constant(*d);
    for (WebhookModelLayer* layer : overrides) {
      if (layer->latency) layer->latency = Distribution::constant(*d);
    }
    return std::nullopt;
  }
  return error_unknown(path);
}

bool has_target(const Scenario& s, const std::string& name) {
  return s.deployment.find_target(name) >= 0;
}

}  // namespace

std::optional<SweepSpec> parse_sweep(const std::string& text, Diagnostics& diagnostics) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
    diagnostics.error({}, "--sweep '" + text + "': expected PATH=V1,V2,...");
    return std::nullopt;
  }
  SweepSpec spec;
  spec.path = text.substr(0, eq);
  spec.values = split(text.substr(eq + 1), ',');
  for (const std::string& v : spec.values) {
    if (v.empty()) {
      diagnostics.error({}, "--sweep '" + text + "': empty value");
      return std::nullopt;
    }
  }
  return spec;
}

namespace {

// apply_sweep_value's work: the error message, or nullopt when applied.
std::optional<std::string> apply(Scenario& s, const std::string& path, const std::string& value) {
  const std::vector<std::string> parts = split(path, '.');
  if (parts.empty()) return error_unknown(path);
  auto duration = [&](Duration& slot) -> std::optional<std::string> {
    std::string error;
    const auto d = sweep_duration(value, path, error);
    if (!d) return error;
    slot = *d;
    return std::nullopt;
  };
  auto distribution = [&](std::optional<Distribution>& slot) -> std::optional<std::string> {
    std::string error;
    const auto d = sweep_duration(value, path, error);
    if (!d) return error;
    slot = Distribution::constant(*d);
    return std::nullopt;
  };
  const std::string& head = parts[0];
  if (head == "webhooks" && parts.size() >= 3) return apply_webhook(s, parts, path, value);
  if (head == "approvals") {
    if (parts.size() == 3 && parts[1] == "default" && parts[2] == "after") {
      return distribution(s.approvals.defaults.after);
    }
    if (parts.size() == 4 && parts[1] == "targets" && parts[3] == "after") {
      if (!has_target(s, parts[2])) {
        return "sweep path '" + path + "': the deployment has no target named '" + parts[2] + "'";
      }
      return distribution(s.approvals.targets[parts[2]].after);
    }
  }
  if (head == "deploy") {
    DeployModelLayer* layer = nullptr;
    std::string key;
    if (parts.size() == 2) {
      layer = &s.deploy.defaults;
      key = parts[1];
    } else if (parts.size() == 4 && parts[1] == "targets") {
      if (!has_target(s, parts[2])) {
        return "sweep path '" + path + "': the deployment has no target named '" + parts[2] + "'";
      }
      layer = &s.deploy.targets[parts[2]];
      key = parts[3];
    }
    if (layer != nullptr && key == "readyAfter") return distribution(layer->ready_after);
    if (layer != nullptr && key == "rollbackAfter") return distribution(layer->rollback_after);
  }
  if (head == "timeouts" && parts.size() == 2) {
    if (parts[1] == "webhookCallback") return duration(s.webhook_callback_timeout);
    if (parts[1] == "retryDelay") return duration(s.retry_delay);
  }
  if (head == "horizon" && parts.size() == 1) {
    // As in a file: the horizon is a positive duration.
    if (const auto d = parse_duration(value); d && d->count() == 0) {
      return "sweep value '" + value + "' for horizon: expected a positive duration";
    }
    return duration(s.horizon);
  }
  return error_unknown(path);
}

}  // namespace

bool apply_sweep_value(Scenario& scenario, const std::string& path, const std::string& value,
                       Diagnostics& diagnostics) {
  if (std::optional<std::string> error = apply(scenario, path, value)) {
    diagnostics.error({}, std::move(*error));
    return false;
  }
  return true;
}

std::vector<std::vector<std::string>> sweep_grid(const std::vector<SweepSpec>& specs) {
  std::vector<std::vector<std::string>> points{{}};
  for (const SweepSpec& spec : specs) {
    std::vector<std::vector<std::string>> next;
    for (const std::vector<std::string>& point : points) {
      for (const std::string& value : spec.values) {
        next.push_back(point);
        next.back().push_back(value);
      }
    }
    points = std::move(next);
  }
  return points;
}

}  // namespace deploysim
