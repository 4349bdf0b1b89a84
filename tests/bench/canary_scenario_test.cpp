// The standard canary benchmark scenarios: the files in bench/scenarios are
// what the generator writes, they load, and with N = 100 the mean outcome per
// run matches ../shared/anchors/README.md (45.45 succeeded, 2.35 rolled back,
// 52.20 cancelled) within sampling error.

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "canary_scenario.hpp"
#include "deploysim/diagnostics.hpp"
#include "deploysim/loader.hpp"
#include "deploysim/outcome.hpp"
#include "deploysim/scenario.hpp"
#include "deploysim/simulation.hpp"
#include "support/test_paths.hpp"

namespace deploysim::bench {
namespace {

std::string scenario_dir() { return test_paths::bench_scenario_dir(); }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Scenario load_or_die(const std::string& path) {
  Diagnostics diagnostics;
  std::optional<Scenario> scenario = load_scenario(path, LoadOptions{}, diagnostics);
  std::string problems;
  for (const Problem& p : diagnostics.problems()) problems += p.to_string() + "\n";
  EXPECT_TRUE(scenario.has_value()) << problems;
  if (!scenario) return Scenario{};
  return *std::move(scenario);
}

// Running mean and variance (Welford) of one per-run count.
class MeanAccumulator {
 public:
  void add(double x) {
    ++n_;
    const double delta = x - mean_;
    mean_ += delta / n_;
    m2_ += delta * (x - mean_);
  }
  double mean() const { return mean_; }
  double standard_error() const { return n_ < 2 ? 0.0 : std::sqrt(m2_ / (n_ - 1) / n_); }

 private:
  double n_ = 0;
  double mean_ = 0;
  double m2_ = 0;
};

TEST(CanaryScenarioTest, ParentsFollowTheAnchorsLayout) {
  const CanaryBenchSpec spec{100, 10, false};
  int parents[2];
  int count = 0;
  canary_parents(spec, 5, parents, &count);
  EXPECT_EQ(count, 0);
  canary_parents(spec, 10, parents, &count);
  ASSERT_EQ(count, 2);
  EXPECT_EQ(parents[0], 0);
  EXPECT_EQ(parents[1], 1);
  canary_parents(spec, 19, parents, &count);  // j = 9: parents 9 and 0 of layer 0
  ASSERT_EQ(count, 2);
  EXPECT_EQ(parents[0], 0);
  EXPECT_EQ(parents[1], 9);
  canary_parents(CanaryBenchSpec{3, 1, false}, 2, parents, &count);  // a chain: deduplicated
  ASSERT_EQ(count, 1);
  EXPECT_EQ(parents[0], 1);
  EXPECT_EQ(canary_target_name(spec, 7), "t07");
  EXPECT_EQ(canary_target_name(CanaryBenchSpec{10000, 100, false}, 42), "t0042");
}

TEST(CanaryScenarioTest, CommittedFilesAreCurrent) {
  std::vector<CanaryBenchSpec> specs;
  for (CanaryBenchSpec spec :
       {CanaryBenchSpec{3, 1}, CanaryBenchSpec{100, 10}, CanaryBenchSpec{10000, 100}}) {
    for (bool no_fail : {false, true}) {
      spec.no_fail = no_fail;
      specs.push_back(spec);
    }
  }
  specs.push_back(CanaryBenchSpec{100, 10, false, true});
  for (const CanaryBenchSpec& spec : specs) {
    const std::string path = scenario_dir() + "/" + canary_scenario_name(spec) + ".yml";
    EXPECT_TRUE(read_file(path) == canary_scenario_yaml(spec))
        << path << " is stale: run deploysim_bench_scenarios --standard bench/scenarios";
  }
}

TEST(CanaryScenarioTest, LoadsWithTheAnchorsGraph) {
  const Scenario scenario = load_or_die(scenario_dir() + "/canary-100.yml");
  ASSERT_EQ(scenario.deployment.targets.size(), 100u);
  int edges = 0;
  for (const Target& t : scenario.deployment.targets) {
    edges += static_cast<int>(t.depends_on_indices.size());
  }
  EXPECT_EQ(edges, 180);
  EXPECT_EQ(scenario.deployment.targets[19].depends_on_indices.size(), 2u);
}

TEST(CanaryScenarioTest, NoFailVariantAlwaysSucceeds) {
  const Scenario scenario = load_or_die(scenario_dir() + "/canary-100-no-fail.yml");
  Simulator simulator(scenario);
  RunOptions options;
  options.record_details = false;
  RunResult result;
  for (std::uint64_t r = 0; r < 20; ++r) {
    options.replication = r;
    simulator.run_into(options, result);
    EXPECT_EQ(result.pipeline, TargetStatus::kSucceeded);
    // Each target: ready 0, callback Exp(5m), pause 10m, 3 runs of 1m: at least 13 minutes,
    // and 10 layers of them.
    ASSERT_TRUE(result.finished_at.has_value());
    EXPECT_GE(result.finished_at->count(), 10 * 13 * 60 * 1000);
  }
}

TEST(CanaryScenarioTest, MeansMatchTheAnchorWithin4StandardErrors) {
  const Scenario scenario = load_or_die(scenario_dir() + "/canary-100.yml");
  Simulator simulator(scenario);
  RunOptions options;
  options.seed = 12345;
  options.record_details = false;
  RunResult result;
  MeanAccumulator succeeded, rolled_back, cancelled;
  constexpr int kRuns = 20000;
  for (int r = 0; r < kRuns; ++r) {
    options.replication = static_cast<std::uint64_t>(r);
    simulator.run_into(options, result);
    int s = 0, b = 0, c = 0, other = 0;
    for (const TargetOutcome& t : result.targets) {
      switch (t.status) {
        case TargetStatus::kSucceeded:
          ++s;
          break;
        case TargetStatus::kRolledBack:
          ++b;
          break;
        case TargetStatus::kCancelled:
          ++c;
          break;
        default:
          ++other;
          break;
      }
    }
    ASSERT_EQ(other, 0) << "replication " << r << " left a target neither succeeded, rolled "
                        << "back nor cancelled";
    succeeded.add(s);
    rolled_back.add(b);
    cancelled.add(c);
  }
  EXPECT_NEAR(succeeded.mean(), 45.45, 4 * succeeded.standard_error());
  EXPECT_NEAR(rolled_back.mean(), 2.35, 4 * rolled_back.standard_error());
  EXPECT_NEAR(cancelled.mean(), 52.20, 4 * cancelled.standard_error());
  RecordProperty("mean_succeeded", std::to_string(succeeded.mean()));
  RecordProperty("mean_rolled_back", std::to_string(rolled_back.mean()));
  RecordProperty("mean_cancelled", std::to_string(cancelled.mean()));
}

}  // namespace
}  // namespace deploysim::bench
