// load_scenario_with_settings: `--sweep PATH=VALUE` on the scenario's own
// YAML, so every key of the scenario can be swept and every check is the
// loader's own.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <utility>

#include <yaml-cpp/yaml.h>

#include "deploysim/loader.hpp"
#include "yaml_source.hpp"

namespace deploysim {
namespace {

const std::vector<std::string> kOutcomeWords = {"success", "failure", "noCallback", "unreachable"};
const std::vector<std::string> kDecisionWords = {"approve", "reject", "never"};

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t from = 0;
  for (std::size_t at = path.find('.'); at != std::string::npos; at = path.find('.', from)) {
    parts.push_back(path.substr(from, at - from));
    from = at + 1;
  }
  parts.push_back(path.substr(from));
  return parts;
}

std::string join(const std::vector<std::string>& parts, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += (i == from ? "" : ".") + parts[i];
  return out;
}

std::optional<double> number(const YAML::Node& n) {
  if (!n.IsScalar()) return std::nullopt;
  try {
    return n.as<double>();
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
}

std::string number_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

// Sets `word` of the mix `mix` (a mapping of probabilities, or one word) to
// `p`, rescaling the others. Returns an error message, "" when done.
std::string set_in_mix(YAML::Node mix, const std::vector<std::string>& words,
                       const std::string& word, const std::string& value) {
  const std::optional<double> p = number(YAML::Load(value));
  if (!p || *p < 0 || *p > 1) return "not a probability: " + value;
  if (mix.IsScalar()) {
    const std::string only = mix.as<std::string>();
    mix = YAML::Node(YAML::NodeType::Map);
    mix[only] = 1;
  }
  if (!mix.IsMap()) return "not a mix of probabilities";
  double others = 0;
  for (const auto& kv : mix) {
    if (kv.first.as<std::string>() == word) continue;
    const std::optional<double> q = number(kv.second);
    if (!q) return "not a mix of probabilities";
    others += *q;
  }
  const double rest = 1 - *p;
  if (others > 0) {
    for (auto kv : mix) {
      const std::string key = kv.first.as<std::string>();
      if (key == word) continue;
      mix[key] = number_text(*number(kv.second) * rest / others);
    }
  } else if (rest > 0) {
    const std::string heir = word == words[0] ? words[1] : words[0];
    mix[heir] = number_text(rest);
  }
  mix[word] = number_text(*p);
  return "";
}

// Puts `value` at `path` of `root`. Returns an error message, "" when done.
std::string put(YAML::Node root, const std::string& path, const std::string& value) {
  const std::vector<std::string> parts = split(path);
  for (const std::string& p : parts) {
    if (p.empty()) return "not a dotted path";
  }
  YAML::Node node = root;
  std::size_t i = 0;
  std::string parent_key;
  while (true) {
    // The longest run of segments that names a key here.
    std::size_t end = i + 1;
    if (node.IsMap()) {
      for (std::size_t e = parts.size(); e > i; --e) {
        if (std::as_const(node)[join(parts, i, e)]) {
          end = e;
          break;
        }
      }
    }
    const std::string key = join(parts, i, end);
    const bool last = end == parts.size();
    const std::vector<std::string>* words = parent_key == "outcome"    ? &kOutcomeWords
                                            : parent_key == "decision" ? &kDecisionWords
                                                                       : nullptr;
    if (last && words != nullptr && std::find(words->begin(), words->end(), key) != words->end()) {
      return set_in_mix(node, *words, key, value);
    }
    if (node.IsSequence()) {
      std::size_t index = 0;
      try {
        index = static_cast<std::size_t>(std::stoul(key));
      } catch (const std::exception&) {
        return "'" + join(parts, 0, end) + "' is a list: index it with a number";
      }
      if (index >= node.size()) return "'" + join(parts, 0, end) + "': no such item";
      if (last) {
        node[index] = YAML::Load(value);
        return "";
      }
      node.reset(node[index]);
    } else {
      if (!node.IsMap()) {
        if (!node.IsNull()) return "'" + join(parts, 0, i) + "' is not a mapping";
        node = YAML::Node(YAML::NodeType::Map);
      }
      if (last) {
        node[key] = YAML::Load(value);
        return "";
      }
      const YAML::Node child = std::as_const(node)[key];
      if (!child || child.IsNull()) node[key] = YAML::Node(YAML::NodeType::Map);
      node.reset(node[key]);
    }
    parent_key = key;
    i = end;
  }
}

}  // namespace

std::optional<Scenario> load_scenario_with_settings(const std::string& path,
                                                    const LoadOptions& options,
                                                    const std::vector<ScenarioSetting>& settings,
                                                    Diagnostics& diagnostics) {
  const std::optional<std::string> text = config::read_input_file(path, diagnostics);
  if (!text) return std::nullopt;
  std::string label;
  for (const ScenarioSetting& s : settings) {
    label += (label.empty() ? "" : " ") + s.path + "=" + s.value;
  }
  YAML::Node doc;
  try {
    doc.reset(YAML::Load(*text));
    if (!doc.IsMap() || !std::as_const(doc)["deployment"]) {
      YAML::Node wrapped(YAML::NodeType::Map);
      wrapped["deployment"] = doc;
      doc.reset(wrapped);
    }
    for (const ScenarioSetting& s : settings) {
      const std::string error = put(doc, s.path, s.value);
      if (!error.empty()) {
        diagnostics.error({path, 0, 0}, "--sweep " + s.path + "=" + s.value + ": " + error);
        return std::nullopt;
      }
    }
  } catch (const YAML::Exception&) {
    // The file itself: the plain load says where.
    return load_scenario(path, options, diagnostics);
  }
  YAML::Emitter out;
  out << doc;
  Diagnostics inner;
  std::optional<Scenario> scenario = load_scenario_from_string(out.c_str(), path, options, inner);
  for (const Problem& p : inner.problems()) {
    const std::string message = "--sweep " + label + ": " + p.message;
    if (p.severity == Severity::kError) {
      diagnostics.error({path, 0, 0}, message);
    } else {
      diagnostics.warning({path, 0, 0}, message);
    }
  }
  if (!scenario || inner.has_errors()) return std::nullopt;
  return scenario;
}

}  // namespace deploysim
