// Sweeps (`montecarlo --sweep PATH=V1,V2,...`): one world-model setting of a
// scenario set to each of a list of values, one Monte Carlo run per value.
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

// One point of a sweep.
struct SweepPoint {
  std::string value;
  MonteCarloResult result;
};

}  // namespace deploysim
