// factorized_marginals() (sim/explore/factorized.hpp): every target-status
// probability equals the joint explore()'s on small DAGs; each condition
// that breaks the factorization says so; the 10,000-target bench file.
#include "explore/factorized.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "deploysim/explore.hpp"
#include "deploysim/loader.hpp"
#include "explore/sub_scenario.hpp"
#include "scenarios.hpp"
#include "support/test_paths.hpp"

namespace deploysim::factorized_test {
namespace {

using explore_test::load;

std::vector<std::size_t> every_target(const Scenario& s) {
  std::vector<std::size_t> all(s.deployment.targets.size());
  std::iota(all.begin(), all.end(), std::size_t{0});
  return all;
}

explore::FactorizedMarginals factorize(const Scenario& s) {
  explore::SubScenarios subs(s);
  return explore::factorized_marginals(s, subs, every_target(s));
}

// The factorized marginals of `s` equal the joint enumeration's, status by
// status, for every target.
void expect_same_as_joint(const Scenario& s) {
  const explore::FactorizedMarginals f = factorize(s);
  ASSERT_TRUE(f.exact) << f.why_not;
  const explore::ExploreResult joint = explore::explore(s, {});
  ASSERT_FALSE(joint.partial);
  ASSERT_EQ(f.target_status.size(), joint.target_status.size());
  for (std::size_t t = 0; t < joint.target_status.size(); ++t) {
    double sum = 0;
    for (int k = 0; k < kTargetStatusCount; ++k) {
      SCOPED_TRACE(s.deployment.targets[t].name + " " +
                   std::string(to_string(static_cast<TargetStatus>(k))));
      EXPECT_NEAR(f.target_status[t][k], joint.target_status[t][k], 1e-12);
      sum += f.target_status[t][k];
    }
    EXPECT_NEAR(sum, 1.0, 1e-12);
  }
}

// a -> {b, c} -> d, a diamond. a and d call `flaky` (two retries, every
// attempt fails with 0.3, then success 0.9 / failure 0.1); b calls `gate`
// (success 0.8, failure 0.1, noCallback 0.1: TIMEOUT after 1h); c waits for
// an approval (approve 0.7, reject 0.3) that comes after 3h, the others'
// after 10m, so b and c succeed at different instants and d starts at the
// later one.
std::string diamond() {
  return explore_test::header("diamond") +
         "    a: {account: c, namespace: a, constraints: {afterDeployment: [{runWebhook: {name: "
         "flaky}}]}}\n"
         "    b: {account: c, namespace: b, constraints: {dependsOn: [a], afterDeployment: "
         "[{runWebhook: {name: gate}}]}}\n"
         "    c: {account: c, namespace: c, constraints: {dependsOn: [a], beforeDeployment: "
         "[{pause: {untilApproved: true}}]}}\n"
         "    d: {account: c, namespace: d, constraints: {dependsOn: [b, c], afterDeployment: "
         "[{runWebhook: {name: flaky}}]}}\n"
         "  manifests: [{path: app.yml}]\n"
         "  webhooks:\n"
         "    - {name: flaky, method: POST, uriTemplate: "
         "\"https://ci/f?cb={{armory.callbackUri}}\", "
         "retryCount: 2}\n"
         "    - {name: gate, method: POST, uriTemplate: "
         "\"https://ci/g?cb={{armory.callbackUri}}\"}\n"
         "timeouts: {webhookCallback: 1h, retryDelay: 1m}\n"
         "deploy: {readyAfter: 1m}\n"
         "horizon: 2d\n"
         "approvals:\n"
         "  default: {after: 10m, decision: {approve: 0.7, reject: 0.3}}\n"
         "  targets:\n"
         "    c: {after: 3h}\n"
         "webhooks:\n"
         "  flaky: {latency: 2m, outcome: {success: 0.9, failure: 0.1}, attemptFailure: 0.3}\n"
         "  gate: {latency: 5m, outcome: {success: 0.8, failure: 0.1, noCallback: 0.1}}\n";
}

// Every way a target ends by itself, behind shared ancestors:
// - root calls `gate` (success 0.8, failure 0.2);
// - roll (canary, after root): an analysis that passes and then asks a
//   person to roll forward (approve 0.6, reject 0.4 at the analysis gate):
//   a rejection rolls it back (ROLLED_BACK);
// - judged (after root): afterDeployment analysis whose query is out of
//   limits for it: C4, FAILED and deployed; before it, `gate`;
// - expiry (after roll): a beforeDeployment approval (approve 0.5, reject
//   0.2, never 0.3) expiring after 1h: CANCELLED by itself (APPROVAL_EXPIRED);
// - skipped (after judged): left out by targetFilters: SKIPPED whatever
//   happens upstream, and satisfies its dependents at time 0;
// - tail (after skipped and expiry): `gate`.
std::string every_ending(const std::string& filters) {
  return explore_test::header("every-ending") +
         "    root: {account: c, namespace: r, constraints: {afterDeployment: [{runWebhook: "
         "{name: gate}}]}}\n"
         "    roll: {account: c, namespace: o, strategy: probe, constraints: {dependsOn: [root]}}\n"
         "    judged: {account: c, namespace: j, constraints: {dependsOn: [root], "
         "afterDeployment: [{runWebhook: {name: gate}}, {analysis: {queries: [health], "
         "interval: 1, units: minutes, numberOfJudgmentRuns: 2}}]}}\n"
         "    expiry: {account: c, namespace: e, constraints: {dependsOn: [roll], "
         "beforeDeployment: [{pause: {untilApproved: true, approvalExpiration: {duration: 1, "
         "unit: hours}}}]}}\n"
         "    skipped: {account: c, namespace: s, constraints: {dependsOn: [judged], "
         "afterDeployment: [{runWebhook: {name: gate}}]}}\n"
         "    tail: {account: c, namespace: t, constraints: {dependsOn: [skipped, expiry], "
         "afterDeployment: [{runWebhook: {name: gate}}]}}\n"
         "  manifests: [{path: app.yml}]\n"
         "  strategies:\n"
         "    probe:\n"
         "      canary:\n"
         "        steps:\n"
         "          - setWeight: {weight: 50}\n"
         "          - analysis: {queries: [health], interval: 1, units: minutes, "
         "numberOfJudgmentRuns: 1, rollForwardMode: manual}\n"
         "          - setWeight: {weight: 100}\n"
         "  analysis:\n"
         "    defaultMetricProviderName: prom\n"
         "    queries:\n"
         "      - {name: health, upperLimit: 99, queryTemplate: health}\n"
         "  webhooks:\n"
         "    - {name: gate, method: POST, uriTemplate: "
         "\"https://ci/g?cb={{armory.callbackUri}}\"}\n" +
         filters +
         "deploy: {readyAfter: 1m, rollbackAfter: 2m}\n"
         "horizon: 2d\n"
         "approvals:\n"
         "  default: {after: 20m, decision: {approve: 0.5, reject: 0.2, never: 0.3}}\n"
         "  where:\n"
         "    analysis: {after: 5m, decision: {approve: 0.6, reject: 0.4}}\n"
         "webhooks:\n"
         "  gate: {latency: 5m, outcome: {success: 0.8, failure: 0.2}}\n"
         "analysis:\n"
         "  queries:\n"
         "    health:\n"
         "      value: 50\n"
         "      targets:\n"
         "        judged: {value: 120}\n";
}

const std::string kFilters =
    "  targetFilters:\n"
    "    - includeTarget: root\n"
    "    - includeTarget: roll\n"
    "    - includeTarget: judged\n"
    "    - includeTarget: expiry\n"
    "    - includeTarget: tail\n";

double p(const explore::FactorizedMarginals& f, std::size_t t, TargetStatus s) {
  return f.target_status[t][static_cast<std::size_t>(s)];
}

TEST(ExploreFactorized, DiamondWithRetriesAndApprovalsMatchesTheJointEnumeration) {
  const Scenario s = load(diamond());
  expect_same_as_joint(s);
  // By hand: s(a) = s(d) = (1 - 0.3^3) 0.9, s(b) = 0.8, s(c) = 0.7; d runs
  // when a, b and c succeed: a counts once, not once per path to d.
  const double flaky = (1 - 0.027) * 0.9;
  const explore::FactorizedMarginals f = factorize(s);
  EXPECT_NEAR(p(f, 3, TargetStatus::kSucceeded), flaky * 0.8 * 0.7 * flaky, 1e-15);
  EXPECT_NEAR(p(f, 3, TargetStatus::kCancelled), 1 - flaky * 0.8 * 0.7, 1e-15);
  EXPECT_GT(f.paths, 4u);
  // Same input, same bits.
  const explore::FactorizedMarginals again = factorize(s);
  EXPECT_EQ(again.target_status, f.target_status);
  EXPECT_EQ(again.paths, f.paths);
}

TEST(ExploreFactorized, EveryWayToEndMatchesTheJointEnumeration) {
  const Scenario s = load(every_ending(""));
  expect_same_as_joint(s);
  const explore::FactorizedMarginals f = factorize(s);
  // Targets: root roll judged expiry skipped tail. judged's analysis fails
  // (2 runs of 1m) before its parallel `gate` answers (5m): FAILED whenever
  // root succeeds, so `skipped` and `tail` never run.
  EXPECT_NEAR(p(f, 2, TargetStatus::kFailed), 0.8, 1e-15);
  EXPECT_NEAR(p(f, 4, TargetStatus::kCancelled), 1.0, 1e-15);
  EXPECT_NEAR(p(f, 5, TargetStatus::kCancelled), 1.0, 1e-15);
  // The joint run shows the endings by themselves: C4 (FAILED, deployed,
  // ANALYSIS_FAILED), the expiry (CANCELLED, APPROVAL_EXPIRED) and the
  // rejected roll forward.
  const explore::ExploreResult joint = explore::explore(s, {});
  std::set<std::pair<std::size_t, Reason>> endings;
  for (const explore::Outcome& o : joint.outcomes) {
    for (std::size_t t = 0; t < o.reasons.size(); ++t) endings.emplace(t, o.reasons[t]);
  }
  EXPECT_TRUE(endings.count({2, Reason::kAnalysisFailed}));
  EXPECT_TRUE(endings.count({3, Reason::kApprovalExpired}));
  EXPECT_TRUE(endings.count({1, Reason::kApprovalRejected}));
  EXPECT_GT(p(f, 1, TargetStatus::kRolledBack), 0.0);
  EXPECT_GT(p(f, 3, TargetStatus::kCancelled), 1 - 0.8 * 0.6);  // upstream, or expired
}

TEST(ExploreFactorized, FilteredOutTargetCountsAsSucceededForItsDependents) {
  const Scenario s = load(every_ending(kFilters));
  expect_same_as_joint(s);
  const explore::FactorizedMarginals f = factorize(s);
  EXPECT_EQ(p(f, 4, TargetStatus::kSkipped), 1.0);
  // tail waits for skipped (satisfied at 0, whatever judged and root did
  // through it) and for expiry: root, roll and expiry must succeed.
  EXPECT_NEAR(p(f, 5, TargetStatus::kSucceeded), 0.8 * 0.6 * 0.5 * 0.8, 1e-15);
}

TEST(ExploreFactorized, ScenarioTargetListReplacesTheFilter) {
  Scenario s = load(every_ending(kFilters));
  s.only_targets = {"judged", "tail"};
  expect_same_as_joint(s);
  const explore::FactorizedMarginals f = factorize(s);
  EXPECT_EQ(p(f, 0, TargetStatus::kSkipped), 1.0);
  EXPECT_NEAR(p(f, 2, TargetStatus::kFailed), 1.0, 1e-15);  // root SKIPPED: satisfied
  EXPECT_NEAR(p(f, 5, TargetStatus::kSucceeded), 0.8, 1e-15);
}

TEST(ExploreFactorized, GroupsOfTheScenarioAreFactorizedOnTheirOwn) {
  // The diamond's {a, b} is closed under dependsOn; results are indexed like
  // the group.
  const Scenario s = load(diamond());
  explore::SubScenarios subs(s);
  const std::vector<std::size_t> ab = {0, 1};
  const explore::FactorizedMarginals f = explore::factorized_marginals(s, subs, ab);
  ASSERT_TRUE(f.exact) << f.why_not;
  ASSERT_EQ(f.target_status.size(), 2u);
  EXPECT_NEAR(p(f, 1, TargetStatus::kSucceeded), (1 - 0.027) * 0.9 * 0.8, 1e-15);
  // {d} alone is not closed: d waits for b and c.
  const std::vector<std::size_t> d = {3};
  const explore::FactorizedMarginals open = explore::factorized_marginals(s, subs, d);
  EXPECT_FALSE(open.exact);
  EXPECT_EQ(open.why_not, "the group is not closed under dependsOn: d depends on b");
  EXPECT_TRUE(open.target_status.empty());
}

// Random small DAGs (a fixed generator, so the same cases every run): each
// target depends on some earlier ones and calls `gate` (its own mix), waits
// for an approval (its own mix and `after`) or both; every third pipeline
// leaves a target out with targetFilters.
TEST(ExploreFactorized, RandomSmallDagsMatchTheJointEnumeration) {
  std::mt19937 rng(18);
  for (int round = 0; round < 24; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const int n = 3 + static_cast<int>(rng() % 5);
    std::string text = explore_test::header("random");
    std::string models;
    for (int t = 0; t < n; ++t) {
      const std::string name = "t" + std::to_string(t);
      std::string deps;
      for (int p = 0; p < t; ++p) {
        if (rng() % 3 == 0) deps += (deps.empty() ? "" : ", ") + ("t" + std::to_string(p));
      }
      const unsigned kind = rng() % 3;  // 0 webhook, 1 approval, 2 both
      text += "    " + name + ": {account: c, namespace: " + name + ", constraints: {dependsOn: [" +
              deps + "]";
      if (kind != 0) text += ", beforeDeployment: [{pause: {untilApproved: true}}]";
      if (kind != 1) text += ", afterDeployment: [{runWebhook: {name: gate}}]";
      text += "}}\n";
      const int ok = 50 + static_cast<int>(rng() % 41);  // both two digits
      models += "      " + name + ": {outcome: {success: 0." + std::to_string(ok) +
                ", failure: 0." + std::to_string(100 - ok) +
                "}, latency: " + std::to_string(1 + rng() % 20) + "m}\n";
    }
    text +=
        "  manifests: [{path: app.yml}]\n"
        "  webhooks:\n"
        "    - {name: gate, method: POST, uriTemplate: \"https://ci/g?cb={{armory.callbackUri}}\", "
        "retryCount: 1}\n";
    if (round % 3 == 2) text += "  targetFilters: [{includeTarget: t0}, {includeTarget: t2}]\n";
    text +=
        "timeouts: {webhookCallback: 1h, retryDelay: 1m}\n"
        "deploy: {readyAfter: 1m}\n"
        "horizon: 2d\n"
        "approvals:\n"
        "  default: {after: 10m, decision: {approve: 0.6, reject: 0.4}}\n"
        "  targets: {t1: {after: 2h, decision: {approve: 0.9, reject: 0.1}}}\n"
        "webhooks:\n"
        "  gate:\n"
        "    attemptFailure: 0.2\n"
        "    targets:\n" +
        models;
    expect_same_as_joint(load(text));
  }
}

// --- Each condition that breaks the factorization ----------------------------

std::string why_not(const std::string& text) {
  const Scenario s = load(text);
  const explore::FactorizedMarginals f = factorize(s);
  EXPECT_FALSE(f.exact);
  EXPECT_TRUE(f.target_status.empty());
  return f.why_not;
}

TEST(ExploreFactorized, WorkingHoursBreakIt) {
  std::string text = diamond();
  text.replace(text.find("approvals:\n"), 11,
               "approvals:\n"
               "  where:\n"
               "    beforeDeployment:\n"
               "      workingHours: {days: [Mon, Tue], from: \"09:00\", to: \"17:00\"}\n");
  EXPECT_EQ(why_not(text), "approvals of c use working hours");
}

TEST(ExploreFactorized, WeekUniformCalendarAloneDoesNot) {
  // The wall clock is read by working hours only.
  const Scenario s = load(diamond() + "calendar: {start: weekUniform}\n");
  expect_same_as_joint(s);
}

TEST(ExploreFactorized, AgentDownWindowsBreakIt) {
  EXPECT_EQ(why_not(diamond() + "faults:\n  agents:\n    c: {down: [{from: 1h, to: 2h}]}\n"),
            "a deploys through agent c, which has down windows (W11)");
}

TEST(ExploreFactorized, AgentOutagesBreakIt) {
  EXPECT_EQ(
      why_not(diamond() + "faults:\n  agents:\n    c: {outages: {every: 1d, lasting: 10m}}\n"),
      "a deploys through agent c, which has outages (W11)");
}

TEST(ExploreFactorized, RemoteNetworkAgentWithFaultsBreaksIt) {
  std::string text = diamond();
  const std::string plain = "- {name: gate, method: POST, ";
  text.replace(text.find(plain), plain.size(),
               "- {name: gate, method: POST, networkMode: remoteNetworkAgent, "
               "agentIdentifier: ci-agent, ");
  EXPECT_EQ(why_not(text + "faults:\n  agents:\n    ci-agent: {down: [{from: 1h, to: 2h}]}\n"),
            "b calls webhook gate through agent ci-agent, which has down windows (W9)");
}

TEST(ExploreFactorized, ReceiverOutagesBreakIt) {
  EXPECT_EQ(
      why_not(diamond() + "faults:\n  webhooks:\n    gate: {outages: {every: 1d, lasting: 10m}}\n"),
      "b calls webhook gate, whose receiver has outages");
}

TEST(ExploreFactorized, TargetLiveAtTheHorizonAloneBreaksIt) {
  // An approval that never comes and never expires.
  std::string text = diamond();
  const std::string mix = "decision: {approve: 0.7, reject: 0.3}";
  text.replace(text.find(mix), mix.size(), "decision: {approve: 0.7, never: 0.3}");
  EXPECT_EQ(why_not(text), "c is still live at the horizon when run alone");
}

TEST(ExploreFactorized, ChainThatMayEndAfterTheHorizonBreaksIt) {
  // Alone, each target ends at 6m (readyAfter 1m, then `gate` answers in
  // 5m); the chain reaches 3h at its 30th target.
  const Scenario s =
      load(explore_test::chain(40, "{success: 0.9, failure: 0.1}") + "horizon: 3h\n");
  const explore::FactorizedMarginals f = factorize(s);
  EXPECT_FALSE(f.exact);
  EXPECT_EQ(f.why_not,
            "t29 may end at 3h after its longest dependsOn chain, not before the horizon (3h)");
  // An override of the horizon counts, as explore()'s --horizon does.
  const Scenario day = load(explore_test::chain(40, "{success: 0.9, failure: 0.1}"));
  explore::SubScenarios subs(day);
  const explore::FactorizedMarginals cut =
      explore::factorized_marginals(day, subs, every_target(day), std::chrono::hours(3));
  EXPECT_FALSE(cut.exact);
  EXPECT_EQ(cut.why_not, f.why_not);
  // With the default horizon, it factorizes and matches 0.9^k.
  const explore::FactorizedMarginals g = factorize(day);
  ASSERT_TRUE(g.exact) << g.why_not;
  EXPECT_NEAR(p(g, 39, TargetStatus::kSucceeded), std::pow(0.9, 40), 1e-14);
  EXPECT_EQ(g.paths, 80u);
}

// --- The bench file ----------------------------------------------------------

TEST(ExploreFactorized, TenThousandTargetBenchFile) {
  Diagnostics d;
  const std::optional<Scenario> s =
      load_scenario(test_paths::bench_scenario_dir() + "/canary-10000.yml", {}, d);
  ASSERT_TRUE(s);
  const explore::FactorizedMarginals f = factorize(*s);
  ASSERT_TRUE(f.exact) << f.why_not;
  ASSERT_EQ(f.target_status.size(), 10000u);
  // s by hand from the file: the webhook `check` succeeds with 0.98 (the one
  // discrete choice: its latency takes its median); the analysis's 3 runs
  // draw health uniformly in [0, 100) against upperLimit 99, a continuous
  // draw, which explore's reduction puts at its median, 50: it passes. The
  // sampled model's 0.98 * 0.99^3 is not this reduction's answer.
  const double one = 0.98;
  EXPECT_EQ(f.paths, 2u * 10000u);
  EXPECT_NEAR(p(f, 0, TargetStatus::kSucceeded), one, 1e-15);
  EXPECT_NEAR(p(f, 0, TargetStatus::kRolledBack), 0.02, 1e-15);
  // The last target's ancestors, counted on the graph (a set: layers share them).
  const std::vector<Target>& targets = s->deployment.targets;
  std::set<int> ancestors;
  std::vector<int> to_visit(targets.back().depends_on_indices);
  while (!to_visit.empty()) {
    const int a = to_visit.back();
    to_visit.pop_back();
    if (!ancestors.insert(a).second) continue;
    for (int q : targets[static_cast<std::size_t>(a)].depends_on_indices) to_visit.push_back(q);
  }
  const double expected = std::pow(one, 1.0 + static_cast<double>(ancestors.size()));
  EXPECT_NEAR(p(f, 9999, TargetStatus::kSucceeded) / expected, 1.0, 1e-12);
  EXPECT_NEAR(p(f, 9999, TargetStatus::kCancelled), 1 - expected / one, 1e-12);
}

// The same reduction on the 3-target file, where the joint enumeration is
// possible: the factorized answer is explore()'s.
TEST(ExploreFactorized, ThreeTargetBenchFileMatchesTheJointEnumeration) {
  Diagnostics d;
  const std::optional<Scenario> s =
      load_scenario(test_paths::bench_scenario_dir() + "/canary-3.yml", {}, d);
  ASSERT_TRUE(s);
  expect_same_as_joint(*s);
}

}  // namespace
}  // namespace deploysim::factorized_test
