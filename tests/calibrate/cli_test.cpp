// `deploysim calibrate` through run_cli: every source format recovers the
// parameters it was generated with; the fragment loads into a scenario and
// runs; the JSON has COMMANDS.md's fields; bad input writes nothing.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "deploysim/cli.hpp"
#include "deploysim/loader.hpp"
#include "history_generator.hpp"
#include "support/cli_runner.hpp"
#include "support/test_paths.hpp"

namespace deploysim::calibrate {
namespace {

using testing::kData;
using testing::kMedian;
using testing::kSigma;

namespace fs = std::filesystem;
using Json = nlohmann::json;

using Output = test_support::CliOutput;
using test_support::cli;

class CalibrateCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("deploysim-calibrate-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The issue's case in every format: median 10 minutes, sigma such that a
// 20-minute timeout cuts a fifth of the runs, n = 2,000.

TEST_F(CalibrateCli, EveryFormatRecoversTheLognormal) {
  const auto truth = testing::generate(2000, testing::lognormal(kMedian, kSigma), 0.9, 7);
  const std::vector<std::pair<std::string, std::string>> files = {
      {"rest.json", testing::github_rest(truth, 1200, 10)},
      {"gh.json", testing::gh_run_list(truth, 1200, 10)},
      {"jenkins.json", testing::jenkins(truth, 1200, 10)},
      {"tape.jsonl", testing::tape(truth, 1200, "Run-Integration-Tests", 10)},
      {"runs.csv", testing::csv(truth, 1200)},
  };
  // GitHub reports whole seconds: a run of 1199.6 s reads as 1200 s, which
  // reached the timeout.
  std::size_t exact_censored = 0, exact_success = 0, whole_censored = 0, whole_success = 0;
  for (const auto& t : truth) {
    if (t.seconds >= 1200) {
      ++exact_censored;
    } else if (t.success) {
      ++exact_success;
    }
    if (std::llround(t.seconds) >= 1200) {
      ++whole_censored;
    } else if (t.success) {
      ++whole_success;
    }
  }
  for (const auto& [name, text] : files) {
    const bool whole_seconds = name == "rest.json" || name == "gh.json";
    const std::size_t true_censored = whole_seconds ? whole_censored : exact_censored;
    const std::size_t true_success = whole_seconds ? whole_success : exact_success;
    const Output o = cli({"calibrate", write(name, text), "--webhook", "Run-Integration-Tests",
                          "--timeout", "20m", "--format", "json"});
    ASSERT_EQ(o.code, 0) << name << ": " << o.err;
    const Json j = Json::parse(o.out);
    EXPECT_EQ(j["n"], 2000) << name;
    EXPECT_EQ(j["censored"], true_censored) << name;
    EXPECT_NEAR(j["censored"].get<double>() / 2000, 0.2, 0.03) << name;
    EXPECT_EQ(j["finished"], 2000 - true_censored) << name;
    EXPECT_NEAR(j["outcome"]["success"].get<double>(),
                static_cast<double>(true_success) / static_cast<double>(2000 - true_censored), 1e-6)
        << name;
    const double median = j["latency"]["lognormal"]["median"];
    const double sigma = j["latency"]["lognormal"]["sigma"];
    EXPECT_NEAR(median / kMedian, 1, 0.05) << name;
    EXPECT_NEAR(sigma / kSigma, 1, 0.08) << name;
    EXPECT_EQ(j["fit"]["method"], "mle-censored");
    EXPECT_LT(j["fit"]["ks"].get<double>(), 0.04) << name;
    // The noise runs (one in ten) are excluded, not fitted.
    EXPECT_EQ(j["excluded"], name == "runs.csv" ? 0 : 200) << name;
  }
}

TEST_F(CalibrateCli, JsonHasTheContractFields) {
  const Output o = cli({"calibrate", kData + "github-rest.json", "--webhook", "Run-Tests",
                        "--workflow", "Integration Tests", "--timeout", "20m", "--format", "json"});
  ASSERT_EQ(o.code, 0) << o.err;
  const Json j = Json::parse(o.out);
  EXPECT_EQ(j["webhook"], "Run-Tests");
  EXPECT_EQ(j["n"], 5);
  EXPECT_EQ(j["excluded"], 4);
  EXPECT_EQ(j["censored"], 2);
  EXPECT_DOUBLE_EQ(j["outcome"]["success"].get<double>(), 0.666667);
  EXPECT_DOUBLE_EQ(j["outcome"]["failure"].get<double>(), 0.333333);
  EXPECT_TRUE(j["latency"]["lognormal"]["median"].is_number());
  EXPECT_TRUE(j["latency"]["lognormal"]["sigma"].is_number());
  EXPECT_EQ(j["fit"]["method"], "mle-censored");
  EXPECT_TRUE(j["fit"]["ks"].is_number());
  EXPECT_EQ(j["excludedBy"], Json::parse(R"({"cancelled": 1, "in_progress": 1, "queued": 1,
                                             "skipped": 1})"));
  EXPECT_EQ(j["censoredBy"], Json::parse(R"({"reached --timeout": 2})"));
  EXPECT_EQ(j["ignored"], 1);
  EXPECT_EQ(j["timeout"], 1200.0);
  EXPECT_EQ(j["fit"]["ci95"]["median"].size(), 2u);
}

TEST_F(CalibrateCli, SummaryOnStderrNamesEverything) {
  const Output o = cli(
      {"calibrate", kData + "jenkins-allBuilds.json", "--webhook", "Tests", "--timeout", "20m"});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.err.find("  n          5 runs in the fit\n"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("  censored   1 (1 reached --timeout); --timeout 20m\n"), std::string::npos)
      << o.err;
  EXPECT_NE(o.err.find("  excluded   3 (1 ABORTED, 1 NOT_BUILT, 1 building)\n"), std::string::npos)
      << o.err;
  EXPECT_NE(o.err.find("success 50.0 %"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("lognormal by maximum likelihood with right-censoring"), std::string::npos);
  EXPECT_NE(o.err.find("95 % CI ["), std::string::npos);
  EXPECT_NE(o.err.find("KS distance between the Kaplan-Meier estimate and the fitted CDF"),
            std::string::npos);
  EXPECT_EQ(o.out.rfind("# deploysim calibrate: webhook Tests from ", 0), 0u) << o.out;
}

// The fragment, indented under `webhooks:`, loads into a scenario, and
// montecarlo runs it.
TEST_F(CalibrateCli, FragmentLoadsAndRunsForEveryFamily) {
  const auto truth = testing::generate(500, testing::lognormal(kMedian, kSigma), 0.8, 3);
  const std::string history = write("runs.csv", testing::csv(truth, 1200));
  const std::string deploy = test_paths::source_dir() + "/scenarios/examples/deploy.yml";
  for (const char* family : {"lognormal", "gamma", "weibull", "exponential", "empirical", "best"}) {
    const Output o = cli({"calibrate", history, "--webhook", "Run-Integration-Tests", "--fit",
                          family, "--timeout", "20m"});
    ASSERT_EQ(o.code, 0) << family << ": " << o.err;
    std::string indented;
    std::istringstream lines(o.out);
    for (std::string line; std::getline(lines, line);) indented += "  " + line + "\n";
    const std::string scenario_text = "name: calibrated\ndeployment: " + deploy +
                                      "\ntimeouts: {webhookCallback: 20m}\nwebhooks:\n" + indented;
    const std::string scenario = write(std::string("s-") + family + ".yml", scenario_text);
    Diagnostics diagnostics;
    const auto loaded = load_scenario(scenario, {}, diagnostics);
    ASSERT_TRUE(loaded) << family << ":\n"
                        << scenario_text
                        << (diagnostics.problems().empty() ? std::string()
                                                           : diagnostics.problems()[0].to_string());
    const auto& entry = loaded->webhooks.by_name.at("Run-Integration-Tests");
    ASSERT_TRUE(entry.base.latency);
    ASSERT_TRUE(entry.base.outcome);
    const Output mc = cli({"montecarlo", scenario, "--runs", "200", "--threads", "1"});
    EXPECT_EQ(mc.code, 0) << family << ": " << mc.err;
  }
}

TEST_F(CalibrateCli, ApprovalsFragment) {
  const Output o = cli({"calibrate", kData + "approvals.csv", "--approvals", "targets.prod-us",
                        "--fit", "exponential"});
  ASSERT_EQ(o.code, 0) << o.err;
  // mean = total time / answered = (2520 + 8130 + 1200 + 86400 + 1800.25) / 4.
  EXPECT_NE(o.out.find("targets:\n  prod-us:\n    after: {exponential: {mean: 25012.563}}"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("    decision: {approve: 0.75, reject: 0.25}\n"), std::string::npos)
      << o.out;
  const std::string deploy = test_paths::source_dir() + "/scenarios/examples/deploy.yml";
  std::string indented;
  std::istringstream lines(o.out);
  for (std::string line; std::getline(lines, line);) indented += "  " + line + "\n";
  const std::string scenario =
      write("approvals.yml", "deployment: " + deploy + "\napprovals:\n" + indented);
  Diagnostics diagnostics;
  EXPECT_TRUE(load_scenario(scenario, {}, diagnostics))
      << (diagnostics.problems().empty() ? "" : diagnostics.problems()[0].to_string());
}

TEST_F(CalibrateCli, OutputFileAndHtml) {
  const std::string out = path("fit.yml");
  const std::string page = path("fit.html");
  const Output o =
      cli({"calibrate", kData + "runs.csv", "--webhook", "Tests", "-o", out, "--html", page});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out, "");
  const Output plain = cli({"calibrate", kData + "runs.csv", "--webhook", "Tests"});
  EXPECT_EQ(read(out), plain.out);
  const std::string html = read(page);
  EXPECT_NE(html.find("<svg id=\"cdf-chart\""), std::string::npos);
  EXPECT_NE(html.find("class=\"km-curve\""), std::string::npos);
  EXPECT_NE(html.find("class=\"fit-curve\""), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);
  EXPECT_FALSE(fs::exists(out + ".tmp"));
}

TEST_F(CalibrateCli, BadInputWritesNothing) {
  const std::string out = path("fit.yml");
  const std::string page = path("fit.html");
  const std::string bad = write("bad.csv", "duration,result\n10m,success\nabc,failure\n");
  const Output o =
      cli({"calibrate", kData + "runs.csv", bad, "--webhook", "T", "-o", out, "--html", page});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err, bad +
                       ":3:1: error: expected a duration (250ms, 90s, 5m, 2h, 1d or seconds), "
                       "got 'abc'\n");
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(page));

  EXPECT_EQ(cli({"calibrate", kData + "runs.csv"}).code, 2);  // no --webhook
  EXPECT_EQ(cli({"calibrate", kData + "runs.csv", "--webhook", "T", "--approvals", "default"}).code,
            2);
  const Output timeout =
      cli({"calibrate", kData + "runs.csv", "--webhook", "T", "--timeout", "soon"});
  EXPECT_EQ(timeout.code, 2);
  EXPECT_NE(timeout.err.find("--timeout: expected a positive duration"), std::string::npos);
  const Output missing = cli({"calibrate", path("nope.json"), "--webhook", "T", "-o", out});
  EXPECT_EQ(missing.code, 2);
  EXPECT_EQ(missing.err, path("nope.json") + ": error: cannot read this file\n");
  const std::string censored = write("all.csv", "duration,result\n20m,timeout\n20m,timeout\n");
  const Output nothing = cli({"calibrate", censored, "--webhook", "T", "-o", out});
  EXPECT_EQ(nothing.code, 2);
  EXPECT_NE(nothing.err.find("every one of the 2 runs is censored"), std::string::npos);
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(CalibrateCli, SameInputSameBytes) {
  const auto truth = testing::generate(3000, testing::gamma(2, 300), 0.9, 5);
  const std::string history = write("j.json", testing::jenkins(truth, 1500, 7));
  const Output a = cli({"calibrate", history, "--webhook", "T", "--fit", "best", "--format", "json",
                        "--timeout", "25m"});
  const Output b = cli({"calibrate", history, "--webhook", "T", "--fit", "best", "--format", "json",
                        "--timeout", "25m"});
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(a.err, b.err);
  EXPECT_EQ(Json::parse(a.out)["fit"]["family"], "gamma");
}

}  // namespace
}  // namespace deploysim::calibrate
