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

// A sweep: {"schemaVersion", "scenario", "sweep": {"path", "points": [{"value",
// "report"}]}}, each report as write_montecarlo_json writes it. `points` are
// in the order of the --sweep values (fewer when the sweep was interrupted).
void write_sweep_json(std::ostream& out, const Scenario& scenario, const std::string& path,
                      const std::vector<SweepPoint>& points);
// The same for people: one row per value.
void write_sweep_text(std::ostream& out, const Scenario& scenario, const std::string& path,
                      const std::vector<SweepPoint>& points);

// One self-contained HTML page (inline CSS, SVG and a little JS; nothing is
// fetched): outcome bars, lead-time histograms and CDFs, top failure causes
// and the time breakdown. Key elements carry stable ids and classes (see
// sim/report/html.hpp) and the page checks itself (<meta name="selfcheck">).
void write_montecarlo_html(std::ostream& out, const Scenario& scenario,
                           const MonteCarloResult& result);
// The sweep page: one line per target of P(SUCCEEDED) and lead time over the values.
void write_sweep_html(std::ostream& out, const Scenario& scenario, const std::string& path,
                      const std::vector<SweepPoint>& points);

}  // namespace deploysim
