#include "throughput.hpp"

#include <algorithm>

namespace deploysim::stream {

namespace {

constexpr Series kAllSeries[] = {&Throughput::arrivals,
                                 &Throughput::delivered_changes,
                                 &Throughput::successful_pipelines,
                                 &Throughput::failed_pipelines,
                                 &Throughput::rejected,
                                 &Throughput::superseded};

void double_width(Throughput& t) {
  for (Series s : kAllSeries) {
    auto& bins = t.*s;
    for (std::size_t i = 0; i < Throughput::kBins / 2; ++i) bins[i] = bins[2 * i] + bins[2 * i + 1];
    std::fill(bins.begin() + Throughput::kBins / 2, bins.end(), 0);
  }
  t.bin_width *= 2;
  t.bins_used = (t.bins_used + 1) / 2;
}

std::size_t bin_of(Throughput& t, SimTime at) {
  while (at / t.bin_width >= static_cast<std::int64_t>(Throughput::kBins)) double_width(t);
  const auto bin = static_cast<std::size_t>(at / t.bin_width);
  t.bins_used = std::max(t.bins_used, bin + 1);
  return bin;
}

}  // namespace

void add_to_bin(Throughput& t, Series series, SimTime at, std::uint64_t n) {
  const std::size_t bin = bin_of(t, at);
  (t.*series)[bin] += n;
}

void extend_bins(Throughput& t, SimTime at) { bin_of(t, at); }

void merge_throughput(Throughput& into, const Throughput& from) {
  Throughput wider = from;
  while (into.bin_width < wider.bin_width) double_width(into);
  while (wider.bin_width < into.bin_width) double_width(wider);
  for (Series s : kAllSeries) {
    for (std::size_t i = 0; i < Throughput::kBins; ++i) (into.*s)[i] += (wider.*s)[i];
  }
  into.bins_used = std::max(into.bins_used, wider.bins_used);
}

}  // namespace deploysim::stream
