#include <gtest/gtest.h>

#include <sstream>

#include "deploysim/montecarlo_report.hpp"
#include "fake_replicator.hpp"

namespace deploysim {
namespace {

using testing::fake_scenario;
using testing::FakeReplicator;
using testing::run_fake;

std::string json_of(const MonteCarloResult& r) {
  std::ostringstream out;
  write_montecarlo_json(out, fake_scenario(), r);
  return out.str();
}

std::string text_of(const MonteCarloResult& r) {
  std::ostringstream out;
  write_montecarlo_text(out, fake_scenario(), r);
  return out.str();
}

TEST(Driver, SameSummaryForAnyThreadCountAndChunk) {
  const MonteCarloResult one = run_fake(5000, 1);
  const MonteCarloResult two = run_fake(5000, 2, 7, 7);
  const MonteCarloResult four = run_fake(5000, 4, 7, 1000);
  EXPECT_EQ(one.aggregate, two.aggregate);
  EXPECT_EQ(one.aggregate, four.aggregate);
  EXPECT_EQ(text_of(one), text_of(two));
  EXPECT_EQ(one.aggregate.runs(), 5000u);
  EXPECT_FALSE(one.stopped_early);
}

TEST(Driver, SameSeedSameBytes) {
  EXPECT_EQ(json_of(run_fake(2000, 2)), json_of(run_fake(2000, 2)));
  EXPECT_NE(json_of(run_fake(2000, 2, 7)), json_of(run_fake(2000, 2, 8)));
}

TEST(Driver, MergeOfTwoHalvesEqualsTheWhole) {
  // Replications 0..999 and 1000..1999 summarised apart, then merged.
  Aggregate first(3), second(3), whole(3);
  FakeReplicator rep;
  RunResult r;
  RunOptions options;
  options.seed = 7;
  for (std::uint64_t i = 0; i < 2000; ++i) {
    options.replication = i;
    rep.run(options, r);
    whole.add(r);
    (i < 1000 ? first : second).add(r);
  }
  Aggregate merged = first;
  merged.merge(second);
  EXPECT_EQ(merged, whole);
  EXPECT_EQ(run_fake(2000, 3).aggregate, whole);
}

TEST(Driver, AggregateAdderAddsLikeAdd) {
  // The adder defers the counts of targets CANCELLED upstream; after flush()
  // the summary is the same as add()'s, also when flushed in the middle.
  Aggregate direct(3), batched(3);
  FakeReplicator rep;
  RunResult r;
  RunOptions options;
  options.seed = 7;
  {
    AggregateAdder adder(batched);
    for (std::uint64_t i = 0; i < 2000; ++i) {
      options.replication = i;
      rep.run(options, r);
      direct.add(r);
      adder.add(r);
      if (i == 999) {
        adder.flush();
        EXPECT_EQ(batched.targets()[2].status[static_cast<int>(TargetStatus::kCancelled)],
                  direct.targets()[2].status[static_cast<int>(TargetStatus::kCancelled)]);
      }
    }
  }  // the destructor flushes
  EXPECT_GT(direct.targets()[2].status[static_cast<int>(TargetStatus::kCancelled)], 0u);
  EXPECT_EQ(batched, direct);
}

TEST(Driver, StopFlagEndsEarlyWithTheCompletedRuns) {
  std::atomic<bool> stop{true};
  MonteCarloOptions o;
  o.runs = 1000;
  o.threads = 2;
  o.stop = &stop;
  const MonteCarloResult r = run_montecarlo_with(
      3, [] { return std::make_unique<FakeReplicator>(); }, o);
  EXPECT_TRUE(r.stopped_early);
  EXPECT_LT(r.aggregate.runs(), 1000u);
  const std::string json = json_of(r);
  EXPECT_NE(json.find("\"stoppedEarly\": true"), std::string::npos);
  EXPECT_NE(text_of(r).find("STOPPED EARLY"), std::string::npos);
}

TEST(Driver, ProgressIsReportedOnTheCallingThread) {
  MonteCarloOptions o;
  o.runs = 300;
  o.threads = 2;
  std::uint64_t last = 0;
  o.on_progress = [&](std::uint64_t done, std::uint64_t total) {
    EXPECT_EQ(total, 300u);
    last = done;
  };
  run_montecarlo_with(
      3, [] { return std::make_unique<FakeReplicator>(); }, o);
  EXPECT_EQ(last, 300u);
}

TEST(Driver, ExceptionsFromAThreadAreRethrown) {
  struct Throwing final : Replicator {
    void run(const RunOptions&, RunResult&) override { throw std::runtime_error("boom"); }
  };
  MonteCarloOptions o;
  o.runs = 100;
  o.threads = 2;
  EXPECT_THROW(run_montecarlo_with(
                   3, [] { return std::make_unique<Throwing>(); }, o),
               std::runtime_error);
}

TEST(Aggregate, ChainProbabilitiesAndCauses) {
  // P(c SUCCEEDED) = 0.9^3 = 0.729 within the 95 % interval (a 5 % chance of
  // a false alarm per seed; the seed is fixed, so this is deterministic).
  const MonteCarloResult r = run_fake(20000, 2);
  const Aggregate& a = r.aggregate;
  const std::uint64_t k = a.targets()[2].status[static_cast<int>(TargetStatus::kSucceeded)];
  const Interval ci = wilson_interval(k, a.runs());
  EXPECT_LE(ci.low, 0.729);
  EXPECT_GE(ci.high, 0.729);
  // Three root causes (one per target), each a WEBHOOK_FAILED in afterDeployment.
  ASSERT_EQ(a.causes().size(), 3u);
  for (const auto& [key, count] : a.causes()) {
    EXPECT_EQ(key.reason, Reason::kWebhookFailed);
    EXPECT_EQ(key.phase, Phase::kAfterDeployment);
  }
  const std::string json = json_of(r);
  EXPECT_NE(json.find("\"quantileRelativeError\": 0.005"), std::string::npos);
  EXPECT_NE(json.find("\"text\": \"afterDeployment runWebhook tests at a: WEBHOOK_FAILED\""),
            std::string::npos);
}

TEST(TextReport, FitsOneScreen) {
  const std::string text = text_of(run_fake(2000, 2));
  int lines = 0;
  std::size_t widest = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line); ++lines) widest = std::max(widest, line.size());
  EXPECT_LE(lines, 50);
  EXPECT_LE(widest, 120u);
  EXPECT_NE(text.find("Outcomes"), std::string::npos);
  EXPECT_NE(text.find("Top failure causes"), std::string::npos);
  EXPECT_NE(text.find("Where the time goes"), std::string::npos);
  EXPECT_NE(text.find("afterDeployment runWebhook tests at a: WEBHOOK_FAILED"), std::string::npos);
}

}  // namespace
}  // namespace deploysim
