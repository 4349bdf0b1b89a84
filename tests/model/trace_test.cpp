// record_trace and record_details: what the trace holds, in order.
#include <gtest/gtest.h>

#include "model_test_util.hpp"

namespace deploysim::testing {
namespace {

std::vector<std::string> kinds(const RunResult& r) {
  std::vector<std::string> out;
  for (const TraceEvent& e : r.trace) {
    out.push_back(std::to_string(e.at.count() / 1000) + " " + std::to_string(e.target) + " " +
                  e.kind);
  }
  return out;
}

Scenario small() {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(1min);
  s.deploy.defaults.rollback_after = constant(1min);
  add_canary(s, "c", {set_weight(50), run_webhook("h")});
  add_target(s, "a", {}, "c");
  add_target(s, "b", {"a"});
  add_webhook(s, "h", 1);
  webhook_model(s, "h").sequence =
      std::vector<ScriptedWebhookCall>{scripted(WebhookOutcome::kFailure, 2min, 1)};
  finish(s);
  return s;
}

TEST(Trace, FullTraceHasEveryStateChangeInOrder) {
  const Scenario s = small();
  RunOptions options;
  options.record_trace = true;
  const RunResult r = run(s, options);
  EXPECT_EQ(kinds(r), (std::vector<std::string>{
                          "0 0 target.start",
                          "0 0 phase",
                          "0 0 readiness.start",
                          "60 0 weight",
                          "60 0 webhook.call",
                          "60 0 webhook.attempt",
                          "70 0 webhook.attempt",
                          "190 0 callback",
                          "190 0 webhook.end",
                          "190 0 rollback.start",
                          "250 0 weight",
                          "250 0 rollback.end",
                          "250 0 target.end",
                          "250 1 cancel",
                      }));
  const TraceEvent& end = r.trace[12];
  EXPECT_EQ(end.fields, (std::vector<std::pair<std::string, std::string>>{
                            {"status", "ROLLED_BACK"}, {"reason", "WEBHOOK_FAILED"}}));
}

TEST(Trace, DetailsAloneKeepACompactTimeline) {
  const Scenario s = small();
  const RunResult r = run(s);  // record_details is on by default
  EXPECT_EQ(kinds(r), (std::vector<std::string>{
                          "0 0 target.start",
                          "0 0 phase",
                          "60 0 weight",
                          "190 0 rollback.start",
                          "250 0 weight",
                          "250 0 rollback.end",
                          "250 0 target.end",
                          "250 1 cancel",
                      }));
  ASSERT_EQ(r.webhooks.size(), 1u);
  EXPECT_EQ(r.webhooks[0].attempts, 2);
}

TEST(Trace, MonteCarloModeRecordsNothing) {
  const Scenario s = small();
  RunOptions options;
  options.record_details = false;
  const RunResult r = run(s, options);
  EXPECT_TRUE(r.trace.empty());
  EXPECT_TRUE(r.webhooks.empty());
  EXPECT_TRUE(r.weights.empty());
  EXPECT_EQ(r.targets[0].status, TargetStatus::kRolledBack);
  EXPECT_EQ(r.targets[0].finished_at, at(250s));
}

}  // namespace
}  // namespace deploysim::testing
