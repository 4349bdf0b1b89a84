// The one slot of an application (armory-reference 3.9, COMMANDS.md
// "stream"): changes arrive, each asks for a pipeline; only one pipeline runs
// at a time and the policy decides what a request does while one runs. The
// queue tallies everything into a Result as it goes and keeps nothing per
// change.
//
// Private to sim/stream.
#pragma once

#include <cstdint>
#include <optional>

#include "arrivals.hpp"
#include "deploysim/stream.hpp"
#include "pipelines.hpp"

namespace deploysim::stream {

class Queue {
 public:
  // Stream `stream` of the seed (its arrivals' key, stream.hpp). REQUIRES:
  // scenario.releases is set; `pipelines` and `result` outlive the queue.
  Queue(const Scenario& scenario, std::uint64_t seed, std::uint64_t stream,
        PipelineSource& pipelines, Result& result);

  // Lets `changes` changes arrive, then lets the pipelines they started end.
  void run(std::uint64_t changes);

 private:
  // A request for a pipeline: the change that asked (its index in arrival
  // order) and when. It carries every undelivered change up to that index.
  struct Request {
    std::uint64_t change = 0;
    SimTime at{0};
  };
  struct Running {
    Request request;
    SimTime started{0};
    SimTime ends{0};
    PipelineOutcome outcome;
  };

  void arrive(const Request& request);
  void start(const Request& request, SimTime at);
  void end_running();
  // Every undelivered change up to `change` reaches the measureAt targets at `at`.
  void deliver_up_to(std::uint64_t change, SimTime at);

  IfDeploymentInProgress policy_;
  PipelineSource& pipelines_;
  Result& result_;
  ArrivalSequence arrivals_;
  // Replays the arrival times from the oldest undelivered change on.
  ArrivalSequence undelivered_;
  std::optional<Running> running_;
  std::optional<Request> waiting_;  // enqueueOne's slot
  std::uint64_t next_pipeline_ = 0;
  std::optional<SimTime> failing_since_;  // the end of the first failed pipeline of an episode
};

}  // namespace deploysim::stream
