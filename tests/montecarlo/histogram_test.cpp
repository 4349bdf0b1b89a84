#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "deploysim/aggregate.hpp"
#include "deploysim/histogram.hpp"

namespace deploysim {
namespace {

TEST(LogHistogram, BucketsCoverEveryValueOnce) {
  // Each value falls in the bucket whose range holds it, and ranges tile.
  std::int64_t expected_low = 0;
  for (std::uint32_t b = 0; b < 3000; ++b) {
    ASSERT_EQ(LogHistogram::bucket_low(b), expected_low) << b;
    const std::int64_t high = LogHistogram::bucket_high(b);
    ASSERT_GE(high, expected_low);
    ASSERT_EQ(LogHistogram::bucket_of(expected_low), b);
    ASSERT_EQ(LogHistogram::bucket_of(high), b);
    expected_low = high + 1;
  }
}

TEST(LogHistogram, BucketWidthWithinTheBound) {
  for (std::uint32_t b = 256; b < 7000; ++b) {
    const double low = static_cast<double>(LogHistogram::bucket_low(b));
    const double width = static_cast<double>(LogHistogram::bucket_high(b)) - low + 1;
    ASSERT_LE(width / 2 / low, LogHistogram::kRelativeError) << b;
  }
}

TEST(LogHistogram, QuantilesWithinRelativeError) {
  std::mt19937_64 rng(3);
  std::lognormal_distribution<double> dist(14, 1.5);
  std::vector<std::int64_t> values;
  LogHistogram h;
  for (int i = 0; i < 20000; ++i) {
    const auto v = static_cast<std::int64_t>(dist(rng));
    values.push_back(v);
    h.add(v);
  }
  std::sort(values.begin(), values.end());
  for (double q : {0.01, 0.1, 0.5, 0.9, 0.99, 0.999, 1.0}) {
    const std::size_t rank = static_cast<std::size_t>(std::ceil(q * values.size()));
    const double exact = static_cast<double>(values[rank - 1]);
    const double got = static_cast<double>(*h.quantile(q));
    EXPECT_LE(std::abs(got - exact), exact * LogHistogram::kRelativeError + 0.5) << q;
  }
  EXPECT_EQ(h.count(), 20000u);
  EXPECT_EQ(*h.quantile(1.0), values.back());
}

TEST(LogHistogram, SmallValuesAreExact) {
  LogHistogram h;
  for (int v : {0, 1, 2, 3, 100}) h.add(v);
  EXPECT_EQ(*h.quantile(0.2), 0);
  EXPECT_EQ(*h.quantile(0.5), 2);
  EXPECT_EQ(*h.quantile(1.0), 100);
  EXPECT_EQ(h.sum(), 106);
  EXPECT_FALSE(LogHistogram().quantile(0.5).has_value());
}

TEST(LogHistogram, MergeEqualsOneHistogramOfAllValues) {
  std::mt19937_64 rng(5);
  std::exponential_distribution<double> dist(1.0 / 600000);
  LogHistogram all, a, b;
  for (int i = 0; i < 5000; ++i) {
    const auto v = static_cast<std::int64_t>(dist(rng));
    all.add(v);
    (i % 3 == 0 ? a : b).add(v);
  }
  LogHistogram ab = a;
  ab.merge(b);
  LogHistogram ba = b;
  ba.merge(a);
  EXPECT_EQ(ab, all);
  EXPECT_EQ(ba, all);
  EXPECT_EQ(ab.buckets(), all.buckets());
}

TEST(WilsonInterval, KnownValues) {
  // k = 729, n = 1000: the textbook Wilson interval is [0.7003, 0.7558].
  const Interval ci = wilson_interval(729, 1000);
  EXPECT_NEAR(ci.low, 0.7002, 0.0005);
  EXPECT_NEAR(ci.high, 0.7557, 0.0005);
  const Interval zero = wilson_interval(0, 100);
  EXPECT_EQ(zero.low, 0);
  EXPECT_NEAR(zero.high, 0.037, 0.001);
}

// Issue 20, item 4 (f09, f10): sums saturate at the int64 bound instead of
// wrapping to a negative total, in add() and in merge().
TEST(LogHistogramOverflow, SumsSaturate) {
  constexpr std::int64_t kTop = std::numeric_limits<std::int64_t>::max();
  LogHistogram h;
  h.add(kTop - 5);
  h.add(10);
  EXPECT_EQ(h.sum(), kTop);
  EXPECT_EQ(h.count(), 2u);
  EXPECT_EQ(h.max(), kTop - 5);
  LogHistogram other;
  other.add(kTop);
  h.merge(other);
  EXPECT_EQ(h.sum(), kTop);
  EXPECT_EQ(h.count(), 3u);
  // A saturated state is one add() can produce, so it reads back.
  EXPECT_TRUE(LogHistogram::from_state(h.state()));
}

// A state whose sum cannot be `count` values in [min, max] is refused.
TEST(LogHistogramOverflow, FromStateChecksTheSum) {
  LogHistogram h;
  h.add(1000);
  h.add(3000);
  LogHistogram::State s = h.state();
  ASSERT_TRUE(LogHistogram::from_state(s));
  s.sum = 1999;  // below 2 x 1000
  EXPECT_FALSE(LogHistogram::from_state(s));
  s.sum = 6001;  // above 2 x 3000
  EXPECT_FALSE(LogHistogram::from_state(s));
  s.sum = -1;
  EXPECT_FALSE(LogHistogram::from_state(s));
}

TEST(AggregateOverflow, TimeSumsSaturateInMerge) {
  constexpr std::int64_t kTop = std::numeric_limits<std::int64_t>::max();
  OutcomeTally a;
  a.pauses_ms = kTop - 1;
  a.status[0] = std::numeric_limits<std::uint64_t>::max();
  OutcomeTally b;
  b.pauses_ms = 2;
  b.status[0] = 1;
  a.merge(b);
  EXPECT_EQ(a.pauses_ms, kTop);
  EXPECT_EQ(a.status[0], std::numeric_limits<std::uint64_t>::max());
}

}  // namespace
}  // namespace deploysim
