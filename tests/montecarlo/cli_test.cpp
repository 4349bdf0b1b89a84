// `deploysim montecarlo` and `run --html` through run_cli (no process).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "deploysim/cli.hpp"
#include "deploysim/time.hpp"
#include "support/cli_runner.hpp"
#include "support/test_paths.hpp"

namespace deploysim {
namespace {

const std::string kPipeline = test_paths::source_dir() + "/scenarios/examples/pipeline.yml";

using Output = test_support::CliOutput;
using test_support::cli;

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::filesystem::path temp_path(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("deploysim-mc-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
          "-" + name);
}

// The JSON echoes the thread count used; everything else must match.
std::string without_threads(const std::string& json) {
  return std::regex_replace(json, std::regex("\"threads\": [0-9]+"), "\"threads\": _");
}

TEST(MonteCarloCli, ThreadsDoNotChangeTheReport) {
  const Output one = cli({"montecarlo", kPipeline, "--runs", "3000", "--threads", "1"});
  const Output two = cli({"montecarlo", kPipeline, "--runs", "3000", "--threads", "2"});
  ASSERT_EQ(one.code, 0) << one.err;
  ASSERT_EQ(two.code, 0) << two.err;
  EXPECT_EQ(one.out, two.out);  // text: the same bytes
  const Output j1 =
      cli({"montecarlo", kPipeline, "--runs", "3000", "--threads", "1", "--format", "json"});
  const Output j2 =
      cli({"montecarlo", kPipeline, "--runs", "3000", "--threads", "2", "--format", "json"});
  EXPECT_NE(j1.out.find("\"threads\": 1"), std::string::npos);
  EXPECT_NE(j2.out.find("\"threads\": 2"), std::string::npos);
  EXPECT_EQ(without_threads(j1.out), without_threads(j2.out));
}

TEST(MonteCarloCli, SameSeedSameBytes) {
  const std::vector<std::string> args{"montecarlo", kPipeline,  "--runs", "2000",      "--seed",
                                      "42",         "--format", "json",   "--threads", "2"};
  const Output a = cli(args);
  const Output b = cli(args);
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out.find("\"seed\": 42"), std::string::npos);
  EXPECT_NE(a.out.find("\"runs\": 2000"), std::string::npos);
  EXPECT_NE(a.out.find("\"schemaVersion\": 1"), std::string::npos);
  EXPECT_NE(a.out.find("\"quantileRelativeError\": 0.005"), std::string::npos);
  EXPECT_NE(a.out.find("\"stoppedEarly\": false"), std::string::npos);
  const Output other = cli({"montecarlo", kPipeline, "--runs", "2000", "--seed", "43", "--format",
                            "json", "--threads", "2"});
  EXPECT_NE(a.out, other.out);
}

TEST(MonteCarloCli, TextReportTables) {
  const Output r = cli({"montecarlo", kPipeline, "--runs", "2000"});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* s : {"potato-facts-release: 2000 runs, seed 7", "Outcomes", "Lead time",
                        "Top failure causes", "Where the time goes", "staging",
                        "afterDeployment runWebhook Run-Integration-Tests at staging: "
                        "WEBHOOK_FAILED"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  }
  EXPECT_TRUE(r.err.empty()) << r.err;  // no progress bar when stderr is not a terminal
}

TEST(MonteCarloCli, Sweep) {
  const Output r = cli({"montecarlo", kPipeline, "--runs", "1000", "--sweep",
                        "webhooks.Run-Integration-Tests.outcome.failure=0,0.05,0.1,0.2"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("sweep of webhooks.Run-Integration-Tests.outcome.failure"),
            std::string::npos);
  for (const char* v : {"\n  0  ", "\n  0.05  ", "\n  0.1  ", "\n  0.2  "}) {
    EXPECT_NE(r.out.find(v), std::string::npos) << v << r.out;
  }
  const Output j = cli({"montecarlo", kPipeline, "--runs", "500", "--format", "json", "--sweep",
                        "timeouts.webhookCallback=1h,24h"});
  ASSERT_EQ(j.code, 0) << j.err;
  const nlohmann::json sweep = nlohmann::json::parse(j.out);
  EXPECT_EQ(sweep["schemaVersion"], 1);
  EXPECT_EQ(sweep["sweep"], nlohmann::json::array({"timeouts.webhookCallback"}));
  ASSERT_EQ(sweep["points"].size(), 2u);
  EXPECT_EQ(sweep["points"][1]["values"]["timeouts.webhookCallback"], "24h");
  EXPECT_EQ(sweep["points"][1]["report"]["runs"], 500);
}

// --sweep twice: every combination, the first path varying slowest; any
// scalar of the scenario file (here a distribution's parameter and a mix).
TEST(MonteCarloCli, SweepGrid) {
  const Output j = cli({"montecarlo", kPipeline, "--runs", "300", "--format", "json", "--sweep",
                        "webhooks.Run-Integration-Tests.outcome.failure=0,0.5", "--sweep",
                        "approvals.default.after.exponential.mean=10m,1h,4h"});
  ASSERT_EQ(j.code, 0) << j.err;
  const nlohmann::json sweep = nlohmann::json::parse(j.out);
  ASSERT_EQ(sweep["points"].size(), 6u);
  EXPECT_EQ(sweep["points"][0]["values"]["webhooks.Run-Integration-Tests.outcome.failure"], 0.0);
  EXPECT_EQ(sweep["points"][2]["values"]["approvals.default.after.exponential.mean"], "4h");
  EXPECT_EQ(sweep["points"][3]["values"]["webhooks.Run-Integration-Tests.outcome.failure"], 0.5);
  EXPECT_EQ(sweep["points"][3]["values"]["approvals.default.after.exponential.mean"], "10m");
  // failure 0.5 at staging: staging fails far more often than at 0.
  const auto failed = [&](int point) {
    const auto& status = sweep["points"][point]["report"]["targets"]["staging"]["status"];
    return status.contains("FAILED") ? status["FAILED"]["probability"].get<double>() : 0.0;
  };
  EXPECT_GT(failed(3), failed(0) + 0.3);
  // A longer approval delays prod-us (it waits for one).
  const auto p50 = [&](int point) {
    return sweep["points"][point]["report"]["targets"]["prod-us"]["finishedAt"]["p50"]
        .get<double>();
  };
  EXPECT_LT(p50(0), p50(2));
}

TEST(MonteCarloCli, BadInputExitsTwo) {
  const Output unknown =
      cli({"montecarlo", kPipeline, "--runs", "10", "--sweep", "webhooks.X.colour=1,2"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("webhook"), std::string::npos) << unknown.err;
  const Output path = cli({"montecarlo", kPipeline, "--runs", "10", "--sweep", "nothing.here=1"});
  EXPECT_EQ(path.code, 2);
  EXPECT_NE(path.err.find("--sweep nothing.here=1: "), std::string::npos) << path.err;
  EXPECT_NE(path.err.find("nothing"), std::string::npos) << path.err;
  EXPECT_EQ(cli({"montecarlo", kPipeline}).code, 2);  // --runs is required
  EXPECT_EQ(cli({"montecarlo", "/nonexistent.yml", "--runs", "10"}).code, 2);
}

TEST(MonteCarloCli, HtmlReports) {
  const auto mc = temp_path("mc.html");
  const auto run = temp_path("run.html");
  ASSERT_EQ(cli({"montecarlo", kPipeline, "--runs", "500", "--html", mc.string()}).code, 0);
  ASSERT_EQ(cli({"run", kPipeline, "--seed", "7", "--html", run.string()}).code, 0);
  const std::string mc_html = read(mc);
  const std::string run_html = read(run);
  for (const char* s : {"id=\"outcomes\"", "class=\"outcome-bar\"", "class=\"lead-histogram\"",
                        "class=\"lead-cdf\"", "id=\"causes\"", "id=\"breakdown\""}) {
    EXPECT_NE(mc_html.find(s), std::string::npos) << s;
  }
  for (const char* s : {"id=\"timeline\"", "class=\"gantt-row\"", "class=\"webhook-call\"",
                        "class=\"webhook-attempt\"", "id=\"weights\"", "class=\"cancel-arrow\""}) {
    EXPECT_NE(run_html.find(s), std::string::npos) << s;
  }
  // Self-contained: no URL at all (webhook URIs are not shown).
  for (const std::string* page : {&mc_html, &run_html}) {
    EXPECT_EQ(page->find("http://"), std::string::npos);
    EXPECT_EQ(page->find("https://"), std::string::npos);
    EXPECT_EQ(page->find("src="), std::string::npos);
  }
  std::filesystem::remove(mc);
  std::filesystem::remove(run);
}

// Issue 12: the lead-time histogram ends at the 99.5th percentile; the runs
// beyond it are one bar of their own, labelled "tail", whose tooltip says how
// far the tail reaches (the JSON's max). Every succeeded run is in some bar.
TEST(MonteCarloCli, LeadTimeHistogramLabelsItsTail) {
  const auto html = temp_path("tail.html");
  const Output mc =
      cli({"montecarlo", kPipeline, "--runs", "2000", "--format", "json", "--html", html.string()});
  ASSERT_EQ(mc.code, 0) << mc.err;
  const nlohmann::json report = nlohmann::json::parse(mc.out);
  const auto& lead = report["pipeline"]["finishedAt"];
  const std::string page = read(html);
  const std::size_t begin = page.find("aria-label=\"lead-time histogram of pipeline\"");
  const std::size_t end = page.find("</svg>", begin);
  ASSERT_NE(begin, std::string::npos);
  const std::string svg = page.substr(begin, end - begin);
  std::uint64_t runs = 0;
  for (std::size_t at = svg.find("<title>"); at != std::string::npos;
       at = svg.find("<title>", at + 1)) {
    const std::size_t colon = svg.rfind(": ", svg.find(" runs</title>", at));
    runs += std::stoull(svg.substr(colon + 2));
  }
  EXPECT_EQ(runs, lead["count"].get<std::uint64_t>());
  const std::string longest = format_duration(
      Duration(static_cast<std::int64_t>(std::llround(lead["max"].get<double>() * 1000))));
  EXPECT_NE(svg.find("class=\"tail-bar\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("up to " + longest + " (the longest): "), std::string::npos) << longest;
  EXPECT_NE(svg.find(">tail</text>"), std::string::npos);
  std::filesystem::remove(html);
}

// W2 at run time (an armory variable the run leaves undefined) is reported
// once, as by `deploysim run`, although the replications themselves render
// nothing; so are the load's W2 warnings (an unknown secret).
TEST(MonteCarloCli, PrintsTheRunTimeTemplateWarningsOnce) {
  const std::string w2 =
      test_paths::source_dir() + "/scenarios/rules/W2-unknown-variable-renders-empty.yml";
  const Output mc = cli({"montecarlo", w2, "--runs", "50", "--threads", "2"});
  ASSERT_EQ(mc.code, 0) << mc.err;
  const Output run = cli({"run", w2});
  for (const std::string& warning :
       {w2 + ":16:13: warning: unknown template variable 'armory.bogus' renders empty\n",
        w2 + ":19:7: warning: {{secrets.missing}} is not among the scenario's secrets: it renders "
             "empty (used by webhook 'hook')\n"}) {
    const std::size_t at = mc.err.find(warning);
    ASSERT_NE(at, std::string::npos) << mc.err;
    EXPECT_EQ(mc.err.find(warning, at + 1), std::string::npos) << mc.err;
    EXPECT_NE(run.err.find(warning), std::string::npos) << run.err;
  }
}

// The JSON report is streamed target by target; it must be byte for byte what
// dumping the whole tree with an indent of 2 prints.
TEST(MonteCarloCli, StreamedJsonIsTheTreeDump) {
  const std::string bench_scenario = test_paths::source_dir() + "/bench/scenarios/canary-100.yml";
  for (const std::string& file : {kPipeline, bench_scenario}) {
    const Output mc = cli({"montecarlo", file, "--runs", "300", "--format", "json"});
    ASSERT_EQ(mc.code, 0) << mc.err;
    const auto tree = nlohmann::ordered_json::parse(mc.out);
    EXPECT_EQ(mc.out, tree.dump(2) + "\n") << file;
    EXPECT_GE(tree["targets"].size(), 4u);
    EXPECT_TRUE(tree.contains("topFailureCauses"));
  }
}

}  // namespace
}  // namespace deploysim
