// differing_assumptions: a structural diff of the two files' YAML, with the
// deploy file a scenario names read in place of its path, so "what changed
// between BASE and WHATIF" lists scenario knobs and deploy-file edits alike.
#include <filesystem>
#include <set>

#include <yaml-cpp/yaml.h>

#include "deploysim/compare.hpp"

namespace deploysim::compare {
namespace {

// Keys of a scenario file that are not assumptions about the world.
const std::set<std::string> kNotAssumptions = {"name", "seed", "expect"};

// A node as flow YAML on one line.
std::string full(const YAML::Node& node) {
  YAML::Emitter e;
  e.SetMapFormat(YAML::Flow);
  e.SetSeqFormat(YAML::Flow);
  e << node;
  return e.c_str();
}

// The same, cut at 120 characters for the report.
std::string flow(const YAML::Node& node) {
  std::string text = full(node);
  if (text.size() > 120) text = text.substr(0, 117) + "...";
  return text;
}

bool same(const YAML::Node& a, const YAML::Node& b) { return full(a) == full(b); }

// Every item a mapping with a scalar `name`, the names unique.
bool named(const YAML::Node& seq) {
  std::set<std::string> names;
  for (const YAML::Node& item : seq) {
    if (!item.IsMap() || !item["name"] || !item["name"].IsScalar()) return false;
    if (!names.insert(item["name"].as<std::string>()).second) return false;
  }
  return seq.size() > 0;
}

YAML::Node find_named(const YAML::Node& seq, const std::string& name) {
  for (const YAML::Node& item : seq) {
    if (item["name"].as<std::string>() == name) return item;
  }
  return YAML::Node();
}

bool all_maps(const YAML::Node& seq) {
  for (const YAML::Node& item : seq) {
    if (!item.IsMap()) return false;
  }
  return true;
}

std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

void diff(const std::string& path, const YAML::Node& a, const YAML::Node& b,
          std::vector<AssumptionDifference>& out) {
  if (a.IsMap() && b.IsMap()) {
    std::set<std::string> seen;
    for (const auto& kv : a) {
      const std::string key = kv.first.as<std::string>();
      seen.insert(key);
      const YAML::Node other = b[key];
      if (!other) {
        out.push_back({join(path, key), flow(kv.second), std::nullopt});
      } else {
        diff(join(path, key), kv.second, other, out);
      }
    }
    for (const auto& kv : b) {
      const std::string key = kv.first.as<std::string>();
      if (seen.count(key) == 0) out.push_back({join(path, key), std::nullopt, flow(kv.second)});
    }
    return;
  }
  if (a.IsSequence() && b.IsSequence() && named(a) && named(b)) {
    // Webhooks, queries, ...: item by name, wherever it moved in the list.
    std::set<std::string> seen;
    for (const YAML::Node& item : a) {
      const std::string name = item["name"].as<std::string>();
      seen.insert(name);
      const std::string at = path + "[" + name + "]";
      const YAML::Node other = find_named(b, name);
      if (!other) {
        out.push_back({at, flow(item), std::nullopt});
      } else {
        diff(at, item, other, out);
      }
    }
    for (const YAML::Node& item : b) {
      const std::string name = item["name"].as<std::string>();
      if (seen.count(name) == 0) out.push_back({path + "[" + name + "]", std::nullopt, flow(item)});
    }
    return;
  }
  if (a.IsSequence() && b.IsSequence() && a.size() == b.size() && all_maps(a) && all_maps(b)) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      diff(path + "[" + std::to_string(i) + "]", a[i], b[i], out);
    }
    return;
  }
  if (!same(a, b)) out.push_back({path, flow(a), flow(b)});
}

// The file as one tree of assumptions: a scenario's keys, its deploy file
// under `deployment`; a bare deploy file all under `deployment`.
std::optional<YAML::Node> assumptions_of(const std::string& file, Diagnostics& diagnostics) {
  try {
    const YAML::Node doc = YAML::LoadFile(file);
    YAML::Node tree(YAML::NodeType::Map);
    if (!doc.IsMap() || !doc["deployment"]) {
      tree["deployment"] = doc;
      return tree;
    }
    for (const auto& kv : doc) {
      const std::string key = kv.first.as<std::string>();
      if (kNotAssumptions.count(key) > 0) continue;
      if (key == "deployment" && kv.second.IsScalar()) {
        const std::filesystem::path deploy =
            std::filesystem::path(file).parent_path() / kv.second.as<std::string>();
        tree["deployment"] = YAML::LoadFile(deploy.string());
      } else {
        tree[key] = kv.second;
      }
    }
    return tree;
  } catch (const YAML::Exception& e) {
    diagnostics.error({file, 0, 0}, std::string("cannot read the assumptions: ") + e.what());
    return std::nullopt;
  }
}

}  // namespace

std::optional<std::vector<AssumptionDifference>> differing_assumptions(
    const std::string& base_file, const std::string& what_if_file, Diagnostics& diagnostics) {
  const std::optional<YAML::Node> base = assumptions_of(base_file, diagnostics);
  const std::optional<YAML::Node> what_if = assumptions_of(what_if_file, diagnostics);
  if (!base || !what_if) return std::nullopt;
  std::vector<AssumptionDifference> out;
  diff("", *base, *what_if, out);
  return out;
}

}  // namespace deploysim::compare
