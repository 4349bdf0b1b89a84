// ISO 8601 instants as the CI systems write them and scenario files give
// them (calendar.start): 2026-03-01T10:00:00Z, with optional fractional
// seconds and a Z or +HH:MM / -HH:MM offset. Shared with sim/calibrate.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace deploysim::config {

// Milliseconds since 1970-01-01T00:00:00Z, or nullopt when `text` is not a
// complete ISO 8601 date-time with a time zone (a date alone, a missing zone,
// month 13, 25:00 and trailing text are all refused).
std::optional<std::int64_t> parse_iso8601_ms(std::string_view text);

}  // namespace deploysim::config
