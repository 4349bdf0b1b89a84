// The queue's rules on streams small enough to follow by hand: constant
// arrivals and constant pipeline durations, every figure exact.
#include <gtest/gtest.h>

#include "deploysim/simulation.hpp"
#include "deploysim/stream.hpp"
#include "stream_scenario.hpp"

namespace deploysim {
namespace {

using std::chrono::minutes;
using testing::StreamScenario;

constexpr std::int64_t kMinute = 60'000;

stream::Result play(const Scenario& scenario, std::uint64_t changes, unsigned threads = 1) {
  stream::Options options;
  options.changes = changes;
  options.seed = 1;
  options.threads = threads;
  return stream::run_stream(scenario, options);
}

// Changes at 10, 20, ..., 90 min; each pipeline takes 25 min.
// Pipelines start at 10 (change 0), 40 (changes 1-3) and 70 (changes 4-6);
// 20, 30, 50, 60, 80 and 90 are refused, and the last two are never carried.
TEST(StreamQueue, RejectRefusesWhileAPipelineRuns) {
  const Scenario s = StreamScenario("reject", "10m", "25m").load();
  const stream::Result r = play(s, 9);
  EXPECT_EQ(r.policy, IfDeploymentInProgress::kReject);
  EXPECT_EQ(r.changes, 9u);
  EXPECT_EQ(r.rejected, 6u);
  EXPECT_EQ(r.superseded, 0u);
  EXPECT_EQ(r.pipelines, 3u);
  EXPECT_EQ(r.successful_pipelines, 3u);
  EXPECT_EQ(r.pipeline_status[static_cast<std::size_t>(TargetStatus::kSucceeded)], 3u);
  EXPECT_EQ(r.delivered, 7u);
  EXPECT_EQ(r.lead_time.count(), 7u);
  EXPECT_EQ(r.lead_time.sum(), (25 + 45 + 35 + 25 + 45 + 35 + 25) * kMinute);
  EXPECT_EQ(r.lead_time.min(), 25 * kMinute);
  EXPECT_EQ(r.lead_time.max(), 45 * kMinute);
  EXPECT_EQ(r.waited, 0u);
  EXPECT_EQ(r.wait_for_slot.sum(), 0);
  EXPECT_EQ(r.time_to_restore.count(), 0u);
  EXPECT_EQ(r.unrestored, 0u);
  EXPECT_EQ(r.end, minutes(95));
}

// Changes at 10, 20, ..., 90 min; each pipeline takes 25 min.
//  10 P1 starts (change 0)            35 P1 ends: 0 delivered; P2 starts (change 2, asked at 30)
//  20 change 1 waits; 30 change 2 supersedes it
//  40 change 3 waits; 50 change 4 supersedes it
//  60 P2 ends first (ties: an end before an arrival): 1, 2 delivered; P3 starts (change 4);
//     then change 5 waits; 70 change 6 and 80 change 7 supersede
//  85 P3 ends: 3, 4 delivered; P4 starts (change 7); 90 change 8 waits
// 110 P4 ends: 5, 6, 7 delivered; P5 starts (change 8)   135 P5 ends: 8 delivered
TEST(StreamQueue, EnqueueOneKeepsTheNewestRequest) {
  const Scenario s = StreamScenario("enqueueOne", "10m", "25m").load();
  const stream::Result r = play(s, 9);
  EXPECT_EQ(r.policy, IfDeploymentInProgress::kEnqueueOne);
  EXPECT_EQ(r.rejected, 0u);
  EXPECT_EQ(r.superseded, 4u);
  EXPECT_EQ(r.pipelines, 5u);
  EXPECT_EQ(r.delivered, 9u);
  EXPECT_EQ(r.lead_time.sum(), (25 + 40 + 30 + 45 + 35 + 50 + 40 + 30 + 45) * kMinute);
  EXPECT_EQ(r.waited, 4u);
  EXPECT_EQ(r.wait_for_slot.count(), 5u);
  EXPECT_EQ(r.wait_for_slot.sum(), (5 + 10 + 5 + 20) * kMinute);
  EXPECT_EQ(r.end, minutes(135));
  // Hour bins: [0, 1h), [1h, 2h), [2h, 3h).
  EXPECT_EQ(r.throughput.bin_width, std::chrono::hours(1));
  EXPECT_EQ(r.throughput.bins_used, 3u);
  EXPECT_EQ(r.throughput.delivered_changes[0], 1u);  // at 35
  EXPECT_EQ(r.throughput.delivered_changes[1], 7u);  // at 60, 85 and 110
  EXPECT_EQ(r.throughput.delivered_changes[2], 1u);  // at 135
  EXPECT_EQ(r.throughput.superseded[0], 2u);
  EXPECT_EQ(r.throughput.superseded[1], 2u);
}

// Changes 10 days apart: each has a pipeline of its own (pipeline k is change
// k's). With a webhook that fails at random, the figures follow from the
// replications played directly: a failed pipeline's change rides with the
// next change's pipeline, and a failure episode lasts from the first failed
// end to the next successful end.
TEST(StreamQueue, FailedPipelinesAgainstTheReplicationsPlayedDirectly) {
  const Scenario s = StreamScenario("reject", "10d", "{uniform: {min: 1m, max: 9m}}",

                                    "{latency: {exponential: {mean: 3m}}, "
                                    "outcome: {success: 0.6, failure: 0.4}}")
                         .load();
  constexpr std::uint64_t kChanges = 400;
  const stream::Result r = play(s, kChanges);

  Simulator simulator(s);
  const std::int64_t gap = 10 * 24 * 60 * kMinute;
  std::uint64_t successes = 0, failures = 0, episodes = 0, delivered = 0;
  std::int64_t lead_sum = 0, restore_sum = 0, duration_sum = 0;
  // When the current run of failed pipelines began; -1: the last one succeeded.
  // (Not an optional: GCC -O1 reads its engaged value as maybe uninitialized.)
  std::int64_t failing_since = -1;
  std::uint64_t first_undelivered = 0;
  for (std::uint64_t k = 0; k < kChanges; ++k) {
    RunOptions options;
    options.seed = 1;
    options.replication = k;
    options.record_details = false;
    const RunResult run = simulator.run(options);
    ASSERT_TRUE(run.finished_at.has_value());
    const std::int64_t arrival = gap * static_cast<std::int64_t>(k + 1);
    const std::int64_t end = arrival + run.finished_at->count();
    duration_sum += run.finished_at->count();
    if (run.targets[0].status == TargetStatus::kSucceeded) {
      ++successes;
      for (std::uint64_t c = first_undelivered; c <= k; ++c) {
        lead_sum += end - gap * static_cast<std::int64_t>(c + 1);
        ++delivered;
      }
      first_undelivered = k + 1;
      if (failing_since >= 0) {
        restore_sum += end - failing_since;
        ++episodes;
        failing_since = -1;
      }
    } else {
      ++failures;
      if (failing_since < 0) failing_since = end;
    }
  }
  ASSERT_GT(failures, 100u);  // the webhook fails 40 % of the time
  EXPECT_EQ(r.rejected, 0u);
  EXPECT_EQ(r.pipelines, kChanges);
  EXPECT_EQ(r.successful_pipelines, successes);
  EXPECT_EQ(r.pipeline_status[static_cast<std::size_t>(TargetStatus::kFailed)], failures);
  EXPECT_EQ(r.pipeline_time.sum(), duration_sum);
  EXPECT_EQ(r.delivered, delivered);
  EXPECT_EQ(r.lead_time.count(), delivered);
  EXPECT_EQ(r.lead_time.sum(), lead_sum);
  EXPECT_EQ(r.time_to_restore.count(), episodes);
  EXPECT_EQ(r.time_to_restore.sum(), restore_sum);
  EXPECT_EQ(r.unrestored, failing_since >= 0 ? 1u : 0u);
}

// A pipeline still live at the horizon holds the slot until the horizon
// (counted from its start), counts as failed and delivers nothing.
TEST(StreamQueue, APipelineCutByTheHorizonHoldsTheSlotUntilThen) {
  const Scenario s =
      StreamScenario("reject", "10m", "1m", "{latency: 2h, outcome: success}").load();
  stream::Options options;
  options.changes = 7;  // at 10, 20, ..., 70 min
  options.base.horizon = minutes(25);
  const stream::Result r = stream::run_stream(s, options);
  // Pipelines start at 10 (cut at 35), 40 (cut at 65) and 70 (cut at 95).
  EXPECT_EQ(r.pipelines, 3u);
  EXPECT_EQ(r.cut_by_horizon, 3u);
  EXPECT_EQ(r.successful_pipelines, 0u);
  EXPECT_EQ(r.pipeline_status[static_cast<std::size_t>(TargetStatus::kRunning)], 3u);
  EXPECT_EQ(r.rejected, 4u);
  EXPECT_EQ(r.delivered, 0u);
  EXPECT_EQ(r.end, minutes(95));
  EXPECT_EQ(r.unrestored, 1u);
  EXPECT_EQ(r.time_to_restore.count(), 0u);
}

// The default of measureAt is the targets nothing depends on; a change is
// delivered only when all of them SUCCEEDED.
TEST(StreamQueue, MeasureAtDefaultsToTheLeaves) {
  Diagnostics diagnostics;
  const std::optional<Scenario> s = load_scenario_from_string(
      "deployment:\n"
      "  version: v1\n  kind: kubernetes\n  application: app\n"
      "  targets:\n"
      "    staging: {account: c, namespace: s}\n"
      "    prod-us: {account: c, namespace: u, constraints: {dependsOn: [staging]}}\n"
      "    prod-eu: {account: c, namespace: e, constraints: {dependsOn: [staging]}}\n"
      "  manifests: [{path: app.yml}]\n"
      "releases: {arrivals: 1h}\n",
      "leaves.yml", LoadOptions{}, diagnostics);
  ASSERT_TRUE(s.has_value());
  ASSERT_TRUE(s->releases.has_value());
  EXPECT_EQ(s->releases->measure_at, (std::vector<std::string>{"prod-us", "prod-eu"}));
  EXPECT_EQ(s->releases->arrivals.kind, Distribution::Kind::kConstant);
  EXPECT_EQ(s->releases->arrivals.a, 3'600'000);
}

}  // namespace
}  // namespace deploysim
