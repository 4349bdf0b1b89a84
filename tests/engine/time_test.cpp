#include <gtest/gtest.h>

#include <chrono>

#include "deploysim/time.hpp"

namespace deploysim {
namespace {

using namespace std::chrono_literals;

TEST(FormatDurationTest, Examples) {
  EXPECT_EQ(format_duration(0ms), "0s");
  EXPECT_EQ(format_duration(250ms), "250ms");
  EXPECT_EQ(format_duration(999ms), "999ms");
  EXPECT_EQ(format_duration(1s), "1s");
  EXPECT_EQ(format_duration(45s), "45s");
  EXPECT_EQ(format_duration(1500ms), "1s");
  EXPECT_EQ(format_duration(90500ms), "1m 30s");
  EXPECT_EQ(format_duration(1h + 23min + 45s), "1h 23m");
  EXPECT_EQ(format_duration(2h), "2h");
  EXPECT_EQ(format_duration(48h + 3h + 59min), "2d 3h");
  EXPECT_EQ(format_duration(1h + 5s), "1h 5s");  // zero units are skipped
  EXPECT_EQ(format_duration(-90s), "-1m 30s");
}

TEST(ParseDurationTest, Forms) {
  EXPECT_EQ(parse_duration("250ms"), Duration(250));
  EXPECT_EQ(parse_duration("90s"), std::chrono::seconds(90));
  EXPECT_EQ(parse_duration("5m"), std::chrono::minutes(5));
  EXPECT_EQ(parse_duration("2h"), std::chrono::hours(2));
  EXPECT_EQ(parse_duration("1d"), std::chrono::hours(24));
  EXPECT_EQ(parse_duration("42"), std::chrono::seconds(42));
  EXPECT_EQ(parse_duration("60.5"), Duration(60500));
  EXPECT_EQ(parse_duration("1.5m"), std::chrono::seconds(90));
  EXPECT_FALSE(parse_duration("1h 2m"));
  EXPECT_FALSE(parse_duration("abc"));
  EXPECT_FALSE(parse_duration(""));
  EXPECT_FALSE(parse_duration("5 minutes"));
  EXPECT_FALSE(parse_duration("1e400"));
}

}  // namespace
}  // namespace deploysim
