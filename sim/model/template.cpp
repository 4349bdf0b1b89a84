#include "template.hpp"

#include <cstdint>
#include <cstdio>

namespace deploysim::model {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

// Parses a reference starting at text[pos] == '{'. On success returns the
// name and sets `end` to the index just past "}}".
std::optional<std::string_view> parse_reference(std::string_view text, std::size_t pos,
                                                std::size_t& end) {
  if (pos + 1 >= text.size() || text[pos] != '{' || text[pos + 1] != '{') return std::nullopt;
  std::size_t i = pos + 2;
  while (i < text.size() && is_space(text[i])) ++i;
  const std::size_t name_begin = i;
  while (i < text.size() && is_name_char(text[i])) ++i;
  const std::size_t name_end = i;
  while (i < text.size() && is_space(text[i])) ++i;
  if (name_end == name_begin || i + 1 >= text.size() || text[i] != '}' || text[i + 1] != '}') {
    return std::nullopt;
  }
  end = i + 2;
  return text.substr(name_begin, name_end - name_begin);
}

// Howard Hinnant's civil_from_days.
void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t yy = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yy + (m <= 2));
}

}  // namespace

std::string render_template(std::string_view text, const VariableLookup& lookup,
                            const std::function<void(std::string_view)>& on_unknown) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = 0;
    if (text[i] == '{') {
      if (auto name = parse_reference(text, i, end)) {
        if (auto value = lookup(*name)) {
          out += *value;
        } else if (on_unknown) {
          on_unknown(*name);
        }
        i = end;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

void for_each_variable(std::string_view text, const std::function<void(std::string_view)>& fn) {
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = 0;
    if (text[i] == '{') {
      if (auto name = parse_reference(text, i, end)) {
        fn(*name);
        i = end;
        continue;
      }
    }
    ++i;
  }
}

bool template_references(std::string_view text, std::string_view name) {
  bool found = false;
  for_each_variable(text, [&](std::string_view n) { found = found || n == name; });
  return found;
}

std::string iso8601(std::int64_t epoch_millis) {
  std::int64_t seconds = epoch_millis / 1000;
  std::int64_t millis = epoch_millis % 1000;
  if (millis < 0) {
    millis += 1000;
    --seconds;
  }
  std::int64_t days = seconds / 86400;
  std::int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  civil_from_days(days, y, m, d);
  char buf[48];
  if (millis == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", y, m, d,
                  static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                  static_cast<int>(rest % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", y, m, d,
                  static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                  static_cast<int>(rest % 60), static_cast<int>(millis));
  }
  return buf;
}

}  // namespace deploysim::model
