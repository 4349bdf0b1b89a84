// The paired difference of a status probability and the pairing of targets
// by name.
#include <algorithm>
#include <cmath>
#include <map>

#include "deploysim/compare.hpp"

namespace deploysim::compare {

std::vector<TargetPair> pair_targets(const Deployment& base, const Deployment& what_if) {
  std::map<std::string, int> what_if_index;
  for (std::size_t i = 0; i < what_if.targets.size(); ++i) {
    what_if_index.emplace(what_if.targets[i].name, static_cast<int>(i));
  }
  std::vector<TargetPair> pairs;
  std::map<std::string, int> base_index;
  for (std::size_t i = 0; i < base.targets.size(); ++i) {
    const std::string& name = base.targets[i].name;
    base_index.emplace(name, static_cast<int>(i));
    const auto w = what_if_index.find(name);
    pairs.push_back({name, static_cast<int>(i), w == what_if_index.end() ? -1 : w->second});
  }
  for (std::size_t i = 0; i < what_if.targets.size(); ++i) {
    const std::string& name = what_if.targets[i].name;
    if (base_index.count(name) == 0) pairs.push_back({name, -1, static_cast<int>(i)});
  }
  return pairs;
}

void PairedTally::add(TargetStatus base, TargetStatus what_if) {
  if (base == what_if) return;
  ++only_base[static_cast<int>(base)];
  ++only_what_if[static_cast<int>(what_if)];
}

void PairedTally::merge(const PairedTally& other) {
  for (int s = 0; s < kTargetStatusCount; ++s) {
    only_base[s] += other.only_base[s];
    only_what_if[s] += other.only_what_if[s];
  }
}

Difference paired_difference(std::uint64_t base_count, std::uint64_t what_if_count,
                             std::uint64_t only_base, std::uint64_t only_what_if, std::uint64_t n) {
  Difference d;
  if (n == 0) return d;
  const double runs = static_cast<double>(n);
  d.base = static_cast<double>(base_count) / runs;
  d.what_if = static_cast<double>(what_if_count) / runs;
  d.difference = (static_cast<double>(only_what_if) - static_cast<double>(only_base)) / runs;
  const double second_moment = static_cast<double>(only_base + only_what_if) / runs;
  const double variance = std::max(0.0, second_moment - d.difference * d.difference);
  const double half = 1.959963984540054 * std::sqrt(variance / runs);
  d.ci95 = {std::max(-1.0, d.difference - half), std::min(1.0, d.difference + half)};
  return d;
}

Difference difference_of(const CompareResult& r, int p, TargetStatus s) {
  const int i = static_cast<int>(s);
  const std::uint64_t n = r.runs();
  if (p < 0) {
    return paired_difference(r.base.aggregate.pipeline().status[i],
                             r.what_if.aggregate.pipeline().status[i], r.pipeline.only_base[i],
                             r.pipeline.only_what_if[i], n);
  }
  const TargetPair& pair = r.pairs[static_cast<std::size_t>(p)];
  const std::uint64_t b =
      pair.base >= 0 ? r.base.aggregate.targets()[static_cast<std::size_t>(pair.base)].status[i]
                     : 0;
  const std::uint64_t w =
      pair.what_if >= 0
          ? r.what_if.aggregate.targets()[static_cast<std::size_t>(pair.what_if)].status[i]
          : 0;
  const PairedTally& t = r.targets[static_cast<std::size_t>(p)];
  return paired_difference(b, w, t.only_base[i], t.only_what_if[i], n);
}

}  // namespace deploysim::compare
