// The MPI driver (built only with DEPLOYSIM_WITH_MPI): rank r of R runs shard
// r/R of the replications on its own threads, then the ranks' Aggregates are
// reduced onto rank 0 as integers, never as floating-point sums, so the result
// is the single-process Aggregate exactly.
//
// The state is flattened the same way on every rank, tally by tally (the
// pipeline, then each target):
//   counts   uint64 MPI_SUM  runs; per tally: statuses, reasons, started,
//                            deployed, rolledBack, histogram count
//   sums     int64  MPI_SUM  per tally: the six time sums, histogram sum
//   mins     int64  MPI_MIN  per tally: histogram min (INT64_MAX when empty)
//   maxs     int64  MPI_MAX  per tally: histogram max (INT64_MIN when empty)
//   buckets  uint64 MPI_SUM  per tally: a dense array over the bucket range
//                            that all ranks agreed on first (MPI_Allreduce
//                            MIN/MAX of each rank's first/last bucket)
// The top-cause keys are strings, so they are gathered instead (MPI_Gatherv of
// each rank's causes as JSON) and their integer counts summed on rank 0.
#include <mpi.h>

#include <algorithm>
#include <iostream>
#include <limits>
#include <stdexcept>
#include <thread>

#include "deploysim/exit_code.hpp"
#include "deploysim/shard.hpp"
#include "partial_json.hpp"

namespace deploysim {
namespace {

constexpr int kRoot = 0;
constexpr std::uint64_t kNoBucket = std::numeric_limits<std::uint64_t>::max();

void check(int rc, const char* call) {
  if (rc != MPI_SUCCESS) throw std::runtime_error(std::string(call) + " failed");
}

// The tallies of an aggregate in reduction order. `a` must outlive the result.
std::vector<const OutcomeTally*> tallies_of(const Aggregate& a) {
  std::vector<const OutcomeTally*> out = {&a.pipeline()};
  for (const OutcomeTally& t : a.targets()) out.push_back(&t);
  return out;
}

// Calls MPI_Init_thread on construction (unless already done) and
// MPI_Finalize on destruction: every way out of run_montecarlo_mpi finalises.
class MpiSession {
 public:
  MpiSession() {
    int initialized = 0;
    MPI_Initialized(&initialized);
    if (!initialized) {
      // Only the calling thread talks to MPI; the replication threads do not.
      int provided = 0;
      check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
    }
  }
  ~MpiSession() {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized) MPI_Finalize();
  }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
};

// The threads of one rank when none were asked for: this node's cores shared
// among the ranks placed on it, so R ranks on one machine do not run R times
// as many threads as it has cores.
unsigned default_rank_threads(int rank) {
  MPI_Comm node;
  check(MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank, MPI_INFO_NULL, &node),
        "MPI_Comm_split_type");
  int ranks_on_node = 1;
  MPI_Comm_size(node, &ranks_on_node);
  MPI_Comm_free(&node);
  const unsigned cores = std::max(std::thread::hardware_concurrency(), 1u);
  return std::max(cores / static_cast<unsigned>(std::max(ranks_on_node, 1)), 1u);
}

// Sums the cause keys of every rank onto rank 0.
std::map<CauseKey, std::uint64_t> gather_causes(const Aggregate& a, int rank, int size) {
  const std::string mine = scaleout::causes_json(a.causes()).dump();
  int length = static_cast<int>(mine.size());
  std::vector<int> lengths(rank == kRoot ? size : 0);
  check(MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, kRoot, MPI_COMM_WORLD),
        "MPI_Gather");
  std::vector<int> offsets(lengths.size());
  std::vector<char> all;
  if (rank == kRoot) {
    std::size_t total = 0;
    for (std::size_t r = 0; r < lengths.size(); ++r) {
      offsets[r] = static_cast<int>(total);
      total += static_cast<std::size_t>(lengths[r]);
    }
    all.resize(total);
  }
  check(MPI_Gatherv(mine.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(),
                    MPI_CHAR, kRoot, MPI_COMM_WORLD),
        "MPI_Gatherv");
  std::map<CauseKey, std::uint64_t> causes;
  for (std::size_t r = 0; r < lengths.size(); ++r) {
    const auto begin = all.begin() + offsets[r];
    const scaleout::Json j = scaleout::Json::parse(begin, begin + lengths[r]);
    scaleout::read_causes(j, a.targets().size(), "rank " + std::to_string(r) + " causes", causes);
  }
  return causes;
}

// Reduces `a` (this rank's share) onto rank 0; the result is meaningful there only.
Aggregate reduce_aggregate(const Aggregate& a, int rank, int size) {
  const std::vector<const OutcomeTally*> tallies = tallies_of(a);
  const std::size_t n = tallies.size();

  // Agree on each histogram's bucket range first, so the bucket arrays line up.
  std::vector<std::uint64_t> first(n, kNoBucket);
  std::vector<std::uint64_t> end(n, 0);
  std::vector<LogHistogram::State> states(n);
  for (std::size_t t = 0; t < n; ++t) {
    states[t] = tallies[t]->finished_at.state();
    if (states[t].buckets.empty()) continue;
    first[t] = states[t].buckets.front().first;
    end[t] = std::uint64_t{states[t].buckets.back().first} + 1;
  }
  check(MPI_Allreduce(MPI_IN_PLACE, first.data(), static_cast<int>(n), MPI_UINT64_T, MPI_MIN,
                      MPI_COMM_WORLD),
        "MPI_Allreduce");
  check(MPI_Allreduce(MPI_IN_PLACE, end.data(), static_cast<int>(n), MPI_UINT64_T, MPI_MAX,
                      MPI_COMM_WORLD),
        "MPI_Allreduce");
  std::vector<std::size_t> offset(n + 1, 0);
  for (std::size_t t = 0; t < n; ++t) {
    offset[t + 1] = offset[t] + (first[t] == kNoBucket ? 0 : end[t] - first[t]);
  }

  std::vector<std::uint64_t> counts = {a.runs()};
  std::vector<std::int64_t> sums;
  std::vector<std::int64_t> mins;
  std::vector<std::int64_t> maxs;
  std::vector<std::uint64_t> buckets(offset[n], 0);
  for (std::size_t t = 0; t < n; ++t) {
    const OutcomeTally& tally = *tallies[t];
    counts.insert(counts.end(), tally.status.begin(), tally.status.end());
    counts.insert(counts.end(), tally.reason.begin(), tally.reason.end());
    counts.insert(counts.end(),
                  {tally.started, tally.deployed, tally.rolled_back, tally.finished_at.count()});
    sums.insert(sums.end(),
                {tally.webhooks_ms, tally.approvals_ms, tally.analysis_ms, tally.pauses_ms,
                 tally.readiness_ms, tally.rollback_ms, tally.finished_at.sum()});
    const bool empty = tally.finished_at.count() == 0;
    mins.push_back(empty ? std::numeric_limits<std::int64_t>::max() : tally.finished_at.min());
    maxs.push_back(empty ? std::numeric_limits<std::int64_t>::min() : tally.finished_at.max());
    for (const auto& [index, count] : states[t].buckets) {
      buckets[offset[t] + (index - first[t])] = count;
    }
  }

  // Reduce in place on the root, from the send buffer elsewhere.
  auto reduce = [rank](auto& values, MPI_Datatype type, MPI_Op op) {
    void* send = rank == kRoot ? MPI_IN_PLACE : values.data();
    check(MPI_Reduce(send, values.data(), static_cast<int>(values.size()), type, op, kRoot,
                     MPI_COMM_WORLD),
          "MPI_Reduce");
  };
  reduce(counts, MPI_UINT64_T, MPI_SUM);
  reduce(sums, MPI_INT64_T, MPI_SUM);
  reduce(mins, MPI_INT64_T, MPI_MIN);
  reduce(maxs, MPI_INT64_T, MPI_MAX);
  reduce(buckets, MPI_UINT64_T, MPI_SUM);
  std::map<CauseKey, std::uint64_t> causes = gather_causes(a, rank, size);
  if (rank != kRoot) return a;

  // Unflatten, in the order written above.
  std::size_t c = 1;
  std::size_t s = 0;
  std::vector<OutcomeTally> out(n);
  for (std::size_t t = 0; t < n; ++t) {
    OutcomeTally& tally = out[t];
    for (std::uint64_t& v : tally.status) v = counts[c++];
    for (std::uint64_t& v : tally.reason) v = counts[c++];
    tally.started = counts[c++];
    tally.deployed = counts[c++];
    tally.rolled_back = counts[c++];
    LogHistogram::State h;
    h.count = counts[c++];
    for (std::int64_t* v : {&tally.webhooks_ms, &tally.approvals_ms, &tally.analysis_ms,
                            &tally.pauses_ms, &tally.readiness_ms, &tally.rollback_ms}) {
      *v = sums[s++];
    }
    h.sum = sums[s++];
    if (h.count > 0) {
      h.min = mins[t];
      h.max = maxs[t];
      for (std::size_t i = offset[t]; i < offset[t + 1]; ++i) {
        if (buckets[i] != 0) {
          h.buckets.emplace_back(static_cast<std::uint32_t>(first[t] + (i - offset[t])),
                                 buckets[i]);
        }
      }
    }
    std::optional<LogHistogram> histogram = LogHistogram::from_state(h);
    if (!histogram) throw std::runtime_error("MPI reduction gave an inconsistent histogram");
    tally.finished_at = std::move(*histogram);
  }
  OutcomeTally pipeline = std::move(out.front());
  out.erase(out.begin());
  return Aggregate::from_parts(counts[0], std::move(pipeline), std::move(out), std::move(causes));
}

}  // namespace

bool mpi_enabled() { return true; }

MpiOutcome run_montecarlo_mpi(const Scenario& scenario, const MonteCarloOptions& options) {
  MpiSession session;
  MpiOutcome outcome;
  MPI_Comm_rank(MPI_COMM_WORLD, &outcome.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &outcome.size);
  try {
    const auto started = std::chrono::steady_clock::now();
    MonteCarloOptions mine = options;
    if (mine.threads == 0) mine.threads = default_rank_threads(outcome.rank);
    const RunRange range = shard_range(options.runs, {static_cast<std::uint64_t>(outcome.rank),
                                                      static_cast<std::uint64_t>(outcome.size)});
    MonteCarloResult local = run_montecarlo_range(scenario, mine, range);
    Aggregate total = reduce_aggregate(local.aggregate, outcome.rank, outcome.size);
    if (outcome.rank != kRoot) {
      outcome.result = std::move(local);
      return outcome;
    }
    MonteCarloResult& r = outcome.result;
    r.aggregate = std::move(total);
    r.runs_requested = options.runs;
    r.seed = options.seed;
    r.threads = unsharded_thread_count(options.threads, options.runs);
    r.stopped_early = r.aggregate.runs() < options.runs;
    r.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return outcome;
  } catch (const std::exception& e) {
    // The other ranks are (or will be) waiting in a collective: end them all.
    std::cerr << "deploysim montecarlo --mpi: rank " << outcome.rank
              << ": internal error: " << e.what() << std::endl;
    MPI_Abort(MPI_COMM_WORLD, kExitInternal);
    throw;  // not reached
  }
}

}  // namespace deploysim
