// The world model of a scenario file (SCENARIO.md): timeouts, policies,
// deploy, webhooks, approvals, analysis and faults.
#include <set>

#include "scenario_parse.hpp"
#include "suggest.hpp"
#include "timestamp.hpp"

namespace deploysim::config {

namespace {

class WorldModelReader {
 public:
  explicit WorldModelReader(ScenarioParse& parse)
      : parse_(parse),
        s_(parse.scenario),
        d_(parse.scenario.deployment),
        reader_(parse.reader),
        values_(parse.reader) {}

  void read(const yaml::Node& root) {
    if (yaml::Node n = root["calendar"]) calendar(n);
    if (yaml::Node n = root["timeouts"]) timeouts(n);
    if (yaml::Node n = root["policies"]) policies(n);
    if (yaml::Node n = root["deploy"]) deploy(n);
    if (yaml::Node n = root["webhooks"]) webhooks(n);
    if (yaml::Node n = root["approvals"]) approvals(n);
    if (yaml::Node n = root["analysis"]) analysis(n);
    if (yaml::Node n = root["faults"]) faults(n);
  }

 private:
  // SCENARIO.md second edition: where t = 0 is on the wall clock.
  void calendar(const yaml::Node& n) {
    if (!reader_.expect_map(n, "calendar")) return;
    reader_.check_keys(n, kCalendarKeys, "calendar", kUnknownKeyIsError);
    yaml::Node start = n["start"];
    if (!start) return;
    if (start.IsScalar() && start.Scalar() == "weekUniform") {
      s_.calendar.week_uniform = true;
      return;
    }
    if (start.IsScalar()) {
      if (auto ms = parse_iso8601_ms(start.Scalar())) {
        s_.calendar.start_ms = *ms;
        return;
      }
    }
    reader_.error(start,
                  "calendar.start: expected an ISO 8601 instant with a time zone "
                  "(2026-01-05T10:00:00Z) or weekUniform, got " +
                      YamlReader::describe(start));
  }

  // "HH:MM" (00:00 .. 23:59; 24:00 too when `end_of_day`), as a duration
  // since midnight.
  std::optional<Duration> clock_time(const yaml::Node& n, const std::string& what,
                                     bool end_of_day) {
    const std::string text = n.IsScalar() ? n.Scalar() : std::string();
    auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    if (text.size() == 5 && digit(0) && digit(1) && text[2] == ':' && digit(3) && digit(4)) {
      const int hours = (text[0] - '0') * 10 + (text[1] - '0');
      const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
      if (minutes < 60 && (hours < 24 || (end_of_day && hours == 24 && minutes == 0))) {
        return std::chrono::hours(hours) + std::chrono::minutes(minutes);
      }
    }
    reader_.error(n, what + ": expected a time of day HH:MM (00:00 to " +
                         (end_of_day ? "24:00" : "23:59") + "), got " + YamlReader::describe(n));
    return std::nullopt;
  }

  // "+HH:MM" or "-HH:MM", at most 18 hours.
  std::optional<Duration> utc_offset(const yaml::Node& n, const std::string& what) {
    const std::string text = n.IsScalar() ? n.Scalar() : std::string();
    auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    if (text.size() == 6 && (text[0] == '+' || text[0] == '-') && digit(1) && digit(2) &&
        text[3] == ':' && digit(4) && digit(5)) {
      const int hours = (text[1] - '0') * 10 + (text[2] - '0');
      const int minutes = (text[4] - '0') * 10 + (text[5] - '0');
      if (minutes < 60 && hours * 60 + minutes <= 18 * 60) {
        const Duration offset = std::chrono::hours(hours) + std::chrono::minutes(minutes);
        return text[0] == '-' ? -offset : offset;
      }
    }
    reader_.error(n, what +
                         ": expected a fixed offset from UTC, +HH:MM or -HH:MM (at most "
                         "18:00), got " +
                         YamlReader::describe(n));
    return std::nullopt;
  }

  // SCENARIO.md "Working hours": {days, from, to, utcOffset}.
  std::optional<WorkingHours> working_hours(const yaml::Node& n, const std::string& what) {
    if (!reader_.expect_map(n, what)) return std::nullopt;
    reader_.check_keys(n, kWorkingHoursKeys, what, kUnknownKeyIsError);
    yaml::Node days = n["days"];
    if (!days || !n["from"] || !n["to"]) {
      reader_.error(n, what + ": expected {days, from, to} and optionally utcOffset");
      return std::nullopt;
    }
    WorkingHours hours;
    bool ok = reader_.expect_sequence(days, what + ".days");
    if (ok && days.size() == 0) {
      reader_.error(days, what + ".days: expected at least one day");
      ok = false;
    }
    for (std::size_t i = 0; ok && i < days.size(); ++i) {
      const auto day = values_.word<std::size_t>(days[i], what + ".days", kWeekdays);
      if (!day) {
        ok = false;
      } else if (hours.days[*day]) {
        reader_.error(days[i], what + ".days: " + days[i].Scalar() + " is listed twice");
        ok = false;
      } else {
        hours.days[*day] = true;
      }
    }
    const auto from = clock_time(n["from"], what + ".from", false);
    const auto to = clock_time(n["to"], what + ".to", true);
    if (from && to && *to <= *from) {
      reader_.error(n["to"], what +
                                 ".to: must be after 'from' (working hours do not cross "
                                 "midnight)");
      ok = false;
    }
    if (yaml::Node v = n["utcOffset"]) {
      const auto offset = utc_offset(v, what + ".utcOffset");
      if (!offset) return std::nullopt;
      hours.utc_offset = *offset;
    }
    if (!ok || !from || !to) return std::nullopt;
    hours.from = *from;
    hours.to = *to;
    return hours;
  }

  void timeouts(const yaml::Node& n) {
    if (!reader_.expect_map(n, "timeouts")) return;
    reader_.check_keys(n, kTimeoutsKeys, "timeouts", kUnknownKeyIsError);
    if (yaml::Node v = n["webhookCallback"]) {
      if (auto d = values_.duration(v, "timeouts.webhookCallback"))
        s_.webhook_callback_timeout = *d;
    }
    if (yaml::Node v = n["retryDelay"]) {
      if (auto d = values_.duration(v, "timeouts.retryDelay")) s_.retry_delay = *d;
    }
  }

  void policies(const yaml::Node& n) {
    if (!reader_.expect_map(n, "policies")) return;
    reader_.check_keys(n, kPoliciesKeys, "policies", kUnknownKeyIsError);
    if (yaml::Node v = n["unreachable"]) {
      if (auto p =
              values_.word<UnreachablePolicy>(v, "policies.unreachable", kUnreachablePolicies)) {
        s_.unreachable = *p;
      }
    }
    if (yaml::Node v = n["missingCallbackUri"]) {
      if (auto p = values_.word<MissingCallbackUriPolicy>(v, "policies.missingCallbackUri",
                                                          kMissingCallbackUriPolicies)) {
        s_.missing_callback_uri = *p;
      }
    }
  }

  DeployModelLayer deploy_layer(const yaml::Node& n, const std::string& what, bool with_targets) {
    DeployModelLayer layer;
    layer.location = reader_.at(n);
    if (with_targets) {
      reader_.check_keys(n, kDeployModelKeys, what, kUnknownKeyIsError);
    } else {
      reader_.check_keys(n, kDeployModelTargetKeys, what, kUnknownKeyIsError);
    }
    if (yaml::Node v = n["readyAfter"])
      layer.ready_after = values_.distribution(v, what + ".readyAfter", true);
    if (yaml::Node v = n["rollbackAfter"]) {
      layer.rollback_after = values_.distribution(v, what + ".rollbackAfter", true);
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
        parse_.known_target(it->first, t, "deploy.targets");
        if (!reader_.expect_map(it->second, "deploy.targets." + t)) continue;
        s_.deploy.targets[t] = deploy_layer(it->second, "deploy.targets." + t, false);
      }
    }
  }

  std::optional<ScriptedWebhookCall> webhook_call(const yaml::Node& n, const std::string& what) {
    ScriptedWebhookCall call;
    call.location = reader_.at(n);
    if (n.IsScalar()) {
      auto r = values_.word<WebhookOutcome>(n, what, kWebhookOutcomes);
      if (!r) return std::nullopt;
      call.result = *r;
      return call;
    }
    if (!reader_.expect_map(n, what)) return std::nullopt;
    reader_.check_keys(n, kWebhookCallKeys, what, kUnknownKeyIsError);
    if (yaml::Node v = n["result"]) {
      auto r = values_.word<WebhookOutcome>(v, what + ".result", kWebhookOutcomes);
      if (!r) return std::nullopt;
      call.result = *r;
    }
    if (yaml::Node v = n["after"]) {
      call.after = values_.distribution(v, what + ".after", true);
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
      parse_.known_target(it->first, target, what);  // and read the entry all the same
      if (!reader_.expect_map(it->second, what + "." + target)) continue;
      layers[target] = read_layer(it->second, what + "." + target);
    }
  }

  WebhookModelLayer webhook_layer(const yaml::Node& n, const std::string& what, bool with_targets) {
    WebhookModelLayer layer;
    layer.location = reader_.at(n);
    if (with_targets) {
      reader_.check_keys(n, kWebhookModelKeys, what, kUnknownKeyIsError);
    } else {
      reader_.check_keys(n, kWebhookModelLayerKeys, what, kUnknownKeyIsError);
    }
    if (yaml::Node v = n["latency"])
      layer.latency = values_.distribution(v, what + ".latency", true);
    if (yaml::Node v = n["outcome"]) layer.outcome = values_.outcome_mix(v, what + ".outcome");
    if (yaml::Node v = n["attemptFailure"]) {
      layer.attempt_failure = values_.probability(v, what + ".attemptFailure");
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
                                     did_you_mean(name, parse_.webhook_names));
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
      auto w = values_.word<Decision>(n, what, kDecisions);
      if (!w) return std::nullopt;
      dec.decision = *w;
      return dec;
    }
    if (!reader_.expect_map(n, what)) return std::nullopt;
    reader_.check_keys(n, kDecisionEntryKeys, what, kUnknownKeyIsError);
    if (yaml::Node v = n["decision"]) {
      auto w = values_.word<Decision>(v, what + ".decision", kDecisions);
      if (!w) return std::nullopt;
      dec.decision = *w;
    }
    if (yaml::Node v = n["after"]) {
      dec.after = values_.distribution(v, what + ".after", true);
      if (!dec.after) return std::nullopt;
    }
    return dec;
  }

  ApprovalModelLayer approval_layer(const yaml::Node& n, const std::string& what,
                                    const KeyTable& keys = kApprovalModelKeys) {
    ApprovalModelLayer layer;
    layer.location = reader_.at(n);
    reader_.check_keys(n, keys, what, kUnknownKeyIsError);
    if (yaml::Node v = n["after"]) layer.after = values_.distribution(v, what + ".after", true);
    if (yaml::Node v = n["workingHours"]) {
      layer.working_hours = working_hours(v, what + ".workingHours");
    }
    if (yaml::Node v = n["decision"]) layer.decision = values_.decision_mix(v, what + ".decision");
    if (yaml::Node v = n["sequence"]) {
      layer.sequence = list_of<ScriptedDecision>(
          v, what + ".sequence",
          [&](const yaml::Node& e, const std::string& w) { return decision_entry(e, w); });
    }
    return layer;
  }

  void approvals(const yaml::Node& n) {
    if (!reader_.expect_map(n, "approvals")) return;
    reader_.check_keys(n, kApprovalsKeys, "approvals", kUnknownKeyIsError);
    if (yaml::Node v = n["default"]) {
      if (reader_.expect_map(v, "approvals.default")) {
        s_.approvals.defaults = approval_layer(v, "approvals.default");
      }
    }
    if (yaml::Node v = n["where"]) approvals_where(v, "approvals.where", s_.approvals.where);
    if (yaml::Node roles = n["roles"]) {
      if (reader_.expect_map(roles, "approvals.roles")) {
        for (auto it = roles.begin(); it != roles.end(); ++it) {
          const std::string role = key_text(it->first);
          const std::string what = "approvals.roles." + role;
          if (reader_.expect_map(it->second, what)) {
            s_.approvals.roles[role] = approval_layer(it->second, what);
          }
        }
      }
    }
    if (yaml::Node targets = n["targets"]) {
      const std::string prefix = "approvals.targets.";
      per_target(targets, "approvals.targets", s_.approvals.targets,
                 [&](const yaml::Node& t, const std::string& w) {
                   if (yaml::Node v = t["where"]) {
                     approvals_where(v, w + ".where",
                                     s_.approvals.target_where[w.substr(prefix.size())]);
                   }
                   return approval_layer(t, w, kTargetApprovalModelKeys);
                 });
    }
  }

  // `where:` by gate word (SCENARIO.md "Approvals by gate").
  void approvals_where(const yaml::Node& n, const std::string& what, ApprovalLayersByGate& out) {
    if (!reader_.expect_map(n, what)) return;
    reader_.check_keys(n, kApprovalGates, what, kUnknownKeyIsError);
    const auto gates = kApprovalGates.keys();
    for (std::size_t g = 0; g < gates.size(); ++g) {
      const std::string gate_what = what + "." + std::string(gates[g]);
      if (yaml::Node v = n[gates[g]]) {
        if (reader_.expect_map(v, gate_what)) out[g] = approval_layer(v, gate_what);
      }
    }
  }

  QueryModelLayer query_layer(const yaml::Node& n, const std::string& what, bool with_targets) {
    QueryModelLayer layer;
    layer.location = reader_.at(n);
    if (with_targets) {
      reader_.check_keys(n, kQueryModelKeys, what, kUnknownKeyIsError);
    } else {
      reader_.check_keys(n, kQueryModelTargetKeys, what, kUnknownKeyIsError);
    }
    if (yaml::Node v = n["value"]) layer.value = values_.distribution(v, what + ".value", false);
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
    reader_.check_keys(n, kAnalysisModelKeys, "analysis", kUnknownKeyIsError);
    yaml::Node queries = n["queries"];
    if (!queries || !reader_.expect_map(queries, "analysis.queries")) return;
    for (auto it = queries.begin(); it != queries.end(); ++it) {
      std::string q = key_text(it->first);
      std::string what = "analysis.queries." + q;
      if (d_.find_query(q) < 0) {
        // Reported; the entry is still read (its errors show in the same pass).
        reader_.error(it->first, "analysis.queries: '" + q + "' names no query of the deployment" +
                                     did_you_mean(q, parse_.query_names));
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

  // SCENARIO.md "Outage processes": {every: DIST, lasting: DIST}.
  std::optional<OutageProcess> outages(const yaml::Node& n, const std::string& what) {
    if (!reader_.expect_map(n, what)) return std::nullopt;
    reader_.check_keys(n, kOutagesKeys, what, kUnknownKeyIsError);
    if (!n["every"] || !n["lasting"]) {
      reader_.error(n, what + ": expected {every, lasting}");
      return std::nullopt;
    }
    auto period = [&](const char* key) -> std::optional<Distribution> {
      auto d = values_.distribution(n[key], what + "." + key, true);
      if (d && !(mean_duration(*d) >= 1)) {
        reader_.error(n[key],
                      what + "." + key + ": expected a distribution with a mean of at least 1ms");
        return std::nullopt;
      }
      return d;
    };
    auto every = period("every");
    auto lasting = period("lasting");
    if (!every || !lasting) return std::nullopt;
    return OutageProcess{*every, *lasting};
  }

  void webhook_faults(const yaml::Node& n) {
    if (!reader_.expect_map(n, "faults.webhooks")) return;
    for (auto it = n.begin(); it != n.end(); ++it) {
      const std::string name = key_text(it->first);
      const std::string what = "faults.webhooks." + name;
      if (d_.find_webhook(name) < 0) {
        // Reported; the entry is still read (its errors show in the same pass).
        reader_.error(it->first, "faults.webhooks: '" + name +
                                     "' names no webhook of the deployment" +
                                     did_you_mean(name, parse_.webhook_names));
      }
      if (!reader_.expect_map(it->second, what)) continue;
      reader_.check_keys(it->second, kWebhookFaultsKeys, what, kUnknownKeyIsError);
      WebhookFaults f;
      if (yaml::Node v = it->second["outages"]) f.outages = outages(v, what + ".outages");
      s_.webhook_faults[name] = std::move(f);
    }
  }

  void faults(const yaml::Node& n) {
    if (!reader_.expect_map(n, "faults")) return;
    reader_.check_keys(n, kFaultsKeys, "faults", kUnknownKeyIsError);
    if (yaml::Node v = n["webhooks"]) webhook_faults(v);
    yaml::Node agents = n["agents"];
    if (!agents || !reader_.expect_map(agents, "faults.agents")) return;
    std::vector<std::string> known(parse_.agents.begin(), parse_.agents.end());
    for (auto it = agents.begin(); it != agents.end(); ++it) {
      std::string id = key_text(it->first);
      std::string what = "faults.agents." + id;
      if (parse_.agents.count(id) == 0) {
        reader_.error(it->first, "faults.agents: '" + id +
                                     "' names no agent (no target account or webhook "
                                     "agentIdentifier)" +
                                     did_you_mean(id, known));
        // The entry is still read (its errors show in the same pass).
      }
      if (!reader_.expect_map(it->second, what)) continue;
      reader_.check_keys(it->second, kAgentFaultsKeys, what, kUnknownKeyIsError);
      AgentFaults f;
      yaml::Node down = it->second["down"];
      if (down && reader_.expect_sequence(down, what + ".down")) {
        for (const yaml::Node& w : down) {
          if (!reader_.expect_map(w, what + ".down item")) continue;
          reader_.check_keys(w, kDownWindowKeys, what + ".down item", kUnknownKeyIsError);
          if (!w["from"] || !w["to"]) {
            reader_.error(w, what + ".down item: expected {from, to}");
            continue;
          }
          auto from = values_.duration(w["from"], what + ".down.from");
          auto to = values_.duration(w["to"], what + ".down.to");
          if (!from || !to) continue;
          if (*to <= *from) {
            reader_.error(w, what + ".down item: 'to' must be after 'from'");
            continue;
          }
          f.down.push_back(DownWindow{*from, *to});
        }
      }
      if (yaml::Node v = it->second["outages"]) f.outages = outages(v, what + ".outages");
      s_.agent_faults[id] = std::move(f);
    }
  }

  ScenarioParse& parse_;
  Scenario& s_;
  const Deployment& d_;
  YamlReader& reader_;
  ValueReader values_;
};

}  // namespace

void read_world_model(const yaml::Node& root, ScenarioParse& parse) {
  WorldModelReader(parse).read(root);
}

}  // namespace deploysim::config
