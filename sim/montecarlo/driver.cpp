// The replication driver: T threads, each with its own Replicator (its own
// Simulator: engine and model state reset between replications), claim
// fixed-size chunks of replication indices from one atomic counter and add
// each result to a thread-local Aggregate (through an AggregateAdder, flushed
// when the thread ends). The aggregates are merged at the end. Because
// replication i depends on (seed, i) alone and merging is exact, the summary
// is the same whichever thread ran which chunk. With --precision the indices
// run in blocks, one after the other, and the test after each block decides
// whether the next one runs.
#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>

#include "deploysim/montecarlo.hpp"

namespace deploysim {
namespace {

class SimulatorReplicator final : public Replicator {
 public:
  explicit SimulatorReplicator(const Scenario& scenario) : sim_(scenario) {}
  void run(const RunOptions& options, RunResult& out) override { sim_.run_into(options, out); }

 private:
  Simulator sim_;
};

unsigned resolve_threads(unsigned requested, std::uint64_t runs) {
  unsigned t = requested != 0 ? requested : std::thread::hardware_concurrency();
  t = std::clamp(t, 1u, kMaxThreads);
  // No point in more threads than there are runs (but at least one).
  if (runs < t) t = static_cast<unsigned>(std::max<std::uint64_t>(runs, 1));
  return t;
}

// Replications [first, first + count) on `thread_count` threads, summarised
// into `into` (merged in thread order; exact anyway). Progress counts
// `done_before` replications already done out of `total`.
void run_range(std::size_t target_count, const ReplicatorFactory& factory,
               const MonteCarloOptions& options, unsigned thread_count, std::uint64_t first,
               std::uint64_t count, std::uint64_t done_before, Aggregate& into) {
  const std::uint64_t total = options.runs;
  const std::uint64_t chunk = std::max<std::uint64_t>(options.chunk, 1);

  std::atomic<std::uint64_t> next{0};  // the next unclaimed offset from `first`
  std::atomic<std::uint64_t> done{0};  // replications completed, for progress only
  std::atomic<bool> failed{false};
  unsigned finished_threads = 0;  // guarded by finish_mutex
  std::mutex finish_mutex;
  std::condition_variable finish_cv;
  std::vector<Aggregate> partial(thread_count, Aggregate(target_count));
  std::exception_ptr error;
  std::mutex error_mutex;

  auto stop_requested = [&] {
    return failed.load(std::memory_order_relaxed) ||
           (options.stop != nullptr && options.stop->load(std::memory_order_relaxed));
  };

  auto worker = [&](unsigned index) {
    try {
      std::unique_ptr<Replicator> replicator = factory();
      RunOptions run_options = options.base;
      run_options.seed = options.seed;
      run_options.record_details = false;
      run_options.record_trace = false;
      RunResult result;
      AggregateAdder aggregate(partial[index]);
      while (!stop_requested()) {
        const std::uint64_t begin = next.fetch_add(chunk, std::memory_order_relaxed);
        if (begin >= count) break;
        const std::uint64_t end = std::min(count, begin + chunk);
        for (std::uint64_t i = begin; i < end && !stop_requested(); ++i) {
          run_options.replication = first + i;
          replicator->run(run_options, result);
          aggregate.add(result);
          done.fetch_add(1, std::memory_order_relaxed);
        }
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
      failed.store(true);
    }
    {
      std::lock_guard<std::mutex> lock(finish_mutex);
      ++finished_threads;
    }
    finish_cv.notify_one();
  };

  std::vector<std::thread> threads;
  threads.reserve(thread_count);
  try {
    for (unsigned i = 0; i < thread_count; ++i) threads.emplace_back(worker, i);
  } catch (const std::system_error& e) {
    // Out of memory or a process limit: stop the workers that did start
    // (each sees `failed` and leaves its loop), then say what to do.
    failed.store(true);
    for (std::thread& t : threads) t.join();
    throw std::runtime_error("cannot start worker thread " + std::to_string(threads.size() + 1) +
                             " of " + std::to_string(thread_count) + " (" + e.what() +
                             "): try a lower --threads");
  }

  // The calling thread only reports progress while the workers run; it wakes
  // up early when the last worker finishes, so short runs do not wait.
  if (options.on_progress) {
    std::unique_lock<std::mutex> lock(finish_mutex);
    while (!finish_cv.wait_for(lock, options.progress_interval,
                               [&] { return finished_threads == thread_count; })) {
      options.on_progress(done_before + done.load(std::memory_order_relaxed), total);
    }
  }
  for (std::thread& t : threads) t.join();
  if (error) std::rethrow_exception(error);
  for (const Aggregate& a : partial) into.merge(a);  // fixed order; exact anyway
}

bool interrupted(const MonteCarloOptions& options) {
  return options.stop != nullptr && options.stop->load(std::memory_order_relaxed);
}

}  // namespace

const char* to_string(StoppedBy s) {
  switch (s) {
    case StoppedBy::kPrecision:
      return "precision";
    case StoppedBy::kInterrupt:
      return "interrupt";
    case StoppedBy::kRuns:
      break;
  }
  return "runs";
}

bool within_precision(const Aggregate& aggregate, double half_width) {
  const std::uint64_t n = aggregate.runs();
  if (n == 0) return false;
  auto precise = [&](const OutcomeTally& t) {
    for (const std::uint64_t k : t.status) {
      if (k == 0) continue;
      const Interval ci = wilson_interval(k, n);
      if ((ci.high - ci.low) / 2 > half_width) return false;
    }
    return true;
  };
  if (!precise(aggregate.pipeline())) return false;
  for (const OutcomeTally& t : aggregate.targets()) {
    if (!precise(t)) return false;
  }
  return true;
}

MonteCarloResult run_montecarlo(const Scenario& scenario, const MonteCarloOptions& options) {
  return run_montecarlo_with(
      scenario.deployment.targets.size(),
      [&scenario] { return std::make_unique<SimulatorReplicator>(scenario); }, options);
}

MonteCarloResult run_montecarlo_with(std::size_t target_count, const ReplicatorFactory& factory,
                                     const MonteCarloOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const std::uint64_t total = options.runs;
  const unsigned thread_count = resolve_threads(options.threads, total);

  MonteCarloResult out;
  out.aggregate = Aggregate(target_count);
  out.precision = options.precision;
  if (options.precision > 0) {
    // Block by block in index order: the first block after which the summary
    // is precise enough ends the run, whatever the thread count.
    const std::uint64_t block = std::max<std::uint64_t>(options.block, 1);
    for (std::uint64_t first = 0; first < total && !interrupted(options); first += block) {
      const std::uint64_t count = std::min(block, total - first);
      run_range(target_count, factory, options, std::min<std::uint64_t>(thread_count, count), first,
                count, first, out.aggregate);
      if (out.aggregate.runs() < first + count) break;  // interrupted within the block
      const bool precise = options.precise_enough
                               ? options.precise_enough(out.aggregate)
                               : within_precision(out.aggregate, options.precision);
      if (precise) {
        out.stopped_by = StoppedBy::kPrecision;
        break;
      }
    }
  } else {
    run_range(target_count, factory, options, thread_count, 0, total, 0, out.aggregate);
  }
  out.runs_requested = total;
  out.seed = options.seed;
  out.threads = thread_count;
  out.stopped_early = out.stopped_by != StoppedBy::kPrecision && out.aggregate.runs() < total;
  if (out.stopped_early) out.stopped_by = StoppedBy::kInterrupt;
  out.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (options.on_progress) options.on_progress(out.aggregate.runs(), total);
  return out;
}

}  // namespace deploysim
