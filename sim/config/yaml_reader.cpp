#include "yaml_reader.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <set>

#include "suggest.hpp"
#include "yaml_source.hpp"

namespace deploysim::config {

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string key_text(const yaml::Node& key) {
  return key.IsScalar() ? key.Scalar() : std::string("<non-scalar key>");
}

yaml::Node key_of(const yaml::Node& map, std::string_view key) {
  if (map.IsMap()) {
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == key) return it->first;
    }
  }
  return map;
}

SourceLocation YamlReader::at(const yaml::Node& node) const { return location_of(node, file_); }

void YamlReader::error(const yaml::Node& node, const std::string& message) {
  diagnostics_.error(at(node), message);
}

void YamlReader::warning(const yaml::Node& node, const std::string& message) {
  diagnostics_.warning(at(node), message);
}

void YamlReader::quirk(const yaml::Node& node, const std::string& message) {
  if (strict_) {
    diagnostics_.error(at(node), message);
  } else {
    diagnostics_.warning(at(node), message);
  }
}

std::string YamlReader::describe(const yaml::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  return "'" + excerpt(node.Scalar()) + "'";
}

std::string excerpt(std::string_view text) {
  std::string out(text.substr(0, text.size() > 40 ? 37 : 40));
  if (text.size() > 40) out += "...";
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

bool YamlReader::expect_map(const yaml::Node& node, std::string_view what) {
  if (node.IsMap()) return true;
  error(node, std::string(what) + ": expected a mapping, got " + describe(node));
  return false;
}

bool YamlReader::expect_sequence(const yaml::Node& node, std::string_view what) {
  if (node.IsSequence()) return true;
  error(node, std::string(what) + ": expected a list, got " + describe(node));
  return false;
}

std::optional<std::string> YamlReader::string_value(const yaml::Node& node, std::string_view what) {
  if (node.IsScalar()) return node.Scalar();
  error(node, std::string(what) + ": expected a string, got " + describe(node));
  return std::nullopt;
}

namespace {

std::optional<double> parse_double(const std::string& text) {
  if (text.empty()) return std::nullopt;
  const char* begin = text.c_str();
  char* end = nullptr;
  double value = std::strtod(begin, &end);
  if (end != begin + text.size() || !std::isfinite(value)) return std::nullopt;
  // Reject hex floats, "inf"/"nan" spellings and leading spaces strtod allows.
  for (char c : text) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' ||
          c == 'e' || c == 'E')) {
      return std::nullopt;
    }
  }
  return value;
}

std::optional<std::int64_t> parse_int(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::size_t i = (text[0] == '-' || text[0] == '+') ? 1 : 0;
  if (i == text.size()) return std::nullopt;
  for (std::size_t k = i; k < text.size(); ++k) {
    if (!std::isdigit(static_cast<unsigned char>(text[k]))) return std::nullopt;
  }
  if (text.size() - i > 15) return std::nullopt;
  return std::strtoll(text.c_str(), nullptr, 10);
}

}  // namespace

std::optional<std::int64_t> YamlReader::int_value(const yaml::Node& node, std::string_view what) {
  if (node.IsScalar()) {
    if (auto v = parse_int(node.Scalar())) return v;
  }
  error(node, std::string(what) + ": expected an integer, got " + describe(node));
  return std::nullopt;
}

std::optional<double> YamlReader::number_value(const yaml::Node& node, std::string_view what) {
  if (node.IsScalar()) {
    if (auto v = parse_double(node.Scalar())) return v;
  }
  error(node, std::string(what) + ": expected a number, got " + describe(node));
  return std::nullopt;
}

std::optional<bool> YamlReader::bool_value(const yaml::Node& node, std::string_view what) {
  if (node.IsScalar()) {
    std::string t = to_lower(node.Scalar());
    if (t == "true") return true;
    if (t == "false") return false;
  }
  error(node, std::string(what) + ": expected true or false, got " + describe(node));
  return std::nullopt;
}

std::optional<std::vector<std::string>> YamlReader::string_list(const yaml::Node& node,
                                                                std::string_view what) {
  if (!expect_sequence(node, what)) return std::nullopt;
  std::vector<std::string> out;
  bool ok = true;
  for (const yaml::Node& item : node) {
    if (auto s = string_value(item, std::string(what) + " entry")) {
      out.push_back(*s);
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<ContextMap> YamlReader::string_map(const yaml::Node& node, std::string_view what) {
  if (!expect_map(node, what)) return std::nullopt;
  ContextMap out;
  bool ok = true;
  for (auto it = node.begin(); it != node.end(); ++it) {
    std::string key = key_text(it->first);
    if (out.count(key) != 0) {
      error(it->first, std::string(what) + ": duplicate key '" + key + "'");
      ok = false;
      continue;
    }
    if (auto s = string_value(it->second, std::string(what) + "." + key)) {
      out[key] = *s;
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

void YamlReader::check_keys(const yaml::Node& map, const config::KeyTable& known,
                            std::string_view where, bool unknown_is_error) {
  if (!map.IsMap()) return;
  std::vector<std::string> candidates(known.keys().begin(), known.keys().end());
  std::set<std::string> seen;
  for (auto it = map.begin(); it != map.end(); ++it) {
    std::string key = key_text(it->first);
    if (!seen.insert(key).second) {
      error(it->first, "duplicate key '" + key + "' in " + std::string(where));
      continue;
    }
    if (!known.contains(key)) {
      std::string message =
          "unknown key '" + key + "' in " + std::string(where) + did_you_mean(key, candidates);
      if (unknown_is_error) {
        error(it->first, message);
      } else {
        quirk(it->first, message);
      }
    }
  }
}

}  // namespace deploysim::config
