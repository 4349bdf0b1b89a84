// Simulated time. Everything in deploysim counts integer milliseconds so that
// runs are exact and reproducible on every platform (SEMANTICS R4, R5).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace deploysim {

// A span of simulated time in milliseconds.
using Duration = std::chrono::duration<std::int64_t, std::milli>;

// An instant of simulated time: the duration since the pipeline started.
using SimTime = Duration;

// The longest duration any input may give (a scenario or deploy file, a
// flag, a --sweep value): 100 years of 365 days. Anything longer is a typo,
// and sums of such durations would overflow int64 milliseconds (docs/LIMITS.md).
inline constexpr Duration kMaxDuration{100LL * 365 * 86'400'000};

// Seconds as a double, for reports ("finishedAt": 4210.5).
inline double to_seconds(Duration d) { return static_cast<double>(d.count()) / 1000.0; }

// Human form for text reports: "0s", "250ms", "45s", "1h 23m", "2d 3h".
// Omits units that are zero and keeps the two most significant ones.
std::string format_duration(Duration d);

// Parses "250ms", "90s", "5m", "2h", "1d" or a bare number of seconds (a
// fraction and a sign are allowed: "1.5m", "-2s"), rounded to the nearest
// millisecond; spaces around it are ignored. nullopt for anything else,
// including values whose magnitude exceeds kMaxDuration.
std::optional<Duration> parse_duration(const std::string& text);

// Whether `text` is a well-formed duration (as parse_duration reads it) whose
// magnitude exceeds kMaxDuration: lets an error say "too long" rather than
// "not a duration".
bool is_duration_beyond_max(const std::string& text);

// "the maximum of 100 years (36500d)": how errors name kMaxDuration.
std::string max_duration_text();

}  // namespace deploysim
