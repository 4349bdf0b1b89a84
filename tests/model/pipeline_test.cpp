// D1-D7 and the horizon (MODEL 1-5, 27).
#include <gtest/gtest.h>

#include "model_test_util.hpp"

namespace deploysim::testing {
namespace {

Scenario failing_root() {
  // a fails in beforeDeployment at 300 (callback failure after 5m).
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(1min);
  add_target(s, "a").constraints.before_deployment.push_back(run_webhook("bad"));
  add_webhook(s, "bad");
  webhook_model(s, "bad").outcome = outcome(WebhookOutcome::kFailure);
  webhook_model(s, "bad").latency = constant(5min);
  return s;
}

TEST(Pipeline, D2RootsStartTogetherAndAJoinStartsAtTheLastPredecessor) {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(1min);
  add_target(s, "a");
  add_target(s, "b").constraints.before_deployment.push_back(timed_pause(5min));
  add_target(s, "c", {"a", "b"});
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(outcome_of(s, r, "a").started_at, at(0s));
  EXPECT_EQ(outcome_of(s, r, "a").finished_at, at(60s));
  EXPECT_EQ(outcome_of(s, r, "b").started_at, at(0s));
  EXPECT_EQ(outcome_of(s, r, "b").finished_at, at(360s));
  EXPECT_EQ(outcome_of(s, r, "c").started_at, at(360s));
  EXPECT_EQ(outcome_of(s, r, "c").finished_at, at(420s));
  EXPECT_EQ(outcome_of(s, r, "c").status, TargetStatus::kSucceeded);
  EXPECT_EQ(outcome_of(s, r, "c").weight, 100);
  EXPECT_TRUE(outcome_of(s, r, "c").deployed);
  EXPECT_EQ(r.pipeline, TargetStatus::kSucceeded);
  EXPECT_EQ(r.finished_at, at(420s));
}

TEST(Pipeline, D3AfterDeploymentGatesDependents) {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(1min);
  add_target(s, "a").constraints.after_deployment.push_back(timed_pause(10min));
  add_target(s, "b", {"a"});
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(outcome_of(s, r, "a").finished_at, at(660s));
  EXPECT_EQ(outcome_of(s, r, "b").started_at, at(660s));
}

TEST(Pipeline, D4CancelsTransitiveDependentsWithTheRootAsCause) {
  Scenario s = failing_root();
  add_target(s, "b", {"a"});
  add_target(s, "c", {"b"});
  finish(s);
  const RunResult r = run(s);
  const TargetOutcome& a = outcome_of(s, r, "a");
  EXPECT_EQ(a.status, TargetStatus::kFailed);
  EXPECT_EQ(a.finished_at, at(300s));
  for (const char* name : {"b", "c"}) {
    const TargetOutcome& o = outcome_of(s, r, name);
    EXPECT_EQ(o.status, TargetStatus::kCancelled) << name;
    EXPECT_EQ(o.reason, Reason::kUpstreamFailed) << name;
    EXPECT_EQ(o.finished_at, at(300s)) << name;
    EXPECT_FALSE(o.started_at) << name;
    ASSERT_TRUE(o.cause) << name;
    EXPECT_EQ(o.cause->target, 0) << name;  // the root, not the parent
    EXPECT_EQ(o.cause->phase, Phase::kDependsOn) << name;
    EXPECT_EQ(o.cause->step, "") << name;
  }
  EXPECT_EQ(r.pipeline, TargetStatus::kFailed);
  EXPECT_EQ(r.finished_at, at(300s));
}

TEST(Pipeline, D5IndependentBranchesKeepRunning) {
  Scenario s = failing_root();
  add_target(s, "b", {"a"});
  add_target(s, "x").constraints.before_deployment.push_back(timed_pause(10min));
  add_target(s, "y", {"x"});
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(outcome_of(s, r, "b").status, TargetStatus::kCancelled);
  EXPECT_EQ(outcome_of(s, r, "x").status, TargetStatus::kSucceeded);
  EXPECT_EQ(outcome_of(s, r, "x").finished_at, at(660s));
  EXPECT_EQ(outcome_of(s, r, "y").status, TargetStatus::kSucceeded);
  EXPECT_EQ(outcome_of(s, r, "y").finished_at, at(720s));
  EXPECT_EQ(r.pipeline, TargetStatus::kFailed);
  EXPECT_EQ(r.finished_at, at(720s));
}

TEST(Pipeline, D6SkippedTargetsSatisfyDependentsAtZero) {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(1min);
  add_target(s, "a");
  add_target(s, "b", {"a"});
  add_target(s, "c", {"b"});
  finish(s);
  RunOptions options;
  options.only_targets = {"c"};
  const RunResult r = run(s, options);
  EXPECT_EQ(outcome_of(s, r, "a").status, TargetStatus::kSkipped);
  EXPECT_EQ(outcome_of(s, r, "b").status, TargetStatus::kSkipped);
  EXPECT_FALSE(outcome_of(s, r, "b").started_at);
  EXPECT_FALSE(outcome_of(s, r, "b").finished_at);
  EXPECT_EQ(outcome_of(s, r, "c").started_at, at(0s));
  EXPECT_EQ(outcome_of(s, r, "c").finished_at, at(60s));
  EXPECT_EQ(r.pipeline, TargetStatus::kSucceeded);
  EXPECT_EQ(r.finished_at, at(60s));
}

TEST(Pipeline, D6TargetFiltersSkipTheMiddleOfAChain) {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(1min);
  add_target(s, "a");
  add_target(s, "b", {"a"});
  add_target(s, "c", {"b"});
  s.deployment.target_filters = {"a", "c"};
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(outcome_of(s, r, "b").status, TargetStatus::kSkipped);
  // c depends only on the skipped b: it starts at 0, alongside a.
  EXPECT_EQ(outcome_of(s, r, "c").started_at, at(0s));
  EXPECT_EQ(outcome_of(s, r, "a").finished_at, at(60s));
}

TEST(Pipeline, D7FailedBeatsCancelled) {
  Scenario s = failing_root();
  add_target(s, "b", {"a"});  // CANCELLED
  finish(s);
  EXPECT_EQ(run(s).pipeline, TargetStatus::kFailed);
}

TEST(Pipeline, D7CancelledWhenNothingFailed) {
  Scenario s = make_scenario();
  add_target(s, "a").constraints.before_deployment.push_back(approval(1h));
  approval_model(s).decision = decision(Decision::kNever);
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(outcome_of(s, r, "a").status, TargetStatus::kCancelled);
  EXPECT_EQ(r.pipeline, TargetStatus::kCancelled);
  EXPECT_EQ(r.finished_at, at(1h));
}

TEST(Pipeline, D7RolledBackCountsAsFailed) {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(40min);  // > 30m readiness timeout
  add_target(s, "a");
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(outcome_of(s, r, "a").status, TargetStatus::kRolledBack);
  EXPECT_EQ(r.pipeline, TargetStatus::kFailed);
}

// D7 (revised): a live target keeps the pipeline live, even after a failure.
TEST(Pipeline, D7LiveEvenWhenSomeTargetFailed) {
  Scenario s = failing_root();
  add_target(s, "slow").constraints.before_deployment.push_back(timed_pause(100h));
  s.horizon = 10h;
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(outcome_of(s, r, "slow").status, TargetStatus::kPaused);
  EXPECT_EQ(r.pipeline, TargetStatus::kPaused);
  EXPECT_FALSE(r.finished_at);
}

TEST(Pipeline, HorizonKeepsLiveStatusesWithPrecedence) {
  Scenario s = make_scenario();
  s.horizon = 2h;
  // waiting: an approval nobody answers, in parallel with a pause (approval wins).
  add_target(s, "waiting").constraints.before_deployment = {approval(), timed_pause(10h)};
  add_target(s, "paused").constraints.before_deployment = {timed_pause(10h), run_webhook("slow")};
  add_target(s, "running").constraints.before_deployment.push_back(run_webhook("slow"));
  add_target(s, "blocked", {"waiting"});
  add_webhook(s, "slow");
  webhook_model(s, "slow").latency = constant(10h);
  approval_model(s).decision = decision(Decision::kNever);
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(outcome_of(s, r, "waiting").status, TargetStatus::kAwaitingApproval);
  EXPECT_EQ(outcome_of(s, r, "paused").status, TargetStatus::kPaused);
  EXPECT_EQ(outcome_of(s, r, "running").status, TargetStatus::kRunning);
  EXPECT_EQ(outcome_of(s, r, "blocked").status, TargetStatus::kNotStarted);
  for (const TargetOutcome& o : r.targets) {
    EXPECT_EQ(o.reason, Reason::kHorizon);
    EXPECT_FALSE(o.finished_at);
  }
  // D7: the same precedence for the pipeline.
  EXPECT_EQ(r.pipeline, TargetStatus::kAwaitingApproval);
  EXPECT_FALSE(r.finished_at);
  ASSERT_EQ(r.webhooks.size(), 2u);
  EXPECT_EQ(r.webhooks[0].result, WebhookResult::kPending);
  EXPECT_FALSE(r.webhooks[0].finished_at);
  // Time up to the horizon is counted.
  EXPECT_EQ(outcome_of(s, r, "waiting").time.approvals, Duration(2h));
  EXPECT_EQ(outcome_of(s, r, "waiting").time.pauses, Duration(2h));
  EXPECT_EQ(outcome_of(s, r, "running").time.webhooks, Duration(2h));
}

TEST(Pipeline, HorizonFromRunOptionsWins) {
  Scenario s = make_scenario();
  add_target(s, "a").constraints.before_deployment.push_back(timed_pause(3h));
  finish(s);
  RunOptions options;
  options.horizon = 1h;
  EXPECT_EQ(run(s, options).pipeline, TargetStatus::kPaused);
  EXPECT_EQ(run(s).pipeline, TargetStatus::kSucceeded);
}

Scenario random_world() {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = Distribution{Distribution::Kind::kExponential, 60000, 0, {}};
  add_canary(s, "c", {set_weight(50), run_webhook("hook"), timed_pause(10min)});
  add_target(s, "a", {}, "c");
  add_target(s, "b", {"a"}, "c");
  add_target(s, "x", {}, "c");
  add_webhook(s, "hook", 2);
  WebhookModelLayer& m = webhook_model(s, "hook");
  m.latency = Distribution{Distribution::Kind::kExponential, 300000, 0, {}};
  m.outcome = WebhookOutcomeMix{0.7, 0.2, 0.05, 0.05};
  m.attempt_failure = 0.2;
  finish(s);
  return s;
}

TEST(Pipeline, SameSeedGivesTheSameResult) {
  const Scenario s = random_world();
  RunOptions options;
  options.seed = 42;
  options.record_trace = true;
  Simulator sim(s);
  const std::string first = describe(sim.run(options));
  // Reusing the simulator (and running something else in between) changes nothing.
  RunOptions other = options;
  other.replication = 5;
  sim.run(other);
  EXPECT_EQ(describe(sim.run(options)), first);
  EXPECT_EQ(describe(Simulator(s).run(options)), first);
}

TEST(Pipeline, RecordingDoesNotChangeTheOutcome) {
  const Scenario s = random_world();
  for (std::uint64_t rep = 0; rep < 20; ++rep) {
    RunOptions quiet;
    quiet.seed = 7;
    quiet.replication = rep;
    quiet.record_details = false;
    RunOptions loud = quiet;
    loud.record_details = true;
    loud.record_trace = true;
    const RunResult a = run(s, quiet);
    const RunResult b = run(s, loud);
    ASSERT_EQ(a.events, b.events);
    for (std::size_t t = 0; t < a.targets.size(); ++t) {
      EXPECT_EQ(a.targets[t].status, b.targets[t].status);
      EXPECT_EQ(a.targets[t].finished_at, b.targets[t].finished_at);
    }
    EXPECT_TRUE(a.webhooks.empty());
    EXPECT_TRUE(a.trace.empty());
  }
}

TEST(Pipeline, DifferentReplicationsDrawDifferently) {
  const Scenario s = random_world();
  RunOptions options;
  options.seed = 42;
  std::set<std::string> seen;
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    options.replication = rep;
    seen.insert(describe(run(s, options)));
  }
  EXPECT_EQ(seen.size(), 5u);
}

// The one resolver the loader and finish() use: names to indices.
TEST(ResolveReferences, NamesBecomeIndices) {
  Scenario s = make_scenario();
  add_webhook(s, "hook");
  add_query(s, "cpu", 0, 90);
  add_canary(s, "slow", {run_webhook("hook"), analysis({"nope", "cpu"})});
  add_target(s, "a");
  add_target(s, "b", {}, "slow");
  add_target(s, "c", {"b", "a", "b", "zz", "c"}, "missing");
  target(s, "a").constraints.before_deployment = {run_webhook("hook"), run_webhook("other")};
  resolve_references(s.deployment);
  resolve_references(s.deployment);  // idempotent
  const Deployment& d = s.deployment;
  EXPECT_EQ(d.targets[0].strategy_index, -1);
  EXPECT_EQ(d.targets[1].strategy_index, 0);
  EXPECT_EQ(d.targets[2].strategy_index, -1);
  EXPECT_EQ(d.targets[2].depends_on_indices, (std::vector<int>{1, 0}));
  const auto& before = d.targets[0].constraints.before_deployment;
  EXPECT_EQ(std::get<WebhookStep>(before[0].action).webhook, 0);
  EXPECT_EQ(std::get<WebhookStep>(before[1].action).webhook, -1);
  const auto& steps = std::get<CanaryStrategy>(d.strategies[0].kind).steps;
  EXPECT_EQ(std::get<WebhookStep>(steps[0].action).webhook, 0);
  EXPECT_EQ(std::get<AnalysisStep>(steps[1].action).query_indices, (std::vector<int>{0}));
}

}  // namespace
}  // namespace deploysim::testing
