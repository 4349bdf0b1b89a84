#include "pipelines.hpp"

#include "deploysim/montecarlo.hpp"

#include <algorithm>
#include <cassert>
#include <exception>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>

namespace deploysim::stream {

namespace {

// Pipelines a thread plays per block: large enough that starting the threads
// costs little against playing them, small enough that the pipelines played
// past the end of the stream cost little too.
constexpr std::uint64_t kBlockPerThread = 512;

}  // namespace

struct PipelineSource::Player {
  explicit Player(const Scenario& scenario) : simulator(scenario) {}
  Simulator simulator;
  RunResult result;
};

PipelineSource::PipelineSource(const Scenario& scenario, const Options& options,
                               std::uint64_t limit)
    : scenario_(scenario),
      run_options_(options.base),
      horizon_(options.base.horizon.value_or(scenario.horizon)),
      limit_(limit) {
  assert(scenario.releases.has_value());
  for (const std::string& name : scenario.releases->measure_at) {
    measure_at_.push_back(scenario.deployment.find_target(name));
  }
  run_options_.seed = options.seed;
  run_options_.record_details = false;
  run_options_.record_trace = false;
  threads_ = options.threads != 0
                 ? options.threads
                 : std::clamp(std::thread::hardware_concurrency(), 1u, kMaxThreads);
  for (unsigned i = 0; i < threads_; ++i) players_.push_back(std::make_unique<Player>(scenario));
}

PipelineSource::~PipelineSource() = default;

void PipelineSource::restart(std::uint64_t first_replication) {
  first_replication_ = first_replication;
  block_.clear();
  block_first_ = 0;
}

PipelineOutcome PipelineSource::next(std::uint64_t k) {
  assert(k < limit_);
  if (k < block_first_ || k >= block_first_ + block_.size()) {
    const std::uint64_t count =
        threads_ == 1 ? 1 : std::min<std::uint64_t>(kBlockPerThread * threads_, limit_ - k);
    play_block(k, count);
  }
  return block_[k - block_first_];
}

void PipelineSource::play_block(std::uint64_t first, std::uint64_t count) {
  block_first_ = first;
  block_.assign(count, PipelineOutcome{});
  const std::uint64_t first_replication = first_replication_ + first;
  auto play = [this, first_replication, count](unsigned thread) {
    Player& player = *players_[thread];
    RunOptions options = run_options_;
    // Thread t plays every threads_-th pipeline of the block.
    for (std::uint64_t i = thread; i < count; i += threads_) {
      options.replication = first_replication + i;
      player.simulator.run_into(options, player.result);
      const RunResult& r = player.result;
      PipelineOutcome& out = block_[i];
      out.status = r.pipeline;
      out.cut_by_horizon = !r.finished_at.has_value();
      out.duration = out.cut_by_horizon ? horizon_ : *r.finished_at;
      out.successful = !out.cut_by_horizon;
      for (int t : measure_at_) {
        if (r.targets[static_cast<std::size_t>(t)].status != TargetStatus::kSucceeded) {
          out.successful = false;
        }
      }
    }
  };
  if (threads_ == 1 || count == 1) {
    play(0);
    return;
  }
  std::vector<std::exception_ptr> errors(threads_);
  {
    std::vector<std::jthread> workers;
    try {
      for (unsigned t = 0; t < threads_; ++t) {
        workers.emplace_back([&, t] {
          try {
            play(t);
          } catch (...) {
            errors[t] = std::current_exception();
          }
        });
      }
    } catch (const std::system_error& e) {
      // The started workers finish their share and are joined here; the block
      // is incomplete, so it is an error, said plainly (exit 3).
      const std::size_t started = workers.size();
      workers.clear();
      throw std::runtime_error("cannot start worker thread " + std::to_string(started + 1) +
                               " of " + std::to_string(threads_) + " (" + e.what() +
                               "): try a lower --threads");
    }
  }
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace deploysim::stream
