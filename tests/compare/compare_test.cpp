// `deploysim compare`: known answers of the paired difference on keyed draws.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "committed_pair.hpp"
#include "deploysim/cli.hpp"
#include "deploysim/compare.hpp"
#include "deploysim/loader.hpp"
#include "support/cli_runner.hpp"
#include "support/known_answers.hpp"
#include "support/test_paths.hpp"

namespace deploysim {
namespace {

using test_support::load_inline;

// dev -> staging -> prod. dev calls `tests` (fails 20 %), staging waits for
// an approval, prod calls `smoke`, which fails with probability `smoke_failure`.
// Latencies are random, so that every draw matters.
std::string pipeline(double smoke_failure, const std::string& extra_target = "") {
  const std::string f = std::to_string(smoke_failure);
  const std::string s = std::to_string(1 - smoke_failure);
  return R"yaml(
name: smoke-)yaml" +
         f + R"yaml(
deployment:
  version: v1
  kind: kubernetes
  application: app
  targets:
    dev:
      account: cluster
      namespace: dev
      constraints:
        afterDeployment: [{runWebhook: {name: tests}}]
    staging:
      account: cluster
      namespace: staging
      constraints:
        dependsOn: [dev]
        beforeDeployment: [{pause: {untilApproved: true}}]
    prod:
      account: cluster
      namespace: prod
      constraints:
        dependsOn: [staging]
        afterDeployment: [{runWebhook: {name: smoke}}])yaml" +
         extra_target + R"yaml(
  manifests: [{path: app.yml}]
  webhooks:
    - {name: tests, method: POST, uriTemplate: "https://ci/t?cb={{armory.callbackUri}}"}
    - {name: smoke, method: POST, uriTemplate: "https://ci/s?cb={{armory.callbackUri}}"}
deploy:
  readyAfter: {exponential: {mean: 2m}}
approvals:
  default: {after: {exponential: {mean: 30m}}, decision: approve}
webhooks:
  tests: {latency: {lognormal: {median: 10m, sigma: 0.5}}, outcome: {success: 0.8, failure: 0.2}}
  smoke: {latency: {uniform: {min: 1m, max: 5m}}, outcome: {success: )yaml" +
         s + ", failure: " + f + "}}\n";
}

compare::CompareResult run(const Scenario& a, const Scenario& b, std::uint64_t runs,
                           unsigned threads, double precision = 0) {
  compare::CompareOptions o;
  o.montecarlo.runs = runs;
  o.montecarlo.seed = 11;
  o.montecarlo.threads = threads;
  o.montecarlo.precision = precision;
  return compare::run_compare(a, b, o);
}

int pair_of(const compare::CompareResult& r, const std::string& name) {
  for (std::size_t p = 0; p < r.pairs.size(); ++p) {
    if (r.pairs[p].name == name) return static_cast<int>(p);
  }
  return -2;
}

TEST(PairedDifference, ClosedForm) {
  // 10 of 100 replications succeed on the base side only: d = -0.1, the
  // per-replication differences have variance 0.1 - 0.01 = 0.09.
  const compare::Difference d = compare::paired_difference(80, 70, 10, 0, 100);
  EXPECT_DOUBLE_EQ(d.base, 0.8);
  EXPECT_DOUBLE_EQ(d.what_if, 0.7);
  EXPECT_DOUBLE_EQ(d.difference, -0.1);
  const double half = 1.959963984540054 * std::sqrt(0.09 / 100);
  EXPECT_NEAR(d.ci95.low, -0.1 - half, 1e-12);
  EXPECT_NEAR(d.ci95.high, -0.1 + half, 1e-12);
  EXPECT_TRUE(d.significant());
  // No discordant replication: exactly 0, interval [0, 0].
  const compare::Difference none = compare::paired_difference(50, 50, 0, 0, 100);
  EXPECT_EQ(none.difference, 0.0);
  EXPECT_EQ(none.ci95.low, 0.0);
  EXPECT_EQ(none.ci95.high, 0.0);
  EXPECT_FALSE(none.significant());
}

// The known answer of the issue: two scenarios that differ in one webhook's
// failure rate (smoke, at prod) give exactly 0 with the interval [0, 0] for
// every target upstream of it (dev, staging), and downstream the closed form:
// P(prod SUCCEEDED) = 0.8 (1 - f), so the difference is -0.8 (0.3 - 0.1) = -0.16.
TEST(Compare, OneWebhookRateExactZeroUpstreamClosedFormDownstream) {
  const Scenario base = load_inline(pipeline(0.1), "compare.yml");
  const Scenario what_if = load_inline(pipeline(0.3), "compare.yml");
  const std::uint64_t n = 20000;
  const compare::CompareResult r = run(base, what_if, n, 2);
  ASSERT_EQ(r.runs(), n);
  for (const char* upstream : {"dev", "staging"}) {
    const int p = pair_of(r, upstream);
    ASSERT_GE(p, 0);
    for (int s = 0; s < kTargetStatusCount; ++s) {
      const compare::Difference d = compare::difference_of(r, p, static_cast<TargetStatus>(s));
      EXPECT_EQ(d.difference, 0.0) << upstream << " " << s;
      EXPECT_EQ(d.ci95.low, 0.0) << upstream << " " << s;
      EXPECT_EQ(d.ci95.high, 0.0) << upstream << " " << s;
      EXPECT_EQ(d.base, d.what_if);
    }
  }
  const compare::Difference prod =
      compare::difference_of(r, pair_of(r, "prod"), TargetStatus::kSucceeded);
  // The exact variance of one paired difference, from the closed form:
  // discordant with probability 0.8 * 0.2 = 0.16 (the draws are shared).
  const double expected = -0.16;
  const double sd = std::sqrt((0.16 - expected * expected) / static_cast<double>(n));
  EXPECT_NEAR(prod.difference, expected, 3.29 * sd);  // 99.9 %
  EXPECT_NEAR(prod.base, 0.72, 3.29 * std::sqrt(0.72 * 0.28 / static_cast<double>(n)));
  EXPECT_TRUE(prod.significant());
  // The paired interval is far narrower than that of two independent runs.
  const double independent = 1.96 * std::sqrt((0.72 * 0.28 + 0.56 * 0.44) / static_cast<double>(n));
  EXPECT_LT(prod.half_width(), 0.8 * independent);
  // The pipeline ends as prod does.
  const compare::Difference pipeline = compare::difference_of(r, -1, TargetStatus::kSucceeded);
  EXPECT_EQ(pipeline.difference, prod.difference);
  // The headline names prod and the pipeline only.
  const std::vector<std::string> lines = compare::headline(r);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].rfind("the pipeline succeeds ", 0), 0u) << lines[0];
  EXPECT_EQ(lines[1].rfind("prod succeeds ", 0), 0u) << lines[1];
  EXPECT_NE(lines[1].find(" pp, \u00b1"), std::string::npos) << lines[1];
}

TEST(Compare, SameResultForAnyThreadCount) {
  const Scenario base = load_inline(pipeline(0.1), "compare.yml");
  const Scenario what_if = load_inline(pipeline(0.3), "compare.yml");
  const compare::CompareResult one = run(base, what_if, 3000, 1);
  const compare::CompareResult two = run(base, what_if, 3000, 2);
  const compare::CompareResult three = run(base, what_if, 3000, 3);
  for (const compare::CompareResult* r : {&two, &three}) {
    EXPECT_EQ(one.base.aggregate, r->base.aggregate);
    EXPECT_EQ(one.what_if.aggregate, r->what_if.aggregate);
    EXPECT_EQ(one.pipeline, r->pipeline);
    EXPECT_EQ(one.targets, r->targets);
  }
}

// Each side alone is exactly what `montecarlo` gives for it.
TEST(Compare, EachSideIsItsMonteCarloSummary) {
  const Scenario base = load_inline(pipeline(0.1), "compare.yml");
  const Scenario what_if = load_inline(pipeline(0.3), "compare.yml");
  const compare::CompareResult r = run(base, what_if, 2000, 2);
  MonteCarloOptions o;
  o.runs = 2000;
  o.seed = 11;
  o.threads = 2;
  EXPECT_EQ(r.base.aggregate, run_montecarlo(base, o).aggregate);
  EXPECT_EQ(r.what_if.aggregate, run_montecarlo(what_if, o).aggregate);
}

TEST(Compare, TargetsOnOneSideOnlyAreListed) {
  const Scenario base = load_inline(pipeline(0.1), "compare.yml");
  const Scenario what_if = load_inline(pipeline(0.1, R"yaml(
    prod-eu:
      account: cluster
      namespace: eu
      constraints:
        dependsOn: [staging])yaml"),
                                       "compare.yml");
  const compare::CompareResult r = run(base, what_if, 500, 1);
  ASSERT_EQ(r.pairs.size(), 4u);
  EXPECT_EQ(r.pairs[3].name, "prod-eu");
  EXPECT_EQ(r.pairs[3].base, -1);
  EXPECT_EQ(r.pairs[3].what_if, 3);
  const std::vector<std::string> lines = compare::headline(r);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "prod-eu is only in WHATIF");
  std::ostringstream json;
  compare::write_compare_json(json, base, what_if, r, {});
  const nlohmann::json j = nlohmann::json::parse(json.str());
  EXPECT_EQ(j["difference"]["onlyInWhatIf"], nlohmann::json::array({"prod-eu"}));
  EXPECT_FALSE(j["difference"]["targets"].contains("prod-eu"));
  // An added target downstream changes nothing else: every difference is 0.
  EXPECT_EQ(j["difference"]["targets"]["prod"]["status"]["SUCCEEDED"]["ci95"],
            nlohmann::json::array({0.0, 0.0}));
}

std::filesystem::path write_temp(const std::string& name, const std::string& text) {
  const std::filesystem::path p = std::filesystem::temp_directory_path() /
                                  ("deploysim-compare-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(p) << text;
  return p;
}

TEST(Compare, AssumptionsThatDiffer) {
  const auto a = write_temp("a.yml", pipeline(0.1));
  const auto b = write_temp("b.yml", pipeline(0.3));
  Diagnostics d;
  const auto diff = compare::differing_assumptions(a.string(), b.string(), d);
  ASSERT_TRUE(diff) << (d.problems().empty() ? "" : d.problems()[0].to_string());
  // `name` is not an assumption; the smoke outcome is the one difference.
  ASSERT_EQ(diff->size(), 2u);
  EXPECT_EQ((*diff)[0].path, "webhooks.smoke.outcome.success");
  EXPECT_EQ((*diff)[0].base, "0.900000");
  EXPECT_EQ((*diff)[0].what_if, "0.700000");
  EXPECT_EQ((*diff)[1].path, "webhooks.smoke.outcome.failure");
  std::filesystem::remove(a);
  std::filesystem::remove(b);
}

using Output = test_support::CliOutput;
using test_support::cli;

using test_support::kAfter;
using test_support::kBefore;

// The committed pull-request pair: the JSON has SCENARIO.md's shape, the deploy
// file's edits are listed as assumptions, and prod-eu (now behind prod-us)
// succeeds less often while dev and staging are untouched.
TEST(CompareCli, PullRequestPair) {
  const Output o = cli({"compare", kBefore, kAfter, "--runs", "4000", "--seed", "7", "--threads",
                        "2", "--format", "json"});
  ASSERT_EQ(o.code, 0) << o.err;
  const nlohmann::json j = nlohmann::json::parse(o.out);
  EXPECT_EQ(j["schemaVersion"], 1);
  EXPECT_EQ(j["runs"], 4000);
  EXPECT_EQ(j["seed"], 7);
  EXPECT_EQ(j["stoppedBy"], "runs");
  EXPECT_EQ(j["base"]["scenario"], "potato-facts-release");
  EXPECT_EQ(j["whatIf"]["scenario"], "potato-facts-after-pr");
  EXPECT_EQ(j["base"]["runs"], 4000);
  const auto& eu = j["difference"]["targets"]["prod-eu"]["status"]["SUCCEEDED"];
  EXPECT_LT(eu["difference"].get<double>(), 0);
  EXPECT_LT(eu["ci95"][1].get<double>(), 0);
  EXPECT_TRUE(j["difference"]["pipeline"]["finishedAt"]["p50"].contains("whatIf"));
  for (const char* upstream : {"dev", "staging"}) {
    for (const auto& [status, d] : j["difference"]["targets"][upstream]["status"].items()) {
      EXPECT_EQ(d["ci95"], nlohmann::json::array({0.0, 0.0})) << upstream << " " << status;
    }
  }
  std::vector<std::string> paths;
  for (const auto& a : j["assumptions"]) paths.push_back(a["path"].get<std::string>());
  const std::vector<std::string> expected = {
      "deployment.targets.prod-us.constraints.afterDeployment",
      "deployment.targets.prod-eu.constraints.dependsOn",
      "deployment.webhooks[Run-Smoke-Tests]",
      "webhooks.Run-Smoke-Tests",
  };
  EXPECT_EQ(paths, expected);
  // Text: the answer first.
  const Output t = cli({"compare", kBefore, kAfter, "--runs", "4000", "--seed", "7"});
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_NE(t.out.find("Answer (success probabilities that changed; 95 % paired intervals):\n"
                       "  the pipeline succeeds "),
            std::string::npos)
      << t.out;
  EXPECT_NE(t.out.find("  prod-eu succeeds "), std::string::npos) << t.out;
}

TEST(CompareCli, BadInputIsExitTwoAndWritesNothing) {
  const auto out = std::filesystem::temp_directory_path() /
                   ("deploysim-compare-" + std::to_string(::getpid()) + "-never.json");
  const Output o =
      cli({"compare", kBefore, "/nonexistent/whatif.yml", "--runs", "10", "-o", out.string()});
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("/nonexistent/whatif.yml"), std::string::npos) << o.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace deploysim
