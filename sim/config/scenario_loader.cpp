// Scenario files (SCENARIO.md): the model around a deploy file.

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "deploy_parse.hpp"
#include "scenario_parse.hpp"
#include "suggest.hpp"
#include "yaml_source.hpp"

namespace deploysim::config {

namespace {

constexpr bool kError = true;  // scenario unknown keys are always errors

// The word tables index these enums.
static_assert(config::kWebhookOutcomes.size() == kWebhookOutcomeCount);
static_assert(config::kDecisions.size() == kDecisionCount);
static_assert(config::kUnreachablePolicies
                  .keys()[static_cast<int>(UnreachablePolicy::kAtTimeout)] == "atTimeout");
static_assert(config::kMissingCallbackUriPolicies
                  .keys()[static_cast<int>(MissingCallbackUriPolicy::kIgnore)] == "ignore");

class ScenarioParser {
 public:
  ScenarioParser(Scenario& s, YamlReader& reader) : s_(s), d_(s.deployment), reader_(reader) {
    for (const Target& t : d_.targets) target_names_.push_back(t.name);
    for (const Webhook& w : d_.webhooks) webhook_names_.push_back(w.name);
    for (const Query& q : d_.analysis.queries) query_names_.push_back(q.name);
    for (const Target& t : d_.targets) agents_.insert(t.account);
    for (const Webhook& w : d_.webhooks) {
      if (!w.agent_identifier.empty()) agents_.insert(w.agent_identifier);
    }
  }

  void parse(const yaml::Node& root) {
    if (yaml::Node n = root["name"]) {
      if (auto v = reader_.string_value(n, "name")) s_.name = *v;
    }
    if (yaml::Node n = root["seed"]) {
      if (auto v = reader_.int_value(n, "seed")) {
        if (*v < 0) {
          reader_.error(n, "seed: expected a non-negative integer, got " + std::to_string(*v));
        } else {
          s_.seed = static_cast<std::uint64_t>(*v);
        }
      }
    }
    if (yaml::Node n = root["horizon"]) {
      if (auto v = duration(n, "horizon")) {
        if (v->count() == 0) {
          reader_.error(n, "horizon: expected a positive duration");
        } else {
          s_.horizon = *v;
        }
      }
    }
    if (yaml::Node n = root["firstDeployment"]) first_deployment(n);
    if (yaml::Node n = root["target"]) {
      // Like --target (D6): replaces the deploy file's targetFilters.
      if (auto names = reader_.string_list(n, "target")) {
        for (std::size_t i = 0; i < names->size(); ++i) {
          if (known_target(n[i], (*names)[i], "target")) s_.only_targets.push_back((*names)[i]);
        }
      }
    }
    if (yaml::Node n = root["context"]) {
      if (auto m = reader_.string_map(n, "context")) s_.context = *m;
    }
    if (yaml::Node n = root["secrets"]) {
      if (auto m = reader_.string_map(n, "secrets")) s_.secrets = *m;
    }
    if (yaml::Node n = root["timeouts"]) timeouts(n);
    if (yaml::Node n = root["policies"]) policies(n);
    if (yaml::Node n = root["deploy"]) deploy(n);
    if (yaml::Node n = root["webhooks"]) webhooks(n);
    if (yaml::Node n = root["approvals"]) approvals(n);
    if (yaml::Node n = root["analysis"]) analysis(n);
    if (yaml::Node n = root["faults"]) faults(n);
    if (yaml::Node n = root["expect"]) expect(n);
  }

 private:
  // --- scalars --------------------------------------------------------------

  std::optional<Duration> duration(const yaml::Node& n, std::string_view what) {
    if (n.IsScalar()) {
      if (auto d = parse_duration(n.Scalar())) {
        if (d->count() < 0) {
          reader_.error(n, std::string(what) + ": negative duration '" + n.Scalar() + "'");
          return std::nullopt;
        }
        return d;
      }
    }
    reader_.error(n, std::string(what) +
                         ": expected a duration (250ms, 90s, 5m, 2h, 1d or a number of seconds), "
                         "got " +
                         YamlReader::describe(n));
    return std::nullopt;
  }

  std::optional<double> probability(const yaml::Node& n, std::string_view what) {
    auto v = reader_.number_value(n, what);
    if (!v) return std::nullopt;
    if (*v < 0 || *v > 1) {
      reader_.error(n, std::string(what) + ": expected a probability in [0, 1], got " + n.Scalar());
      return std::nullopt;
    }
    return v;
  }

  bool known_target(const yaml::Node& key, const std::string& name, std::string_view what) {
    if (d_.find_target(name) >= 0) return true;
    reader_.error(key, std::string(what) + ": '" + name + "' names no target of the deployment" +
                           did_you_mean(name, target_names_));
    return false;
  }

  // Accepts a plain number for analysis values or a duration (as ms) otherwise.
  std::optional<double> dist_value(const yaml::Node& n, std::string_view what, bool is_duration,
                                   bool allow_negative = false) {
    if (!is_duration) return reader_.number_value(n, what);
    if (allow_negative && n.IsScalar()) {
      if (auto d = parse_duration(n.Scalar())) return static_cast<double>(d->count());
    }
    auto d = duration(n, what);
    if (!d) return std::nullopt;
    return static_cast<double>(d->count());
  }

  // --- DIST -----------------------------------------------------------------

  std::optional<Distribution> distribution(const yaml::Node& n, const std::string& what,
                                           bool is_duration) {
    if (n.IsScalar()) {
      auto v = dist_value(n, what, is_duration);
      if (!v) return std::nullopt;
      return Distribution::constant(*v);
    }
    if (!n.IsMap() || n.size() != 1) {
      reader_.error(n,
                    what + ": expected a " + (is_duration ? "duration" : "number") +
                        " or one of {exponential: {mean}}, {uniform: {min, max}}, {normal: "
                        "{mean, stddev}}, {lognormal: {median, sigma}}, {gamma: {shape, scale}}, "
                        "{weibull: {shape, scale}}, {empirical: [...]}, "
                        "got " +
                        YamlReader::describe(n));
      return std::nullopt;
    }
    auto entry = n.begin();
    std::string kind = key_text(entry->first);
    yaml::Node body = entry->second;
    Distribution d;
    auto param = [&](const char* key, bool duration_param) -> std::optional<double> {
      yaml::Node p = body[key];
      if (!p) {
        reader_.error(body, what + "." + kind + " has no '" + key + "'");
        return std::nullopt;
      }
      return dist_value(p, what + "." + kind + "." + key, duration_param,
                        /*allow_negative=*/kind == "normal" && std::string(key) == "mean");
    };
    if (kind == "empirical") {
      if (!reader_.expect_sequence(body, what + ".empirical")) return std::nullopt;
      if (body.size() == 0) {
        reader_.error(body, what + ".empirical: expected at least one value");
        return std::nullopt;
      }
      d.kind = Distribution::Kind::kEmpirical;
      for (const yaml::Node& v : body) {
        auto x = dist_value(v, what + ".empirical", is_duration);
        if (!x) return std::nullopt;
        d.values.push_back(*x);
      }
      return d;
    }
    if (!reader_.expect_map(body, what + "." + kind)) return std::nullopt;
    if (kind == "exponential") {
      reader_.check_keys(body, config::kExponentialKeys, what + ".exponential", kError);
      auto mean = param("mean", is_duration);
      if (!mean) return std::nullopt;
      if (*mean <= 0) {
        reader_.error(body["mean"], what + ".exponential.mean must be positive");
        return std::nullopt;
      }
      d.kind = Distribution::Kind::kExponential;
      d.a = *mean;
    } else if (kind == "uniform") {
      reader_.check_keys(body, config::kUniformKeys, what + ".uniform", kError);
      auto lo = param("min", is_duration);
      auto hi = param("max", is_duration);
      if (!lo || !hi) return std::nullopt;
      if (*lo > *hi) {
        reader_.error(body, what + ".uniform: min is above max");
        return std::nullopt;
      }
      d.kind = Distribution::Kind::kUniform;
      d.a = *lo;
      d.b = *hi;
    } else if (kind == "normal") {
      reader_.check_keys(body, config::kNormalKeys, what + ".normal", kError);
      auto mean = param("mean", is_duration);
      auto sd = param("stddev", is_duration);
      if (!mean || !sd) return std::nullopt;
      if (*sd < 0) {
        reader_.error(body["stddev"], what + ".normal.stddev must not be negative");
        return std::nullopt;
      }
      d.kind = Distribution::Kind::kNormal;
      d.a = *mean;
      d.b = *sd;
    } else if (kind == "lognormal") {
      reader_.check_keys(body, config::kLognormalKeys, what + ".lognormal", kError);
      auto median = param("median", is_duration);
      auto sigma = param("sigma", false);
      if (!median || !sigma) return std::nullopt;
      if (*median <= 0 || *sigma < 0) {
        reader_.error(body, what + ".lognormal: median must be positive and sigma not negative");
        return std::nullopt;
      }
      d.kind = Distribution::Kind::kLognormal;
      d.a = *median;
      d.b = *sigma;
    } else if (kind == "gamma" || kind == "weibull") {
      reader_.check_keys(body, kind == "gamma" ? config::kGammaKeys : config::kWeibullKeys,
                         what + "." + kind, kError);
      auto shape = param("shape", false);
      auto scale = param("scale", is_duration);
      if (!shape || !scale) return std::nullopt;
      if (*shape <= 0 || *scale <= 0) {
        reader_.error(body, what + "." + kind + ": shape and scale must be positive");
        return std::nullopt;
      }
      d.kind = kind == "gamma" ? Distribution::Kind::kGamma : Distribution::Kind::kWeibull;
      d.a = *shape;
      d.b = *scale;
    } else {
      reader_.error(entry->first,
                    what + ": unknown distribution '" + kind + "': expected " +
                        config::word_list(config::kDistributionKinds) +
                        did_you_mean(kind, config::key_names(config::kDistributionKinds)));
      return std::nullopt;
    }
    return d;
  }

  // --- mixes ----------------------------------------------------------------

  // `words` holds N words, in the order of the enum the result is indexed by.
  template <std::size_t N>
  std::optional<std::array<double, N>> mix(const yaml::Node& n, const std::string& what,
                                           const config::KeyTable& words) {
    std::vector<std::string> names(words.keys().begin(), words.keys().end());
    const std::string word_list = config::word_list(words);
    std::array<double, N> out{};
    if (n.IsScalar()) {
      for (std::size_t i = 0; i < N; ++i) {
        if (n.Scalar() == names[i]) {
          out[i] = 1;
          return out;
        }
      }
      reader_.error(n, what + ": expected " + word_list + " (or a mix), got '" + n.Scalar() + "'" +
                           did_you_mean(n.Scalar(), names));
      return std::nullopt;
    }
    if (!reader_.expect_map(n, what)) return std::nullopt;
    bool ok = true;
    double sum = 0;
    for (auto it = n.begin(); it != n.end(); ++it) {
      std::string key = key_text(it->first);
      auto pos = std::find(names.begin(), names.end(), key);
      if (pos == names.end()) {
        reader_.error(it->first, what + ": unknown outcome '" + key + "': expected " + word_list +
                                     did_you_mean(key, names));
        ok = false;
        continue;
      }
      auto p = probability(it->second, what + "." + key);
      if (!p) {
        ok = false;
        continue;
      }
      out[static_cast<std::size_t>(pos - names.begin())] = *p;
      sum += *p;
    }
    if (!ok) return std::nullopt;
    if (std::fabs(sum - 1.0) > 1e-9) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.10g", sum);
      reader_.error(n, what + ": probabilities sum to " + buf + ", expected 1");
      return std::nullopt;
    }
    return out;
  }

  std::optional<WebhookOutcomeMix> outcome_mix(const yaml::Node& n, const std::string& what) {
    return mix<kWebhookOutcomeCount>(n, what, config::kWebhookOutcomes);
  }
  std::optional<DecisionMix> decision_mix(const yaml::Node& n, const std::string& what) {
    return mix<kDecisionCount>(n, what, config::kDecisions);
  }

  // One of `words`, as the enum E whose values are in the same order.
  template <typename E>
  std::optional<E> word(const yaml::Node& n, const std::string& what,
                        const config::KeyTable& words) {
    std::vector<std::string> names(words.keys().begin(), words.keys().end());
    if (n.IsScalar()) {
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (n.Scalar() == names[i]) return static_cast<E>(i);
      }
    }
    std::string list;
    for (std::size_t i = 0; i < names.size(); ++i) list += (i == 0 ? "" : ", ") + names[i];
    reader_.error(n, what + ": expected one of " + list + ", got " + YamlReader::describe(n) +
                         (n.IsScalar() ? did_you_mean(n.Scalar(), names) : std::string()));
    return std::nullopt;
  }

  // --- sections -------------------------------------------------------------

  void first_deployment(const yaml::Node& n) {
    if (n.IsSequence()) {
      if (auto names = reader_.string_list(n, "firstDeployment")) {
        for (std::size_t i = 0; i < names->size(); ++i) {
          if (known_target(n[i], (*names)[i], "firstDeployment")) {
            s_.first_deployment_targets.push_back((*names)[i]);
          }
        }
      }
      return;
    }
    if (n.IsScalar() && (to_lower(n.Scalar()) == "true" || to_lower(n.Scalar()) == "false")) {
      s_.first_deployment_all = to_lower(n.Scalar()) == "true";
      return;
    }
    reader_.error(n, "firstDeployment: expected true, false or a list of target names, got " +
                         YamlReader::describe(n));
  }

  void timeouts(const yaml::Node& n) {
    if (!reader_.expect_map(n, "timeouts")) return;
    reader_.check_keys(n, config::kTimeoutsKeys, "timeouts", kError);
    if (yaml::Node v = n["webhookCallback"]) {
      if (auto d = duration(v, "timeouts.webhookCallback")) s_.webhook_callback_timeout = *d;
    }
    if (yaml::Node v = n["retryDelay"]) {
      if (auto d = duration(v, "timeouts.retryDelay")) s_.retry_delay = *d;
    }
  }

  void policies(const yaml::Node& n) {
    if (!reader_.expect_map(n, "policies")) return;
    reader_.check_keys(n, config::kPoliciesKeys, "policies", kError);
    if (yaml::Node v = n["unreachable"]) {
      if (auto p =
              word<UnreachablePolicy>(v, "policies.unreachable", config::kUnreachablePolicies)) {
        s_.unreachable = *p;
      }
    }
    if (yaml::Node v = n["missingCallbackUri"]) {
      if (auto p = word<MissingCallbackUriPolicy>(v, "policies.missingCallbackUri",
                                                  config::kMissingCallbackUriPolicies)) {
        s_.missing_callback_uri = *p;
      }
    }
  }

  DeployModelLayer deploy_layer(const yaml::Node& n, const std::string& what, bool with_targets) {
    DeployModelLayer layer;
    layer.location = reader_.at(n);
    if (with_targets) {
      reader_.check_keys(n, config::kDeployModelKeys, what, kError);
    } else {
      reader_.check_keys(n, config::kDeployModelTargetKeys, what, kError);
    }
    if (yaml::Node v = n["readyAfter"])
      layer.ready_after = distribution(v, what + ".readyAfter", true);
    if (yaml::Node v = n["rollbackAfter"]) {
      layer.rollback_after = distribution(v, what + ".rollbackAfter", true);
    }
    return layer;
  }

  void deploy(const yaml::Node& n) {
    if (!reader_.expect_map(n, "deploy")) return;
    s_.deploy.defaults = deploy_layer(n, "deploy", true);
    if (yaml::Node targets = n["targets"]) {
      if (!reader_.expect_map(targets, "deploy.targets")) return;
      for (auto it = targets.begin(); it != targets.end(); ++it) {
        std::string t = key_text(it->first);
        // A misspelt name is reported, and so is what is wrong inside its
        // entry, in the same pass (the load fails either way).
        known_target(it->first, t, "deploy.targets");
        if (!reader_.expect_map(it->second, "deploy.targets." + t)) continue;
        s_.deploy.targets[t] = deploy_layer(it->second, "deploy.targets." + t, false);
      }
    }
  }

  std::optional<ScriptedWebhookCall> webhook_call(const yaml::Node& n, const std::string& what) {
    ScriptedWebhookCall call;
    call.location = reader_.at(n);
    if (n.IsScalar()) {
      auto r = word<WebhookOutcome>(n, what, config::kWebhookOutcomes);
      if (!r) return std::nullopt;
      call.result = *r;
      return call;
    }
    if (!reader_.expect_map(n, what)) return std::nullopt;
    reader_.check_keys(n, config::kWebhookCallKeys, what, kError);
    if (yaml::Node v = n["result"]) {
      auto r = word<WebhookOutcome>(v, what + ".result", config::kWebhookOutcomes);
      if (!r) return std::nullopt;
      call.result = *r;
    }
    if (yaml::Node v = n["after"]) {
      call.after = distribution(v, what + ".after", true);
      if (!call.after) return std::nullopt;
    }
    if (yaml::Node v = n["failedAttempts"]) {
      auto k = reader_.int_value(v, what + ".failedAttempts");
      if (!k) return std::nullopt;
      if (*k < 0 || *k > 1000) {
        reader_.error(v, what + ".failedAttempts must be 0..1000, got " + std::to_string(*k));
        return std::nullopt;
      }
      call.failed_attempts = static_cast<int>(*k);
    }
    return call;
  }

  // The entries of the list `v` (at `what`) that `read_entry(node, "what[i]")`
  // reads; an entry it reports is left out. nullopt when `v` is not a list.
  template <typename Entry, typename ReadEntry>
  std::optional<std::vector<Entry>> list_of(const yaml::Node& v, const std::string& what,
                                            ReadEntry read_entry) {
    if (!reader_.expect_sequence(v, what)) return std::nullopt;
    std::vector<Entry> list;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (std::optional<Entry> e = read_entry(v[i], what + "[" + std::to_string(i) + "]")) {
        list.push_back(std::move(*e));
      }
    }
    return list;
  }

  // A `targets:` mapping of per-target layers (at `what`): each key must name
  // a target and each value be a mapping, read by `read_layer(node, "what.T")`
  // into `layers[T]`.
  template <typename Layers, typename ReadLayer>
  void per_target(const yaml::Node& targets, const std::string& what, Layers& layers,
                  ReadLayer read_layer) {
    if (!reader_.expect_map(targets, what)) return;
    for (auto it = targets.begin(); it != targets.end(); ++it) {
      std::string target = key_text(it->first);
      known_target(it->first, target, what);  // and read the entry all the same
      if (!reader_.expect_map(it->second, what + "." + target)) continue;
      layers[target] = read_layer(it->second, what + "." + target);
    }
  }

  WebhookModelLayer webhook_layer(const yaml::Node& n, const std::string& what, bool with_targets) {
    WebhookModelLayer layer;
    layer.location = reader_.at(n);
    if (with_targets) {
      reader_.check_keys(n, config::kWebhookModelKeys, what, kError);
    } else {
      reader_.check_keys(n, config::kWebhookModelLayerKeys, what, kError);
    }
    if (yaml::Node v = n["latency"]) layer.latency = distribution(v, what + ".latency", true);
    if (yaml::Node v = n["outcome"]) layer.outcome = outcome_mix(v, what + ".outcome");
    if (yaml::Node v = n["attemptFailure"]) {
      layer.attempt_failure = probability(v, what + ".attemptFailure");
    }
    if (yaml::Node v = n["sequence"]) {
      layer.sequence = list_of<ScriptedWebhookCall>(
          v, what + ".sequence",
          [&](const yaml::Node& e, const std::string& w) { return webhook_call(e, w); });
    }
    return layer;
  }

  void webhooks(const yaml::Node& n) {
    if (!reader_.expect_map(n, "webhooks")) return;
    for (auto it = n.begin(); it != n.end(); ++it) {
      std::string name = key_text(it->first);
      std::string what = "webhooks." + name;
      if (!reader_.expect_map(it->second, what)) continue;
      if (name == "default") {
        s_.webhooks.defaults = webhook_layer(it->second, what, false);
        continue;
      }
      if (d_.find_webhook(name) < 0) {
        // Reported; the entry is still read so that its own errors show in
        // the same pass (the load fails either way).
        reader_.error(it->first, "webhooks: '" + name + "' names no webhook of the deployment" +
                                     did_you_mean(name, webhook_names_));
      }
      WebhookModelEntry entry;
      entry.base = webhook_layer(it->second, what, true);
      if (yaml::Node targets = it->second["targets"]) {
        per_target(
            targets, what + ".targets", entry.targets,
            [&](const yaml::Node& t, const std::string& w) { return webhook_layer(t, w, false); });
      }
      s_.webhooks.by_name[name] = std::move(entry);
    }
  }

  std::optional<ScriptedDecision> decision_entry(const yaml::Node& n, const std::string& what) {
    ScriptedDecision dec;
    dec.location = reader_.at(n);
    if (n.IsScalar()) {
      auto w = word<Decision>(n, what, config::kDecisions);
      if (!w) return std::nullopt;
      dec.decision = *w;
      return dec;
    }
    if (!reader_.expect_map(n, what)) return std::nullopt;
    reader_.check_keys(n, config::kDecisionEntryKeys, what, kError);
    if (yaml::Node v = n["decision"]) {
      auto w = word<Decision>(v, what + ".decision", config::kDecisions);
      if (!w) return std::nullopt;
      dec.decision = *w;
    }
    if (yaml::Node v = n["after"]) {
      dec.after = distribution(v, what + ".after", true);
      if (!dec.after) return std::nullopt;
    }
    return dec;
  }

  ApprovalModelLayer approval_layer(const yaml::Node& n, const std::string& what) {
    ApprovalModelLayer layer;
    layer.location = reader_.at(n);
    reader_.check_keys(n, config::kApprovalModelKeys, what, kError);
    if (yaml::Node v = n["after"]) layer.after = distribution(v, what + ".after", true);
    if (yaml::Node v = n["decision"]) layer.decision = decision_mix(v, what + ".decision");
    if (yaml::Node v = n["sequence"]) {
      layer.sequence = list_of<ScriptedDecision>(
          v, what + ".sequence",
          [&](const yaml::Node& e, const std::string& w) { return decision_entry(e, w); });
    }
    return layer;
  }

  void approvals(const yaml::Node& n) {
    if (!reader_.expect_map(n, "approvals")) return;
    reader_.check_keys(n, config::kApprovalsKeys, "approvals", kError);
    if (yaml::Node v = n["default"]) {
      if (reader_.expect_map(v, "approvals.default")) {
        s_.approvals.defaults = approval_layer(v, "approvals.default");
      }
    }
    if (yaml::Node targets = n["targets"]) {
      per_target(targets, "approvals.targets", s_.approvals.targets,
                 [&](const yaml::Node& t, const std::string& w) { return approval_layer(t, w); });
    }
  }

  QueryModelLayer query_layer(const yaml::Node& n, const std::string& what, bool with_targets) {
    QueryModelLayer layer;
    layer.location = reader_.at(n);
    if (with_targets) {
      reader_.check_keys(n, config::kQueryModelKeys, what, kError);
    } else {
      reader_.check_keys(n, config::kQueryModelTargetKeys, what, kError);
    }
    if (yaml::Node v = n["value"]) layer.value = distribution(v, what + ".value", false);
    if (yaml::Node v = n["sequence"]) {
      if (reader_.expect_sequence(v, what + ".sequence")) {
        std::vector<double> values;
        bool ok = true;
        for (const yaml::Node& x : v) {
          if (auto d = reader_.number_value(x, what + ".sequence entry")) {
            values.push_back(*d);
          } else {
            ok = false;
          }
        }
        if (ok) layer.sequence = std::move(values);
      }
    }
    return layer;
  }

  void analysis(const yaml::Node& n) {
    if (!reader_.expect_map(n, "analysis")) return;
    reader_.check_keys(n, config::kAnalysisModelKeys, "analysis", kError);
    yaml::Node queries = n["queries"];
    if (!queries || !reader_.expect_map(queries, "analysis.queries")) return;
    for (auto it = queries.begin(); it != queries.end(); ++it) {
      std::string q = key_text(it->first);
      std::string what = "analysis.queries." + q;
      if (d_.find_query(q) < 0) {
        // Reported; the entry is still read (its errors show in the same pass).
        reader_.error(it->first, "analysis.queries: '" + q + "' names no query of the deployment" +
                                     did_you_mean(q, query_names_));
      }
      if (!reader_.expect_map(it->second, what)) continue;
      QueryModelEntry entry;
      entry.base = query_layer(it->second, what, true);
      if (yaml::Node targets = it->second["targets"]) {
        per_target(
            targets, what + ".targets", entry.targets,
            [&](const yaml::Node& t, const std::string& w) { return query_layer(t, w, false); });
      }
      s_.analysis.queries[q] = std::move(entry);
    }
  }

  void faults(const yaml::Node& n) {
    if (!reader_.expect_map(n, "faults")) return;
    reader_.check_keys(n, config::kFaultsKeys, "faults", kError);
    yaml::Node agents = n["agents"];
    if (!agents || !reader_.expect_map(agents, "faults.agents")) return;
    std::vector<std::string> known(agents_.begin(), agents_.end());
    for (auto it = agents.begin(); it != agents.end(); ++it) {
      std::string id = key_text(it->first);
      std::string what = "faults.agents." + id;
      if (agents_.count(id) == 0) {
        reader_.error(it->first, "faults.agents: '" + id +
                                     "' names no agent (no target account or webhook "
                                     "agentIdentifier)" +
                                     did_you_mean(id, known));
        // The entry is still read (its errors show in the same pass).
      }
      if (!reader_.expect_map(it->second, what)) continue;
      reader_.check_keys(it->second, config::kAgentFaultsKeys, what, kError);
      AgentFaults f;
      yaml::Node down = it->second["down"];
      if (down && reader_.expect_sequence(down, what + ".down")) {
        for (const yaml::Node& w : down) {
          if (!reader_.expect_map(w, what + ".down item")) continue;
          reader_.check_keys(w, config::kDownWindowKeys, what + ".down item", kError);
          if (!w["from"] || !w["to"]) {
            reader_.error(w, what + ".down item: expected {from, to}");
            continue;
          }
          auto from = duration(w["from"], what + ".down.from");
          auto to = duration(w["to"], what + ".down.to");
          if (!from || !to) continue;
          if (*to <= *from) {
            reader_.error(w, what + ".down item: 'to' must be after 'from'");
            continue;
          }
          f.down.push_back(DownWindow{*from, *to});
        }
      }
      s_.agent_faults[id] = std::move(f);
    }
  }

  // --- expect ---------------------------------------------------------------

  template <typename E, int N>
  std::optional<E> report_word(const yaml::Node& n, const std::string& what,
                               std::optional<E> (*parse)(std::string_view)) {
    if (n.IsScalar()) {
      if (auto e = parse(n.Scalar())) return e;
    }
    std::vector<std::string> names;
    std::string list;
    for (int i = 0; i < N; ++i) {
      names.emplace_back(to_string(static_cast<E>(i)));
      list += (i == 0 ? "" : ", ") + names.back();
    }
    reader_.error(n, what + ": expected one of " + list + ", got " + YamlReader::describe(n) +
                         (n.IsScalar() ? did_you_mean(n.Scalar(), names) : std::string()));
    return std::nullopt;
  }

  std::optional<TargetStatus> status(const yaml::Node& n, const std::string& what) {
    return report_word<TargetStatus, kTargetStatusCount>(n, what, &parse_target_status);
  }

  // A duration, or `null` for "expected null" (D7: a live pipeline's finishedAt).
  ExpectedInstant instant(const yaml::Node& n, const std::string& what) {
    if (n.IsNull()) return ExpectedInstant(std::in_place);
    if (auto d = duration(n, what)) return ExpectedInstant(std::in_place, *d);
    return std::nullopt;
  }

  // A list of strings; nullopt (reported) when it is not one.
  std::optional<std::vector<std::string>> strings(const yaml::Node& n, const std::string& what) {
    return reader_.string_list(n, what);
  }

  void target_expectation(const yaml::Node& key, const yaml::Node& n, const std::string& t) {
    std::string what = "expect.targets." + t;
    TargetExpectation e;
    e.location = reader_.at(key);
    if (n.IsScalar()) {
      e.status = status(n, what);
      s_.expect.targets[t] = e;
      return;
    }
    if (!reader_.expect_map(n, what)) return;
    reader_.check_keys(n, config::kTargetExpectationKeys, what, kError);
    if (yaml::Node v = n["status"]) e.status = status(v, what + ".status");
    if (yaml::Node v = n["deployed"]) e.deployed = reader_.bool_value(v, what + ".deployed");
    if (yaml::Node v = n["rolledBack"]) e.rolled_back = reader_.bool_value(v, what + ".rolledBack");
    if (yaml::Node v = n["reason"]) {
      e.reason = report_word<Reason, kReasonCount>(v, what + ".reason", &parse_reason);
    }
    if (yaml::Node v = n["causeTarget"]) {
      if (auto s = reader_.string_value(v, what + ".causeTarget")) {
        if (known_target(v, *s, what + ".causeTarget")) e.cause_target = *s;
      }
    }
    if (yaml::Node v = n["causePhase"]) {
      e.cause_phase = report_word<Phase, kPhaseCount>(v, what + ".causePhase", &parse_phase);
    }
    if (yaml::Node v = n["causeStep"]) e.cause_step = reader_.string_value(v, what + ".causeStep");
    if (yaml::Node v = n["causeAgent"]) {
      e.cause_agent = reader_.string_value(v, what + ".causeAgent");
    }
    if (yaml::Node v = n["startedAt"]) e.started_at = instant(v, what + ".startedAt");
    if (yaml::Node v = n["finishedAt"]) e.finished_at = instant(v, what + ".finishedAt");
    if (yaml::Node v = n["waitingOn"]) e.waiting_on = strings(v, what + ".waitingOn");
    if (yaml::Node v = n["weight"]) {
      if (auto w = reader_.int_value(v, what + ".weight")) {
        if (*w < 0 || *w > 100) {
          reader_.error(v, what + ".weight must be 0..100, got " + std::to_string(*w));
        } else {
          e.weight = static_cast<int>(*w);
        }
      }
    }
    s_.expect.targets[t] = e;
  }

  void webhook_expectation(const yaml::Node& n, const std::string& what) {
    if (!reader_.expect_map(n, what)) return;
    reader_.check_keys(n, config::kWebhookExpectationKeys, what, kError);
    WebhookExpectation e;
    e.location = reader_.at(n);
    yaml::Node name = n["name"];
    yaml::Node target = n["target"];
    if (!name || !target) {
      reader_.error(n, what + ": expected at least 'name' and 'target'");
      return;
    }
    if (auto s = reader_.string_value(name, what + ".name")) {
      e.name = *s;
      if (d_.find_webhook(e.name) < 0) {
        reader_.error(name, what + ".name: '" + e.name + "' names no webhook of the deployment" +
                                did_you_mean(e.name, webhook_names_));
      }
    }
    if (auto s = reader_.string_value(target, what + ".target")) {
      e.target = *s;
      known_target(target, e.target, what + ".target");
    }
    if (yaml::Node v = n["index"]) {
      if (auto i = reader_.int_value(v, what + ".index")) {
        if (*i < 0) {
          reader_.error(v, what + ".index must not be negative");
        } else {
          e.index = static_cast<int>(*i);
        }
      }
    }
    if (yaml::Node v = n["attempts"]) {
      if (auto i = reader_.int_value(v, what + ".attempts")) {
        if (*i < 0) {
          reader_.error(v, what + ".attempts must not be negative");
        } else {
          e.attempts = static_cast<int>(*i);
        }
      }
    }
    if (yaml::Node v = n["result"]) {
      e.result = report_word<WebhookResult, 6>(v, what + ".result", &parse_webhook_result);
    }
    if (yaml::Node v = n["calledAt"]) e.called_at = duration(v, what + ".calledAt");
    if (yaml::Node v = n["finishedAt"]) e.finished_at = duration(v, what + ".finishedAt");
    s_.expect.webhooks.push_back(e);
  }

  // The n-th record of a target in `expect.analyses` / `expect.approvals`.
  bool record_key(const yaml::Node& n, const std::string& what, std::string& target, int& index) {
    yaml::Node t = n["target"];
    if (!t) {
      reader_.error(n, what + ": expected at least 'target'");
      return false;
    }
    if (auto s = reader_.string_value(t, what + ".target")) {
      target = *s;
      known_target(t, target, what + ".target");  // the rest is still read
    } else {
      return false;
    }
    if (yaml::Node v = n["index"]) {
      if (auto i = reader_.int_value(v, what + ".index")) {
        if (*i < 0) {
          reader_.error(v, what + ".index must not be negative");
          return false;
        }
        index = static_cast<int>(*i);
      }
    }
    return true;
  }

  void analysis_expectation(const yaml::Node& n, const std::string& what) {
    if (!reader_.expect_map(n, what)) return;
    reader_.check_keys(n, config::kAnalysisExpectationKeys, what, kError);
    AnalysisExpectation e;
    e.location = reader_.at(n);
    if (!record_key(n, what, e.target, e.index)) return;
    if (yaml::Node v = n["result"]) {
      if (auto w = word<int>(v, what + ".result", config::kAnalysisVerdicts)) {
        e.result = std::string(config::kAnalysisVerdicts.keys()[static_cast<std::size_t>(*w)]);
      }
    }
    if (yaml::Node v = n["aborted"]) e.aborted = reader_.bool_value(v, what + ".aborted");
    if (yaml::Node v = n["startedAt"]) e.started_at = instant(v, what + ".startedAt");
    if (yaml::Node v = n["finishedAt"]) e.finished_at = instant(v, what + ".finishedAt");
    if (yaml::Node queries = n["queries"];
        queries && reader_.expect_map(queries, what + ".queries")) {
      for (auto it = queries.begin(); it != queries.end(); ++it) {
        QueryExpectation q;
        q.name = key_text(it->first);
        q.location = reader_.at(it->first);
        const std::string qwhat = what + ".queries." + q.name;
        if (d_.find_query(q.name) < 0) {
          reader_.error(it->first, qwhat + ": names no query of the deployment" +
                                       did_you_mean(q.name, query_names_));
        }
        if (!reader_.expect_map(it->second, qwhat)) continue;
        reader_.check_keys(it->second, config::kQueryExpectationKeys, qwhat, kError);
        if (yaml::Node v = it->second["values"];
            v && reader_.expect_sequence(v, qwhat + ".values")) {
          std::vector<double> values;
          for (const yaml::Node& x : v) {
            if (auto d = reader_.number_value(x, qwhat + ".values entry")) values.push_back(*d);
          }
          q.values = std::move(values);
        }
        if (yaml::Node v = it->second["mean"]) {
          if (v.IsNull()) {
            q.mean.emplace();
          } else if (auto d = reader_.number_value(v, qwhat + ".mean")) {
            q.mean.emplace(*d);
          }
        }
        if (yaml::Node v = it->second["passed"]) {
          if (v.IsNull()) {
            q.passed.emplace();
          } else if (auto b = reader_.bool_value(v, qwhat + ".passed")) {
            q.passed.emplace(*b);
          }
        }
        e.queries.push_back(std::move(q));
      }
    }
    s_.expect.analyses.push_back(std::move(e));
  }

  void approval_expectation(const yaml::Node& n, const std::string& what) {
    if (!reader_.expect_map(n, what)) return;
    reader_.check_keys(n, config::kApprovalExpectationKeys, what, kError);
    ApprovalExpectation e;
    e.location = reader_.at(n);
    if (!record_key(n, what, e.target, e.index)) return;
    if (yaml::Node v = n["step"]) e.step = reader_.string_value(v, what + ".step");
    if (yaml::Node v = n["requiresRoles"]) e.requires_roles = strings(v, what + ".requiresRoles");
    if (yaml::Node v = n["result"]) {
      e.result = report_word<ApprovalResult, 5>(v, what + ".result", &parse_approval_result);
    }
    if (yaml::Node v = n["askedAt"]) e.asked_at = instant(v, what + ".askedAt");
    if (yaml::Node v = n["finishedAt"]) e.finished_at = instant(v, what + ".finishedAt");
    s_.expect.approvals.push_back(std::move(e));
  }

  void expect(const yaml::Node& n) {
    s_.expect.present = true;
    s_.expect.location = reader_.at(n);
    if (!reader_.expect_map(n, "expect")) return;
    // `error` is the scenario suite's extension (scenarios/README.md): the file
    // is expected not to load; `deploysim test` reads it, the loader only checks its type.
    reader_.check_keys(n, config::kExpectKeys, "expect", kError);
    if (yaml::Node v = n["error"]) reader_.string_value(v, "expect.error");
    if (yaml::Node v = n["pipeline"]) s_.expect.pipeline = status(v, "expect.pipeline");
    if (yaml::Node v = n["finishedAt"]) {
      s_.expect.pipeline_finished_at = instant(v, "expect.finishedAt");
    }
    if (yaml::Node targets = n["targets"]) {
      if (reader_.expect_map(targets, "expect.targets")) {
        for (auto it = targets.begin(); it != targets.end(); ++it) {
          std::string t = key_text(it->first);
          known_target(it->first, t, "expect.targets");  // the entry is still read
          target_expectation(it->first, it->second, t);
        }
      }
    }
    if (yaml::Node hooks = n["webhooks"]) {
      if (reader_.expect_sequence(hooks, "expect.webhooks")) {
        for (std::size_t i = 0; i < hooks.size(); ++i) {
          webhook_expectation(hooks[i], "expect.webhooks[" + std::to_string(i) + "]");
        }
      }
    }
    if (yaml::Node list = n["analyses"]) {
      if (reader_.expect_sequence(list, "expect.analyses")) {
        for (std::size_t i = 0; i < list.size(); ++i) {
          analysis_expectation(list[i], "expect.analyses[" + std::to_string(i) + "]");
        }
      }
    }
    if (yaml::Node list = n["approvals"]) {
      if (reader_.expect_sequence(list, "expect.approvals")) {
        for (std::size_t i = 0; i < list.size(); ++i) {
          approval_expectation(list[i], "expect.approvals[" + std::to_string(i) + "]");
        }
      }
    }
    if (yaml::Node v = n["warnings"]) {
      if (auto texts = strings(v, "expect.warnings")) s_.expect.warnings = *texts;
    }
  }

  Scenario& s_;
  const Deployment& d_;
  YamlReader& reader_;
  std::vector<std::string> target_names_;
  std::vector<std::string> webhook_names_;
  std::vector<std::string> query_names_;
  std::set<std::string> agents_;
};

}  // namespace

std::optional<Scenario> load_scenario_from_node(const yaml::Node& root, const LoadOptions& options,
                                                YamlReader& reader) {
  const int errors_before = error_count(reader.diagnostics());
  if (!root.IsMap()) {
    reader.error(root,
                 "expected a scenario file (a mapping with 'deployment') or a deploy file "
                 "(a mapping with 'targets'), got " +
                     YamlReader::describe(root));
    return std::nullopt;
  }
  yaml::Node deployment_node = root["deployment"];
  TemplateSources sources;
  sources.context.insert(options.added_context.begin(), options.added_context.end());
  if (!deployment_node) {
    // A bare deploy file: every scenario default applies.
    auto d = load_deployment_from_node(root, reader, sources);
    if (!d) return std::nullopt;
    Scenario s = default_scenario(std::move(*d));
    s.source_file = reader.file();
    s.name = std::filesystem::path(reader.file()).stem().string();
    warn_queries_without_model(s, reader.diagnostics());
    return s;
  }
  reader.check_keys(root, config::kScenarioFileKeys, "the scenario file", kError);
  if (yaml::Node c = root["context"]; c && c.IsMap()) {
    for (auto it = c.begin(); it != c.end(); ++it) sources.context.insert(key_text(it->first));
  }
  if (yaml::Node c = root["secrets"]; c && c.IsMap()) {
    for (auto it = c.begin(); it != c.end(); ++it) sources.secrets.insert(key_text(it->first));
  }
  // `strict: true` (the scenario suite's extension) loads the deployment strictly.
  bool strict = options.strict;
  if (yaml::Node n = root["strict"]) {
    if (auto b = reader.bool_value(n, "strict")) strict = strict || *b;
  }
  YamlReader inline_reader(reader.file(), strict, reader.diagnostics());
  std::optional<Deployment> deployment;
  if (deployment_node.IsMap()) {
    deployment = load_deployment_from_node(deployment_node, inline_reader, sources);
  } else if (deployment_node.IsScalar()) {
    namespace fs = std::filesystem;
    fs::path relative(deployment_node.Scalar());
    fs::path resolved = relative.is_absolute()
                            ? relative
                            : (fs::path(reader.file()).parent_path() / relative).lexically_normal();
    std::error_code ec;
    if (!fs::exists(resolved, ec)) {
      reader.error(deployment_node, "deployment: '" + deployment_node.Scalar() +
                                        "' does not exist (looked for '" + resolved.string() +
                                        "')");
      return std::nullopt;
    }
    Diagnostics& diagnostics = reader.diagnostics();
    auto text = read_input_file(resolved.string(), diagnostics);
    if (!text) return std::nullopt;
    auto deploy_root = parse_yaml_text(*text, resolved.string(), diagnostics);
    if (!deploy_root) return std::nullopt;
    YamlReader deploy_reader(resolved.string(), strict, diagnostics);
    deployment = load_deployment_from_node(deploy_root->root(), deploy_reader, sources);
  } else {
    reader.error(deployment_node,
                 "deployment: expected a path or an inline deploy file mapping, "
                 "got " +
                     YamlReader::describe(deployment_node));
    return std::nullopt;
  }
  if (!deployment) return std::nullopt;
  Scenario s = default_scenario(std::move(*deployment));
  s.source_file = reader.file();
  s.name = std::filesystem::path(reader.file()).stem().string();
  ScenarioParser parser(s, reader);
  parser.parse(root);
  if (error_count(reader.diagnostics()) > errors_before) return std::nullopt;
  warn_queries_without_model(s, reader.diagnostics());
  return s;
}

}  // namespace deploysim::config
