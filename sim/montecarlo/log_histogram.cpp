// LogHistogram: buckets of 2^-7 relative width, stored densely between the
// lowest and highest bucket used so far (lead times of one target usually
// span a few powers of two, so this stays small even for many targets).
#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "deploysim/histogram.hpp"
#include "deploysim/saturating.hpp"

namespace deploysim {
namespace {

constexpr int kSubBits = 7;                           // 128 buckets per power of two
constexpr std::int64_t kExact = 1 << (kSubBits + 1);  // values below 256 are exact

}  // namespace

std::uint32_t LogHistogram::bucket_of(std::int64_t value) {
  if (value < kExact) return static_cast<std::uint32_t>(std::max<std::int64_t>(value, 0));
  const auto v = static_cast<std::uint64_t>(value);
  const int e = std::bit_width(v) - 1;  // 2^e <= v < 2^(e+1), e >= 8
  const auto sub = static_cast<std::uint32_t>((v >> (e - kSubBits)) - (1u << kSubBits));
  return static_cast<std::uint32_t>(kExact + (e - (kSubBits + 1)) * (1 << kSubBits)) + sub;
}

std::int64_t LogHistogram::bucket_low(std::uint32_t index) {
  if (index < kExact) return index;
  const std::uint32_t rel = index - kExact;
  const int e = static_cast<int>(rel >> kSubBits) + kSubBits + 1;
  const std::uint64_t sub = rel & ((1u << kSubBits) - 1);
  return static_cast<std::int64_t>(((1ull << kSubBits) + sub) << (e - kSubBits));
}

std::int64_t LogHistogram::bucket_high(std::uint32_t index) {
  if (index < kExact) return index;
  const int e = static_cast<int>((index - kExact) >> kSubBits) + kSubBits + 1;
  return bucket_low(index) + (std::int64_t{1} << (e - kSubBits)) - 1;
}

void LogHistogram::add(std::int64_t value) {
  value = std::max<std::int64_t>(value, 0);
  const std::uint32_t b = bucket_of(value);
  if (counts_.empty()) {
    first_ = b;
    counts_.assign(1, 0);
  } else if (b < first_) {
    counts_.insert(counts_.begin(), first_ - b, 0);
    first_ = b;
  } else if (b >= first_ + counts_.size()) {
    counts_.resize(b - first_ + 1, 0);
  }
  ++counts_[b - first_];
  if (count_ == 0 || value < min_) min_ = value;
  if (count_ == 0 || value > max_) max_ = value;
  ++count_;
  sum_ = saturating_add(sum_, value);
}

void LogHistogram::merge(const LogHistogram& other) {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    *this = other;
    return;
  }
  const std::uint32_t lo = std::min(first_, other.first_);
  const std::uint32_t hi =
      std::max<std::uint32_t>(first_ + counts_.size(), other.first_ + other.counts_.size());
  std::vector<std::uint64_t> merged(hi - lo, 0);
  for (std::size_t i = 0; i < counts_.size(); ++i) merged[first_ - lo + i] = counts_[i];
  for (std::size_t i = 0; i < other.counts_.size(); ++i) {
    std::uint64_t& slot = merged[other.first_ - lo + i];
    slot = saturating_add(slot, other.counts_[i]);
  }
  first_ = lo;
  counts_ = std::move(merged);
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  count_ = saturating_add(count_, other.count_);
  sum_ = saturating_add(sum_, other.sum_);
}

std::optional<std::int64_t> LogHistogram::quantile(double q) const {
  if (count_ == 0) return std::nullopt;
  const double exact_rank = std::ceil(q * static_cast<double>(count_));
  const auto rank = std::clamp<std::uint64_t>(static_cast<std::uint64_t>(exact_rank), 1, count_);
  // The extremes are known exactly.
  if (rank == 1) return min_;
  if (rank == count_) return max_;
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      const auto index = static_cast<std::uint32_t>(first_ + i);
      // Integer midpoint: within half a bucket width of every value in it.
      const std::int64_t mid = (bucket_low(index) + bucket_high(index) + 1) / 2;
      return std::clamp(mid, min_, max_);
    }
  }
  return max_;
}

std::vector<LogHistogram::Bucket> LogHistogram::buckets() const {
  std::vector<Bucket> out;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    if (counts_[i] == 0) continue;
    const auto index = static_cast<std::uint32_t>(first_ + i);
    out.push_back({bucket_low(index), bucket_high(index), counts_[i]});
  }
  return out;
}

LogHistogram::State LogHistogram::state() const {
  State s;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    if (counts_[i] != 0) s.buckets.emplace_back(static_cast<std::uint32_t>(first_ + i), counts_[i]);
  }
  s.count = count_;
  s.sum = sum_;
  s.min = min_;
  s.max = max_;
  return s;
}

std::optional<LogHistogram> LogHistogram::from_state(const State& s) {
  LogHistogram h;
  if (s.buckets.empty()) {
    if (s.count != 0 || s.sum != 0 || s.min != 0 || s.max != 0) return std::nullopt;
    return h;
  }
  const std::uint32_t last = bucket_of(std::numeric_limits<std::int64_t>::max());
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < s.buckets.size(); ++i) {
    const auto [index, count] = s.buckets[i];
    if (count == 0 || index > last) return std::nullopt;
    if (i > 0 && index <= s.buckets[i - 1].first) return std::nullopt;
    if (total + count < total) return std::nullopt;  // overflow
    total += count;
  }
  if (total != s.count || s.min < 0 || s.min > s.max) return std::nullopt;
  if (bucket_of(s.min) != s.buckets.front().first) return std::nullopt;
  if (bucket_of(s.max) != s.buckets.back().first) return std::nullopt;
  // The sum of `count` values in [min, max] lies in [count x min, count x max]
  // (add() saturates at the int64 bound, so a product beyond it bounds nothing).
  constexpr std::int64_t kTop = std::numeric_limits<std::int64_t>::max();
  if (s.count > static_cast<std::uint64_t>(kTop)) return std::nullopt;
  const auto n = static_cast<std::int64_t>(s.count);
  const std::optional<std::int64_t> low = checked_mul(n, s.min);
  const std::optional<std::int64_t> high = checked_mul(n, s.max);
  if (low ? s.sum < *low : s.sum != kTop) return std::nullopt;
  if (high && s.sum > *high) return std::nullopt;
  h.first_ = s.buckets.front().first;
  h.counts_.assign(s.buckets.back().first - h.first_ + 1, 0);
  for (const auto& [index, count] : s.buckets) h.counts_[index - h.first_] = count;
  h.count_ = s.count;
  h.sum_ = s.sum;
  h.min_ = s.min;
  h.max_ = s.max;
  return h;
}

bool LogHistogram::operator==(const LogHistogram& other) const {
  // Equal contents, whatever range each one happens to have allocated.
  return count_ == other.count_ && sum_ == other.sum_ && min_ == other.min_ && max_ == other.max_ &&
         buckets() == other.buckets();
}

}  // namespace deploysim
