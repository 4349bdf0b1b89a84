// Per-target marginals of the standard canary benchmark without a joint
// enumeration (issue 18: "the 10,000-target bench file's per-target
// marginals in under a minute"):
//
//   BM_FactorizedMarginals/N   SubScenarios + factorized_marginals() over
//                              every target of bench/scenarios/canary-N.yml
//                              (one group: layers of 100, each target depends
//                              on two of the layer before). Loading the file
//                              is not timed. Counters: paths (single-target
//                              paths played), p_last (P(last target SUCCEEDED)).
//
//   build/bench/deploysim_bench --benchmark_filter=FactorizedMarginals

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "deploysim/diagnostics.hpp"
#include "deploysim/loader.hpp"
#include "deploysim/scenario.hpp"
#include "explore/factorized.hpp"
#include "explore/sub_scenario.hpp"

namespace {

// Loaded once per file for the whole process: Google Benchmark calls a
// benchmark function several times while it sizes the iteration count.
const deploysim::Scenario* loaded(std::int64_t envs, benchmark::State& state) {
  static std::map<std::int64_t, std::unique_ptr<deploysim::Scenario>> cache;
  std::unique_ptr<deploysim::Scenario>& slot = cache[envs];
  if (!slot) {
    const std::string path =
        std::string(DEPLOYSIM_BENCH_SCENARIO_DIR) + "/canary-" + std::to_string(envs) + ".yml";
    deploysim::Diagnostics diagnostics;
    auto scenario = deploysim::load_scenario(path, deploysim::LoadOptions{}, diagnostics);
    if (!scenario) {
      for (const deploysim::Problem& p : diagnostics.problems()) {
        std::fprintf(stderr, "%s\n", p.to_string().c_str());
      }
      state.SkipWithError(("cannot load " + path).c_str());
      return nullptr;
    }
    slot = std::make_unique<deploysim::Scenario>(std::move(*scenario));
  }
  return slot.get();
}

void BM_FactorizedMarginals(benchmark::State& state) {
  const deploysim::Scenario* scenario = loaded(state.range(0), state);
  if (scenario == nullptr) return;
  std::vector<std::size_t> group(scenario->deployment.targets.size());
  std::iota(group.begin(), group.end(), std::size_t{0});
  deploysim::explore::FactorizedMarginals m;
  for (auto _ : state) {
    deploysim::explore::SubScenarios subs(*scenario);
    m = deploysim::explore::factorized_marginals(*scenario, subs, group);
    benchmark::DoNotOptimize(m.target_status.data());
  }
  if (!m.exact) {
    state.SkipWithError(("not exact: " + m.why_not).c_str());
    return;
  }
  state.counters["paths"] = static_cast<double>(m.paths);
  state.counters["p_last"] = m.target_status.back()[0];
}
BENCHMARK(BM_FactorizedMarginals)->Arg(3)->Arg(100)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
