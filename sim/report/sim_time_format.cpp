// format_sim_time: instants in the text report, aligned when right-justified.
#include <cstdio>

#include "deploysim/report.hpp"

namespace deploysim {

std::string format_sim_time(SimTime t) {
  std::int64_t ms = t.count();
  const bool negative = ms < 0;  // never produced by the model; shown, not hidden
  if (negative) ms = -ms;
  const std::int64_t days = ms / 86'400'000;
  const std::int64_t hours = ms / 3'600'000 % 24;
  const std::int64_t minutes = ms / 60'000 % 60;
  const std::int64_t seconds = ms / 1000 % 60;
  const std::int64_t millis = ms % 1000;
  char buf[64];
  int n = 0;
  if (days > 0) {
    n = std::snprintf(buf, sizeof buf, "%s%lldd %02lld:%02lld:%02lld", negative ? "-" : "+",
                      static_cast<long long>(days), static_cast<long long>(hours),
                      static_cast<long long>(minutes), static_cast<long long>(seconds));
  } else {
    n = std::snprintf(buf, sizeof buf, "%s%lld:%02lld:%02lld", negative ? "-" : "+",
                      static_cast<long long>(hours), static_cast<long long>(minutes),
                      static_cast<long long>(seconds));
  }
  std::string out(buf, static_cast<std::size_t>(n));
  if (millis != 0) {
    std::snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(millis));
    out += buf;
  }
  return out;
}

}  // namespace deploysim
