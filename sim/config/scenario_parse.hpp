// The scenario loader's entry point from a parsed root. Private to sim/config.
#pragma once

#include "yaml_tree.hpp"

#include <optional>

#include "deploysim/loader.hpp"
#include "deploysim/scenario.hpp"
#include "yaml_reader.hpp"

namespace deploysim::internal {

// A scenario file (with `deployment`) or a bare deploy file (with `targets`).
// Returns nullopt when it reported errors.
std::optional<Scenario> load_scenario_from_node(const yaml::Node& root, const LoadOptions& options,
                                                YamlReader& reader);

}  // namespace deploysim::internal
