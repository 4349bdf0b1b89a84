// Running scenarios in the model tests.
#pragma once

#include <string>

#include "builder.hpp"
#include "deploysim/simulation.hpp"

namespace deploysim::testing {

inline RunResult run(const Scenario& s, RunOptions options = {}) {
  Simulator sim(s);
  return sim.run(options);
}

inline const TargetOutcome& outcome_of(const Scenario& s, const RunResult& r,
                                       const std::string& name) {
  return r.targets.at(s.deployment.find_target(name));
}

inline std::optional<SimTime> at(Duration d) { return SimTime(d); }

// Everything of a result as text, to compare whole runs.
std::string describe(const RunResult& r);

}  // namespace deploysim::testing
