// `compare --format json`: SCENARIO.md's compare schema (schemaVersion, runs,
// seed, base, whatIf, difference) plus the run's parameters, the targets on
// one side only, the headline and the differing assumptions. Keys are only
// ever added.
#include <sstream>

#include <nlohmann/json.hpp>

#include "deploysim/montecarlo_report.hpp"
#include "rows.hpp"

namespace deploysim::compare {
namespace {

using Json = nlohmann::ordered_json;

// A side as `montecarlo --format json` writes it.
Json side_json(const Scenario& scenario, const MonteCarloResult& result) {
  std::ostringstream text;
  write_montecarlo_json(text, scenario, result);
  return Json::parse(text.str());
}

Json seconds(const OutcomeTally& t, double q) {
  const std::optional<std::int64_t> ms = t.finished_at.quantile(q);
  return ms ? Json(static_cast<double>(*ms) / 1000.0) : Json();
}

Json row_json(const CompareResult& r, const Row& row) {
  Json status = Json::object();
  for (TargetStatus s : statuses_of(row)) {
    const Difference d = difference_of(r, row.pair, s);
    Json j;
    j["base"] = rounded(d.base);
    j["whatIf"] = rounded(d.what_if);
    j["difference"] = rounded(d.difference);
    j["ci95"] = Json::array({rounded(d.ci95.low), rounded(d.ci95.high)});
    j["significant"] = d.significant();
    status[std::string(to_string(s))] = j;
  }
  Json finished = Json::object();
  for (std::size_t q = 0; q < std::size(kQuantiles); ++q) {
    finished[kQuantileNames[q]] = {{"base", seconds(*row.base, kQuantiles[q])},
                                   {"whatIf", seconds(*row.what_if, kQuantiles[q])}};
  }
  return {{"status", status}, {"finishedAt", finished}};
}

}  // namespace

void write_compare_json(std::ostream& out, const Scenario& base, const Scenario& what_if,
                        const CompareResult& r, const CompareInputs& inputs) {
  Json j;
  j["schemaVersion"] = 1;
  j["runs"] = r.base.runs_requested;
  j["runsCompleted"] = r.runs();
  j["seed"] = r.base.seed;
  j["threads"] = r.base.threads;
  j["stoppedBy"] = to_string(r.base.stopped_by);
  if (r.base.precision > 0) j["precision"] = r.base.precision;
  j["confidenceLevel"] = 0.95;
  j["files"] = {{"base", inputs.base_file}, {"whatIf", inputs.what_if_file}};
  j["headline"] = headline(r);
  Json assumptions = Json::array();
  for (const AssumptionDifference& a : inputs.assumptions) {
    assumptions.push_back({{"path", a.path},
                           {"base", a.base ? Json(*a.base) : Json()},
                           {"whatIf", a.what_if ? Json(*a.what_if) : Json()}});
  }
  j["assumptions"] = assumptions;
  j["base"] = side_json(base, r.base);
  j["whatIf"] = side_json(what_if, r.what_if);
  Json difference;
  Json targets = Json::object();
  for (const Row& row : rows(r)) {
    if (row.pair < 0) {
      difference["pipeline"] = row_json(r, row);
    } else {
      targets[row.name] = row_json(r, row);
    }
  }
  difference["targets"] = targets;
  difference["onlyInBase"] = only_in_base(r);
  difference["onlyInWhatIf"] = only_in_what_if(r);
  j["difference"] = difference;
  out << j.dump(2) << '\n';
}

}  // namespace deploysim::compare
