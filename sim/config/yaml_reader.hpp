// Typed, located access to a YAML tree: each accessor reports a one-line
// problem at the node's FILE:LINE:COL when the node has the wrong shape and
// returns nullopt/false, so loaders can go on and report further problems.
//
// Private to sim/config.
#pragma once

#include "yaml_tree.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deploysim/deployment.hpp"
#include "deploysim/diagnostics.hpp"
#include "key_tables.hpp"

namespace deploysim::config {

class YamlReader {
 public:
  YamlReader(std::string file, bool strict, Diagnostics& diagnostics)
      : file_(std::move(file)), strict_(strict), diagnostics_(diagnostics) {}

  const std::string& file() const { return file_; }
  bool strict() const { return strict_; }
  Diagnostics& diagnostics() { return diagnostics_; }

  SourceLocation at(const yaml::Node& node) const;

  void error(const yaml::Node& node, const std::string& message);
  void warning(const yaml::Node& node, const std::string& message);
  // A published docs quirk or an unknown key: a warning, or an error when strict.
  void quirk(const yaml::Node& node, const std::string& message);

  // Shape checks. `what` names the node in the message ("what: expected ...").
  bool expect_map(const yaml::Node& node, std::string_view what);
  bool expect_sequence(const yaml::Node& node, std::string_view what);
  std::optional<std::string> string_value(const yaml::Node& node, std::string_view what);
  std::optional<std::int64_t> int_value(const yaml::Node& node, std::string_view what);
  std::optional<double> number_value(const yaml::Node& node, std::string_view what);
  std::optional<bool> bool_value(const yaml::Node& node, std::string_view what);
  std::optional<std::vector<std::string>> string_list(const yaml::Node& node,
                                                      std::string_view what);
  std::optional<ContextMap> string_map(const yaml::Node& node, std::string_view what);

  // Reports every key of `map` that is not in `known` (quirk severity, with a
  // suggestion) and every repeated key (always an error). `where` completes
  // "unknown key 'k' in WHERE". `known` is one of key_tables.hpp, which the
  // JSON Schemas are built from too.
  // With `unknown_is_error`, unknown keys are errors in every mode (scenario files).
  void check_keys(const yaml::Node& map, const config::KeyTable& known, std::string_view where,
                  bool unknown_is_error = false);

  // Describes a node for "got ..." (a scalar quoted, else "a mapping", ...).
  static std::string describe(const yaml::Node& node);

 private:
  std::string file_;
  bool strict_;
  Diagnostics& diagnostics_;
};

// The scalar text of a key node (keys of our mappings are scalars).
std::string key_text(const yaml::Node& key);

// The key node of `key` in `map` (for pointing at a key rather than its
// value); `map` itself when the key is absent.
yaml::Node key_of(const yaml::Node& map, std::string_view key);

// `text` fit for a one-line message: at most 40 characters (37 and "..."
// when longer), line breaks and tabs as spaces. Input can be megabytes long.
std::string excerpt(std::string_view text);

// Lower-cased copy (ASCII).
std::string to_lower(std::string_view text);

}  // namespace deploysim::config
