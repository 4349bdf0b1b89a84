// Sweeps (`montecarlo --sweep PATH=V1,V2,... [--sweep ...]`): settings of a
// scenario set to each combination of lists of values, one Monte Carlo run
// per point. The command line sets any scalar of the scenario file
// (load_scenario_with_settings, loader.hpp); apply_sweep_value below sets a
// few world-model paths on a loaded Scenario, for programs and tests.
//
//   Diagnostics diagnostics;
//   std::optional<SweepSpec> spec = parse_sweep("webhooks.gate.outcome.failure=0,0.1",
//                                               diagnostics);
//   Scenario variant = scenario;
//   if (spec && apply_sweep_value(variant, spec->path, spec->values[1], diagnostics)) {
//     MonteCarloResult r = run_montecarlo(variant, options);
//   }
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "deploysim/diagnostics.hpp"
#include "deploysim/montecarlo.hpp"
#include "deploysim/scenario.hpp"

namespace deploysim {

// `--sweep PATH=V1,V2,...`.
struct SweepSpec {
  std::string path;
  std::vector<std::string> values;
};

// Parses "PATH=V1,V2,...". nullopt when malformed (no '=', no path, an empty
// value), with one error in `diagnostics` (no location: the text is a flag).
std::optional<SweepSpec> parse_sweep(const std::string& text, Diagnostics& diagnostics);

// Sets the dotted `path` of the scenario's world model to `value`. Paths:
//   webhooks.<name>.outcome.<success|failure|noCallback|unreachable>  probability
//   webhooks.<name>.attemptFailure                                     probability
//   webhooks.<name>.latency                                            duration (constant)
//   approvals.default.after, approvals.targets.<t>.after              duration (constant)
//   deploy.readyAfter, deploy.rollbackAfter,
//   deploy.targets.<t>.readyAfter, deploy.targets.<t>.rollbackAfter    duration (constant)
//   timeouts.webhookCallback, timeouts.retryDelay, horizon             duration
// <name> is a webhook of the deployment or `default`. Setting one outcome to p
// rescales the other outcomes of the same layer proportionally so the mix
// still sums to 1 (if they were all 0, the rest goes to `success`, or to
// `failure` when it is success that is set). A webhook setting is applied to
// the entry and to every per-target override that sets the same key, so the
// value holds everywhere for that webhook. Returns false, with one error in
// `diagnostics` (no location), on an unknown path or a bad value; no setting
// is changed then.
bool apply_sweep_value(Scenario& scenario, const std::string& path, const std::string& value,
                       Diagnostics& diagnostics);

// One point of a sweep: a value per --sweep path (in the order the paths
// were given), and the Monte Carlo result there.
struct SweepPoint {
  std::vector<std::string> values;
  MonteCarloResult result;
};

// Every combination of the specs' values, the first spec's value varying
// slowest: {a=1,2} x {b=x,y} gives (1,x) (1,y) (2,x) (2,y).
std::vector<std::vector<std::string>> sweep_grid(const std::vector<SweepSpec>& specs);

}  // namespace deploysim
