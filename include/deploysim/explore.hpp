// `deploysim explore`: every branch of a pipeline with its exact probability
// (../shared/spec/COMMANDS.md "explore"), and the scenario's properties
// (property.hpp) checked on every end state.
//
//   explore::ExploreOptions o;
//   o.max_paths = 100000;
//   explore::ExploreResult r = explore::explore(scenario, o);
//   explore::write_explore_json(std::cout, scenario, r);
//
// The reduction: every discrete choice the model makes through
// Draws::choose() (webhook outcomes of a mix, per-attempt failures, approval
// decisions of a mix, outage states) is enumerated with its probability;
// every continuous draw (Draws::draw(): latencies, readyAfter, approval
// `after`, analysis values) takes its distribution's median. Under that
// reduction the end-state probabilities are exact and sum to 1 (less what a
// --max-paths stop left unexplored, which the result says).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "deploysim/diagnostics.hpp"
#include "deploysim/outcome.hpp"
#include "deploysim/property.hpp"
#include "deploysim/random.hpp"
#include "deploysim/scenario.hpp"

namespace deploysim::explore {

// One discrete choice made on a path: the draw (by its key, so a replay does
// not depend on the order the model asks in), the alternative taken (an
// index into the weights the model passed to Draws::choose) and its weight.
struct Choice {
  DrawKey key;
  std::size_t chosen = 0;
  double probability = 1;
  std::string what;  // for people: "staging: webhook Run-Integration-Tests outcome FAILURE"
};

// One path: its choices in the order they were made, and the product of their
// probabilities.
struct Path {
  std::vector<Choice> choices;
  double probability = 1;
};

// One distinct end state: the pipeline's status and every target's status and
// reason (indexed like Scenario::deployment.targets), with the summed
// probability of the paths that end in it.
struct Outcome {
  TargetStatus pipeline = TargetStatus::kNotStarted;
  std::vector<TargetStatus> statuses;
  std::vector<Reason> reasons;
  double probability = 0;
  std::uint64_t paths = 0;
};

// The verdict on one property of the scenario.
struct PropertyResult {
  std::string name;
  PropertyKind kind = PropertyKind::kAlways;
  bool holds = true;
  // always/never: the probability of the violating paths (0 when it holds);
  // sometimes: the probability of the paths that satisfy it (0 when it fails).
  double probability = 0;
  // always/never that fail: the most probable violating path, which
  // `run --choices` replays; unset otherwise.
  std::optional<Path> counterexample;
};

struct ExploreOptions {
  // Stop after this many complete paths; the result is then partial.
  std::uint64_t max_paths = 1'000'000;
  std::optional<Duration> horizon;  // overrides the scenario's
};

struct ExploreResult {
  std::uint64_t paths = 0;          // complete paths played out
  bool partial = false;             // stopped by max_paths
  double explored_probability = 1;  // the probability the explored paths cover (1 unless partial)
  std::vector<Outcome> outcomes;    // most probable first
  // Per target (indexed like Scenario::deployment.targets): the probability
  // of each status, indexed by TargetStatus.
  std::vector<std::vector<double>> target_status;
  std::vector<PropertyResult> properties;  // in the scenario's order
};

// Enumerates every path of `scenario` under the reduction above and checks
// its properties. Never fails on a loaded scenario; a stop by max_paths is
// reported in the result.
ExploreResult explore(const Scenario& scenario, const ExploreOptions& options);

}  // namespace deploysim::explore
