// The deploy-file loader's internal pieces, shared by the files that
// implement it (deploy_file_loader.cpp, steps.cpp, validate_graph.cpp,
// lint.cpp). Private to sim/config.
#pragma once

#include "yaml_tree.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "deploysim/deployment.hpp"
#include "yaml_reader.hpp"

namespace deploysim::config {

// A deployment being built, plus the YAML nodes later checks point at.
struct DeployParse {
  Deployment deployment;
  yaml::Node root;
  std::vector<std::string> target_names;            // keys of `targets`, in file order
  std::vector<std::vector<yaml::Node>> depends_on;  // per target: the dependsOn entry nodes
};

// Parses `list` (a step list at `what`, e.g. "beforeDeployment") into steps,
// resolving webhook and query names against `parse.deployment`.
std::vector<Step> parse_steps(const yaml::Node& list, StepListKind kind, std::string_view what,
                              DeployParse& parse, YamlReader& reader);

// `{duration, unit}` (armory-reference §1.3). Reports and returns nullopt on errors.
std::optional<Duration> parse_timeout(const yaml::Node& node, std::string_view what,
                                      YamlReader& reader);

// Case-insensitive seconds|minutes|hours.
std::optional<TimeUnit> parse_time_unit(const yaml::Node& node, std::string_view what,
                                        YamlReader& reader);

// `interval` × `unit` (kNone counts as seconds). `count` must be within
// bounded_unit_duration's range.
Duration unit_duration(std::int64_t count, TimeUnit unit);

// count × unit, or nullopt when its magnitude exceeds kMaxDuration.
std::optional<Duration> bounded_unit_duration(std::int64_t count, TimeUnit unit);

// D1: resolves dependsOn to indices and rejects self-edges, unknown names and
// cycles; warns about redundant edges.
void check_target_graph(DeployParse& parse, YamlReader& reader);

// What the world around a deploy file gives its templates (W2), so lint can
// tell a variable that renders empty. Empty for a deploy file read alone.
struct TemplateSources {
  std::set<std::string> context;  // scenario `context` and --add-context keys
  std::set<std::string> secrets;  // scenario `secrets` keys
};

// Lint warnings: W8 (also the legacy ${callbackUri}), unused webhooks,
// {{context.X}} and {{secrets.X}} that nothing provides.
void lint_deployment(const DeployParse& parse, const TemplateSources& sources, YamlReader& reader);

// The whole deploy-file loader from a parsed root; nullopt when it reported errors.
std::optional<Deployment> load_deployment_from_node(const yaml::Node& root, YamlReader& reader,
                                                    const TemplateSources& sources);

// True when the file leaves out the whole `key` block (`strategies`,
// `webhooks`) although it deploys something (manifests or lambda artifacts):
// a published excerpt such as example 07, which lenient mode completes.
// Fragments that deploy nothing keep their errors.
inline bool excerpt_omits(const yaml::Node& root, const char* key) {
  return !root[key] && (root["manifests"] || root["artifacts"] || root["providerOptions"]);
}

// Counts the errors in `diagnostics`.
int error_count(const Diagnostics& diagnostics);

}  // namespace deploysim::config
