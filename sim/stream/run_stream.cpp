#include <algorithm>
#include <cassert>
#include <chrono>

#include "deploysim/stream.hpp"
#include "pipelines.hpp"
#include "queue.hpp"
#include "throughput.hpp"

namespace deploysim::stream {

Result run_streams(const Scenario& scenario, const Options& options, std::uint64_t first,
                   std::uint64_t count) {
  assert(scenario.releases.has_value() && options.changes >= 1 && first + count <= kMaxStreams);
  const auto started = std::chrono::steady_clock::now();
  PipelineSource pipelines(scenario, options, options.changes);
  auto empty = [&] {
    Result r;
    r.policy = scenario.deployment.deployment_config.if_deployment_in_progress;
    r.measure_at = scenario.releases->measure_at;
    r.seed = options.seed;
    r.threads = pipelines.threads();
    return r;
  };
  Result total = empty();
  for (std::uint64_t stream = first; stream < first + count; ++stream) {
    // Each stream is played alone, then added: the sum does not depend on
    // which streams were played together.
    Result one = empty();
    pipelines.restart(stream * kStreamStride);
    Queue(scenario, options.seed, stream, pipelines, one).run(options.changes);
    merge(total, one);
  }
  total.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return total;
}

Result run_stream(const Scenario& scenario, const Options& options) {
  assert(options.streams >= 1 && options.streams <= kMaxStreams);
  return run_streams(scenario, options, 0, options.streams);
}

void merge(Result& into, const Result& from) {
  into.streams += from.streams;
  into.changes += from.changes;
  into.rejected += from.rejected;
  into.superseded += from.superseded;
  into.pipelines += from.pipelines;
  for (std::size_t i = 0; i < into.pipeline_status.size(); ++i) {
    into.pipeline_status[i] += from.pipeline_status[i];
  }
  into.successful_pipelines += from.successful_pipelines;
  into.cut_by_horizon += from.cut_by_horizon;
  into.delivered += from.delivered;
  into.waited += from.waited;
  into.lead_time.merge(from.lead_time);
  into.wait_for_slot.merge(from.wait_for_slot);
  into.pipeline_time.merge(from.pipeline_time);
  into.time_to_restore.merge(from.time_to_restore);
  into.unrestored += from.unrestored;
  into.end = std::max(into.end, from.end);
  into.span += from.span;
  merge_throughput(into.throughput, from.throughput);
}

}  // namespace deploysim::stream
