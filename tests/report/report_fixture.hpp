// A small scenario and a hand-built result of it: staging fails an
// afterDeployment webhook, prod is cancelled (the SCENARIO.md report example).
#pragma once

#include "deploysim/scenario.hpp"
#include "deploysim/simulation.hpp"

namespace deploysim::testing {

Scenario example_scenario();
RunResult example_result();

}  // namespace deploysim::testing
