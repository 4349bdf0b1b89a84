// The scenario loader's entry point from a parsed root. Private to sim/config.
#pragma once

#include "yaml_tree.hpp"

#include <optional>

#include "deploysim/loader.hpp"
#include "deploysim/scenario.hpp"
#include "yaml_reader.hpp"

namespace deploysim::config {

// A scenario file (with `deployment`) or a bare deploy file (with `targets`).
// Returns nullopt when it reported errors.
std::optional<Scenario> load_scenario_from_node(const yaml::Node& root, const LoadOptions& options,
                                                YamlReader& reader);

// A7: warns once per analysis query that some target judges with no value
// model in the scenario (it reads a passing built-in value), naming the query.
void warn_queries_without_model(const Scenario& scenario, Diagnostics& diagnostics);

}  // namespace deploysim::config
