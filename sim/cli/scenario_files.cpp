#include "scenario_files.hpp"

#include <algorithm>
#include <filesystem>
#include <regex>
#include <sstream>

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
  const std::regex line_re("^" + key + "[ \t]*:");
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (std::regex_search(line, line_re)) return true;
  }
  return false;
}

bool wants_strict(const std::string& text) {
  static const std::regex strict_re(R"(^strict[ \t]*:[ \t]*true[ \t]*(#.*)?\r?$)");
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (std::regex_match(line, strict_re)) return true;
  }
  return false;
}

std::optional<std::string> expected_load_error(const std::string& text) {
  static const std::regex expect_re(R"(^expect[ \t]*:(.*)$)");
  static const std::regex flow_error_re(R"([{,][ \t]*error[ \t]*:(.*)$)");
  static const std::regex block_error_re(R"(^[ \t]+error[ \t]*:(.*)$)");
  std::istringstream lines(text);
  bool in_expect = false;
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!in_expect) {
      if (!std::regex_match(line, m, expect_re)) continue;
      const std::string rest = m[1].str();
      if (std::regex_search(rest, m, flow_error_re)) return scalar_value(m[1].str(), true);
      in_expect = true;
      continue;
    }
    // The block ends at the next line that starts in column 0 (not a comment).
    if (!line.empty() && line[0] != ' ' && line[0] != '\t' && line[0] != '#' && line != "\r") {
      break;
    }
    if (std::regex_match(line, m, block_error_re)) return scalar_value(m[1].str(), false);
  }
  return std::nullopt;
}

}  // namespace deploysim::cli
