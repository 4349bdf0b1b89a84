// Saturating and checked integer arithmetic for sums of milliseconds and
// counts (issue 20: a wrapped sum reported negative times). Engine time, the
// tallies of many runs and the merge of partial results add with these.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>

namespace deploysim {

// a + b, or the nearest bound of int64 when the exact sum does not fit.
inline std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  if (!__builtin_add_overflow(a, b, &sum)) return sum;
  return b > 0 ? std::numeric_limits<std::int64_t>::max()
               : std::numeric_limits<std::int64_t>::min();
}

// a + b, or the largest uint64 when the exact sum does not fit.
inline std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  std::uint64_t sum = 0;
  if (!__builtin_add_overflow(a, b, &sum)) return sum;
  return std::numeric_limits<std::uint64_t>::max();
}

// a + b; nullopt when the exact sum does not fit in T (for validating inputs
// that must add up exactly, such as the counts of a partial result).
template <typename T>
std::optional<T> checked_add(T a, T b) {
  T sum{};
  if (__builtin_add_overflow(a, b, &sum)) return std::nullopt;
  return sum;
}

// a * b; nullopt when the exact product does not fit in T.
template <typename T>
std::optional<T> checked_mul(T a, T b) {
  T product{};
  if (__builtin_mul_overflow(a, b, &product)) return std::nullopt;
  return product;
}

}  // namespace deploysim
