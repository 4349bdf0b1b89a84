// The `--format json` run report (SCENARIO.md "Report"). ordered_json keeps
// keys in insertion order, so the order written here is the order printed:
// the contract's keys first, extras after them.
#include <algorithm>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "deploysim/report.hpp"
#include "report_names.hpp"

namespace deploysim {
namespace {

using Json = nlohmann::ordered_json;
using report::find_query;
using report::target_name;
using report::webhook_name;

Json seconds_or_null(const std::optional<SimTime>& t) {
  return t ? Json(to_seconds(*t)) : Json(nullptr);
}

Json string_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json limit_or_null(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json cause_json(const Deployment& d, const std::optional<Cause>& cause) {
  if (!cause) return nullptr;
  Json j;
  j["phase"] = std::string(to_string(cause->phase));
  j["step"] = string_or_null(cause->step);
  j["target"] = string_or_null(target_name(d, cause->target));
  if (!cause->agent.empty()) j["agent"] = cause->agent;  // W11: only when an outage decided it
  return j;
}

// R3: what a live target waits on; null for a target that is not live.
Json waiting_on_json(const Deployment& d, const RunResult& result, int target) {
  if (is_terminal(result.targets[static_cast<std::size_t>(target)].status)) return nullptr;
  Json list = Json::array();
  for (const WaitingOn& w : result.waiting) {
    if (w.target != target) continue;
    Json j;
    j["phase"] = std::string(to_string(w.phase));
    j["step"] = string_or_null(w.step);
    j["target"] = target_name(d, w.phase == Phase::kDependsOn ? w.predecessor : w.target);
    list.push_back(std::move(j));
  }
  return list;
}

Json time_breakdown_json(const TimeBreakdown& t) {
  Json j;
  j["webhooks"] = to_seconds(t.webhooks);
  j["approvals"] = to_seconds(t.approvals);
  j["analysis"] = to_seconds(t.analysis);
  j["pauses"] = to_seconds(t.pauses);
  j["readiness"] = to_seconds(t.readiness);
  j["rollback"] = to_seconds(t.rollback);
  return j;
}

Json target_json(const Deployment& d, const RunResult& result, int index) {
  const TargetOutcome& t = result.targets[static_cast<std::size_t>(index)];
  Json j;
  j["status"] = std::string(to_string(t.status));
  j["deployed"] = t.deployed;
  j["rolledBack"] = t.rolled_back;
  j["reason"] = std::string(to_string(t.reason));
  j["startedAt"] = seconds_or_null(t.started_at);
  j["finishedAt"] = seconds_or_null(t.finished_at);
  j["cause"] = cause_json(d, t.cause);
  j["waitingOn"] = waiting_on_json(d, result, index);
  j["weight"] = t.weight;
  // Lead time as Monte Carlo counts it: pipeline start → SUCCEEDED.
  j["leadTime"] =
      t.status == TargetStatus::kSucceeded ? seconds_or_null(t.finished_at) : Json(nullptr);
  j["duration"] = t.started_at && t.finished_at ? Json(to_seconds(*t.finished_at - *t.started_at))
                                                : Json(nullptr);
  j["timeBreakdown"] = time_breakdown_json(t.time);
  return j;
}

Json webhook_json(const Deployment& d, const WebhookCall& call) {
  Json j;
  j["name"] = webhook_name(d, call.webhook);
  j["target"] = target_name(d, call.target);
  j["where"] = std::string(to_string(call.where));
  j["attempts"] = call.attempts;
  j["result"] = std::string(to_string(call.result));
  j["calledAt"] = to_seconds(call.called_at);
  j["finishedAt"] = seconds_or_null(call.finished_at);
  j["callbackUri"] = string_or_null(call.callback_uri);
  const bool known = call.webhook >= 0 && call.webhook < static_cast<int>(d.webhooks.size());
  j["method"] = known ? string_or_null(d.webhooks[static_cast<std::size_t>(call.webhook)].method)
                      : Json(nullptr);
  j["uri"] = call.uri;
  // An array, not an object: header names may repeat and their order matters.
  Json headers = Json::array();
  for (const auto& [key, value] : call.headers) {
    Json h;
    h["name"] = key;
    h["value"] = value;
    headers.push_back(std::move(h));
  }
  j["headers"] = std::move(headers);
  j["body"] = string_or_null(call.body);
  if (call.real) {
    // `deploysim live` (COMMANDS.md): the contract checks its callbacks failed.
    Json contract = Json::array();
    for (const ContractFinding& f : call.contract) {
      contract.push_back(Json{{"check", f.check}, {"status", f.status}, {"message", f.message}});
    }
    j["contract"] = std::move(contract);
  }
  return j;
}

Json analysis_json(const Deployment& d, const AnalysisRecord& a) {
  Json j;
  j["target"] = target_name(d, a.target);
  j["phase"] = std::string(to_string(a.phase));
  j["where"] = a.where;
  j["startedAt"] = to_seconds(a.started_at);
  j["finishedAt"] = seconds_or_null(a.finished_at);
  Json queries = Json::array();
  for (const QueryRun& q : a.queries) {
    const Query* query = find_query(d, q.query);
    Json jq;
    jq["name"] = query ? query->name : std::string();
    jq["values"] = q.values;
    // A7: a query never judged has no mean and no verdict.
    jq["mean"] = q.mean ? Json(*q.mean) : Json(nullptr);
    jq["lowerLimit"] = query ? limit_or_null(query->lower_limit) : Json(nullptr);
    jq["upperLimit"] = query ? limit_or_null(query->upper_limit) : Json(nullptr);
    jq["passed"] = q.passed ? Json(*q.passed) : Json(nullptr);
    queries.push_back(std::move(jq));
  }
  j["queries"] = std::move(queries);
  // No verdict for an analysis abandoned with its list or cut by the horizon.
  j["passed"] = a.abandoned || !a.finished_at ? Json(nullptr) : Json(a.passed);
  j["aborted"] = a.aborted;
  j["abandoned"] = a.abandoned;
  return j;
}

// P4: the questions put to people, with the roles they require.
Json approval_json(const Deployment& d, const ApprovalRecord& a) {
  Json j;
  j["target"] = target_name(d, a.target);
  j["phase"] = std::string(to_string(a.phase));
  j["where"] = a.where;
  j["step"] = a.step;
  j["requiresRoles"] = a.requires_roles;
  j["askedAt"] = to_seconds(a.asked_at);
  j["finishedAt"] = seconds_or_null(a.finished_at);
  j["result"] = std::string(to_string(a.result));
  return j;
}

Json report_json(const Scenario& scenario, const RunResult& result,
                 const std::vector<Problem>& load_warnings) {
  const Deployment& d = scenario.deployment;
  Json j;
  j["schemaVersion"] = 1;
  j["scenario"] = scenario.name;
  j["seed"] = result.seed;

  Json pipeline;
  pipeline["status"] = std::string(to_string(result.pipeline));
  pipeline["finishedAt"] = seconds_or_null(result.finished_at);
  j["pipeline"] = std::move(pipeline);

  Json targets = Json::object();
  const std::size_t n = std::min(d.targets.size(), result.targets.size());
  for (std::size_t i = 0; i < n; ++i)
    targets[d.targets[i].name] = target_json(d, result, static_cast<int>(i));
  j["targets"] = std::move(targets);

  Json webhooks = Json::array();
  for (const WebhookCall& call : result.webhooks) webhooks.push_back(webhook_json(d, call));
  j["webhooks"] = std::move(webhooks);

  Json analyses = Json::array();
  for (const AnalysisRecord& a : result.analyses) analyses.push_back(analysis_json(d, a));
  j["analyses"] = std::move(analyses);

  Json approvals = Json::array();
  for (const ApprovalRecord& a : result.approvals) approvals.push_back(approval_json(d, a));
  j["approvals"] = std::move(approvals);

  Json weights = Json::array();
  for (const WeightChange& w : result.weights) {
    Json jw;
    jw["target"] = target_name(d, w.target);
    jw["at"] = to_seconds(w.at);
    jw["weight"] = w.weight;
    weights.push_back(std::move(jw));
  }
  j["weights"] = std::move(weights);

  Json warnings = Json::array();
  for (const Problem& p : load_warnings) warnings.push_back(p.to_string());
  for (const Problem& p : result.warnings) warnings.push_back(p.to_string());
  j["warnings"] = std::move(warnings);
  return j;
}

}  // namespace

void write_run_report_json(std::ostream& out, const Scenario& scenario, const RunResult& result,
                           const std::vector<Problem>& load_warnings) {
  // replace: a stray invalid UTF-8 byte in a deploy file must not turn a
  // report into an internal error.
  out << report_json(scenario, result, load_warnings)
             .dump(2, ' ', false, Json::error_handler_t::replace)
      << '\n';
}

std::string run_report_json(const Scenario& scenario, const RunResult& result,
                            const std::vector<Problem>& load_warnings) {
  std::ostringstream out;
  write_run_report_json(out, scenario, result, load_warnings);
  return out.str();
}

}  // namespace deploysim
