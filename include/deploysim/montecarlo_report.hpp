// Writing the Monte Carlo reports: `montecarlo --format json|text`,
// `--html`, and the same three for a `--sweep`.
//
//   MonteCarloResult r = run_montecarlo(scenario, options);   // montecarlo.hpp
//   write_montecarlo_json(std::cout, scenario, r);
//
// Every writer is a pure function of its arguments (no clock, no addresses,
// no hash order): the same summary gives the same bytes, whichever threads,
// shards or MPI ranks computed it. Probabilities are rounded to 6 decimals and
// carry a 95 % Wilson interval; lead-time quantiles come from the summary's
// LogHistogram (within LogHistogram::kRelativeError). Writers do not flush or
// close the stream they are given. The JSON shapes extend ../shared/spec/
// SCENARIO.md ("montecarlo"): keys are only ever added, never renamed.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "deploysim/montecarlo.hpp"
#include "deploysim/scenario.hpp"
#include "deploysim/sweep.hpp"

namespace deploysim {

// The `montecarlo --format json` report (SCENARIO.md minimum schema plus
// extras: `ci` intervals, means, the time breakdown, top failure causes),
// indented, followed by a newline. Times are seconds. `threads` is
// result.threads; wall_seconds is not written (it varies).
void write_montecarlo_json(std::ostream& out, const Scenario& scenario,
                           const MonteCarloResult& result);

// The same for people: outcomes, lead times, top failure causes and where
// the time goes, as tables that fit one screen.
void write_montecarlo_text(std::ostream& out, const Scenario& scenario,
                           const MonteCarloResult& result);

// A sweep (SCENARIO.md): {"schemaVersion": 1, "scenario", "sweep": [PATH...],
// "points": [{"values": {PATH: v}, "report": {...}}]}, each report as
// write_montecarlo_json writes it; a value is a JSON number when its text is
// one, else a string. `points` are in sweep_grid order (fewer when the sweep
// was interrupted).
void write_sweep_json(std::ostream& out, const Scenario& scenario,
                      const std::vector<std::string>& paths, const std::vector<SweepPoint>& points);
// The same for people: one row per point (pipeline), then every target's
// status probabilities and lead-time quantiles per point.
void write_sweep_text(std::ostream& out, const Scenario& scenario,
                      const std::vector<std::string>& paths, const std::vector<SweepPoint>& points);

// One self-contained HTML page (inline CSS, SVG and a little JS; nothing is
// fetched): outcome bars, lead-time histograms and CDFs, top failure causes
// and the time breakdown. Key elements carry stable ids and classes (see
// sim/report/html.hpp) and the page checks itself (<meta name="selfcheck">).
void write_montecarlo_html(std::ostream& out, const Scenario& scenario,
                           const MonteCarloResult& result);
// The sweep page: one line per target of P(SUCCEEDED) over the points with
// its 95 % interval as a band, and the pipeline's lead-time quantiles.
void write_sweep_html(std::ostream& out, const Scenario& scenario,
                      const std::vector<std::string>& paths, const std::vector<SweepPoint>& points);

// "v" for one path, "a=v1, b=v2" for several (the point's label in the reports).
std::string sweep_point_label(const std::vector<std::string>& paths, const SweepPoint& point);

}  // namespace deploysim
