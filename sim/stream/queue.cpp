#include "queue.hpp"

#include <algorithm>
#include <cassert>

#include "throughput.hpp"

namespace deploysim::stream {

Queue::Queue(const Scenario& scenario, std::uint64_t seed, std::uint64_t stream,
             PipelineSource& pipelines, Result& result)
    : policy_(scenario.deployment.deployment_config.if_deployment_in_progress),
      pipelines_(pipelines),
      result_(result),
      arrivals_(seed, stream, scenario.releases->arrivals),
      undelivered_(seed, stream, scenario.releases->arrivals) {}

void Queue::run(std::uint64_t changes) {
  for (std::uint64_t change = 0; change < changes; ++change) {
    const SimTime at = arrivals_.next();
    // A pipeline that ends at the same instant as the arrival ends first.
    while (running_ && running_->ends <= at) end_running();
    arrive(Request{change, at});
    result_.end = at;
  }
  while (running_) end_running();
  result_.changes = changes;
  result_.streams = 1;
  result_.span = result_.end;
  result_.unrestored = failing_since_.has_value() ? 1 : 0;
  extend_bins(result_.throughput, result_.end);
}

void Queue::arrive(const Request& request) {
  add_to_bin(result_.throughput, &Throughput::arrivals, request.at);
  if (!running_) {
    start(request, request.at);
    return;
  }
  if (policy_ == IfDeploymentInProgress::kReject) {
    ++result_.rejected;
    add_to_bin(result_.throughput, &Throughput::rejected, request.at);
    return;
  }
  // enqueueOne: the newest request takes the slot; the one waiting there is superseded.
  if (waiting_) {
    ++result_.superseded;
    add_to_bin(result_.throughput, &Throughput::superseded, request.at);
  }
  waiting_ = request;
}

void Queue::start(const Request& request, SimTime at) {
  const PipelineOutcome outcome = pipelines_.next(next_pipeline_++);
  running_ = Running{request, at, at + outcome.duration, outcome};
  ++result_.pipelines;
  result_.wait_for_slot.add((at - request.at).count());
  if (at > request.at) ++result_.waited;
}

void Queue::end_running() {
  assert(running_);
  const Running ended = *running_;
  running_.reset();
  const PipelineOutcome& outcome = ended.outcome;
  ++result_.pipeline_status[static_cast<std::size_t>(outcome.status)];
  result_.pipeline_time.add(outcome.duration.count());
  if (outcome.cut_by_horizon) ++result_.cut_by_horizon;
  if (outcome.successful) {
    ++result_.successful_pipelines;
    add_to_bin(result_.throughput, &Throughput::successful_pipelines, ended.ends);
    deliver_up_to(ended.request.change, ended.ends);
    if (failing_since_) {
      result_.time_to_restore.add((ended.ends - *failing_since_).count());
      failing_since_.reset();
    }
  } else {
    add_to_bin(result_.throughput, &Throughput::failed_pipelines, ended.ends);
    if (!failing_since_) failing_since_ = ended.ends;
  }
  result_.end = std::max(result_.end, ended.ends);
  // enqueueOne: the waiting request starts the instant the running one ends.
  if (waiting_) {
    const Request next = *waiting_;
    waiting_.reset();
    start(next, ended.ends);
  }
}

void Queue::deliver_up_to(std::uint64_t change, SimTime at) {
  const std::uint64_t before = result_.delivered;
  while (result_.delivered <= change) {
    result_.lead_time.add((at - undelivered_.next()).count());
    ++result_.delivered;
  }
  if (result_.delivered > before) {
    add_to_bin(result_.throughput, &Throughput::delivered_changes, at, result_.delivered - before);
  }
}

}  // namespace deploysim::stream
