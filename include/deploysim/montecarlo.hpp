// Monte Carlo: playing one scenario out many times on threads and
// summarising how each target ends, why, and how long it takes (`deploysim
// montecarlo`). The summary is an Aggregate (aggregate.hpp); sweeps are in
// sweep.hpp, scale-out over processes in shard.hpp, the reports in
// montecarlo_report.hpp.
//
//   MonteCarloOptions o{.runs = 100000, .seed = 7, .threads = 4};
//   MonteCarloResult r = run_montecarlo(scenario, o);
//   write_montecarlo_json(std::cout, scenario, r);   // montecarlo_report.hpp
//
// Replication i draws only keyed numbers of (seed, i) (random.hpp), and the
// summary keeps only integer counts (status and reason counts, histogram
// buckets, sums of milliseconds), so merging per-thread summaries is exact and
// the report does not depend on the number of threads or on which thread ran
// which replication. Memory is flat in the number of runs: nothing is kept per
// replication.
//
// Lead-time quantiles come from LogHistogram: every value is reported with a
// relative error of at most 2^-8 (0.39 %), stated as 0.5 % in the reports.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "deploysim/aggregate.hpp"
#include "deploysim/scenario.hpp"
#include "deploysim/simulation.hpp"

namespace deploysim {

// The most worker threads a command starts (--threads; docs/LIMITS.md): each
// reserves a stack and a simulator, and more than this helps no machine.
inline constexpr unsigned kMaxThreads = 256;
// The most replications (--runs) or changes (--changes) one command plays.
inline constexpr std::uint64_t kMaxRuns = 1'000'000'000;

struct MonteCarloOptions {
  std::uint64_t runs = 1000;
  std::uint64_t seed = 1;
  unsigned threads = 0;  // 0: std::thread::hardware_concurrency() (at least 1)
  // Replications a thread claims at a time from the shared counter. Any value
  // gives the same report; larger chunks mean less contention.
  std::uint64_t chunk = 64;
  // When set and it becomes true, the threads stop after their current
  // replication and the result holds the runs completed so far.
  const std::atomic<bool>* stop = nullptr;
  // Called on the calling thread about every `progress_interval` with the
  // number of completed replications (and once at the end).
  std::function<void(std::uint64_t done, std::uint64_t total)> on_progress;
  std::chrono::milliseconds progress_interval{200};
  // Passed through to every replication (horizon, --target, ...). seed,
  // replication, record_details and record_trace are set by the driver.
  RunOptions base;
  // `--precision H`: when > 0, the replications run in blocks of `block`
  // indices in index order (0..block-1, then the next block, ...), and the run
  // stops after the first block after which `precise_enough(summary so far)`
  // holds; `runs` is the cap. The stop point depends on the blocks alone, so
  // any thread count gives the same result. Without `precise_enough` the test
  // is within_precision(summary, precision).
  double precision = 0;
  std::uint64_t block = 1000;
  std::function<bool(const Aggregate&)> precise_enough;
};

// Why a run ended: all `runs` done, `precision` reached, or `stop` raised.
enum class StoppedBy { kRuns, kPrecision, kInterrupt };
// "runs", "precision", "interrupt" (the JSON's `stoppedBy`).
const char* to_string(StoppedBy s);

// The default --precision test: every status that occurred (count > 0), of
// the pipeline and of every target, has a 95 % Wilson interval whose
// half-width ((high - low) / 2) is <= half_width. False for an empty summary.
bool within_precision(const Aggregate& aggregate, double half_width);

struct MonteCarloResult {
  Aggregate aggregate;
  std::uint64_t runs_requested = 0;
  std::uint64_t seed = 0;
  unsigned threads = 0;        // threads actually used
  bool stopped_early = false;  // `stop` was raised before all runs were done
  StoppedBy stopped_by = StoppedBy::kRuns;
  double precision = 0;     // options.precision (0: none)
  double wall_seconds = 0;  // elapsed real time (not written to JSON: it varies)
};

// One replication, as the driver sees it; one object per thread. The default
// implementation wraps a Simulator; tests substitute their own.
class Replicator {
 public:
  virtual ~Replicator() = default;
  virtual void run(const RunOptions& options, RunResult& out) = 0;
};
using ReplicatorFactory = std::function<std::unique_ptr<Replicator>()>;

// Runs options.runs replications of `scenario` on options.threads threads,
// each with its own Simulator. Exceptions from a thread are rethrown here.
MonteCarloResult run_montecarlo(const Scenario& scenario, const MonteCarloOptions& options);

// Same with replicators from `factory` (called once per thread) for a
// pipeline of `target_count` targets.
MonteCarloResult run_montecarlo_with(std::size_t target_count, const ReplicatorFactory& factory,
                                     const MonteCarloOptions& options);

}  // namespace deploysim
