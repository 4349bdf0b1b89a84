// `montecarlo --format json`: SCENARIO.md's minimum schema (schemaVersion,
// scenario, runs, seed, threads, pipeline/targets status and reason counts and
// probabilities, finishedAt p50/p90/p99) plus extras: a 95 % Wilson interval
// `ci` for every probability, the quantile error bound, means, the time
// breakdown and the top failure causes. Keys are only ever added.
#include <cmath>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "deploysim/montecarlo_report.hpp"
#include "montecarlo_summary.hpp"
#include "report_names.hpp"
#include "sweep_values.hpp"

namespace deploysim {
namespace {

using Json = nlohmann::ordered_json;

Json probability_json(std::uint64_t k, std::uint64_t n) {
  const Interval ci = wilson_interval(k, n);
  Json j;
  j["count"] = k;
  j["probability"] = report::round_probability(report::ratio(k, n));
  j["ci"] = Json::array({report::round_probability(ci.low), report::round_probability(ci.high)});
  return j;
}

Json lead_time_json(const OutcomeTally& t) {
  Json j;
  for (std::size_t i = 0; i < std::size(report::kQuantiles); ++i) {
    const auto q = report::lead_time_ms(t, report::kQuantiles[i]);
    j[report::kQuantileNames[i]] =
        q ? Json(report::ms_to_seconds(static_cast<double>(*q))) : Json();
  }
  const LogHistogram& h = t.finished_at;
  j["count"] = h.count();
  j["mean"] = h.count() > 0 ? Json(report::mean_seconds(h.sum(), h.count())) : Json();
  j["min"] = h.count() > 0 ? Json(report::ms_to_seconds(static_cast<double>(h.min()))) : Json();
  j["max"] = h.count() > 0 ? Json(report::ms_to_seconds(static_cast<double>(h.max()))) : Json();
  return j;
}

Json tally_json(const OutcomeTally& t, std::uint64_t runs, bool is_target) {
  Json j;
  Json status = Json::object();
  for (int s = 0; s < kTargetStatusCount; ++s) {
    if (t.status[s] == 0) continue;
    status[std::string(to_string(static_cast<TargetStatus>(s)))] =
        probability_json(t.status[s], runs);
  }
  j["status"] = status;
  Json reason = Json::object();
  for (int r = 1; r < kReasonCount; ++r) {  // NONE is the succeeded case
    if (t.reason[r] == 0) continue;
    reason[std::string(to_string(static_cast<Reason>(r)))] = probability_json(t.reason[r], runs);
  }
  j["reason"] = reason;
  j["finishedAt"] = lead_time_json(t);
  if (!is_target) return j;
  j["started"] = probability_json(t.started, runs);
  j["deployed"] = probability_json(t.deployed, runs);
  j["rolledBack"] = probability_json(t.rolled_back, runs);
  Json breakdown;
  breakdown["runs"] = t.started;
  breakdown["webhooks"] = report::mean_seconds(t.webhooks_ms, t.started);
  breakdown["approvals"] = report::mean_seconds(t.approvals_ms, t.started);
  breakdown["analysis"] = report::mean_seconds(t.analysis_ms, t.started);
  breakdown["pauses"] = report::mean_seconds(t.pauses_ms, t.started);
  breakdown["readiness"] = report::mean_seconds(t.readiness_ms, t.started);
  breakdown["rollback"] = report::mean_seconds(t.rollback_ms, t.started);
  j["timeBreakdown"] = breakdown;
  return j;
}

// Everything before `targets`: the run's parameters and the pipeline.
Json header_json(const Scenario& scenario, const MonteCarloResult& result) {
  const std::uint64_t n = result.aggregate.runs();
  Json j;
  j["schemaVersion"] = 1;
  j["scenario"] = scenario.name;
  j["runs"] = result.runs_requested;
  j["seed"] = result.seed;
  j["threads"] = result.threads;
  j["runsCompleted"] = n;
  j["stoppedEarly"] = result.stopped_early;
  j["stoppedBy"] = to_string(result.stopped_by);
  if (result.precision > 0) j["precision"] = result.precision;
  j["confidenceLevel"] = 0.95;
  j["quantileRelativeError"] = LogHistogram::kRelativeError;
  j["pipeline"] = tally_json(result.aggregate.pipeline(), n, false);
  return j;
}

Json causes_json(const Scenario& scenario, const Aggregate& a) {
  Json causes = Json::array();
  for (const report::CauseCount& c : report::top_causes(a)) {
    Json cj;
    cj["phase"] = std::string(to_string(c.key.phase));
    cj["step"] = c.key.step.empty() ? Json() : Json(c.key.step);
    cj["target"] = report::target_name(scenario.deployment, c.key.target);
    cj["reason"] = std::string(to_string(c.key.reason));
    const Json p = probability_json(c.count, a.runs());
    cj["count"] = p["count"];
    cj["probability"] = p["probability"];
    cj["ci"] = p["ci"];
    cj["text"] = report::cause_text(scenario, c.key);
    causes.push_back(cj);
  }
  return causes;
}

// The whole report as one tree (the sweep writer nests it).
Json montecarlo_json(const Scenario& scenario, const MonteCarloResult& result) {
  const Aggregate& a = result.aggregate;
  Json j = header_json(scenario, result);
  // Target names are unique: append instead of ordered_json's linear
  // find-or-insert, which is quadratic over 10,000 targets.
  Json targets = Json::object();
  auto& members = static_cast<std::vector<std::pair<const std::string, Json>>&>(
      targets.get_ref<Json::object_t&>());
  members.reserve(a.targets().size());
  for (std::size_t i = 0; i < a.targets().size(); ++i) {
    members.emplace_back(report::target_name(scenario.deployment, static_cast<int>(i)),
                         tally_json(a.targets()[i], a.runs(), true));
  }
  j["targets"] = std::move(targets);
  j["topFailureCauses"] = causes_json(scenario, a);
  return j;
}

// Writes `value` exactly as it appears `depth` levels deep in a dump(2).
void write_nested(std::ostream& out, const Json& value, int depth) {
  const std::string text = value.dump(2);
  const std::size_t pad = 2 * static_cast<std::size_t>(depth);
  std::string nested;
  nested.reserve(text.size() + text.size() / 8 * pad);
  std::size_t from = 0;
  for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', from)) {
    nested.append(text, from, at + 1 - from);
    nested.append(pad, ' ');
    from = at + 1;
  }
  nested.append(text, from, std::string::npos);
  out.write(nested.data(), static_cast<std::streamsize>(nested.size()));
}

}  // namespace

// Streams the bytes of montecarlo_json(...).dump(2), one target at a time:
// at 10,000 targets the whole tree would take ~70 MB and most of a second.
void write_montecarlo_json(std::ostream& out, const Scenario& scenario,
                           const MonteCarloResult& result) {
  const Aggregate& a = result.aggregate;
  out << "{\n";
  const Json header = header_json(scenario, result);
  for (const auto& [key, value] : header.items()) {
    out << "  " << Json(key).dump() << ": ";
    write_nested(out, value, 1);
    out << ",\n";
  }
  out << "  \"targets\": {";
  for (std::size_t i = 0; i < a.targets().size(); ++i) {
    out << (i == 0 ? "\n    " : ",\n    ")
        << Json(report::target_name(scenario.deployment, static_cast<int>(i))).dump() << ": ";
    write_nested(out, tally_json(a.targets()[i], a.runs(), true), 2);
  }
  out << (a.targets().empty() ? "}" : "\n  }") << ",\n  \"topFailureCauses\": ";
  write_nested(out, causes_json(scenario, a), 1);
  out << "\n}\n";
}

void write_sweep_json(std::ostream& out, const Scenario& scenario,
                      const std::vector<std::string>& paths,
                      const std::vector<SweepPoint>& points) {
  std::vector<std::vector<std::string>> values;
  std::vector<Json> reports;
  for (const SweepPoint& p : points) {
    values.push_back(p.values);
    reports.push_back(montecarlo_json(scenario, p.result));
  }
  out << report::sweep_report_json(scenario.name, paths, values, std::move(reports)).dump(2)
      << '\n';
}

std::string sweep_point_label(const std::vector<std::string>& paths, const SweepPoint& point) {
  return report::sweep_values_label(paths, point.values);
}

namespace report {

Json sweep_values_json(const std::vector<std::string>& paths,
                       const std::vector<std::string>& values) {
  Json j = Json::object();
  for (std::size_t i = 0; i < paths.size() && i < values.size(); ++i) {
    const std::string& v = values[i];
    char* end = nullptr;
    const double number = std::strtod(v.c_str(), &end);
    const bool is_number = !v.empty() && end == v.c_str() + v.size() && std::isfinite(number);
    j[paths[i]] = is_number ? Json(number) : Json(v);
  }
  return j;
}

Json sweep_report_json(const std::string& scenario, const std::vector<std::string>& paths,
                       const std::vector<std::vector<std::string>>& values,
                       std::vector<Json> reports) {
  Json j;
  j["schemaVersion"] = 1;
  j["scenario"] = scenario;
  j["sweep"] = paths;
  Json points = Json::array();
  for (std::size_t i = 0; i < values.size(); ++i) {
    Json point;
    point["values"] = sweep_values_json(paths, values[i]);
    point["report"] = std::move(reports[i]);
    points.push_back(std::move(point));
  }
  j["points"] = std::move(points);
  return j;
}

std::string sweep_values_label(const std::vector<std::string>& paths,
                               const std::vector<std::string>& values) {
  if (paths.size() == 1 && values.size() == 1) return values[0];
  std::string label;
  for (std::size_t i = 0; i < paths.size() && i < values.size(); ++i) {
    label += (i == 0 ? "" : ", ") + paths[i] + "=" + values[i];
  }
  return label;
}

}  // namespace report

}  // namespace deploysim
