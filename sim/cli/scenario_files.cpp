#include "scenario_files.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string_view>

namespace deploysim::cli {
namespace {

namespace fs = std::filesystem;

bool is_yaml(const fs::path& p) { return p.extension() == ".yml" || p.extension() == ".yaml"; }

std::string trim(const std::string& s) {
  const std::size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const std::size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

// A YAML scalar as written after "error:": quoted or plain, maybe followed by
// a comment or (in flow form) by ',' or '}'.
std::string scalar_value(const std::string& raw, bool flow) {
  std::string v = trim(raw);
  if (!v.empty() && (v[0] == '"' || v[0] == '\'')) {
    const char quote = v[0];
    std::string out;
    for (std::size_t i = 1; i < v.size(); ++i) {
      if (quote == '"' && v[i] == '\\' && i + 1 < v.size()) {
        out += v[++i];
      } else if (quote == '\'' && v[i] == '\'' && i + 1 < v.size() && v[i + 1] == '\'') {
        out += '\'';
        ++i;
      } else if (v[i] == quote) {
        break;
      } else {
        out += v[i];
      }
    }
    return out;
  }
  if (const std::size_t hash = v.find(" #"); hash != std::string::npos) v = v.substr(0, hash);
  if (flow) {
    if (const std::size_t end = v.find_first_of(",}"); end != std::string::npos) {
      v = v.substr(0, end);
    }
  }
  return trim(v);
}

std::string_view skip_blanks(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

// For a line "KEY[ \t]*:REST" (KEY at its start), REST; else nullopt. Plain
// scanning: std::regex recursed once per character and overflowed the stack
// on long lines.
std::optional<std::string_view> after_key(std::string_view line, std::string_view key) {
  if (line.substr(0, key.size()) != key) return std::nullopt;
  const std::string_view rest = skip_blanks(line.substr(key.size()));
  if (rest.empty() || rest[0] != ':') return std::nullopt;
  return rest.substr(1);
}

}  // namespace

std::vector<std::string> find_yaml_files(const std::vector<std::string>& paths,
                                         std::vector<std::string>& missing) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      for (auto it = fs::recursive_directory_iterator(path, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && is_yaml(it->path())) files.push_back(it->path().string());
      }
    } else if (fs::is_regular_file(path, ec)) {
      files.push_back(path);
    } else {
      missing.push_back(path);
    }
  }
  // Directory order is the file system's; sorting makes the output stable.
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

bool has_top_level_key(const std::string& text, const std::string& key) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (after_key(line, key)) return true;
  }
  return false;
}

bool wants_strict(const std::string& text) {
  // ^strict[ \t]*:[ \t]*true[ \t]*(#.*)?\r?$
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const std::optional<std::string_view> rest = after_key(line, "strict");
    if (!rest) continue;
    const std::string_view value = skip_blanks(*rest);
    if (value.substr(0, 4) != "true") continue;
    const std::string_view tail = skip_blanks(value.substr(4));
    if (tail.empty() || tail == "\r" || tail[0] == '#') return true;
  }
  return false;
}

std::optional<std::string> expected_load_error(const std::string& text) {
  std::istringstream lines(text);
  bool in_expect = false;
  for (std::string line; std::getline(lines, line);) {
    if (!in_expect) {
      const std::optional<std::string_view> rest = after_key(line, "expect");
      if (!rest) continue;
      // Flow form: `expect: {..., error: X ...}`: [{,][ \t]*error[ \t]*:(.*)$
      for (std::size_t i = 0; i < rest->size(); ++i) {
        if ((*rest)[i] != '{' && (*rest)[i] != ',') continue;
        if (auto value = after_key(skip_blanks(rest->substr(i + 1)), "error")) {
          return scalar_value(std::string(*value), true);
        }
      }
      in_expect = true;
      continue;
    }
    // The block ends at the next line that starts in column 0 (not a comment).
    if (!line.empty() && line[0] != ' ' && line[0] != '\t' && line[0] != '#' && line != "\r") {
      break;
    }
    // ^[ \t]+error[ \t]*:(.*)$
    const std::string_view indented = skip_blanks(line);
    if (indented.size() == line.size()) continue;
    if (auto value = after_key(indented, "error")) return scalar_value(std::string(*value), false);
  }
  return std::nullopt;
}

}  // namespace deploysim::cli
