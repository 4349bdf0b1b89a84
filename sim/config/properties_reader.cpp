// The scenario key `properties` (COMMANDS.md `explore`): named conditions on
// a path's end state, which `deploysim explore` checks on every path and
// `deploysim test` as a regression test of the deploy file.
//
//   properties:
//     - name: prod-needs-tests
//       never: {all: [{target: prod, deployed: true},
//                     {webhook: Run-Integration-Tests, target: staging, result: FAILURE}]}
//
// Names are resolved to indices here (Condition::target_index,
// webhook_index), so evaluating a condition never looks a name up.
#include <algorithm>
#include <map>
#include <variant>

#include "deploy_parse.hpp"
#include "scenario_parse.hpp"
#include "suggest.hpp"

namespace deploysim::config {

namespace {

constexpr int kWebhookResultCount = static_cast<int>(WebhookResult::kPending) + 1;

// The statuses a pipeline can end in (D7): never ROLLED_BACK, SKIPPED or
// NOT_STARTED, so an atom naming one of those could never hold.
bool is_pipeline_status(TargetStatus s) {
  return s != TargetStatus::kRolledBack && s != TargetStatus::kSkipped &&
         s != TargetStatus::kNotStarted;
}

// Whether target `t` has a runWebhook step of webhook `w` in its constraint
// lists or its strategy.
bool calls_webhook(const Deployment& d, const Target& t, int w) {
  auto in = [w](const std::vector<Step>& steps) {
    return std::any_of(steps.begin(), steps.end(), [w](const Step& step) {
      const auto* hook = std::get_if<WebhookStep>(&step.action);
      return hook != nullptr && hook->webhook == w;
    });
  };
  if (in(t.constraints.before_deployment) || in(t.constraints.after_deployment)) return true;
  if (t.strategy_index < 0) return false;
  const Strategy& s = d.strategies[static_cast<std::size_t>(t.strategy_index)];
  if (const auto* c = std::get_if<CanaryStrategy>(&s.kind)) return in(c->steps);
  if (const auto* b = std::get_if<BlueGreenStrategy>(&s.kind)) {
    return in(b->redirect_traffic_after) || in(b->shut_down_old_version_after);
  }
  return false;
}

class PropertiesReader {
 public:
  explicit PropertiesReader(ScenarioParse& parse)
      : parse_(parse), d_(parse.scenario.deployment), reader_(parse.reader) {}

  void read(const yaml::Node& list) {
    if (!reader_.expect_sequence(list, "properties")) return;
    if (list.size() == 0) {
      reader_.error(list, "properties: expected at least one property, got an empty list");
      return;
    }
    std::vector<Property> properties;
    std::map<std::string, int> line_of_name;
    bool ok = true;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string what = "properties[" + std::to_string(i) + "]";
      std::optional<Property> p = property(list[i], what);
      if (!p) {
        ok = false;
        continue;
      }
      const auto [known, inserted] = line_of_name.emplace(p->name, p->location.line);
      if (!inserted) {
        reader_.error(list[i]["name"], what + ".name: '" + p->name +
                                           "' is already the name of the property on line " +
                                           std::to_string(known->second));
        ok = false;
        continue;
      }
      properties.push_back(std::move(*p));
    }
    if (ok) parse_.scenario.properties = std::move(properties);
  }

 private:
  std::optional<Property> property(const yaml::Node& n, const std::string& what) {
    if (!reader_.expect_map(n, what)) return std::nullopt;
    const int errors_before = error_count(reader_.diagnostics());
    reader_.check_keys(n, kPropertyKeys, what, kUnknownKeyIsError);
    Property p;
    p.location = reader_.at(n);
    if (yaml::Node name = n["name"]) {
      if (auto s = reader_.string_value(name, what + ".name")) {
        if (s->find_first_not_of(" \t") == std::string::npos) {
          reader_.error(name, what + ".name: expected a name, got an empty string");
        } else {
          p.name = *s;
        }
      }
    } else {
      reader_.error(n, what + ": 'name' is required");
    }
    // Exactly one of always, never, sometimes (in the order of PropertyKind).
    std::vector<std::size_t> kinds;
    for (std::size_t k = 0; k < kPropertyKinds.size(); ++k) {
      if (n[std::string(kPropertyKinds.keys()[k])]) kinds.push_back(k);
    }
    if (kinds.empty()) {
      reader_.error(n, what + ": expected one of always, never or sometimes (with a condition)");
    } else if (kinds.size() > 1) {
      const std::string second(kPropertyKinds.keys()[kinds[1]]);
      reader_.error(key_of(n, second), what +
                                           ": expected exactly one of always, never or "
                                           "sometimes, got both '" +
                                           std::string(kPropertyKinds.keys()[kinds[0]]) +
                                           "' and '" + second + "'");
    } else {
      const std::string kind(kPropertyKinds.keys()[kinds[0]]);
      p.kind = static_cast<PropertyKind>(kinds[0]);
      if (auto c = condition(n[kind], what + "." + kind)) p.condition = std::move(*c);
    }
    if (error_count(reader_.diagnostics()) > errors_before) return std::nullopt;
    return p;
  }

  // One atom or combinator; nullopt when it (or an operand) was reported.
  std::optional<Condition> condition(const yaml::Node& n, const std::string& what) {
    if (!n.IsMap()) {
      reader_.error(n, what + ": expected a condition (a mapping with one of " +
                           word_list(kConditionKinds) + "), got " + YamlReader::describe(n));
      return std::nullopt;
    }
    // The kind: `webhook` marks a webhook atom (which also has `target`);
    // otherwise exactly one of the kind keys.
    std::vector<std::string> kinds;
    for (std::string_view k : kConditionKinds.keys()) {
      if (n[std::string(k)]) kinds.emplace_back(k);
    }
    if (n["webhook"]) kinds.erase(std::remove(kinds.begin(), kinds.end(), "target"), kinds.end());
    if (kinds.empty()) {
      std::string got;
      std::string hint;
      for (auto it = n.begin(); it != n.end(); ++it) {
        got += (got.empty() ? " '" : ", '") + key_text(it->first) + "'";
        if (hint.empty()) hint = did_you_mean(key_text(it->first), key_names(kConditionKinds));
      }
      reader_.error(n, what + ": expected a condition with one of the keys " +
                           word_list(kConditionKinds) + ", got " +
                           (got.empty() ? std::string("an empty mapping") : "the keys" + got) +
                           hint);
      return std::nullopt;
    }
    if (kinds.size() > 1) {
      reader_.error(key_of(n, kinds[1]),
                    what + ": a condition is one atom or one combinator, got both '" + kinds[0] +
                        "' and '" + kinds[1] + "' (combine them with all: [...] or any: [...])");
      return std::nullopt;
    }
    const int errors_before = error_count(reader_.diagnostics());
    Condition c;
    c.location = reader_.at(n);
    const std::string& kind = kinds[0];
    if (kind == "target") {
      target_atom(n, what, c);
    } else if (kind == "pipeline") {
      c.kind = Condition::Kind::kPipeline;
      reader_.check_keys(n, kPipelineConditionKeys, what, kUnknownKeyIsError);
      const std::string wwhat = what + ".pipeline";
      if (auto s =
              words<TargetStatus>(n["pipeline"], wwhat, kTargetStatusCount, &parse_target_status)) {
        for (std::size_t i = 0; i < s->size(); ++i) {
          if (!is_pipeline_status((*s)[i])) {
            reader_.error(n["pipeline"].IsSequence() ? n["pipeline"][i] : n["pipeline"],
                          wwhat + ": a pipeline is never " + std::string(to_string((*s)[i])) +
                              " (D7: it ends SUCCEEDED, FAILED or CANCELLED, or is live at the "
                              "horizon: AWAITING_APPROVAL, PAUSED or RUNNING)");
          }
        }
        c.statuses = std::move(*s);
      }
    } else if (kind == "webhook") {
      webhook_atom(n, what, c);
    } else if (kind == "not") {
      c.kind = Condition::Kind::kNot;
      reader_.check_keys(n, kNotConditionKeys, what, kUnknownKeyIsError);
      if (auto operand = condition(n["not"], what + ".not")) c.operands.push_back(*operand);
    } else {
      c.kind = kind == "all" ? Condition::Kind::kAll : Condition::Kind::kAny;
      reader_.check_keys(n, kind == "all" ? kAllConditionKeys : kAnyConditionKeys, what,
                         kUnknownKeyIsError);
      const yaml::Node list = n[kind];
      const std::string lwhat = what + "." + kind;
      if (!list.IsSequence()) {
        reader_.error(list,
                      lwhat + ": expected a list of conditions, got " + YamlReader::describe(list));
      } else if (list.size() == 0) {
        reader_.error(list, lwhat + ": expected at least one condition, got an empty list");
      } else {
        for (std::size_t i = 0; i < list.size(); ++i) {
          if (auto operand = condition(list[i], lwhat + "[" + std::to_string(i) + "]")) {
            c.operands.push_back(std::move(*operand));
          }
        }
      }
    }
    if (error_count(reader_.diagnostics()) > errors_before) return std::nullopt;
    return c;
  }

  void target_atom(const yaml::Node& n, const std::string& what, Condition& c) {
    c.kind = Condition::Kind::kTarget;
    reader_.check_keys(n, kTargetConditionKeys, what, kUnknownKeyIsError);
    resolve_target(n["target"], what + ".target", c);
    if (yaml::Node v = n["status"]) {
      if (auto s =
              words<TargetStatus>(v, what + ".status", kTargetStatusCount, &parse_target_status)) {
        c.statuses = std::move(*s);
      }
    }
    if (yaml::Node v = n["reason"]) {
      if (auto r = words<Reason>(v, what + ".reason", kReasonCount, &parse_reason)) {
        c.reasons = std::move(*r);
      }
    }
    if (yaml::Node v = n["deployed"]) c.deployed = reader_.bool_value(v, what + ".deployed");
  }

  void webhook_atom(const yaml::Node& n, const std::string& what, Condition& c) {
    c.kind = Condition::Kind::kWebhook;
    reader_.check_keys(n, kWebhookConditionKeys, what, kUnknownKeyIsError);
    if (auto name = reader_.string_value(n["webhook"], what + ".webhook")) {
      c.webhook = *name;
      c.webhook_index = d_.find_webhook(*name);
      if (c.webhook_index < 0) {
        reader_.error(n["webhook"], what + ".webhook: '" + *name +
                                        "' names no webhook of the deployment" +
                                        did_you_mean(*name, parse_.webhook_names));
      }
    }
    if (yaml::Node t = n["target"]) {
      resolve_target(t, what + ".target", c);
    } else {
      reader_.error(n, what + ": a {webhook} condition needs 'target' (where it was called)");
    }
    if (yaml::Node v = n["result"]) {
      if (auto r = words<WebhookResult>(v, what + ".result", kWebhookResultCount,
                                        &parse_webhook_result)) {
        c.results = std::move(*r);
      }
    }
    if (c.webhook_index >= 0 && c.target_index >= 0 &&
        !calls_webhook(d_, d_.targets[static_cast<std::size_t>(c.target_index)], c.webhook_index)) {
      reader_.warning(n, what + ": target '" + c.target + "' has no runWebhook step of '" +
                             c.webhook + "', so this condition never holds");
    }
  }

  void resolve_target(const yaml::Node& t, const std::string& what, Condition& c) {
    if (auto name = reader_.string_value(t, what)) {
      c.target = *name;
      if (parse_.known_target(t, *name, what)) c.target_index = d_.find_target(*name);
    }
  }

  // One word, or a non-empty list of distinct words, of an enum with `count`
  // report words (SUCCEEDED, ...): a single word is a list of one.
  template <typename E>
  std::optional<std::vector<E>> words(const yaml::Node& n, const std::string& what, int count,
                                      std::optional<E> (*parse)(std::string_view)) {
    std::vector<std::string> names;
    for (int i = 0; i < count; ++i) names.emplace_back(to_string(static_cast<E>(i)));
    std::string list;
    for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
    if (n.IsSequence() && n.size() == 0) {
      reader_.error(n,
                    what + ": expected one of " + list + " or a list of them, got an empty list");
      return std::nullopt;
    }
    if (!n.IsScalar() && !n.IsSequence()) {
      reader_.error(n, what + ": expected one of " + list + " or a list of them, got " +
                           YamlReader::describe(n));
      return std::nullopt;
    }
    std::vector<E> out;
    bool ok = true;
    auto one = [&](const yaml::Node& item) {
      std::optional<E> e = item.IsScalar() ? parse(item.Scalar()) : std::nullopt;
      if (!e) {
        reader_.error(item, what + ": expected one of " + list + ", got " +
                                YamlReader::describe(item) +
                                (item.IsScalar() ? did_you_mean(item.Scalar(), names) : ""));
        ok = false;
      } else if (std::find(out.begin(), out.end(), *e) != out.end()) {
        reader_.error(item, what + ": '" + item.Scalar() + "' is listed twice");
        ok = false;
      } else {
        out.push_back(*e);
      }
    };
    if (n.IsScalar()) {
      one(n);
    } else {
      for (const yaml::Node& item : n) one(item);
    }
    if (!ok) return std::nullopt;
    return out;
  }

  ScenarioParse& parse_;
  const Deployment& d_;
  YamlReader& reader_;
};

}  // namespace

void read_properties(const yaml::Node& properties, ScenarioParse& parse) {
  PropertiesReader(parse).read(properties);
}

}  // namespace deploysim::config
