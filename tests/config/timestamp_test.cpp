// ISO 8601 instants: known epoch milliseconds, offsets, fractions, refusals.
#include <gtest/gtest.h>

#include "config/timestamp.hpp"

namespace deploysim::config {
namespace {

TEST(Timestamp, KnownInstants) {
  EXPECT_EQ(parse_iso8601_ms("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_iso8601_ms("2026-03-01T10:00:00Z"), 1772359200000);
  EXPECT_EQ(parse_iso8601_ms("2026-03-01T11:00:00+01:00"), 1772359200000);
  EXPECT_EQ(parse_iso8601_ms("2026-03-01T05:30:00-0430"), 1772359200000);
  EXPECT_EQ(parse_iso8601_ms("2026-03-01T10:00:00.250Z"), 1772359200250);
  EXPECT_EQ(parse_iso8601_ms("2026-03-01T10:00:00.1234567Z"), 1772359200123);
  EXPECT_EQ(parse_iso8601_ms("2024-02-29T00:00:00Z"), 1709164800000);  // leap day
  EXPECT_EQ(parse_iso8601_ms("2026-03-01 10:00:00Z"), 1772359200000);
}

TEST(Timestamp, Refusals) {
  for (const char* bad : {"", "2026-03-01", "2026-03-01T10:00:00", "2026-13-01T10:00:00Z",
                          "2023-02-29T10:00:00Z", "2026-03-01T24:00:00Z", "2026-03-01T10:00Z",
                          "2026-03-01T10:00:00Zx", "yesterday", "2026-03-01T10:00:00.Z"}) {
    EXPECT_FALSE(parse_iso8601_ms(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace deploysim::config
