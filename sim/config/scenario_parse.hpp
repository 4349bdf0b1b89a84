// The scenario loader's internal pieces, shared by the files that implement
// it: scenario_loader.cpp (the file, its deployment and top-level settings),
// world_model_reader.cpp, releases_reader.cpp, properties_reader.cpp,
// expect_reader.cpp and scenario_values.cpp.
// Private to sim/config.
#pragma once

#include "yaml_tree.hpp"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "deploysim/loader.hpp"
#include "deploysim/scenario.hpp"
#include "scenario_values.hpp"
#include "yaml_reader.hpp"

namespace deploysim::config {

// A scenario being read: its deployment is loaded, the rest is filled in
// section by section. Holds the deployment's names for the messages.
struct ScenarioParse {
  ScenarioParse(Scenario& s, YamlReader& r);

  Scenario& scenario;
  YamlReader& reader;
  std::vector<std::string> target_names;
  std::vector<std::string> webhook_names;
  std::vector<std::string> query_names;
  std::set<std::string> agents;  // target accounts and webhook agentIdentifiers

  // True when `name` is a target of the deployment; otherwise reports
  // "WHAT: 'NAME' names no target of the deployment" (with a suggestion) at `key`.
  bool known_target(const yaml::Node& key, const std::string& name, std::string_view what);
};

// timeouts, policies, deploy, webhooks, approvals, analysis and faults of `root`.
void read_world_model(const yaml::Node& root, ScenarioParse& parse);

// The `releases` block (COMMANDS.md `stream`).
void read_releases(const yaml::Node& releases, ScenarioParse& parse);

// The `properties` list (COMMANDS.md `explore`), names resolved to indices.
void read_properties(const yaml::Node& properties, ScenarioParse& parse);

// The `expect` block.
void read_expect(const yaml::Node& expect, ScenarioParse& parse);

// A scenario file (with `deployment`) or a bare deploy file (with `targets`).
// Returns nullopt when it reported errors.
std::optional<Scenario> load_scenario_from_node(const yaml::Node& root, const LoadOptions& options,
                                                YamlReader& reader);

// A7: warns once per analysis query that some target judges with no value
// model in the scenario (it reads a passing built-in value), naming the query.
void warn_queries_without_model(const Scenario& scenario, Diagnostics& diagnostics);

}  // namespace deploysim::config
