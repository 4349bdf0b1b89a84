#include <cstdint>
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

}  // namespace deploysim
