// Shards: which replications shard I of K runs, and running just those.
//
// A shard runs the driver of driver.cpp unchanged over the indices
// [0, range.size()) with a Replicator that shifts every index by range.begin,
// so replication i of the whole run keeps its (seed, i) stream.
#include <algorithm>
#include <charconv>
#include <thread>

#include "deploysim/shard.hpp"

namespace deploysim {
namespace {

class ShiftedReplicator final : public Replicator {
 public:
  ShiftedReplicator(const Scenario& scenario, std::uint64_t first)
      : sim_(scenario), first_(first) {}

  void run(const RunOptions& options, RunResult& out) override {
    // Only `replication` changes between calls; copying the rest once keeps
    // the hot path free of allocations.
    if (!primed_) {
      shifted_ = options;
      primed_ = true;
    }
    shifted_.replication = first_ + options.replication;
    sim_.run_into(shifted_, out);
  }

 private:
  Simulator sim_;
  std::uint64_t first_;
  RunOptions shifted_;
  bool primed_ = false;
};

// A whole non-negative decimal number, nothing else.
std::optional<std::uint64_t> parse_count(std::string_view text) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

}  // namespace

std::optional<ShardSpec> parse_shard(std::string_view text, const EnvLookup& env,
                                     Diagnostics& diagnostics) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    diagnostics.error({}, "--shard: expected I/K or auto/K, got '" + std::string(text) + "'");
    return std::nullopt;
  }
  const std::string_view index_text = text.substr(0, slash);
  const std::optional<std::uint64_t> count = parse_count(text.substr(slash + 1));
  if (!count || *count == 0 || *count > kMaxShards) {
    diagnostics.error({}, "--shard: K must be a whole number from 1 to " +
                              std::to_string(kMaxShards) + ", got '" +
                              std::string(text.substr(slash + 1)) + "'");
    return std::nullopt;
  }
  std::optional<std::uint64_t> index;
  if (index_text == "auto") {
    // Kubernetes first: a Slurm allocation may run a Kubernetes-style job, not the reverse.
    for (const char* name : {"JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"}) {
      const char* value = env ? env(name) : nullptr;
      if (value == nullptr) continue;
      index = parse_count(value);
      if (!index) {
        diagnostics.error(
            {}, std::string("--shard auto: ") + name + "='" + value + "' is not a whole number");
        return std::nullopt;
      }
      if (*index >= *count) {
        diagnostics.error({}, std::string("--shard auto/") + std::to_string(*count) + ": " + name +
                                  "=" + value +
                                  " is not below K (Slurm arrays must start at 0: --array=0-" +
                                  std::to_string(*count - 1) + ")");
        return std::nullopt;
      }
      break;
    }
    if (!index) {
      diagnostics.error({},
                        "--shard auto: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor "
                        "SLURM_ARRAY_TASK_ID (Slurm job array) is set; give the index as --shard "
                        "I/K");
      return std::nullopt;
    }
  } else {
    index = parse_count(index_text);
    if (!index || *index >= *count) {
      diagnostics.error(
          {}, "--shard: I must be a whole number from 0 to K-1, got '" + std::string(text) + "'");
      return std::nullopt;
    }
  }
  return ShardSpec{*index, *count};
}

RunRange shard_range(std::uint64_t runs, const ShardSpec& spec) {
  // floor(I*N/K) without overflowing I*N: N = qK + r, so I*N/K = I*q + I*r/K,
  // and I*r < K^2 <= kMaxShards^2 fits in 64 bits.
  const std::uint64_t q = runs / spec.count;
  const std::uint64_t r = runs % spec.count;
  auto start = [&](std::uint64_t i) { return i * q + i * r / spec.count; };
  return {start(spec.index), start(spec.index + 1)};
}

MonteCarloResult run_montecarlo_range(const Scenario& scenario, const MonteCarloOptions& options,
                                      RunRange range) {
  MonteCarloOptions shifted = options;
  shifted.runs = range.size();
  return run_montecarlo_with(
      scenario.deployment.targets.size(),
      [&scenario, first = range.begin] {
        return std::make_unique<ShiftedReplicator>(scenario, first);
      },
      shifted);
}

unsigned unsharded_thread_count(unsigned requested, std::uint64_t runs) {
  // Mirrors the driver's choice (driver.cpp); tests/scaleout checks they agree.
  unsigned t = requested != 0 ? requested : std::thread::hardware_concurrency();
  t = std::max(t, 1u);
  if (runs < t) t = static_cast<unsigned>(std::max<std::uint64_t>(runs, 1));
  return t;
}

PartialResult make_partial(const Scenario& scenario, std::uint64_t inputs_hash,
                           const MonteCarloOptions& options, const ShardSpec& spec,
                           const MonteCarloResult& result) {
  PartialResult p;
  p.inputs_hash = inputs_hash;
  p.scenario = scenario.name;
  for (const Target& t : scenario.deployment.targets) p.targets.push_back(t.name);
  p.runs = options.runs;
  p.seed = options.seed;
  p.shard = spec;
  p.range = shard_range(options.runs, spec);
  p.threads = result.threads;
  p.stopped_early = result.stopped_early;
  p.aggregate = result.aggregate;
  return p;
}

}  // namespace deploysim
