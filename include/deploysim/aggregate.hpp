// Aggregate: the exact summary of any number of runs of one scenario
// (status and reason counts per target, lead-time histograms, time spent per
// kind of step, root failure causes), with the Wilson intervals the reports
// give for its probabilities.
//
//   Aggregate a(scenario.deployment.targets.size());
//   a.add(simulator.run(options));
//   a.merge(summary_of_other_runs);
//
// Only integer counts are kept, so add() and merge() are exact: the summary
// of a set of runs does not depend on how it was split or ordered. Memory is
// flat in the number of runs.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "deploysim/histogram.hpp"
#include "deploysim/outcome.hpp"
#include "deploysim/simulation.hpp"

namespace deploysim {

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

}  // namespace deploysim
