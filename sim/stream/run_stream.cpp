#include <cassert>
#include <chrono>

#include "deploysim/stream.hpp"
#include "pipelines.hpp"
#include "queue.hpp"

namespace deploysim::stream {

Result run_stream(const Scenario& scenario, const Options& options) {
  assert(scenario.releases.has_value() && options.changes >= 1);
  const auto started = std::chrono::steady_clock::now();
  Result result;
  result.policy = scenario.deployment.deployment_config.if_deployment_in_progress;
  result.measure_at = scenario.releases->measure_at;
  result.seed = options.seed;
  PipelineSource pipelines(scenario, options, options.changes);
  result.threads = pipelines.threads();
  Queue(scenario, options.seed, pipelines, result).run(options.changes);
  result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace deploysim::stream
