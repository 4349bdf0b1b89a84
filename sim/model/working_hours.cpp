// SCENARIO.md "Working hours", MODEL 22c: how long a person takes on the wall
// clock when their `after` is working time.
#include <algorithm>
#include <limits>

#include "model.hpp"

namespace deploysim::model {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kWeekMs = 7 * kDayMs;
// Saturation: an answer this far away never comes within any horizon, and
// the engine can still add it to the clock.
constexpr std::int64_t kFarMs = std::numeric_limits<std::int64_t>::max() / 4;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// Monday = 0; day 0 (1970-01-01) was a Thursday.
int weekday(std::int64_t day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); }

}  // namespace

Duration working_time_delay(const WorkingHours& hours, std::int64_t wall_ms, Duration work) {
  const std::int64_t from = hours.from.count();
  const std::int64_t to = hours.to.count();
  std::int64_t per_week = 0;
  for (bool working : hours.days) per_week += working ? to - from : 0;
  if (per_week <= 0) return Duration{kFarMs};                     // the loader refuses such hours
  const std::int64_t begin = wall_ms + hours.utc_offset.count();  // local clock
  std::int64_t left = work.count();
  std::int64_t day = floor_div(begin, kDayMs);
  std::int64_t at = begin;
  for (;;) {
    if (hours.days[weekday(day)]) {
      const std::int64_t open = day * kDayMs + from;
      const std::int64_t close = day * kDayMs + to;
      const std::int64_t start = std::max(at, open);
      // Working time ends at the first working instant it is used up: an
      // answer due exactly at `to` comes at `to`; zero working time from
      // outside the hours comes at the next opening.
      if (start < close) {
        if (left <= close - start) return Duration{start + left - begin};
        left -= close - start;
      }
    }
    ++day;
    at = day * kDayMs;
    // Whole weeks from a midnight hold exactly per_week: skip them at once.
    if (left > per_week) {
      const std::int64_t weeks = (left - 1) / per_week;
      if (weeks > (kFarMs - (at - begin)) / kWeekMs) return Duration{kFarMs};
      day += weeks * 7;
      at = day * kDayMs;
      left -= weeks * per_week;
    }
  }
}

}  // namespace deploysim::model
