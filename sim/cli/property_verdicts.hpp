// `deploysim test`: a scenario's `properties` as failure lines, from an
// exploration of every path (explore.hpp). A property that does not hold is
//   property prod-needs-tests (never) violated with probability 0.081: most
//   probable path: staging: webhook Run-Integration-Tests outcome FAILURE
// and an exploration stopped by --max-paths is a failure that says so.
// Private to sim/cli.
#pragma once

#include <string>
#include <vector>

#include "deploysim/explore.hpp"
#include "deploysim/scenario.hpp"

namespace deploysim::cli {

// The failure lines of `result`, an exploration of `scenario`: one per
// property that does not hold (in the scenario's order), then one when the
// exploration was partial. Empty: every property holds on every path.
std::vector<std::string> property_failures(const Scenario& scenario,
                                           const explore::ExploreResult& result);

// Explores `scenario` (explore::explore with its defaults) and returns
// property_failures; empty, without exploring, when it has no properties.
std::vector<std::string> check_properties(const Scenario& scenario);

}  // namespace deploysim::cli
