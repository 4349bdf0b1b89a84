// The public entry points of loader.hpp. Every yaml-cpp exception stops here.

#include "deploysim/loader.hpp"

#include <yaml-cpp/exceptions.h>

#include "deploy_parse.hpp"
#include "scenario_parse.hpp"
#include "yaml_source.hpp"

namespace deploysim {

namespace {

// Runs `body`, turning any exception that escapes the loaders into one error.
template <typename Result, typename Body>
std::optional<Result> guarded(const std::string& path, Diagnostics& diagnostics, Body&& body) {
  try {
    return body();
  } catch (const YAML::Exception& e) {
    SourceLocation loc{path, e.mark.line >= 0 ? e.mark.line + 1 : 0,
                       e.mark.column >= 0 ? e.mark.column + 1 : 0};
    diagnostics.error(loc, "YAML error: " + e.msg);
  } catch (const std::exception& e) {
    diagnostics.error(SourceLocation{path, 0, 0}, std::string("cannot load: ") + e.what());
  }
  return std::nullopt;
}

}  // namespace

std::optional<Deployment> load_deployment_from_string(const std::string& text,
                                                      const std::string& path,
                                                      const LoadOptions& options,
                                                      Diagnostics& diagnostics) {
  return guarded<Deployment>(path, diagnostics, [&]() -> std::optional<Deployment> {
    auto root = config::parse_yaml_text(text, path, diagnostics);
    if (!root) return std::nullopt;
    config::YamlReader reader(path, options.strict, diagnostics);
    config::TemplateSources sources;
    sources.context.insert(options.added_context.begin(), options.added_context.end());
    return config::load_deployment_from_node(root->root(), reader, sources);
  });
}

std::optional<Deployment> load_deployment(const std::string& path, const LoadOptions& options,
                                          Diagnostics& diagnostics) {
  auto text = config::read_input_file(path, diagnostics);
  if (!text) return std::nullopt;
  return load_deployment_from_string(*text, path, options, diagnostics);
}

std::optional<Scenario> load_scenario_from_string(const std::string& text, const std::string& path,
                                                  const LoadOptions& options,
                                                  Diagnostics& diagnostics) {
  return guarded<Scenario>(path, diagnostics, [&]() -> std::optional<Scenario> {
    auto root = config::parse_yaml_text(text, path, diagnostics);
    if (!root) return std::nullopt;
    config::YamlReader reader(path, options.strict, diagnostics);
    return config::load_scenario_from_node(root->root(), options, reader);
  });
}

std::optional<Scenario> load_scenario(const std::string& path, const LoadOptions& options,
                                      Diagnostics& diagnostics) {
  auto text = config::read_input_file(path, diagnostics);
  if (!text) return std::nullopt;
  return load_scenario_from_string(*text, path, options, diagnostics);
}

}  // namespace deploysim
