// Scenario files (SCENARIO.md): the file, its `deployment` and its top-level
// settings. The world model is read by world_model_reader.cpp, `expect` by
// expect_reader.cpp, the values of both by scenario_values.cpp.

#include <algorithm>
#include <filesystem>

#include "deploy_parse.hpp"
#include "scenario_parse.hpp"
#include "suggest.hpp"
#include "yaml_source.hpp"

namespace deploysim::config {

ScenarioParse::ScenarioParse(Scenario& s, YamlReader& r) : scenario(s), reader(r) {
  const Deployment& d = s.deployment;
  for (const Target& t : d.targets) target_names.push_back(t.name);
  for (const Webhook& w : d.webhooks) webhook_names.push_back(w.name);
  for (const Query& q : d.analysis.queries) query_names.push_back(q.name);
  for (const Target& t : d.targets) agents.insert(t.account);
  for (const Webhook& w : d.webhooks) {
    if (!w.agent_identifier.empty()) agents.insert(w.agent_identifier);
  }
}

bool ScenarioParse::known_target(const yaml::Node& key, const std::string& name,
                                 std::string_view what) {
  if (scenario.deployment.find_target(name) >= 0) return true;
  reader.error(key, std::string(what) + ": '" + name + "' names no target of the deployment" +
                        did_you_mean(name, target_names));
  return false;
}

namespace {

// The top-level settings (name ... secrets), then the world model and `expect`.
class TopLevelReader {
 public:
  explicit TopLevelReader(ScenarioParse& parse)
      : parse_(parse), s_(parse.scenario), reader_(parse.reader), values_(parse.reader) {}

  void parse(const yaml::Node& root) {
    if (yaml::Node n = root["name"]) {
      if (auto v = reader_.string_value(n, "name")) s_.name = *v;
    }
    if (yaml::Node n = root["seed"]) {
      if (auto v = reader_.int_value(n, "seed")) {
        if (*v < 0) {
          reader_.error(n, "seed: expected a non-negative integer, got " + std::to_string(*v));
        } else {
          s_.seed = static_cast<std::uint64_t>(*v);
        }
      }
    }
    if (yaml::Node n = root["horizon"]) {
      if (auto v = values_.duration(n, "horizon")) {
        if (v->count() == 0) {
          reader_.error(n, "horizon: expected a positive duration");
        } else {
          s_.horizon = *v;
        }
      }
    }
    if (yaml::Node n = root["firstDeployment"]) first_deployment(n);
    if (yaml::Node n = root["target"]) {
      // Like --target (D6): replaces the deploy file's targetFilters.
      if (auto names = reader_.string_list(n, "target")) {
        for (std::size_t i = 0; i < names->size(); ++i) {
          if (parse_.known_target(n[i], (*names)[i], "target")) {
            s_.only_targets.push_back((*names)[i]);
          }
        }
      }
    }
    if (yaml::Node n = root["context"]) {
      if (auto m = reader_.string_map(n, "context")) s_.context = *m;
    }
    if (yaml::Node n = root["secrets"]) read_secrets(n);
    read_world_model(root, parse_);
    if (yaml::Node n = root["releases"]) read_releases(n, parse_);
    if (yaml::Node n = root["properties"]) read_properties(n, parse_);
    if (yaml::Node n = root["expect"]) read_expect(n, parse_);
  }

 private:
  // Like string_map, but no message quotes a value: a scalar where the
  // mapping should be is most likely "name value" with the colon missing.
  void read_secrets(const yaml::Node& n) {
    auto shape = [](const yaml::Node& node) -> std::string {
      if (node.IsScalar()) return "a string (not shown: it may hold a secret)";
      return YamlReader::describe(node);
    };
    if (!n.IsMap()) {
      reader_.error(
          n, "secrets: expected a mapping of names to values (NAME: VALUE), got " + shape(n));
      return;
    }
    ContextMap out;
    bool ok = true;
    for (auto it = n.begin(); it != n.end(); ++it) {
      const std::string name = key_text(it->first);
      if (out.count(name) != 0) {
        reader_.error(it->first, "secrets: duplicate key '" + name + "'");
        ok = false;
      } else if (!it->second.IsScalar()) {
        reader_.error(it->second, "secrets." + name + ": expected a string, got " +
                                      YamlReader::describe(it->second));
        ok = false;
      } else {
        out[name] = it->second.Scalar();
      }
    }
    if (ok) s_.secrets = std::move(out);
  }

  void first_deployment(const yaml::Node& n) {
    if (n.IsSequence()) {
      if (auto names = reader_.string_list(n, "firstDeployment")) {
        for (std::size_t i = 0; i < names->size(); ++i) {
          if (parse_.known_target(n[i], (*names)[i], "firstDeployment")) {
            s_.first_deployment_targets.push_back((*names)[i]);
          }
        }
      }
      return;
    }
    if (n.IsScalar() && (to_lower(n.Scalar()) == "true" || to_lower(n.Scalar()) == "false")) {
      s_.first_deployment_all = to_lower(n.Scalar()) == "true";
      return;
    }
    reader_.error(n, "firstDeployment: expected true, false or a list of target names, got " +
                         YamlReader::describe(n));
  }

  ScenarioParse& parse_;
  Scenario& s_;
  YamlReader& reader_;
  ValueReader values_;
};

}  // namespace

namespace {

// Every scalar under `secrets` except the names of its entries: the values,
// or the whole text when `secrets` is not a mapping.
void hide_secret_values(const yaml::Node& n, Diagnostics& diagnostics, bool names_level) {
  if (n.IsScalar()) {
    diagnostics.hide(n.Scalar());
    return;
  }
  if (n.IsSequence()) {
    for (const yaml::Node& item : n) hide_secret_values(item, diagnostics, false);
    return;
  }
  if (!n.IsMap()) return;
  for (auto it = n.begin(); it != n.end(); ++it) {
    if (!names_level) hide_secret_values(it->first, diagnostics, false);
    hide_secret_values(it->second, diagnostics, false);
  }
}

}  // namespace

std::optional<Scenario> load_scenario_from_node(const yaml::Node& root, const LoadOptions& options,
                                                YamlReader& reader) {
  const int errors_before = error_count(reader.diagnostics());
  // Before anything is read: a secret value quoted by any message (an alias
  // of it used elsewhere, a typo under `secrets`) is shown as <secret>.
  if (root.IsMap()) {
    if (yaml::Node n = root["secrets"]) hide_secret_values(n, reader.diagnostics(), true);
  }
  if (!root.IsMap()) {
    reader.error(root,
                 "expected a scenario file (a mapping with 'deployment') or a deploy file "
                 "(a mapping with 'targets'), got " +
                     YamlReader::describe(root));
    return std::nullopt;
  }
  yaml::Node deployment_node = root["deployment"];
  TemplateSources sources;
  sources.context.insert(options.added_context.begin(), options.added_context.end());
  if (!deployment_node) {
    // A bare deploy file: every scenario default applies.
    auto d = load_deployment_from_node(root, reader, sources);
    if (!d) return std::nullopt;
    Scenario s = default_scenario(std::move(*d));
    s.source_file = reader.file();
    s.name = std::filesystem::path(reader.file()).stem().string();
    warn_queries_without_model(s, reader.diagnostics());
    return s;
  }
  reader.check_keys(root, kScenarioFileKeys, "the scenario file", kUnknownKeyIsError);
  if (yaml::Node c = root["context"]; c && c.IsMap()) {
    for (auto it = c.begin(); it != c.end(); ++it) sources.context.insert(key_text(it->first));
  }
  if (yaml::Node c = root["secrets"]; c && c.IsMap()) {
    for (auto it = c.begin(); it != c.end(); ++it) sources.secrets.insert(key_text(it->first));
  }
  // `strict: true` (the scenario suite's extension) loads the deployment strictly.
  bool strict = options.strict;
  if (yaml::Node n = root["strict"]) {
    if (auto b = reader.bool_value(n, "strict")) strict = strict || *b;
  }
  YamlReader inline_reader(reader.file(), strict, reader.diagnostics());
  std::optional<Deployment> deployment;
  if (deployment_node.IsMap()) {
    deployment = load_deployment_from_node(deployment_node, inline_reader, sources);
  } else if (deployment_node.IsScalar()) {
    namespace fs = std::filesystem;
    fs::path relative(deployment_node.Scalar());
    fs::path resolved = relative.is_absolute()
                            ? relative
                            : (fs::path(reader.file()).parent_path() / relative).lexically_normal();
    std::error_code ec;
    if (deployment_node.Scalar().find_first_not_of(" \t") == std::string::npos) {
      reader.error(deployment_node,
                   "deployment: expected a path to a deploy file or an inline deploy file "
                   "mapping, got an empty string");
      return std::nullopt;
    }
    if (fs::is_directory(resolved, ec)) {
      reader.error(deployment_node, "deployment: '" + deployment_node.Scalar() +
                                        "' is a directory, not a deploy file");
      return std::nullopt;
    }
    if (!fs::exists(resolved, ec)) {
      reader.error(deployment_node, "deployment: '" + deployment_node.Scalar() +
                                        "' does not exist (looked for '" + resolved.string() +
                                        "')");
      return std::nullopt;
    }
    Diagnostics& diagnostics = reader.diagnostics();
    auto text = read_input_file(resolved.string(), diagnostics);
    if (!text) return std::nullopt;
    auto deploy_root = parse_yaml_text(*text, resolved.string(), diagnostics);
    if (!deploy_root) return std::nullopt;
    YamlReader deploy_reader(resolved.string(), strict, diagnostics);
    deployment = load_deployment_from_node(deploy_root->root(), deploy_reader, sources);
  } else {
    reader.error(deployment_node,
                 "deployment: expected a path or an inline deploy file mapping, "
                 "got " +
                     YamlReader::describe(deployment_node));
    return std::nullopt;
  }
  if (!deployment) return std::nullopt;
  Scenario s = default_scenario(std::move(*deployment));
  s.source_file = reader.file();
  s.name = std::filesystem::path(reader.file()).stem().string();
  ScenarioParse parse(s, reader);
  TopLevelReader(parse).parse(root);
  if (error_count(reader.diagnostics()) > errors_before) return std::nullopt;
  warn_queries_without_model(s, reader.diagnostics());
  return s;
}

}  // namespace deploysim::config
