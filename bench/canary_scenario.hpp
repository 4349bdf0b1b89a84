// The standard canary benchmark of ../shared/anchors/README.md as a deploysim
// scenario file (../shared/spec/SCENARIO.md, with an inline deploy file).
//
// N targets in layers of W; target j of layer L >= 1 depends on targets
// j mod W and (j + 1) mod W of layer L - 1 (deduplicated; W is the size of the
// previous layer). Every target runs one canary:
//   setWeight 100 (pods ready at once)
//   -> runWebhook (callback after Exp(mean 5m), failure with p = 0.02,
//      24 h callback timeout)
//   -> pause 10 minutes
//   -> analysis: 3 judgment runs of 1 minute, abortOnFailedJudgment, the
//      query's value uniform on [0, 100) against upperLimit 99, so each run is
//      out of limits with p = 0.01.
// A failure rolls back at once (rollbackAfter 0s); dependents are cancelled.
//
// Used by bench/scenario_generator.cpp (which writes bench/scenarios/) and by
// tests/bench (which checks the committed files are current).
#pragma once

#include <string>

namespace deploysim::bench {

struct CanaryBenchSpec {
  int envs = 100;        // N
  int width = 10;        // W
  bool no_fail = false;  // webhook always succeeds, analysis always passes
  // Adds `releases: {arrivals: {exponential: {mean: 30m}}}` for `deploysim
  // stream` (a change every 30 minutes on average).
  bool stream = false;
};

// The scenario's name: "canary-100", "canary-100-no-fail", "canary-100-stream".
std::string canary_scenario_name(const CanaryBenchSpec& spec);

// The target name of index i ("t0042" style, zero-padded to N's width).
std::string canary_target_name(const CanaryBenchSpec& spec, int i);

// The parents of target i (indices, ascending, no duplicates).
void canary_parents(const CanaryBenchSpec& spec, int i, int* parents, int* count);

// The whole scenario file. Deterministic: same spec, same bytes.
std::string canary_scenario_yaml(const CanaryBenchSpec& spec);

}  // namespace deploysim::bench
