// LogHistogram: a mergeable histogram of milliseconds with a bounded
// relative error, for the lead times of Monte Carlo runs.
//
//   LogHistogram h;
//   h.add(61'000);
//   std::optional<std::int64_t> p90 = h.quantile(0.9);   // within 0.39 %
//
// Its state is integer counts, so add() and merge() are exact and
// commutative: a histogram does not depend on how its values were split
// between threads, shards or MPI ranks.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace deploysim {

// A log-bucketed histogram of non-negative integers (milliseconds). Values
// below 256 have a bucket each; above, every power of two is split into 128
// equal buckets, so a bucket is at most 2^-7 of its lower bound wide and its
// midpoint is within 2^-8 (0.39 %) of every value in it. Buckets are integer
// counts: add() and merge() are exact and commutative.
class LogHistogram {
 public:
  // The documented bound on the relative error of quantile() (rounded up from 2^-8).
  static constexpr double kRelativeError = 0.005;

  void add(std::int64_t value);  // negative values count as 0
  void merge(const LogHistogram& other);

  std::uint64_t count() const { return count_; }
  std::int64_t sum() const { return sum_; }  // exact, for means
  std::int64_t min() const { return min_; }  // exact; 0 when empty
  std::int64_t max() const { return max_; }  // exact; 0 when empty

  // The nearest-rank q-quantile (0 < q <= 1): the midpoint of the bucket that
  // holds the ceil(q * count)-th smallest value, clamped to [min, max] and
  // rounded to an integer; the first and last ranks give the exact min and
  // max. nullopt when empty.
  std::optional<std::int64_t> quantile(double q) const;

  // Non-empty buckets in increasing order: (lowest value, highest value, count).
  struct Bucket {
    std::int64_t low;
    std::int64_t high;
    std::uint64_t count;
    bool operator==(const Bucket& other) const = default;
  };
  std::vector<Bucket> buckets() const;

  // Bucket index of a value, and the value range of a bucket (exposed for tests).
  static std::uint32_t bucket_of(std::int64_t value);
  static std::int64_t bucket_low(std::uint32_t index);
  static std::int64_t bucket_high(std::uint32_t index);

  bool operator==(const LogHistogram& other) const;

  // The exact state, for the partial results of shards (shard.hpp): the
  // non-empty buckets as (index, count) in increasing index order, and the
  // totals.
  struct State {
    std::vector<std::pair<std::uint32_t, std::uint64_t>> buckets;
    std::uint64_t count = 0;
    std::int64_t sum = 0;
    std::int64_t min = 0;
    std::int64_t max = 0;
  };
  State state() const;

  // Rebuilds a histogram from state(). nullopt when `state` is not one that
  // add() and merge() can produce (bucket counts that do not add up to count,
  // indices out of order or range, min/max outside the first/last bucket).
  static std::optional<LogHistogram> from_state(const State& state);

 private:
  // counts_[i] is bucket first_ + i; empty until the first add.
  std::uint32_t first_ = 0;
  std::vector<std::uint64_t> counts_;
  std::uint64_t count_ = 0;
  std::int64_t sum_ = 0;
  std::int64_t min_ = 0;
  std::int64_t max_ = 0;
};

}  // namespace deploysim
