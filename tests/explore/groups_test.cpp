// explore() over independent groups (issue 18): which targets are coupled
// (independent_groups), the exact combination of the groups' explorations
// against hand-computed answers and against one joint enumeration of the
// same scenario (ExploreOptions::factorize = false), and the listing of a
// product too large to list.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "deploysim/explore.hpp"
#include "explore/sub_scenario.hpp"
#include "scenarios.hpp"

namespace deploysim::explore_groups_test {  // named: the unity build shares its file
namespace {

using explore_test::load;

double marginal(const explore::ExploreResult& r, std::size_t target, TargetStatus s) {
  return r.target_status[target][static_cast<std::size_t>(s)];
}

using Groups = std::vector<std::vector<std::size_t>>;

// a -> b on `gate` (0.9), and c alone on `coin` (0.5): two groups.
std::string chain_and_coin(const std::string& properties) {
  return explore_test::header("chain-and-coin") +
         "    a: {account: c, namespace: a, constraints: {afterDeployment: [{runWebhook: {name: "
         "gate}}]}}\n"
         "    b: {account: c, namespace: b, constraints: {dependsOn: [a], afterDeployment: "
         "[{runWebhook: {name: gate}}]}}\n"
         "    c: {account: c, namespace: c, constraints: {afterDeployment: [{runWebhook: {name: "
         "coin}}]}}\n"
         "  manifests: [{path: app.yml}]\n"
         "  webhooks:\n"
         "    - {name: gate, method: POST, uriTemplate: "
         "\"https://ci/g?cb={{armory.callbackUri}}\"}\n"
         "    - {name: coin, method: POST, uriTemplate: "
         "\"https://ci/c?cb={{armory.callbackUri}}\"}\n"
         "deploy: {readyAfter: 0s}\n"
         "webhooks:\n"
         "  gate: {latency: 5m, outcome: {success: 0.9, failure: 0.1}}\n"
         "  coin: {latency: 1m, outcome: {success: 0.5, failure: 0.5}}\n" +
         properties;
}

const std::string kSpanningProperties =
    "properties:\n"
    "  - name: b-and-c-not-both\n"
    "    never: {all: [{target: b, status: SUCCEEDED}, {target: c, status: FAILED}]}\n"
    "  - name: ships\n"
    "    always: {pipeline: SUCCEEDED}\n"
    "  - name: cancelled-alone\n"
    "    sometimes: {pipeline: CANCELLED}\n"
    "  - name: coin-failed-while-a-failed\n"
    "    never: {all: [{webhook: coin, target: c, result: [FAILURE]}, {target: a, status: "
    "FAILED}]}\n"
    "  - name: b-cancelled-or-c-ok\n"
    "    sometimes: {any: [{target: b, status: CANCELLED}, {not: {target: c, status: "
    "SUCCEEDED}}]}\n";

TEST(ExploreGroups, CouplingFollowsDependsOnFaultyAgentsAndReceivers) {
  // Independent coins, one account without faults: one group each.
  EXPECT_EQ(explore::independent_groups(load(explore_test::coins(4))),
            (Groups{{0}, {1}, {2}, {3}}));
  EXPECT_EQ(explore::independent_groups(load(explore_test::chain(3,
                                                                 "{success: 0.5, "
                                                                 "failure: 0.5}"))),
            (Groups{{0, 1, 2}}));
  EXPECT_EQ(explore::independent_groups(load(chain_and_coin(""))), (Groups{{0, 1}, {2}}));
  // Their shared account `c` is an agent with an outage process: one group
  // (its starting state is one choice every deploy sees).
  const std::string faulty_agent =
      "faults:\n  agents:\n    c: {outages: {every: 1h, lasting: 30m}}\n";
  EXPECT_EQ(explore::independent_groups(load(explore_test::coins(3) + faulty_agent)),
            (Groups{{0, 1, 2}}));
  // Fixed down windows of the shared agent couple them too (conservative).
  EXPECT_EQ(explore::independent_groups(load(explore_test::coins(2) +
                                             "faults:\n  agents:\n    c: {down: [{from: 1h, to: "
                                             "2h}]}\n")),
            (Groups{{0, 1}}));
  // The receiver of `coin` with outages: every caller shares it.
  EXPECT_EQ(explore::independent_groups(
                load(explore_test::coins(3) +
                     "faults:\n  webhooks:\n    coin: {outages: {every: 1h, lasting: 30m}}\n")),
            (Groups{{0, 1, 2}}));
}

TEST(ExploreGroups, AWebhookThroughOneFaultyAgentCouplesTwoChains) {
  // Two chains on their own accounts, both calling `probe` through the
  // agent `rna` (agentIdentifier), which has outages: one group. Without
  // the faults: two.
  const std::string text =
      explore_test::header("two-chains") +
      "    a0: {account: x, namespace: a0, constraints: {afterDeployment: [{runWebhook: {name: "
      "probe}}]}}\n"
      "    a1: {account: x, namespace: a1, constraints: {dependsOn: [a0]}}\n"
      "    b0: {account: y, namespace: b0, constraints: {afterDeployment: [{runWebhook: {name: "
      "probe}}]}}\n"
      "    b1: {account: y, namespace: b1, constraints: {dependsOn: [b0]}}\n"
      "  manifests: [{path: app.yml}]\n"
      "  webhooks:\n"
      "    - {name: probe, method: POST, uriTemplate: \"https://ci/p?cb={{armory.callbackUri}}\", "
      "networkMode: remoteNetworkAgent, agentIdentifier: rna}\n"
      "webhooks:\n"
      "  probe: {latency: 1m, outcome: {success: 0.5, failure: 0.5}}\n";
  EXPECT_EQ(explore::independent_groups(load(text)), (Groups{{0, 1}, {2, 3}}));
  const std::string faulty =
      text + "faults:\n  agents:\n    rna: {outages: {every: 1h, lasting: 1h}}\n";
  const Scenario s = load(faulty);
  EXPECT_EQ(explore::independent_groups(s), (Groups{{0, 1, 2, 3}}));
  // One group: explored jointly, as before (the agent's state is one choice:
  // up 1/2, and each probe 1/2 when it gets through).
  const explore::ExploreResult r = explore::explore(s, {});
  EXPECT_EQ(r.groups, 1u);
  EXPECT_FALSE(r.show_groups);
  EXPECT_FALSE(r.partial);
}

TEST(ExploreGroups, TargetFilterKeepsSkippedTargetsSkipped) {
  // `target: [c1, c3]`: c0 and c2 are SKIPPED; they join c1's group so that
  // its sub-scenario keeps a filter.
  const Scenario s = load(explore_test::coins(4) + "target: [c1, c3]\n");
  EXPECT_EQ(explore::independent_groups(s), (Groups{{0, 1, 2}, {3}}));
  const explore::ExploreResult r = explore::explore(s, {});
  EXPECT_EQ(r.paths, 4u);
  EXPECT_EQ(marginal(r, 0, TargetStatus::kSkipped), 1.0);
  EXPECT_EQ(marginal(r, 2, TargetStatus::kSkipped), 1.0);
  EXPECT_EQ(marginal(r, 3, TargetStatus::kSucceeded), 0.5);
}

TEST(ExploreGroups, TwelveCoinsGive4096EndStatesFrom24Paths) {
  const Scenario s = load(explore_test::coins(12));
  const explore::ExploreResult r = explore::explore(s, {});
  EXPECT_EQ(r.groups, 12u);
  EXPECT_EQ(r.paths, 24u);
  EXPECT_FALSE(r.partial);
  EXPECT_FALSE(r.outcomes_cut);
  EXPECT_TRUE(r.targets_exact);
  EXPECT_EQ(r.end_states, "4096");
  ASSERT_EQ(r.outcomes.size(), 4096u);
  for (const explore::Outcome& o : r.outcomes) {
    EXPECT_EQ(o.probability, std::ldexp(1.0, -12));
    EXPECT_EQ(o.paths, 1u);
    EXPECT_EQ(o.example.choices.size(), 12u);
  }
  EXPECT_EQ(r.outcomes.front().pipeline, TargetStatus::kSucceeded);
  EXPECT_EQ(r.outcomes.back().statuses, std::vector<TargetStatus>(12, TargetStatus::kFailed));
  for (std::size_t t = 0; t < 12; ++t) EXPECT_EQ(marginal(r, t, TargetStatus::kSucceeded), 0.5);
}

// Everything a joint enumeration reports, the groups report too: the same
// end states in the same order, the same marginals and verdicts.
void expect_same_as_joint(const Scenario& s) {
  explore::ExploreOptions joint_options;
  joint_options.factorize = false;
  const explore::ExploreResult joint = explore::explore(s, joint_options);
  const explore::ExploreResult grouped = explore::explore(s, {});
  ASSERT_GT(grouped.groups, 1u);
  ASSERT_FALSE(joint.partial);
  EXPECT_FALSE(grouped.partial);
  EXPECT_LT(grouped.paths, joint.paths);
  EXPECT_EQ(grouped.end_states, std::to_string(joint.outcomes.size()));
  ASSERT_EQ(grouped.outcomes.size(), joint.outcomes.size());
  for (std::size_t i = 0; i < joint.outcomes.size(); ++i) {
    const explore::Outcome& a = joint.outcomes[i];
    const explore::Outcome& b = grouped.outcomes[i];
    EXPECT_EQ(a.pipeline, b.pipeline) << i;
    EXPECT_EQ(a.statuses, b.statuses) << i;
    EXPECT_EQ(a.reasons, b.reasons) << i;
    EXPECT_NEAR(a.probability, b.probability, 1e-12) << i;
    EXPECT_EQ(a.paths, b.paths) << i;
    EXPECT_NEAR(a.example.probability, b.example.probability, 1e-12) << i;
  }
  for (std::size_t t = 0; t < s.deployment.targets.size(); ++t) {
    for (int st = 0; st < kTargetStatusCount; ++st) {
      EXPECT_NEAR(joint.target_status[t][static_cast<std::size_t>(st)],
                  grouped.target_status[t][static_cast<std::size_t>(st)], 1e-12);
    }
  }
  ASSERT_EQ(grouped.properties.size(), joint.properties.size());
  for (std::size_t i = 0; i < joint.properties.size(); ++i) {
    const explore::PropertyResult& a = joint.properties[i];
    const explore::PropertyResult& b = grouped.properties[i];
    EXPECT_EQ(a.holds, b.holds) << a.name;
    EXPECT_EQ(a.complete, b.complete) << a.name;
    EXPECT_NEAR(a.probability, b.probability, 1e-12) << a.name;
    ASSERT_EQ(a.counterexample.has_value(), b.counterexample.has_value()) << a.name;
    if (a.counterexample) {
      EXPECT_NEAR(a.counterexample->probability, b.counterexample->probability, 1e-12) << a.name;
    }
  }
}

TEST(ExploreGroups, PropertiesSpanningTwoGroupsAreExact) {
  const Scenario s = load(chain_and_coin(kSpanningProperties));
  const explore::ExploreResult r = explore::explore(s, {});
  EXPECT_EQ(r.groups, 2u);
  EXPECT_EQ(r.paths, 3u + 2u);
  ASSERT_EQ(r.properties.size(), 5u);
  // b SUCCEEDED (0.81) and c FAILED (0.5).
  EXPECT_FALSE(r.properties[0].holds);
  EXPECT_NEAR(r.properties[0].probability, 0.81 * 0.5, 1e-15);
  ASSERT_TRUE(r.properties[0].counterexample);
  EXPECT_EQ(r.properties[0].counterexample->choices.size(), 3u);
  EXPECT_NEAR(r.properties[0].counterexample->probability, 0.405, 1e-15);
  // The pipeline ships when a, b and c all succeed: 0.81 * 0.5.
  EXPECT_FALSE(r.properties[1].holds);
  EXPECT_NEAR(r.properties[1].probability, 1 - 0.405, 1e-15);
  EXPECT_NEAR(r.properties[1].counterexample->probability, 0.405, 1e-15);
  // CANCELLED needs a cancelled target without a failed one: b is
  // cancelled only when a failed, so never (D7 over both groups).
  EXPECT_FALSE(r.properties[2].holds);
  EXPECT_EQ(r.properties[2].probability, 0);
  // coin FAILURE at c (0.5) while a FAILED (0.1).
  EXPECT_FALSE(r.properties[3].holds);
  EXPECT_NEAR(r.properties[3].probability, 0.05, 1e-15);
  // b CANCELLED (0.1) or c not SUCCEEDED (0.5): 1 - 0.9 * 0.5.
  EXPECT_TRUE(r.properties[4].holds);
  EXPECT_NEAR(r.properties[4].probability, 0.55, 1e-15);
  expect_same_as_joint(s);
}

TEST(ExploreGroups, SameAsJointEnumerationOnCoinsAndAnApprovalMix) {
  std::string text = explore_test::coins(3);
  const std::string from = "c0: {account: c, namespace: n0, constraints: {";
  text.replace(text.find(from), from.size(),
               from + "beforeDeployment: [{pause: {untilApproved: true}}], ");
  text +=
      "approvals:\n  default: {after: 1h, decision: {approve: 0.5, reject: 0.3, never: 0.2}}\n"
      "properties:\n"
      "  - name: done\n"
      "    always: {pipeline: [SUCCEEDED, FAILED, CANCELLED]}\n"
      "  - name: c0-and-c2\n"
      "    never: {all: [{target: c0, status: CANCELLED}, {target: c2, status: FAILED}]}\n";
  expect_same_as_joint(load(text));
  expect_same_as_joint(load(chain_and_coin(kSpanningProperties)));
  expect_same_as_joint(load(explore_test::coins(5)));
}

// every_choice() (dev -> prod behind a receiver with outages) and `side`,
// which waits for an approval of the mix and calls `flaky` (retries,
// attempt failures): two groups; with `side` calling `smoke` too, one.
std::string with_side(const std::string& webhook) {
  std::string text = explore_test::every_choice();
  text.insert(text.find("  manifests:"),
              "    side: {account: c, namespace: side, constraints: {beforeDeployment: [{pause: "
              "{untilApproved: true}}], afterDeployment: [{runWebhook: {name: " +
                  webhook + "}}]}}\n");
  return text +
         "properties:\n"
         "  - name: prod-ships-side-waits\n"
         "    never: {all: [{target: prod, status: SUCCEEDED}, {target: side, status: "
         "AWAITING_APPROVAL}]}\n"
         "  - name: ends\n"
         "    always: {pipeline: [SUCCEEDED, FAILED, CANCELLED]}\n"
         "  - name: both-unreachable\n"
         "    sometimes: {all: [{webhook: flaky, target: side, result: [UNREACHABLE]}, {webhook: "
         "smoke, target: prod, result: [UNREACHABLE]}]}\n"
         "  - name: calm\n"
         "    never: {any: [{pipeline: AWAITING_APPROVAL}, {not: {target: dev, status: "
         "SUCCEEDED}}]}\n";
}

TEST(ExploreGroups, SameAsJointEnumerationWithRetriesApprovalsAndAReceiverOutage) {
  const Scenario apart = load(with_side("flaky"));
  EXPECT_EQ(explore::independent_groups(apart), (Groups{{0, 1}, {2}}));
  expect_same_as_joint(apart);
  EXPECT_EQ(explore::independent_groups(load(with_side("smoke"))), (Groups{{0, 1, 2}}));
}

TEST(ExploreGroups, AHundredCoinsHave2To100EndStatesAndACutList) {
  std::string text = explore_test::coins(100);
  text +=
      "properties:\n"
      "  - name: all-ship\n"
      "    sometimes: {pipeline: SUCCEEDED}\n"
      "  - name: c7-and-c93\n"
      "    never: {all: [{target: c7, status: FAILED}, {target: c93, status: FAILED}]}\n";
  const Scenario s = load(text);
  const explore::ExploreResult r = explore::explore(s, {});
  EXPECT_EQ(r.groups, 100u);
  EXPECT_EQ(r.paths, 200u);
  EXPECT_FALSE(r.partial);
  EXPECT_TRUE(r.targets_exact);
  EXPECT_EQ(r.end_states, "1267650600228229401496703205376");  // 2^100
  EXPECT_TRUE(r.outcomes_cut);
  // At most 200,000 listed target entries: 2,000 end states of 100 targets.
  ASSERT_EQ(r.outcomes.size(), 2000u);
  for (const explore::Outcome& o : r.outcomes) EXPECT_EQ(o.probability, std::ldexp(1.0, -100));
  EXPECT_EQ(r.outcomes.front().pipeline, TargetStatus::kSucceeded);
  for (std::size_t t = 0; t < 100; ++t) EXPECT_EQ(marginal(r, t, TargetStatus::kSucceeded), 0.5);
  EXPECT_TRUE(r.properties[0].holds);
  EXPECT_EQ(r.properties[0].probability, std::ldexp(1.0, -100));
  EXPECT_FALSE(r.properties[1].holds);
  EXPECT_EQ(r.properties[1].probability, 0.25);
  EXPECT_EQ(r.properties[1].counterexample->choices.size(), 100u);

  // The reports of a list cut at 20 (the JSON of 2,000 end states of 100
  // targets is 18 MB; the text shows 20 in any case).
  explore::ExploreOptions twenty;
  twenty.max_outcomes = 20;
  const explore::ExploreResult short_list = explore::explore(s, twenty);
  EXPECT_EQ(short_list.outcomes.size(), 20u);
  std::ostringstream json, text_report;
  explore::write_explore_json(json, s, short_list);
  EXPECT_NE(json.str().find("\"endStates\": \"1267650600228229401496703205376\""),
            std::string::npos);
  EXPECT_NE(json.str().find("\"outcomesCut\": true"), std::string::npos);
  EXPECT_NE(json.str().find("\"groups\": 100"), std::string::npos);
  explore::write_explore_text(text_report, s, short_list);
  EXPECT_NE(text_report.str().find("Listed: the 20 most probable of the "
                                   "1267650600228229401496703205376 end states"),
            std::string::npos)
      << text_report.str().substr(0, 600);
}

TEST(ExploreGroups, MostProbableEndStatesComeFirstWhenTheListIsCut) {
  // Skewed coins: c_i succeeds with 0.9. The most probable end states:
  // all succeed (0.9^10), then one failure (10 of them, 0.9^9 * 0.1).
  std::string text = explore_test::coins(10);
  text.replace(text.find("{success: 0.5, failure: 0.5}"), 28, "{success: 0.9, failure: 0.1}");
  const Scenario s = load(text);
  explore::ExploreOptions o;
  o.max_outcomes = 11;
  const explore::ExploreResult r = explore::explore(s, o);
  EXPECT_EQ(r.end_states, "1024");
  EXPECT_TRUE(r.outcomes_cut);
  ASSERT_EQ(r.outcomes.size(), 11u);
  EXPECT_NEAR(r.outcomes[0].probability, std::pow(0.9, 10), 1e-15);
  for (std::size_t i = 1; i < 11; ++i) {
    EXPECT_NEAR(r.outcomes[i].probability, std::pow(0.9, 9) * 0.1, 1e-15);
    EXPECT_EQ(r.outcomes[i].pipeline, TargetStatus::kFailed);
  }
  // Each target's failure once (their products differ in the last bits, by
  // the place of the 0.1 among the factors, so their order is not the bytes').
  std::vector<int> failed(10, 0);
  for (std::size_t i = 1; i < 11; ++i) {
    for (std::size_t t = 0; t < 10; ++t)
      failed[t] += r.outcomes[i].statuses[t] == TargetStatus::kFailed;
  }
  EXPECT_EQ(failed, std::vector<int>(10, 1));
}

TEST(ExploreGroups, MaxPathsIsSharedAndTheReportIsPartial) {
  const Scenario s = load(explore_test::coins(12));
  explore::ExploreOptions o;
  o.max_paths = 18;
  const explore::ExploreResult r = explore::explore(s, o);
  // One path for each group, then the six left finish the first six.
  EXPECT_TRUE(r.partial);
  EXPECT_EQ(r.paths, 18u);
  EXPECT_EQ(r.explored_probability, std::ldexp(1.0, -6));
  EXPECT_EQ(r.end_states, "64");
  // The six stopped coins' marginals come from factorized_marginals(): exact.
  EXPECT_TRUE(r.targets_exact);
  for (std::size_t t = 0; t < 12; ++t) EXPECT_EQ(marginal(r, t, TargetStatus::kSucceeded), 0.5);
  std::ostringstream json;
  explore::write_explore_json(json, s, r);
  EXPECT_NE(json.str().find("\"targetsExact\": true"), std::string::npos);
}

TEST(ExploreGroups, AStoppedChainStillHasExactMarginals) {
  // One group of 10 targets (21 paths) stopped after 5: the marginals are
  // factorized_marginals()'s, 0.8^(k+1) for target k, and say so.
  const Scenario s = load(explore_test::chain(10, "{success: 0.8, failure: 0.1, noCallback: 0.1}"));
  explore::ExploreOptions o;
  o.max_paths = 5;
  const explore::ExploreResult r = explore::explore(s, o);
  EXPECT_TRUE(r.partial);
  EXPECT_EQ(r.paths, 5u);
  EXPECT_EQ(r.groups, 1u);
  EXPECT_TRUE(r.targets_exact);
  EXPECT_TRUE(r.show_groups);
  EXPECT_NEAR(marginal(r, 9, TargetStatus::kSucceeded), std::pow(0.8, 10), 1e-12);
  // Failure and no callback (TIMEOUT) both fail t0.
  EXPECT_NEAR(marginal(r, 0, TargetStatus::kFailed), 0.2, 1e-12);
  // (40 targets would not do: 40 callback timeouts of 24 h pass the 30 d
  // horizon, and factorized_marginals() says so.)
  // Joint and without factorization (the reference), as before: not exact.
  o.factorize = false;
  const explore::ExploreResult joint = explore::explore(s, o);
  EXPECT_FALSE(joint.targets_exact);
  EXPECT_FALSE(joint.show_groups);
}

}  // namespace
}  // namespace deploysim::explore_groups_test
