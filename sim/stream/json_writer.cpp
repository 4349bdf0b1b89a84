// The JSON report of a stream (COMMANDS.md "stream": changes, rejected,
// superseded, pipelines, deploymentFrequency, leadTime, changeFailRate,
// timeToRestore; the rest are this project's extensions), and the sweep
// report that nests it. Durations in seconds; keys in a fixed order.
#include <nlohmann/json.hpp>

#include "deploysim/stream.hpp"
#include "figures.hpp"
#include "report/sweep_values.hpp"

namespace deploysim::stream {

namespace {

using Json = nlohmann::ordered_json;

Json optional_number(const std::optional<double>& v) { return v ? Json(*v) : Json(); }

Json quantiles_json(const Quantiles& q, const char* count_key) {
  Json j;
  j[count_key] = q.count;
  j["mean"] = optional_number(q.mean);
  j["p50"] = optional_number(q.p50);
  j["p90"] = optional_number(q.p90);
  j["max"] = optional_number(q.max);
  return j;
}

Json count_and_share(std::uint64_t count, double share) {
  return Json{{"count", count}, {"share", rounded_share(share)}};
}

// The whole report as one tree (the sweep report nests it).
Json report_json(const Scenario& scenario, const Result& r) {
  const Figures f = figures(r);
  Json j;
  j["schemaVersion"] = 1;
  j["scenario"] = scenario.name;
  j["seed"] = r.seed;
  j["ifDeploymentInProgress"] = std::string(policy_word(r.policy));
  j["measureAt"] = r.measure_at;
  j["quantileRelativeError"] = LogHistogram::kRelativeError;
  if (r.streams > 1) j["streams"] = r.streams;  // absent: one stream
  j["changes"] = r.changes;
  j["rejected"] = count_and_share(r.rejected, f.rejected_share);
  j["superseded"] = count_and_share(r.superseded, f.superseded_share);
  Json status = Json::object();
  for (int i = 0; i < kTargetStatusCount; ++i) {
    if (r.pipeline_status[static_cast<std::size_t>(i)] == 0) continue;
    status[std::string(to_string(static_cast<TargetStatus>(i)))] =
        rounded_share(f.status_share[static_cast<std::size_t>(i)]);
  }
  Json pipelines;
  pipelines["count"] = r.pipelines;
  pipelines["status"] = std::move(status);
  pipelines["successful"] = r.successful_pipelines;
  pipelines["cutByHorizon"] = r.cut_by_horizon;
  pipelines["duration"] = quantiles_json(f.pipeline_time, "count");
  j["pipelines"] = std::move(pipelines);
  j["deploymentFrequency"] = optional_number(f.deployment_frequency);
  j["leadTime"] = quantiles_json(f.lead_time, "delivered");
  j["changeFailRate"] = rounded_share(f.change_fail_rate);
  Json restore = quantiles_json(f.time_to_restore, "episodes");
  restore["unrestoredAtEnd"] = r.unrestored > 0;
  if (r.streams > 1) restore["unrestoredStreams"] = r.unrestored;
  j["timeToRestore"] = std::move(restore);
  Json wait = quantiles_json(f.wait_for_slot, "pipelines");
  wait["waited"] = count_and_share(r.waited, f.waited_share);
  j["waitForSlot"] = std::move(wait);
  j["undelivered"] = count_and_share(f.undelivered, f.undelivered_share);
  j["spanDays"] = f.span_days;
  j["notes"] = notes(r);
  return j;
}

}  // namespace

void write_json(std::ostream& out, const Scenario& scenario, const Result& r) {
  out << report_json(scenario, r).dump(2) << '\n';
}

void write_sweep_json(std::ostream& out, const Scenario& scenario,
                      const std::vector<std::string>& paths,
                      const std::vector<SweepPoint>& points) {
  std::vector<std::vector<std::string>> values;
  std::vector<Json> reports;
  for (const SweepPoint& p : points) {
    values.push_back(p.values);
    reports.push_back(report_json(scenario, p.result));
  }
  out << report::sweep_report_json(scenario.name, paths, values, std::move(reports)).dump(2)
      << '\n';
}

}  // namespace deploysim::stream
