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

}  // namespace
}  // namespace deploysim
