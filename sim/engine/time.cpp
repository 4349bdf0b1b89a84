#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "deploysim/time.hpp"

namespace deploysim {

std::string format_duration(Duration d) {
  std::int64_t ms = d.count();
  std::string out;
  if (ms < 0) {
    out = "-";
    ms = -ms;
  }
  if (ms == 0) return "0s";
  if (ms < 1000) return out + std::to_string(ms) + "ms";
  struct Unit {
    std::int64_t ms;
    const char* suffix;
  };
  static constexpr Unit kUnits[] = {
      {86'400'000, "d"}, {3'600'000, "h"}, {60'000, "m"}, {1'000, "s"}};
  int kept = 0;
  for (const Unit& u : kUnits) {
    const std::int64_t n = ms / u.ms;
    ms %= u.ms;
    if (n == 0) continue;
    if (kept > 0) out += ' ';
    out += std::to_string(n);
    out += u.suffix;
    if (++kept == 2) break;
  }
  return out;
}

namespace {

// Parses the text as parse_duration() does, without the kMaxDuration bound.
// Milliseconds, rounded; nullopt when the text is not a duration.
std::optional<double> parse_unbounded(const std::string& text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  if (begin == end) return std::nullopt;

  // Number part: optional sign, digits, optional fraction.
  std::size_t i = begin;
  if (text[i] == '-' || text[i] == '+') ++i;
  std::size_t digits_begin = i;
  bool seen_digit = false;
  while (i < end && std::isdigit(static_cast<unsigned char>(text[i]))) {
    ++i;
    seen_digit = true;
  }
  if (i < end && text[i] == '.') {
    ++i;
    while (i < end && std::isdigit(static_cast<unsigned char>(text[i]))) {
      ++i;
      seen_digit = true;
    }
  }
  if (!seen_digit || i - digits_begin > 24) return std::nullopt;
  double number = std::strtod(text.substr(begin, i - begin).c_str(), nullptr);

  std::string unit = text.substr(i, end - i);
  double ms_per_unit = 0;
  if (unit.empty() || unit == "s") {
    ms_per_unit = 1000.0;
  } else if (unit == "ms") {
    ms_per_unit = 1.0;
  } else if (unit == "m") {
    ms_per_unit = 60.0 * 1000.0;
  } else if (unit == "h") {
    ms_per_unit = 3600.0 * 1000.0;
  } else if (unit == "d") {
    ms_per_unit = 86400.0 * 1000.0;
  } else {
    return std::nullopt;
  }
  const double ms = std::round(number * ms_per_unit);
  if (!std::isfinite(ms)) return std::nullopt;
  return ms;
}

bool beyond_max(double ms) { return std::fabs(ms) > static_cast<double>(kMaxDuration.count()); }

}  // namespace

std::optional<Duration> parse_duration(const std::string& text) {
  const std::optional<double> ms = parse_unbounded(text);
  if (!ms || beyond_max(*ms)) return std::nullopt;
  return Duration(static_cast<std::int64_t>(*ms));
}

bool is_duration_beyond_max(const std::string& text) {
  const std::optional<double> ms = parse_unbounded(text);
  return ms && beyond_max(*ms);
}

std::string max_duration_text() { return "the maximum of 100 years (36500d)"; }

}  // namespace deploysim
