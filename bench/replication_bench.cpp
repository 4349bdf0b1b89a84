// Replication throughput of the standard canary benchmark
// (../shared/anchors/README.md, bench/canary_scenario.hpp), through the real
// loader output and model.
//
//   BM_Replication/N        one full replication per iteration of
//                           bench/scenarios/canary-N.yml; items_per_second is
//                           replications/s, events_per_rep the engine events
//                           per replication (the C++ limit needs 284 at N = 100).
//   BM_LoadDeployFile/10000 load_scenario() of canary-10000.yml (parse + validate).
//   BM_ReplicationFile      like BM_Replication, of the scenario file named by the
//                           environment variable DEPLOYSIM_BENCH_SCENARIO (only
//                           registered when it is set; scripts/bench uses it for
//                           the scaling measurement).

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "deploysim/diagnostics.hpp"
#include "deploysim/loader.hpp"
#include "deploysim/scenario.hpp"
#include "deploysim/simulation.hpp"

namespace {

std::string scenario_path(int64_t envs) {
  return std::string(DEPLOYSIM_BENCH_SCENARIO_DIR) + "/canary-" + std::to_string(envs) + ".yml";
}

std::optional<deploysim::Scenario> load(const std::string& path, benchmark::State& state) {
  deploysim::Diagnostics diagnostics;
  std::optional<deploysim::Scenario> scenario =
      deploysim::load_scenario(path, deploysim::LoadOptions{}, diagnostics);
  if (!scenario) {
    for (const deploysim::Problem& p : diagnostics.problems()) {
      std::fprintf(stderr, "%s\n", p.to_string().c_str());
    }
    state.SkipWithError(("cannot load " + path).c_str());
  }
  return scenario;
}

// A loaded scenario and its Simulator, kept for the whole process: Google
// Benchmark calls a benchmark function several times while it sizes the
// iteration count, and loading canary-10000.yml must not be timed (nor repeated).
struct Prepared {
  deploysim::Scenario scenario;
  std::unique_ptr<deploysim::Simulator> simulator;
};

Prepared* prepare(const std::string& path, benchmark::State& state) {
  static std::map<std::string, std::unique_ptr<Prepared>> cache;
  std::unique_ptr<Prepared>& slot = cache[path];
  if (!slot) {
    std::optional<deploysim::Scenario> scenario = load(path, state);
    if (!scenario) return nullptr;
    slot = std::make_unique<Prepared>();
    slot->scenario = *std::move(scenario);
    slot->simulator = std::make_unique<deploysim::Simulator>(slot->scenario);
  }
  return slot.get();
}

void run_replications(const std::string& path, benchmark::State& state) {
  Prepared* prepared = prepare(path, state);
  if (prepared == nullptr) return;
  deploysim::Simulator& simulator = *prepared->simulator;
  deploysim::RunOptions options;
  options.seed = 1;
  options.record_details = false;
  deploysim::RunResult result;
  std::uint64_t replication = 0;
  std::uint64_t events = 0;
  for (auto _ : state) {
    options.replication = replication++;
    simulator.run_into(options, result);
    events += result.events;
    benchmark::DoNotOptimize(result.pipeline);
  }
  state.SetItemsProcessed(static_cast<int64_t>(replication));
  state.counters["events_per_rep"] =
      replication == 0 ? 0.0 : static_cast<double>(events) / static_cast<double>(replication);
  state.counters["targets"] = static_cast<double>(prepared->scenario.deployment.targets.size());
}

void BM_Replication(benchmark::State& state) {
  run_replications(scenario_path(state.range(0)), state);
}
BENCHMARK(BM_Replication)->Arg(3)->Arg(100)->Arg(10000)->Unit(benchmark::kMicrosecond);

void BM_LoadDeployFile(benchmark::State& state) {
  const std::string path = scenario_path(state.range(0));
  for (auto _ : state) {
    std::optional<deploysim::Scenario> scenario = load(path, state);
    if (!scenario) return;
    benchmark::DoNotOptimize(scenario->deployment.targets.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LoadDeployFile)->Arg(10000)->Unit(benchmark::kMillisecond);

// Registered before main() runs, only when DEPLOYSIM_BENCH_SCENARIO is set.
[[maybe_unused]] const bool replication_file_registered = [] {
  const char* path = std::getenv("DEPLOYSIM_BENCH_SCENARIO");
  if (path == nullptr || *path == '\0') return false;
  benchmark::RegisterBenchmark("BM_ReplicationFile", [path = std::string(path)](
                                                         benchmark::State& state) {
    run_replications(path, state);
  })->Unit(benchmark::kMicrosecond);
  return true;
}();

}  // namespace
