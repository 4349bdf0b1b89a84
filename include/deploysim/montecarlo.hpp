// Monte Carlo: playing one scenario out many times and summarising how each
// target ends, why, and how long it takes (`deploysim montecarlo`).
//
//   MonteCarloOptions o{.runs = 100000, .seed = 7, .threads = 4};
//   MonteCarloResult r = run_montecarlo(scenario, o);
//   write_montecarlo_json(std::cout, scenario, r);   // montecarlo_report.hpp
//
// Replication i draws from the random stream of (seed, i) alone, and the
// summary keeps only integer counts (status and reason counts, histogram
// buckets, sums of milliseconds), so merging per-thread summaries is exact and
// the report does not depend on the number of threads or on which thread ran
// which replication. Memory is flat in the number of runs: nothing is kept per
// replication.
//
// Lead-time quantiles come from LogHistogram: every value is reported with a
// relative error of at most 2^-8 (0.39 %), stated as 0.5 % in the reports.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <compare>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "deploysim/outcome.hpp"
#include "deploysim/scenario.hpp"
#include "deploysim/simulation.hpp"
#include "deploysim/time.hpp"

namespace deploysim {

// --- Mergeable histogram of milliseconds -------------------------------------

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

// --- The summary of many runs -------------------------------------------------

// A 95 % Wilson score interval for a binomial proportion k / n.
struct Interval {
  double low = 0;
  double high = 0;
};
Interval wilson_interval(std::uint64_t k, std::uint64_t n);

// Integer tallies of one target (or of the pipeline) over the runs seen.
struct OutcomeTally {
  std::array<std::uint64_t, kTargetStatusCount> status{};
  std::array<std::uint64_t, kReasonCount> reason{};
  std::uint64_t started = 0;      // runs in which it started (startedAt set)
  std::uint64_t deployed = 0;     // runs that ended with `deployed: true`
  std::uint64_t rolled_back = 0;  // runs that ended with `rolledBack: true`
  LogHistogram finished_at;       // ms, over the runs in which it SUCCEEDED
  // Sums of TimeBreakdown over the runs in which it started, in ms.
  std::int64_t webhooks_ms = 0;
  std::int64_t approvals_ms = 0;
  std::int64_t analysis_ms = 0;
  std::int64_t pauses_ms = 0;
  std::int64_t readiness_ms = 0;
  std::int64_t rollback_ms = 0;

  void merge(const OutcomeTally& other);
  bool operator==(const OutcomeTally& other) const = default;
};

// Where a target's own failure happened (R3), for the top-causes table. Only
// root failures are keyed: a target that did not succeed for a reason other
// than UPSTREAM_FAILED (the cancelled dependents point back at these).
struct CauseKey {
  int target = -1;  // index into Deployment::targets
  Phase phase = Phase::kStrategy;
  std::string step;  // empty when unknown
  Reason reason = Reason::kNone;

  auto operator<=>(const CauseKey& other) const {
    return std::tie(target, phase, step, reason) <=>
           std::tie(other.target, other.phase, other.step, other.reason);
  }
  bool operator==(const CauseKey& other) const = default;
};

class AggregateAdder;

// The summary of any number of runs of one scenario. add() one RunResult at a
// time; merge() summaries of disjoint sets of runs. Both are exact, so the
// summary of a set of runs does not depend on how it was split or ordered.
class Aggregate {
 public:
  Aggregate() = default;
  explicit Aggregate(std::size_t target_count) : targets_(target_count) {}

  // REQUIRES: result.targets.size() == target count.
  void add(const RunResult& result);
  // REQUIRES: same target count.
  void merge(const Aggregate& other);

  std::uint64_t runs() const { return runs_; }
  const OutcomeTally& pipeline() const { return pipeline_; }
  const std::vector<OutcomeTally>& targets() const { return targets_; }
  const std::map<CauseKey, std::uint64_t>& causes() const { return causes_; }

  bool operator==(const Aggregate& other) const = default;

  // Rebuilds a summary from the accessors above (the partial results of
  // shards, shard.hpp). REQUIRES: the parts are consistent (shard.hpp checks).
  static Aggregate from_parts(std::uint64_t runs, OutcomeTally pipeline,
                              std::vector<OutcomeTally> targets,
                              std::map<CauseKey, std::uint64_t> causes);

 private:
  friend class AggregateAdder;
  // add() in two parts: the run and the pipeline; one target.
  void add_run(const RunResult& result);
  void add_target(std::size_t i, const TargetOutcome& o);

  std::uint64_t runs_ = 0;
  OutcomeTally pipeline_;
  std::vector<OutcomeTally> targets_;
  std::map<CauseKey, std::uint64_t> causes_;
};

// Adds runs to an Aggregate exactly like Aggregate::add, faster when targets
// are mostly CANCELLED (UPSTREAM_FAILED) without starting, the usual shape of
// a failing 10,000-target pipeline: such a target only bumps a 4-byte counter
// instead of its ~300-byte tally, and flush() adds the counters to the
// tallies. The Aggregate holds every run added once flush() (or the
// destructor) has run.
class AggregateAdder {
 public:
  explicit AggregateAdder(Aggregate& into);
  ~AggregateAdder() { flush(); }
  AggregateAdder(const AggregateAdder&) = delete;
  AggregateAdder& operator=(const AggregateAdder&) = delete;

  // REQUIRES: result.targets.size() == the Aggregate's target count.
  void add(const RunResult& result);
  void flush();

 private:
  Aggregate* into_;
  std::vector<std::uint32_t> cancelled_;  // per target: runs not yet in its tally
};

// --- The replication driver ----------------------------------------------------

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
};

struct MonteCarloResult {
  Aggregate aggregate;
  std::uint64_t runs_requested = 0;
  std::uint64_t seed = 0;
  unsigned threads = 0;        // threads actually used
  bool stopped_early = false;  // `stop` was raised before all runs were done
  double wall_seconds = 0;     // elapsed real time (not written to JSON: it varies)
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

// --- Sweeps ---------------------------------------------------------------------

// `--sweep PATH=V1,V2,...`.
struct SweepSpec {
  std::string path;
  std::vector<std::string> values;
};

// Parses "PATH=V1,V2,..."; nullopt (and `error` set) when malformed.
std::optional<SweepSpec> parse_sweep(const std::string& text, std::string& error);

// Sets the dotted `path` of the scenario's world model to `value`. Paths:
//   webhooks.<name>.outcome.<success|failure|noCallback|unreachable>  probability
//   webhooks.<name>.attemptFailure                                     probability
//   webhooks.<name>.latency                                            duration (constant)
//   approvals.default.after, approvals.targets.<t>.after              duration (constant)
//   deploy.readyAfter, deploy.rollbackAfter,
//   deploy.targets.<t>.readyAfter, deploy.targets.<t>.rollbackAfter    duration (constant)
//   timeouts.webhookCallback, timeouts.retryDelay, horizon             duration
// <name> is a webhook of the deployment or `default`. Setting one outcome to p
// rescales the other outcomes of the same layer proportionally so the mix
// still sums to 1 (if they were all 0, the rest goes to `success`, or to
// `failure` when it is success that is set). A webhook setting is applied to
// the entry and to every per-target override that sets the same key, so the
// value holds everywhere for that webhook. Returns an error message (unknown
// path, bad value), or nullopt on success.
std::optional<std::string> apply_sweep_value(Scenario& scenario, const std::string& path,
                                             const std::string& value);

// One point of a sweep.
struct SweepPoint {
  std::string value;
  MonteCarloResult result;
};

}  // namespace deploysim
