// Step items of constraint lists and strategies (armory-reference §1.8).

#include <algorithm>
#include <climits>

#include "deploy_parse.hpp"
#include "suggest.hpp"

namespace deploysim::config {

namespace {

const KeyTable& allowed_steps(StepListKind kind) {
  switch (kind) {
    case StepListKind::kBeforeDeployment:
      return kBeforeDeploymentSteps;
    case StepListKind::kAfterDeployment:
      return kAfterDeploymentSteps;
    case StepListKind::kCanary:
      return kCanarySteps;
    case StepListKind::kRedirectTrafficAfter:
    case StepListKind::kShutDownOldVersionAfter:
      break;
  }
  return kBlueGreenSteps;
}

std::string allowed_types(StepListKind kind) { return word_list(allowed_steps(kind)); }

bool allowed(StepListKind kind, std::string_view type) {
  return allowed_steps(kind).contains(type);
}

const std::vector<std::string>& step_types() {
  static const std::vector<std::string> types = config::key_names(config::kStepTypes);
  return types;
}

std::optional<PauseStep> parse_pause(const yaml::Node& node, YamlReader& reader) {
  if (!reader.expect_map(node, "pause")) return std::nullopt;
  reader.check_keys(node, config::kPauseKeys, "pause");
  PauseStep pause;
  bool ok = true;
  if (yaml::Node n = node["untilApproved"]) {
    if (auto b = reader.bool_value(n, "untilApproved")) {
      pause.until_approved = *b;
    } else {
      ok = false;
    }
  }
  yaml::Node duration = node["duration"];
  yaml::Node unit = node["unit"];
  if (pause.until_approved) {
    if (duration || unit) {
      reader.error(duration ? duration : unit,
                   "pause: untilApproved cannot be set with a duration or unit");
      ok = false;
    }
  } else if (!duration && !unit) {
    reader.error(node, "pause: expected {duration, unit} or {untilApproved: true}");
    ok = false;
  } else if (!duration || !unit) {
    reader.error(node, std::string("pause: 'duration' and 'unit' go together; 'unit' is ") +
                           (unit ? "set" : "missing") + ", 'duration' is " +
                           (duration ? "set" : "missing"));
    ok = false;
  } else {
    auto count = reader.int_value(duration, "pause duration");
    auto time_unit = parse_time_unit(unit, "pause unit", reader);
    if (count && *count < 1) {
      reader.error(duration, "pause duration must be at least 1, got " + std::to_string(*count));
      ok = false;
    } else if (count && time_unit) {
      if (auto d = bounded_unit_duration(*count, *time_unit)) {
        pause.duration = *d;
      } else {
        reader.error(duration, "pause duration " + std::to_string(*count) + " " + unit.Scalar() +
                                   " is beyond " + max_duration_text());
        ok = false;
      }
    } else {
      ok = false;
    }
  }
  auto read_roles = [&](const yaml::Node& n, std::string_view what) {
    if (auto roles = reader.string_list(n, what)) {
      if (roles->empty()) {
        reader.error(n, std::string(what) + ": expected at least one role");
        ok = false;
      }
      pause.requires_roles.insert(pause.requires_roles.end(), roles->begin(), roles->end());
    } else {
      ok = false;
    }
  };
  if (yaml::Node n = node["requiresRoles"]) read_roles(n, "requiresRoles");
  if (yaml::Node n = node["requiresRole"]) {
    // Reported by check_keys as unknown; say what it is meant to be.
    reader.quirk(key_of(node, "requiresRole"),
                 "'requiresRole' is a docs spelling of 'requiresRoles'");
    read_roles(n, "requiresRole");
  }
  auto read_expiration = [&](const yaml::Node& n, std::string_view what) {
    if (n.IsMap()) {
      if (yaml::Node roles = n["requiresRoles"]) {
        reader.quirk(
            key_of(n, "requiresRoles"),
            "'requiresRoles' belongs to the pause, not inside '" + std::string(what) + "'");
        read_roles(roles, "requiresRoles");
      }
    }
    if (auto d = parse_timeout(n, what, reader)) {
      pause.approval_expiration = *d;
    } else {
      ok = false;
    }
  };
  if (yaml::Node n = node["approvalExpiration"]) read_expiration(n, "approvalExpiration");
  if (yaml::Node n = node["approvalDuration"]) {
    reader.quirk(key_of(node, "approvalDuration"),
                 "'approvalDuration' is a docs spelling of 'approvalExpiration'");
    read_expiration(n, "approvalDuration");
  }
  if (!ok) return std::nullopt;
  return pause;
}

std::optional<WebhookStep> parse_run_webhook(const yaml::Node& node, DeployParse& parse,
                                             YamlReader& reader) {
  if (!reader.expect_map(node, "runWebhook")) return std::nullopt;
  reader.check_keys(node, config::kRunWebhookKeys, "runWebhook");
  WebhookStep step;
  yaml::Node name = node["name"];
  if (!name) {
    reader.error(node, "runWebhook has no 'name'");
    return std::nullopt;
  }
  auto text = reader.string_value(name, "runWebhook name");
  if (!text) return std::nullopt;
  step.name = *text;
  bool ok = true;
  if (yaml::Node ctx = node["context"]) {
    if (auto map = reader.string_map(ctx, "runWebhook context")) {
      step.context = *map;
    } else {
      ok = false;
    }
  }
  step.webhook = parse.deployment.find_webhook(step.name);
  if (step.webhook < 0 && excerpt_omits(parse.root, "webhooks")) {
    // A published excerpt (example 07) leaves the whole `webhooks` block out.
    // W1 still holds for files that define webhooks; here, leniently, the
    // webhook is simulated as a plain callback webhook driven by the scenario.
    reader.quirk(name, "runWebhook '" + step.name +
                           "': the file has no 'webhooks'; it is simulated as a callback "
                           "webhook with the scenario's model");
    Webhook simulated;
    simulated.name = step.name;
    simulated.method = "POST";
    simulated.body_template = "{\"callbackUri\": \"{{armory.callbackUri}}/callback\"}";
    simulated.location = reader.at(name);
    parse.deployment.webhooks.push_back(std::move(simulated));
    step.webhook = static_cast<int>(parse.deployment.webhooks.size()) - 1;
  }
  if (step.webhook < 0) {
    std::vector<std::string> names;
    for (const Webhook& w : parse.deployment.webhooks) names.push_back(w.name);
    reader.error(
        name, "runWebhook '" + step.name + "' names no webhook" + did_you_mean(step.name, names));
    ok = false;
  }
  if (!ok) return std::nullopt;
  return step;
}

std::optional<RollMode> parse_roll_mode(const yaml::Node& node, std::string_view what,
                                        YamlReader& reader) {
  auto text = reader.string_value(node, what);
  if (!text) return std::nullopt;
  std::string word = to_lower(*text);
  if (word == "automatic") return RollMode::kAutomatic;
  if (word == "manual") return RollMode::kManual;
  reader.error(node, std::string(what) + ": expected automatic or manual, got '" + *text + "'");
  return std::nullopt;
}

std::optional<AnalysisStep> parse_analysis(const yaml::Node& node, StepListKind kind,
                                           DeployParse& parse, YamlReader& reader) {
  if (!reader.expect_map(node, "analysis")) return std::nullopt;
  reader.check_keys(node, config::kAnalysisStepKeys, "analysis step");
  AnalysisStep step;
  bool ok = true;
  const AnalysisConfig& config = parse.deployment.analysis;
  if (!config.present) {
    reader.error(node, "analysis step, but the deploy file has no top-level 'analysis' block");
    ok = false;
  }
  yaml::Node queries = node["queries"];
  if (!queries) {
    reader.error(node, "analysis step has no 'queries'");
    ok = false;
  } else if (auto names = reader.string_list(queries, "analysis queries")) {
    if (names->empty()) {
      reader.error(queries, "analysis queries: expected at least one query name");
      ok = false;
    }
    std::vector<std::string> known;
    for (const Query& q : config.queries) known.push_back(q.name);
    for (std::size_t i = 0; i < names->size(); ++i) {
      const std::string& q = (*names)[i];
      int index = parse.deployment.find_query(q);
      if (index < 0 && config.present) {
        reader.error(queries[i], "analysis query '" + q + "' names no query in analysis.queries" +
                                     did_you_mean(q, known));
        ok = false;
      }
      step.queries.push_back(q);
      step.query_indices.push_back(index);
    }
  } else {
    ok = false;
  }
  bool interval_beyond_int = false;
  if (yaml::Node n = node["interval"]) {
    if (auto v = reader.int_value(n, "interval")) {
      if (*v < 1) {
        reader.error(n, "interval must be at least 1, got " + std::to_string(*v));
        ok = false;
      } else {
        // Beyond int: also beyond kMaxDuration once read with its unit (below).
        step.interval = static_cast<int>(std::min<std::int64_t>(*v, INT_MAX));
        interval_beyond_int = *v > INT_MAX;
      }
    } else {
      ok = false;
    }
  }
  if (yaml::Node n = node["numberOfJudgmentRuns"]) {
    if (auto v = reader.int_value(n, "numberOfJudgmentRuns")) {
      if (*v < 1) {
        reader.error(n, "numberOfJudgmentRuns must be at least 1, got " + std::to_string(*v));
        ok = false;
      } else if (*v > 100000) {
        reader.error(n, "numberOfJudgmentRuns must be at most 100000, got " + std::to_string(*v));
        ok = false;
      } else {
        step.number_of_judgment_runs = static_cast<int>(*v);
      }
    } else {
      ok = false;
    }
  }
  yaml::Node units = node["units"] ? node["units"] : node["unit"];
  if (node["unit"]) {
    reader.quirk(key_of(node, "unit"), "'unit' is a docs spelling of 'units' in an analysis step");
  }
  if (units) {
    if (auto u = parse_time_unit(units, "units", reader)) {
      step.units = *u;
    } else {
      ok = false;
    }
  }
  if (auto d = bounded_unit_duration(step.interval, step.units); d && !interval_beyond_int) {
    step.interval_duration = *d;
    // The analysis lasts interval x numberOfJudgmentRuns: that, too, within the maximum.
    if (d->count() * step.number_of_judgment_runs > kMaxDuration.count()) {
      reader.error(node["interval"] ? node["interval"] : node,
                   "analysis: interval x numberOfJudgmentRuns is beyond " + max_duration_text());
      ok = false;
    }
  } else {
    reader.error(node["interval"], "analysis interval is beyond " + max_duration_text());
    ok = false;
  }
  // A6: in afterDeployment there is nothing to roll back or forward; a manual
  // mode there is a mistake worth pointing at.
  auto read_mode = [&](const char* key, RollMode& out) {
    yaml::Node n = node[key];
    if (!n) return;
    const std::optional<RollMode> m = parse_roll_mode(n, key, reader);
    if (!m) {
      ok = false;
      return;
    }
    out = *m;
    if (*m == RollMode::kManual && kind == StepListKind::kAfterDeployment) {
      reader.warning(n, std::string(key) +
                            ": manual has no effect in afterDeployment (A6): a failed analysis "
                            "there fails the target without a rollback, a passed one goes on "
                            "without asking anyone");
    }
  };
  read_mode("rollBackMode", step.roll_back_mode);
  read_mode("rollForwardMode", step.roll_forward_mode);
  if (yaml::Node n = node["metricProviderName"]) {
    if (auto s = reader.string_value(n, "metricProviderName"))
      step.metric_provider_name = *s;
    else
      ok = false;
  }
  if (yaml::Node n = node["context"]) {
    if (auto m = reader.string_map(n, "analysis context"))
      step.context = *m;
    else
      ok = false;
  }
  if (yaml::Node n = node["lookbackMethod"]) {
    if (auto s = reader.string_value(n, "lookbackMethod")) {
      std::string word = to_lower(*s);
      if (word == "growing") {
        step.lookback_method = LookbackMethod::kGrowing;
      } else if (word == "sliding") {
        step.lookback_method = LookbackMethod::kSliding;
      } else {
        reader.error(n, "lookbackMethod: expected growing or sliding, got '" + *s + "'");
        ok = false;
      }
    } else {
      ok = false;
    }
  }
  if (yaml::Node n = node["abortOnFailedJudgment"]) {
    if (auto b = reader.bool_value(n, "abortOnFailedJudgment"))
      step.abort_on_failed_judgment = *b;
    else
      ok = false;
  }
  // A query needs a metric provider: the step's, the query's or the default (§1.10, A9).
  if (config.present && step.metric_provider_name.empty() &&
      config.default_metric_provider_name.empty()) {
    for (std::size_t i = 0; i < step.query_indices.size(); ++i) {
      int q = step.query_indices[i];
      if (q >= 0 && config.queries[static_cast<std::size_t>(q)].metric_provider_name.empty()) {
        reader.error(node, "analysis query '" + step.queries[i] +
                               "' has no metric provider: set metricProviderName on the step "
                               "or the query, or analysis.defaultMetricProviderName");
        ok = false;
      }
    }
  }
  if (!ok) return std::nullopt;
  return step;
}

std::optional<SetWeightStep> parse_set_weight(const yaml::Node& node, YamlReader& reader) {
  if (node.IsScalar()) {
    reader.quirk(node, "'setWeight: " + node.Scalar() +
                           "' is a docs shorthand; the schema form is 'setWeight: {weight: " +
                           node.Scalar() + "}'");
  } else {
    if (!reader.expect_map(node, "setWeight")) return std::nullopt;
    reader.check_keys(node, config::kSetWeightKeys, "setWeight");
    if (!node["weight"]) {
      reader.error(node, "setWeight has no 'weight'");
      return std::nullopt;
    }
  }
  const yaml::Node weight = node.IsScalar() ? node : node["weight"];
  auto v = reader.int_value(weight, "setWeight weight");
  if (!v) return std::nullopt;
  if (*v < 0 || *v > 100) {
    reader.error(weight, "setWeight weight must be 0..100, got " + std::to_string(*v));
    return std::nullopt;
  }
  return SetWeightStep{static_cast<int>(*v)};
}

std::optional<ExposeServicesStep> parse_expose_services(const yaml::Node& node,
                                                        YamlReader& reader) {
  if (!reader.expect_map(node, "exposeServices")) return std::nullopt;
  reader.check_keys(node, config::kExposeServicesKeys, "exposeServices");
  ExposeServicesStep step;
  bool ok = true;
  yaml::Node services = node["services"];
  if (!services) {
    reader.error(node, "exposeServices has no 'services'");
    ok = false;
  } else if (auto list = reader.string_list(services, "exposeServices services")) {
    if (list->empty()) {
      reader.error(services, "exposeServices services: expected at least one service");
      ok = false;
    }
    step.services = *list;
  } else {
    ok = false;
  }
  if (yaml::Node ttl = node["ttl"]) {
    if (auto d = parse_timeout(ttl, "exposeServices ttl", reader)) {
      if (*d < std::chrono::minutes(1) || *d > std::chrono::hours(24)) {
        reader.error(ttl, "exposeServices ttl must be between 1 minute and 24 hours");
        ok = false;
      }
      step.ttl = *d;
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return step;
}

}  // namespace

Duration unit_duration(std::int64_t count, TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kMinutes:
      return std::chrono::minutes(count);
    case TimeUnit::kHours:
      return std::chrono::hours(count);
    case TimeUnit::kNone:
    case TimeUnit::kSeconds:
      break;
  }
  return std::chrono::seconds(count);
}

std::optional<Duration> bounded_unit_duration(std::int64_t count, TimeUnit unit) {
  const std::int64_t unit_ms = unit_duration(1, unit).count();
  if (count > kMaxDuration.count() / unit_ms || count < -kMaxDuration.count() / unit_ms) {
    return std::nullopt;
  }
  return unit_duration(count, unit);
}

std::optional<TimeUnit> parse_time_unit(const yaml::Node& node, std::string_view what,
                                        YamlReader& reader) {
  auto text = reader.string_value(node, what);
  if (!text) return std::nullopt;
  std::string word = to_lower(*text);
  if (word == "seconds") return TimeUnit::kSeconds;
  if (word == "minutes") return TimeUnit::kMinutes;
  if (word == "hours") return TimeUnit::kHours;
  reader.error(node, std::string(what) + ": expected seconds, minutes or hours, got '" + *text +
                         "'" + did_you_mean(word, {"seconds", "minutes", "hours"}));
  return std::nullopt;
}

std::optional<Duration> parse_timeout(const yaml::Node& node, std::string_view what,
                                      YamlReader& reader) {
  if (!reader.expect_map(node, what)) return std::nullopt;
  reader.check_keys(node, config::kTimeoutKeys, std::string(what));
  yaml::Node duration = node["duration"];
  yaml::Node unit = node["unit"];
  if (!duration || !unit) {
    reader.error(node, std::string(what) + ": expected {duration, unit}; '" +
                           (duration ? "unit" : "duration") + "' is missing");
    return std::nullopt;
  }
  auto count = reader.int_value(duration, std::string(what) + " duration");
  auto time_unit = parse_time_unit(unit, std::string(what) + " unit", reader);
  if (!count || !time_unit) return std::nullopt;
  if (*count < 1) {
    reader.error(duration,
                 std::string(what) + " duration must be at least 1, got " + std::to_string(*count));
    return std::nullopt;
  }
  const std::optional<Duration> d = bounded_unit_duration(*count, *time_unit);
  if (!d) {
    reader.error(duration, std::string(what) + " duration " + std::to_string(*count) + " " +
                               unit.Scalar() + " is beyond " + max_duration_text());
  }
  return d;
}

std::vector<Step> parse_steps(const yaml::Node& list, StepListKind kind, std::string_view what,
                              DeployParse& parse, YamlReader& reader) {
  std::vector<Step> steps;
  if (list.IsNull()) return steps;  // `beforeDeployment:` with nothing: an empty list
  if (!reader.expect_sequence(list, what)) return steps;
  for (const yaml::Node& item : list) {
    if (!item.IsMap()) {
      reader.error(item, std::string(what) + " item: expected a mapping with one step type (" +
                             allowed_types(kind) + "), got " + YamlReader::describe(item));
      continue;
    }
    if (item.size() != 1) {
      std::string keys;
      for (auto it = item.begin(); it != item.end(); ++it) {
        keys += (keys.empty() ? "'" : ", '") + key_text(it->first) + "'";
      }
      reader.error(item, std::string(what) + " item has " + std::to_string(item.size()) +
                             " keys (" + keys + "): expected exactly one step type");
      continue;
    }
    auto entry = item.begin();
    std::string type = key_text(entry->first);
    yaml::Node body = entry->second;
    bool known = config::kStepTypes.contains(type);
    if (!known) {
      reader.error(entry->first, "unknown step type '" + type + "' in " + std::string(what) +
                                     ": expected " + allowed_types(kind) +
                                     did_you_mean(type, step_types()));
      continue;
    }
    if (type == "analysis" && kind == StepListKind::kBeforeDeployment) {
      if (reader.strict()) {
        reader.error(
            entry->first,
            "analysis is not allowed in beforeDeployment: nothing new is deployed yet (C6)");
      } else {
        reader.warning(entry->first,
                       "analysis is not allowed in beforeDeployment: nothing new is deployed yet; "
                       "the step is ignored (C6)");
      }
      continue;
    }
    if (!allowed(kind, type)) {
      reader.error(entry->first, type + " is not allowed in " + std::string(what) + ": expected " +
                                     allowed_types(kind));
      continue;
    }
    Step step;
    step.location = reader.at(item);
    if (type == "pause") {
      auto s = parse_pause(body, reader);
      if (!s) continue;
      step.action = std::move(*s);
    } else if (type == "runWebhook") {
      auto s = parse_run_webhook(body, parse, reader);
      if (!s) continue;
      step.action = std::move(*s);
    } else if (type == "analysis") {
      auto s = parse_analysis(body, kind, parse, reader);
      if (!s) continue;
      step.action = std::move(*s);
    } else if (type == "setWeight") {
      auto s = parse_set_weight(body, reader);
      if (!s) continue;
      step.action = *s;
    } else {
      auto s = parse_expose_services(body, reader);
      if (!s) continue;
      step.action = std::move(*s);
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

}  // namespace deploysim::config
