// Reading what `run` and `montecarlo` share: the scenario FILE with its
// --target names, and the --horizon flag.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "deploysim/diagnostics.hpp"
#include "deploysim/loader.hpp"
#include "deploysim/scenario.hpp"
#include "deploysim/time.hpp"

namespace deploysim::cli {

// Reads --horizon. Empty `text` leaves `horizon` as it is. On a bad or
// negative duration prints "deploysim COMMAND: --horizon: not a duration:
// TEXT" to `err` and returns false.
bool read_horizon_flag(std::string_view command, const std::string& text,
                       std::optional<Duration>& horizon, std::ostream& err);

// Loads `file` into `diagnostics`, prints every load problem to `err`, and
// checks that each of `targets` names a target ("FILE: error: --target NAME:
// the deployment has no such target"). nullopt after any error: the caller
// exits with kExitBadInput. The warnings stay in `diagnostics`.
// `options.added_context` (run's --add-context keys) counts as provided context.
std::optional<Scenario> load_scenario_with_targets(const std::string& file,
                                                   const LoadOptions& options,
                                                   const std::vector<std::string>& targets,
                                                   Diagnostics& diagnostics, std::ostream& err);

}  // namespace deploysim::cli
