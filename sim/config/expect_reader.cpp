// The `expect` block of a scenario file (SCENARIO.md): what `deploysim test`
// and `run --check` compare a run with.
#include "scenario_parse.hpp"
#include "suggest.hpp"

namespace deploysim::config {

namespace {

class ExpectReader {
 public:
  explicit ExpectReader(ScenarioParse& parse)
      : parse_(parse),
        s_(parse.scenario),
        d_(parse.scenario.deployment),
        reader_(parse.reader),
        values_(parse.reader) {}

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
    if (auto d = values_.duration(n, what)) return ExpectedInstant(std::in_place, *d);
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
    reader_.check_keys(n, kTargetExpectationKeys, what, kUnknownKeyIsError);
    if (yaml::Node v = n["status"]) e.status = status(v, what + ".status");
    if (yaml::Node v = n["deployed"]) e.deployed = reader_.bool_value(v, what + ".deployed");
    if (yaml::Node v = n["rolledBack"]) e.rolled_back = reader_.bool_value(v, what + ".rolledBack");
    if (yaml::Node v = n["reason"]) {
      e.reason = report_word<Reason, kReasonCount>(v, what + ".reason", &parse_reason);
    }
    if (yaml::Node v = n["causeTarget"]) {
      if (auto s = reader_.string_value(v, what + ".causeTarget")) {
        if (parse_.known_target(v, *s, what + ".causeTarget")) e.cause_target = *s;
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
    reader_.check_keys(n, kWebhookExpectationKeys, what, kUnknownKeyIsError);
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
                                did_you_mean(e.name, parse_.webhook_names));
      }
    }
    if (auto s = reader_.string_value(target, what + ".target")) {
      e.target = *s;
      parse_.known_target(target, e.target, what + ".target");
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
    if (yaml::Node v = n["calledAt"]) e.called_at = values_.duration(v, what + ".calledAt");
    if (yaml::Node v = n["finishedAt"]) e.finished_at = values_.duration(v, what + ".finishedAt");
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
      parse_.known_target(t, target, what + ".target");  // the rest is still read
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
    reader_.check_keys(n, kAnalysisExpectationKeys, what, kUnknownKeyIsError);
    AnalysisExpectation e;
    e.location = reader_.at(n);
    if (!record_key(n, what, e.target, e.index)) return;
    if (yaml::Node v = n["result"]) {
      if (auto w = values_.word<int>(v, what + ".result", kAnalysisVerdicts)) {
        e.result = std::string(kAnalysisVerdicts.keys()[static_cast<std::size_t>(*w)]);
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
                                       did_you_mean(q.name, parse_.query_names));
        }
        if (!reader_.expect_map(it->second, qwhat)) continue;
        reader_.check_keys(it->second, kQueryExpectationKeys, qwhat, kUnknownKeyIsError);
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
    reader_.check_keys(n, kApprovalExpectationKeys, what, kUnknownKeyIsError);
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

  void read(const yaml::Node& n) {
    s_.expect.present = true;
    s_.expect.location = reader_.at(n);
    if (!reader_.expect_map(n, "expect")) return;
    // `error` is the scenario suite's extension (scenarios/README.md): the file
    // is expected not to load; `deploysim test` reads it with read_scenario_header (the
    // file need not load), `run --check` from here.
    reader_.check_keys(n, kExpectKeys, "expect", kUnknownKeyIsError);
    if (yaml::Node v = n["error"]) s_.expect.load_error = reader_.string_value(v, "expect.error");
    if (yaml::Node v = n["pipeline"]) s_.expect.pipeline = status(v, "expect.pipeline");
    if (yaml::Node v = n["finishedAt"]) {
      s_.expect.pipeline_finished_at = instant(v, "expect.finishedAt");
    }
    if (yaml::Node targets = n["targets"]) {
      if (reader_.expect_map(targets, "expect.targets")) {
        for (auto it = targets.begin(); it != targets.end(); ++it) {
          std::string t = key_text(it->first);
          parse_.known_target(it->first, t, "expect.targets");  // the entry is still read
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

 private:
  ScenarioParse& parse_;
  Scenario& s_;
  const Deployment& d_;
  YamlReader& reader_;
  ValueReader values_;
};

}  // namespace

void read_expect(const yaml::Node& expect, ScenarioParse& parse) {
  ExpectReader(parse).read(expect);
}

}  // namespace deploysim::config
