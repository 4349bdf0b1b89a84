// merge_partials: checks that a set of partials is exactly the K shards of one
// run, then sums their integer state. The checks come before any summing so
// that a refused merge says the first thing that is wrong, by file name.
#include <algorithm>

#include "deploysim/shard.hpp"

namespace deploysim {
namespace {

// Lists at most a few shard numbers: "2/8, 5/8 and 3 more".
std::string list_shards(const std::vector<std::uint64_t>& indices, std::uint64_t count) {
  constexpr std::size_t kShown = 5;
  std::string text;
  for (std::size_t i = 0; i < indices.size() && i < kShown; ++i) {
    if (i > 0) text += ", ";
    text += shard_text({indices[i], count});
  }
  if (indices.size() > kShown) text += " and " + std::to_string(indices.size() - kShown) + " more";
  return text;
}

// The first way in which `p` (named `name`) is not from the same run as
// `first`, or an empty string.
std::string mismatch(const PartialResult& first, const std::string& first_name,
                     const PartialResult& p, const std::string& name) {
  return part_mismatch(first_name, name, p.scenario == first.scenario && p.targets == first.targets,
                       first.inputs_hash, p.inputs_hash,
                       {{"--runs", first.runs, p.runs}, {"seeds", first.seed, p.seed}}, first.shard,
                       p.shard);
}

// The report writers need only the scenario's name and its target names; a
// partial result carries exactly those.
Scenario names_only_scenario(const PartialResult& p) {
  Scenario s;
  s.name = p.scenario;
  for (const std::string& name : p.targets) {
    Target t;
    t.name = name;
    s.deployment.targets.push_back(std::move(t));
  }
  return s;
}

}  // namespace

std::string shard_text(const ShardSpec& s) {
  return std::to_string(s.index) + "/" + std::to_string(s.count);
}

std::string part_mismatch(const std::string& first_name, const std::string& name, bool same_inputs,
                          std::uint64_t first_hash, std::uint64_t hash,
                          const std::vector<PartNumber>& numbers, const ShardSpec& first_shard,
                          const ShardSpec& shard) {
  const std::string both = first_name + " and " + name;
  if (!same_inputs || hash != first_hash) {
    return both + " come from different inputs (" + format_inputs_hash(first_hash) + " vs " +
           format_inputs_hash(hash) + "): the scenario file, the deploy file or the options differ";
  }
  for (const PartNumber& n : numbers) {
    if (n.first != n.other) {
      return both + " come from different " + n.name + " (" + std::to_string(n.first) + " vs " +
             std::to_string(n.other) + ")";
    }
  }
  if (shard.count != first_shard.count) {
    return both + " split the run differently (shard " + shard_text(first_shard) + " vs " +
           shard_text(shard) + "): every part must have the same K";
  }
  return {};
}

std::optional<std::vector<std::size_t>> order_parts(
    const std::vector<ShardSpec>& shards, const std::vector<std::string>& names,
    const std::function<std::string(std::size_t part)>& mismatch, Diagnostics& diagnostics) {
  if (shards.empty()) {
    diagnostics.error({}, "no partial results to merge");
    return std::nullopt;
  }
  for (std::size_t i = 1; i < shards.size(); ++i) {
    std::string difference = mismatch(i);
    if (!difference.empty()) {
      diagnostics.error({}, std::move(difference));
      return std::nullopt;
    }
  }
  const std::uint64_t k = shards.front().count;
  std::vector<std::size_t> by_shard(k, shards.size());  // part of each shard; size() = none
  for (std::size_t i = 0; i < shards.size(); ++i) {
    std::size_t& slot = by_shard[shards[i].index];
    if (slot != shards.size()) {
      diagnostics.error({}, names[slot] + " and " + names[i] + " are both shard " +
                                shard_text(shards[i]) + " (overlapping parts)");
      return std::nullopt;
    }
    slot = i;
  }
  std::vector<std::uint64_t> missing;
  for (std::uint64_t s = 0; s < k; ++s) {
    if (by_shard[s] == shards.size()) missing.push_back(s);
  }
  if (!missing.empty()) {
    diagnostics.error({}, "missing shard" + std::string(missing.size() > 1 ? "s " : " ") +
                              list_shards(missing, k) + ": got " + std::to_string(shards.size()) +
                              " of " + std::to_string(k) + " parts");
    return std::nullopt;
  }
  return by_shard;
}

std::optional<MergedResult> merge_partials(const std::vector<PartialResult>& parts,
                                           const std::vector<std::string>& names,
                                           Diagnostics& diagnostics) {
  std::vector<ShardSpec> shards;
  for (const PartialResult& p : parts) shards.push_back(p.shard);
  const std::optional<std::vector<std::size_t>> by_shard = order_parts(
      shards, names,
      [&](std::size_t i) { return mismatch(parts.front(), names.front(), parts[i], names[i]); },
      diagnostics);
  if (!by_shard) return std::nullopt;
  const PartialResult& first = parts.front();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].stopped_early) {
      diagnostics.error({}, names[i] + ": shard " + shard_text(parts[i].shard) +
                                " was interrupted (" + std::to_string(parts[i].aggregate.runs()) +
                                " of " + std::to_string(parts[i].range.size()) +
                                " runs); run it again");
      return std::nullopt;
    }
  }

  MergedResult merged;
  merged.scenario = names_only_scenario(first);
  MonteCarloResult& r = merged.result;
  r.aggregate = Aggregate(first.targets.size());
  for (const std::size_t i : *by_shard) r.aggregate.merge(parts[i].aggregate);  // shard order
  r.runs_requested = first.runs;
  r.seed = first.seed;
  r.threads = unsharded_thread_count(0, first.runs);
  r.stopped_early = false;
  return merged;
}

}  // namespace deploysim
