// Issue 20, item 4: durations are bounded at load time (kMaxDuration, 100
// years) and every accumulation saturates instead of wrapping. Values at the
// edges: the maximum itself, one millisecond past it, the int64 bounds.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>

#include "deploysim/engine.hpp"
#include "deploysim/saturating.hpp"
#include "deploysim/time.hpp"

namespace deploysim {
namespace {

constexpr std::int64_t kTop = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kBottom = std::numeric_limits<std::int64_t>::min();
constexpr std::uint64_t kTopUnsigned = std::numeric_limits<std::uint64_t>::max();

TEST(MaxDuration, IsOneHundredYearsOf365Days) {
  EXPECT_EQ(kMaxDuration.count(), 100LL * 365 * 24 * 3600 * 1000);
  EXPECT_EQ(parse_duration("36500d"), kMaxDuration);
  EXPECT_EQ(parse_duration("-36500d"), -kMaxDuration);
  // One millisecond past it, in every unit: refused, and said to be too long.
  EXPECT_FALSE(parse_duration("3153600000.001"));  // seconds: 1 ms past it
  EXPECT_EQ(parse_duration("3153600000"), kMaxDuration);
  EXPECT_FALSE(parse_duration("3153600000001ms"));
  EXPECT_FALSE(parse_duration("36501d"));
  EXPECT_FALSE(parse_duration("876001h"));
  EXPECT_FALSE(parse_duration("99999999999d"));
  EXPECT_TRUE(is_duration_beyond_max("36501d"));
  EXPECT_TRUE(is_duration_beyond_max("-36501d"));
  EXPECT_TRUE(is_duration_beyond_max("99999999999999999999d"));
  EXPECT_FALSE(is_duration_beyond_max("36500d"));
  EXPECT_FALSE(is_duration_beyond_max("soon"));
}

TEST(Saturating, SignedSumsStopAtTheBounds) {
  EXPECT_EQ(saturating_add(kTop - 1, std::int64_t{1}), kTop);
  EXPECT_EQ(saturating_add(kTop, std::int64_t{1}), kTop);
  EXPECT_EQ(saturating_add(kTop, kTop), kTop);
  EXPECT_EQ(saturating_add(kBottom, std::int64_t{-1}), kBottom);
  EXPECT_EQ(saturating_add(kTop, kBottom), -1);
  EXPECT_EQ(saturating_add(std::int64_t{2}, std::int64_t{3}), 5);
}

TEST(Saturating, UnsignedSumsStopAtTheTop) {
  EXPECT_EQ(saturating_add(kTopUnsigned, std::uint64_t{1}), kTopUnsigned);
  EXPECT_EQ(saturating_add(kTopUnsigned - 1, std::uint64_t{1}), kTopUnsigned);
  EXPECT_EQ(saturating_add(std::uint64_t{2}, std::uint64_t{3}), 5u);
}

TEST(Checked, SaysWhenASumOrProductDoesNotFit) {
  EXPECT_EQ(checked_add<std::uint64_t>(kTopUnsigned / 2 + 1, kTopUnsigned / 2), kTopUnsigned);
  EXPECT_FALSE(checked_add<std::uint64_t>(kTopUnsigned / 2 + 1, kTopUnsigned / 2 + 1));
  // f07: two counts of 2^63 - 1 wrap to 2^64 - 2 in unchecked arithmetic.
  EXPECT_EQ(checked_add<std::uint64_t>(kTop, kTop), 2 * static_cast<std::uint64_t>(kTop));
  EXPECT_FALSE(checked_add<std::int64_t>(kTop, 1));
  EXPECT_EQ(checked_mul<std::int64_t>(2'924'712, kMaxDuration.count()),
            2'924'712 * kMaxDuration.count());
  EXPECT_FALSE(checked_mul<std::int64_t>(2'924'713, kMaxDuration.count()));
}

Task<> wait_twice(Engine& e, Duration d, bool& woke) {
  co_await e.timeout(d);
  co_await e.timeout(d);
  woke = true;
}

// f06: now + delay once wrapped to a time before now. An event past the end
// of int64 time now waits at its end, after everything else.
TEST(EngineOverflow, AnEventBeyondTheEndOfTimeWaitsAtItsEnd) {
  Engine e;
  bool woke = false;
  e.spawn(wait_twice(e, Duration(kTop - 10), woke));
  e.run();
  EXPECT_TRUE(woke);
  EXPECT_EQ(e.now(), Duration(kTop));
}

}  // namespace
}  // namespace deploysim
