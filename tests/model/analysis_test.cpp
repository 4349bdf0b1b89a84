// A1-A6 (MODEL 23-26).
#include <gtest/gtest.h>

#include "model_test_util.hpp"

namespace deploysim::testing {
namespace {

// canary: setWeight 50 (ready at 60), analysis of cpu in [0, 80] (3 runs of 1m).
Scenario canary_analysis(std::vector<double> values, AnalysisOptions options = {}) {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(1min);
  add_query(s, "cpu", 0, 80,
            "avg(cpu{ns=\"{{armory.namespace}}\"})[{{armory.promQlStepInterval}}]");
  add_canary(s, "c", {set_weight(50), analysis({"cpu"}, options)});
  add_target(s, "a", {}, "c");
  query_model(s, "cpu").sequence = std::move(values);
  finish(s);
  return s;
}

TEST(Analysis, A2MeanPassesAlthoughOneRunIsOutOfLimits) {
  const Scenario s = canary_analysis({40, 95, 50});
  const RunResult r = run(s);
  EXPECT_EQ(r.targets[0].status, TargetStatus::kSucceeded);
  EXPECT_EQ(r.targets[0].finished_at, at(300s));  // analysis ends 240, implicit 100 at 300
  ASSERT_EQ(r.analyses.size(), 1u);
  const AnalysisRecord& a = r.analyses[0];
  EXPECT_TRUE(a.passed);
  EXPECT_FALSE(a.aborted);
  EXPECT_EQ(a.where, "canary step 2");
  EXPECT_EQ(a.started_at, SimTime(60s));
  EXPECT_EQ(a.finished_at, at(240s));
  ASSERT_EQ(a.queries.size(), 1u);
  EXPECT_EQ(a.queries[0].values, (std::vector<double>{40, 95, 50}));
  ASSERT_TRUE(a.queries[0].mean);
  EXPECT_NEAR(*a.queries[0].mean, 185.0 / 3, 1e-9);
  EXPECT_EQ(a.queries[0].passed, true);
  EXPECT_EQ(a.queries[0].rendered_template, "avg(cpu{ns=\"a\"})[60s]");
  EXPECT_EQ(r.targets[0].time.analysis, Duration(3min));
}

TEST(Analysis, A2MeanOutsideTheLimitsFails) {
  const Scenario s = canary_analysis({70, 95, 90});
  const RunResult r = run(s);
  EXPECT_EQ(r.targets[0].status, TargetStatus::kRolledBack);
  EXPECT_EQ(r.targets[0].reason, Reason::kAnalysisFailed);
  EXPECT_EQ(r.targets[0].finished_at, at(240s));
  EXPECT_EQ(r.targets[0].cause->step, "analysis");
}

TEST(Analysis, A2LimitsAreInclusive) {
  const Scenario s = canary_analysis({80, 80, 80});
  EXPECT_EQ(run(s).targets[0].status, TargetStatus::kSucceeded);
}

TEST(Analysis, A5AbortAtRunTwo) {
  AnalysisOptions abort;
  abort.abort_on_failed_judgment = true;
  const Scenario s = canary_analysis({40, 95, 50}, abort);
  const RunResult r = run(s);
  EXPECT_EQ(r.targets[0].status, TargetStatus::kRolledBack);
  EXPECT_EQ(r.targets[0].reason, Reason::kAnalysisFailed);
  EXPECT_EQ(r.targets[0].finished_at, at(180s));
  ASSERT_EQ(r.analyses.size(), 1u);
  EXPECT_TRUE(r.analyses[0].aborted);
  EXPECT_FALSE(r.analyses[0].passed);
  EXPECT_EQ(r.analyses[0].queries[0].values, (std::vector<double>{40, 95}));
  // A7: the query out of limits was judged (failed): its mean is shown.
  EXPECT_EQ(r.analyses[0].queries[0].mean, 67.5);
  EXPECT_EQ(r.analyses[0].queries[0].passed, false);
  EXPECT_EQ(r.analyses[0].finished_at, at(180s));
}

TEST(Analysis, A3ManualRollbackStartsWhenThePersonAnswers) {
  AnalysisOptions manual;
  manual.roll_back = RollMode::kManual;
  Scenario s = canary_analysis({90, 90, 90}, manual);
  approval_model(s).after = constant(10min);
  s.deploy.defaults.rollback_after = constant(1min);
  const RunResult r = run(s);
  // Fails at 240; asked then, answered at 840; rollback ends at 900.
  EXPECT_EQ(r.targets[0].status, TargetStatus::kRolledBack);
  EXPECT_EQ(r.targets[0].reason, Reason::kAnalysisFailed);
  EXPECT_EQ(r.targets[0].finished_at, at(900s));
  EXPECT_EQ(r.targets[0].time.approvals, Duration(10min));
}

TEST(Analysis, A3ManualRollbackRejectAlsoRollsBack) {
  AnalysisOptions manual;
  manual.roll_back = RollMode::kManual;
  Scenario s = canary_analysis({90, 90, 90}, manual);
  approval_model(s).decision = decision(Decision::kReject);
  approval_model(s).after = constant(5min);
  const RunResult r = run(s);
  EXPECT_EQ(r.targets[0].reason, Reason::kAnalysisFailed);
  EXPECT_EQ(r.targets[0].finished_at, at(540s));
}

TEST(Analysis, A4ManualRollForwardWaitsForApproval) {
  AnalysisOptions manual;
  manual.roll_forward = RollMode::kManual;
  Scenario s = canary_analysis({10, 10, 10}, manual);
  approval_model(s).after = constant(10min);
  const RunResult r = run(s);
  // Passes at 240, approved at 840, implicit 100 ready at 900.
  EXPECT_EQ(r.targets[0].status, TargetStatus::kSucceeded);
  EXPECT_EQ(r.targets[0].finished_at, at(900s));
}

TEST(Analysis, A4ManualRollForwardRejectRollsBack) {
  AnalysisOptions manual;
  manual.roll_forward = RollMode::kManual;
  Scenario s = canary_analysis({10, 10, 10}, manual);
  approval_model(s).decision = decision(Decision::kReject);
  const RunResult r = run(s);
  EXPECT_EQ(r.targets[0].status, TargetStatus::kRolledBack);
  EXPECT_EQ(r.targets[0].reason, Reason::kApprovalRejected);
  EXPECT_EQ(r.targets[0].finished_at, at(240s));
}

TEST(Analysis, A6AfterDeploymentFailureIsAConstraintFailure) {
  Scenario s = make_scenario();
  s.deploy.defaults.ready_after = constant(1min);
  add_query(s, "cpu", std::nullopt, 80);
  AnalysisOptions manual;
  manual.roll_back = RollMode::kManual;  // ignored in afterDeployment
  add_target(s, "a").constraints.after_deployment = {analysis({"cpu"}, manual)};
  add_target(s, "b", {"a"});
  query_model(s, "cpu").value = Distribution::constant(99.0);
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(r.targets[0].status, TargetStatus::kFailed);
  EXPECT_EQ(r.targets[0].reason, Reason::kAnalysisFailed);
  EXPECT_TRUE(r.targets[0].deployed);
  EXPECT_FALSE(r.targets[0].rolled_back);
  EXPECT_EQ(r.targets[0].finished_at, at(240s));
  EXPECT_EQ(r.targets[0].cause->phase, Phase::kAfterDeployment);
  EXPECT_EQ(r.analyses[0].phase, Phase::kAfterDeployment);
  EXPECT_EQ(r.targets[1].status, TargetStatus::kCancelled);
}

TEST(Analysis, A1EveryQuerySampledOncePerRunAndNoModelPasses) {
  Scenario s = make_scenario();
  add_query(s, "cpu", 10, 20);
  add_query(s, "errors", std::nullopt, 5);
  add_target(s, "a").constraints.after_deployment = {analysis({"cpu", "errors"})};
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(r.targets[0].status, TargetStatus::kSucceeded);
  ASSERT_EQ(r.analyses[0].queries.size(), 2u);
  EXPECT_EQ(r.analyses[0].queries[0].values, (std::vector<double>{15, 15, 15}));  // MODEL 26
  EXPECT_EQ(r.analyses[0].queries[1].values, (std::vector<double>{5, 5, 5}));
}

TEST(Analysis, QueryTimeVariablesDescribeTheLastInterval) {
  Scenario s = make_scenario();
  add_query(s, "q", 0, 100,
            "{{armory.startTimeIso8601}} {{armory.endTimeEpochSeconds}} "
            "{{armory.intervalMillis}} {{armory.environmentName}}");
  add_target(s, "prod").constraints.after_deployment = {analysis({"q"})};
  finish(s);
  const RunResult r = run(s);
  EXPECT_EQ(r.analyses[0].queries[0].rendered_template,
            "2026-01-01T00:02:00Z 1767225780 60000 prod");
}

}  // namespace
}  // namespace deploysim::testing
