// The YAML scenario suite (scenarios/rules, scenarios/seed) through the real
// loader, one test per file, and the deploy-file examples of tests/data run
// with every default and a full trace.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "deploysim/loader.hpp"
#include "model_test_util.hpp"
#include "support/test_paths.hpp"

namespace deploysim::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> yaml_files(const std::vector<std::string>& dirs) {
  std::vector<std::string> out;
  for (const std::string& dir : dirs) {
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string ext = entry.path().extension().string();
      if (ext == ".yml" || ext == ".yaml") out.push_back(entry.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).parent_path().filename().string() + "_" +
                     fs::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

class ScenarioFile : public ::testing::TestWithParam<std::string> {};

TEST_P(ScenarioFile, MeetsItsExpectations) {
  Diagnostics diagnostics;
  std::optional<Scenario> s = load_scenario(GetParam(), LoadOptions{}, diagnostics);
  if (!s) {
    // Load-error scenarios (`expect.error`) belong to the loader's tests.
    GTEST_SKIP() << "does not load";
  }
  if (!s->expect.present || s->expect.load_error) GTEST_SKIP() << "no run expectations";
  RunOptions options;
  options.seed = s->seed;
  options.record_trace = true;
  const RunResult r = run(*s, options);
  EXPECT_EQ(check_expectations(*s, r, diagnostics.sorted()), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(Suite, ScenarioFile,
                         ::testing::ValuesIn(yaml_files({test_paths::scenarios_dir() + "/rules",
                                                         test_paths::scenarios_dir() + "/seed"})),
                         test_name);

class DeployExample : public ::testing::TestWithParam<std::string> {};

TEST_P(DeployExample, RunsToTheEndWithEveryDefault) {
  Diagnostics diagnostics;
  std::optional<Scenario> s = load_scenario(GetParam(), LoadOptions{}, diagnostics);
  if (!s) GTEST_SKIP() << "a fragment that does not load on its own";
  RunOptions options;
  options.record_trace = true;
  Simulator sim(*s);
  const RunResult r = sim.run(options);
  // Built-in defaults: every webhook answers success at once, every person
  // approves at once, every query passes; only W8 can stop a target.
  EXPECT_NE(r.pipeline, TargetStatus::kRunning);
  EXPECT_TRUE(r.finished_at.has_value());
  EXPECT_FALSE(r.trace.empty());
  for (const TargetOutcome& o : r.targets) EXPECT_TRUE(is_terminal(o.status));
  // Replications are independent of each other and of recording.
  options.record_trace = false;
  options.record_details = false;
  options.replication = 3;
  EXPECT_EQ(sim.run(options).pipeline, r.pipeline);
}

INSTANTIATE_TEST_SUITE_P(Examples, DeployExample,
                         ::testing::ValuesIn(yaml_files({test_paths::test_data_dir()})), test_name);

}  // namespace
}  // namespace deploysim::testing
