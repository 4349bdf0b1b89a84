// Approvals by gate and role (SCENARIO.md second edition): each gate's model
// answers with exactly the probabilities it was given. Monte Carlo
// frequencies with fixed seeds, checked against the closed form within 3.29
// standard errors (99.9 %); the exact instants are scenarios/whatif/*.yml.
#include <gtest/gtest.h>

#include <cmath>

#include "deploysim/loader.hpp"
#include "deploysim/montecarlo.hpp"
#include "support/known_answers.hpp"

namespace deploysim {
namespace {

using test_support::expect_frequency;
using test_support::load_inline;

// prod: beforeDeployment approval (where: approve 0.8, reject 0.2), then
// afterDeployment approval (targets.prod.where: approve 0.9, reject 0.1).
//   CANCELLED (before rejected, C3) 0.2; FAILED (after rejected, C4)
//   0.8 x 0.1 = 0.08; SUCCEEDED 0.72.
// ops: a canary pause requiring [nobody, sre] (roles.sre: approve 0.6,
//   reject 0.4; its reject rolls back): ROLLED_BACK 0.4; and a manual
//   rollForward of an analysis (where.analysis: approve 0.75, reject 0.25)
//   after it: ROLLED_BACK 0.4 + 0.6 x 0.25 = 0.55, SUCCEEDED 0.45.
// The default (reject everything) answers no question here.
constexpr const char* kGates = R"yaml(
name: gates
deployment:
  version: v1
  kind: kubernetes
  application: app
  targets:
    prod:
      account: cluster
      namespace: prod
      constraints:
        beforeDeployment: [{pause: {untilApproved: true}}]
        afterDeployment: [{pause: {untilApproved: true}}]
    ops:
      account: cluster
      namespace: ops
      strategy: c
  manifests: [{path: app.yml}]
  strategies:
    c:
      canary:
        steps:
          - setWeight: {weight: 50}
          - pause: {untilApproved: true, requiresRoles: [nobody, sre]}
          - analysis: {interval: 1, units: minutes, numberOfJudgmentRuns: 1, queries: [cpu], rollForwardMode: manual}
  analysis:
    defaultMetricProviderName: prom
    queries:
      - {name: cpu, queryTemplate: avg(cpu), upperLimit: 80}
analysis:
  queries:
    cpu: {value: 20}
approvals:
  default: {after: 1m, decision: reject}
  where:
    beforeDeployment: {decision: {approve: 0.8, reject: 0.2}}
    afterDeployment: {decision: approve}
    analysis: {decision: {approve: 0.75, reject: 0.25}}
  roles:
    sre: {decision: {approve: 0.6, reject: 0.4}}
  targets:
    prod:
      where:
        afterDeployment: {decision: {approve: 0.9, reject: 0.1}}
)yaml";

TEST(ApprovalsByGate, EachGateAnswersWithItsOwnProbabilities) {
  const Scenario s = load_inline(kGates, "gates.yml");
  MonteCarloOptions o;
  o.runs = 40000;
  o.seed = 5;
  o.threads = 2;
  const MonteCarloResult r = run_montecarlo(s, o);
  const auto& prod = r.aggregate.targets()[0];
  const auto& ops = r.aggregate.targets()[1];
  const auto n = r.aggregate.runs();
  ASSERT_EQ(n, 40000u);
  auto count = [](const auto& tally, TargetStatus status) {
    return tally.status[static_cast<int>(status)];
  };
  expect_frequency(count(prod, TargetStatus::kCancelled), n, 0.2, "prod CANCELLED");
  expect_frequency(count(prod, TargetStatus::kFailed), n, 0.08, "prod FAILED");
  expect_frequency(count(prod, TargetStatus::kSucceeded), n, 0.72, "prod SUCCEEDED");
  expect_frequency(count(ops, TargetStatus::kRolledBack), n, 0.55, "ops ROLLED_BACK");
  expect_frequency(count(ops, TargetStatus::kSucceeded), n, 0.45, "ops SUCCEEDED");
  EXPECT_EQ(count(prod, TargetStatus::kCancelled) + count(prod, TargetStatus::kFailed) +
                count(prod, TargetStatus::kSucceeded),
            n);
}

}  // namespace
}  // namespace deploysim
