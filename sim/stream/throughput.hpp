// Adding counts to the time bins of a Throughput (stream.hpp).
//
// Private to sim/stream.
#pragma once

#include <cstdint>

#include "deploysim/stream.hpp"

namespace deploysim::stream {

using Series = std::array<std::uint64_t, Throughput::kBins> Throughput::*;

// Adds `n` to `series` in the bin of `at`, first doubling the bin width
// (merging neighbours) as often as `at` lies beyond the last bin.
void add_to_bin(Throughput& t, Series series, SimTime at, std::uint64_t n = 1);

// Makes sure the bins reach `at` (the end of the stream), so empty bins at
// the end are shown.
void extend_bins(Throughput& t, SimTime at);

// Adds `from` into `into` over the same time axis: the one with the narrower
// bins is first brought to the other's width (the width is always 1 h times a
// power of two, so this is exact), then the bins add.
void merge_throughput(Throughput& into, const Throughput& from);

}  // namespace deploysim::stream
