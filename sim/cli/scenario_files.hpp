// What `deploysim test` needs to know about a scenario file before (or
// instead of) loading it. These are cheap line scans of the raw text, not a
// YAML parse: they must work on files that do not load at all.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace deploysim::cli {

// Every .yml/.yaml file under `paths` (a file is taken as is, a directory is
// walked recursively), sorted by path and without duplicates. A path that does
// not exist is added to `missing`.
std::vector<std::string> find_yaml_files(const std::vector<std::string>& paths,
                                         std::vector<std::string>& missing);

// True when a line of `text` starts with the top-level key `key:` (column 0).
bool has_top_level_key(const std::string& text, const std::string& key);

// True when the top level says `strict: true` (this suite's extension: load in
// strict mode, see scenarios/README.md).
bool wants_strict(const std::string& text);

// The text of `expect.error`, read from the raw file: either a block
//   expect:
//     error: "text"
// or the flow form `expect: {error: "text"}`. Quotes (single or double) are
// removed; an unquoted value ends at " #". nullopt when there is none.
std::optional<std::string> expected_load_error(const std::string& text);

}  // namespace deploysim::cli
