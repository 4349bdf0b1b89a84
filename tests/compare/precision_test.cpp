// --precision H: blocks of 1,000 replications in index order; the run stops
// after the first block after which every status probability's 95 %
// half-width is <= H, whatever the thread count.
#include <gtest/gtest.h>

#include <sstream>

#include "../montecarlo/fake_replicator.hpp"
#include "committed_pair.hpp"
#include "deploysim/cli.hpp"
#include "deploysim/montecarlo_report.hpp"
#include "support/cli_runner.hpp"
#include "support/test_paths.hpp"

namespace deploysim {
namespace {

MonteCarloResult run(std::uint64_t runs, unsigned threads, double precision,
                     std::uint64_t chunk = 64) {
  MonteCarloOptions o;
  o.runs = runs;
  o.threads = threads;
  o.seed = 7;
  o.chunk = chunk;
  o.precision = precision;
  return run_montecarlo_with(
      3, [] { return std::make_unique<testing::FakeReplicator>(); }, o);
}

TEST(Precision, StopsAtTheFirstQualifyingBlock) {
  const double h = 0.01;
  const MonteCarloResult r = run(100000, 2, h);
  EXPECT_EQ(r.stopped_by, StoppedBy::kPrecision);
  EXPECT_FALSE(r.stopped_early);
  const std::uint64_t n = r.aggregate.runs();
  ASSERT_EQ(n % 1000, 0u);
  ASSERT_GT(n, 1000u);  // several blocks, so "the first" is tested
  EXPECT_TRUE(within_precision(r.aggregate, h));
  // The summary is that of replications 0..n-1, and the block before did not
  // qualify.
  EXPECT_EQ(r.aggregate, run(n, 1, 0).aggregate);
  EXPECT_FALSE(within_precision(run(n - 1000, 1, 0).aggregate, h));
}

TEST(Precision, SameResultForAnyThreadCount) {
  const MonteCarloResult one = run(100000, 1, 0.01);
  const MonteCarloResult two = run(100000, 2, 0.01, 7);
  const MonteCarloResult four = run(100000, 4, 0.01, 1000);
  EXPECT_EQ(one.aggregate, two.aggregate);
  EXPECT_EQ(one.aggregate, four.aggregate);
  std::ostringstream a, b;
  write_montecarlo_json(a, testing::fake_scenario(), one);
  write_montecarlo_json(b, testing::fake_scenario(), two);
  EXPECT_EQ(a.str().substr(0, a.str().find("\"threads\"")),
            b.str().substr(0, b.str().find("\"threads\"")));
  EXPECT_EQ(a.str().substr(a.str().find("\"runsCompleted\"")),
            b.str().substr(b.str().find("\"runsCompleted\"")));
  EXPECT_NE(a.str().find("\"stoppedBy\": \"precision\""), std::string::npos);
  EXPECT_NE(a.str().find("\"precision\": 0.01"), std::string::npos);
}

TEST(Precision, RunsIsTheCap) {
  // Not reachable in 2,500 runs: blocks of 1000, 1000 and 500, then the cap.
  const MonteCarloResult r = run(2500, 2, 0.001);
  EXPECT_EQ(r.stopped_by, StoppedBy::kRuns);
  EXPECT_EQ(r.aggregate.runs(), 2500u);
  EXPECT_EQ(r.aggregate, run(2500, 2, 0).aggregate);
}

TEST(Precision, InterruptIsReported) {
  std::atomic<bool> stop{true};
  MonteCarloOptions o;
  o.runs = 5000;
  o.threads = 2;
  o.precision = 0.01;
  o.stop = &stop;
  const MonteCarloResult r = run_montecarlo_with(
      3, [] { return std::make_unique<testing::FakeReplicator>(); }, o);
  EXPECT_EQ(r.stopped_by, StoppedBy::kInterrupt);
  EXPECT_TRUE(r.stopped_early);
  EXPECT_EQ(r.aggregate.runs(), 0u);
}

using Output = test_support::CliOutput;
using test_support::cli;

using test_support::kAfter;
using test_support::kBefore;

std::string without_threads(std::string json) {
  const std::string key = "\"threads\": ";
  for (std::size_t at = json.find(key); at != std::string::npos; at = json.find(key, at + 1)) {
    const std::size_t end = json.find_first_of(",\n", at);
    json.replace(at, end - at, key + "_");
  }
  return json;
}

// compare --precision: the same report for --threads 1 and 2, stopped at a
// whole number of blocks below the cap.
TEST(Precision, CompareThreadsOneAndTwo) {
  const std::vector<std::string> args = {"compare",     kBefore, kAfter,     "--runs", "50000",
                                         "--precision", "0.02",  "--format", "json"};
  std::vector<std::string> one = args, two = args;
  one.insert(one.end(), {"--threads", "1"});
  two.insert(two.end(), {"--threads", "2"});
  const Output a = cli(one), b = cli(two);
  ASSERT_EQ(a.code, 0) << a.err;
  ASSERT_EQ(b.code, 0) << b.err;
  EXPECT_EQ(without_threads(a.out), without_threads(b.out));
  EXPECT_NE(a.out.find("\"stoppedBy\": \"precision\""), std::string::npos);
  EXPECT_EQ(a.out.find("\"runsCompleted\": 50000"), std::string::npos);
}

TEST(Precision, MonteCarloCliThreadsOneAndTwo) {
  const std::vector<std::string> args = {"montecarlo",  kBefore, "--runs",   "50000",
                                         "--precision", "0.01",  "--format", "json"};
  std::vector<std::string> one = args, two = args;
  one.insert(one.end(), {"--threads", "1"});
  two.insert(two.end(), {"--threads", "2"});
  const Output a = cli(one), b = cli(two);
  ASSERT_EQ(a.code, 0) << a.err;
  ASSERT_EQ(b.code, 0) << b.err;
  EXPECT_EQ(without_threads(a.out), without_threads(b.out));
  EXPECT_NE(a.out.find("\"stoppedBy\": \"precision\""), std::string::npos);
}

}  // namespace
}  // namespace deploysim
