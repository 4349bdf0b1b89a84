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

// Seconds as a double, for reports ("finishedAt": 4210.5).
inline double to_seconds(Duration d) { return static_cast<double>(d.count()) / 1000.0; }

// Human form for text reports: "0s", "250ms", "45s", "1h 23m", "2d 3h".
// Omits units that are zero and keeps the two most significant ones.
std::string format_duration(Duration d);

// Parses "250ms", "90s", "5m", "2h", "1d" or a bare number of seconds (a
// fraction and a sign are allowed: "1.5m", "-2s"), rounded to the nearest
// millisecond; spaces around it are ignored. nullopt for anything else,
// including values beyond about 290 million years.
std::optional<Duration> parse_duration(const std::string& text);

}  // namespace deploysim
