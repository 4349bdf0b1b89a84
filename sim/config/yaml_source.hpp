// Safe reading of YAML text: size, encoding and nesting checks before the
// text reaches yaml-cpp, and every yaml-cpp exception turned into a Problem.
//
// Private to sim/config: yaml-cpp types never leave this folder.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "deploysim/diagnostics.hpp"
#include "yaml_tree.hpp"

namespace deploysim::config {

// Largest input accepted, in bytes.
inline constexpr std::size_t kMaxInputBytes = 16u * 1024u * 1024u;
// Deepest nesting (block indentation levels plus flow brackets) accepted.
inline constexpr int kMaxNestingDepth = 256;

// Reads `path` into a string. On a missing file, a directory, an unreadable
// or oversized file reports one error naming `path` and returns nullopt.
std::optional<std::string> read_input_file(const std::string& path, Diagnostics& diagnostics);

// Checks `text` (NUL bytes, UTF-8, size, nesting depth) and parses it as one
// YAML document. An empty document is an error. Returns the document (its
// root() is the root node), or nullopt after reporting exactly one error.
std::optional<yaml::Document> parse_yaml_text(const std::string& text, const std::string& path,
                                              Diagnostics& diagnostics);

// The 1-based location of `node` in `file`; 0/0 when the node has no mark.
SourceLocation location_of(const yaml::Node& node, const std::string& file);

}  // namespace deploysim::config
