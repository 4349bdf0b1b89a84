// The pipelines of a stream: pipeline k is replication k of the Simulator for
// the stream's seed, so what it does (how long it takes, how it ends) does not
// depend on when it starts or on the arrivals. That is what lets threads play
// pipelines ahead of the queue: with T > 1 threads, blocks of pipelines are
// played in parallel and handed to the queue in order; the outcomes, and so
// the report, are the same for any T.
//
// A calendar (working hours) would make a pipeline depend on its wall-clock
// start; the loader does not read `calendar` yet, so none does.
//
// Private to sim/stream.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "deploysim/scenario.hpp"
#include "deploysim/simulation.hpp"
#include "deploysim/stream.hpp"

namespace deploysim::stream {

// What the queue needs to know of one pipeline.
struct PipelineOutcome {
  Duration duration{0};  // start -> end; the horizon when cut there
  TargetStatus status = TargetStatus::kRunning;
  bool successful = false;  // every measureAt target SUCCEEDED
  bool cut_by_horizon = false;
};

class PipelineSource {
 public:
  // REQUIRES: scenario.releases is set. `limit`: no pipeline at or beyond
  // this index is ever asked for (the number of changes). Pipeline k is
  // replication first_replication + k (the stream's range, stream.hpp).
  PipelineSource(const Scenario& scenario, const Options& options, std::uint64_t limit);

  // Starts the pipelines of another stream: the next call is next(0) again,
  // and pipeline k is replication first_replication + k.
  void restart(std::uint64_t first_replication);
  ~PipelineSource();
  PipelineSource(const PipelineSource&) = delete;
  PipelineSource& operator=(const PipelineSource&) = delete;

  // Pipeline k. REQUIRES: k is 0 on the first call and one more on each next
  // call, and k < limit.
  PipelineOutcome next(std::uint64_t k);

  unsigned threads() const { return threads_; }

 private:
  // Plays pipelines [first, first + count) into block_ on threads_ threads.
  void play_block(std::uint64_t first, std::uint64_t count);

  struct Player;  // one Simulator and its RunResult storage
  const Scenario& scenario_;
  RunOptions run_options_;
  std::vector<int> measure_at_;  // target indices
  Duration horizon_;
  std::uint64_t limit_;
  std::uint64_t first_replication_ = 0;
  unsigned threads_;
  std::vector<std::unique_ptr<Player>> players_;  // one per thread
  std::vector<PipelineOutcome> block_;
  std::uint64_t block_first_ = 0;
};

}  // namespace deploysim::stream
