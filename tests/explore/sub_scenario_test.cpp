// SubScenarios (sim/explore/sub_scenario.hpp): a sub-scenario plays its
// targets exactly as the whole scenario does, draw for draw; dropped names
// and the D6 filter.
#include "explore/sub_scenario.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "deploysim/simulation.hpp"
#include "scenarios.hpp"

namespace deploysim::sub_scenario_test {
namespace {

using explore_test::load;

// Two pipelines in one file. a -> {b, c} -> d (a diamond) call `gate`
// (sampled latency, failure 0.2, attempt failures), d has its own model of
// `gate`; e -> f on account `edge`, whose agent is down for the first 5
// minutes (W11), f behind an approval with its own model. Every continuous
// draw is sampled, so only keyed draws make the runs agree.
std::string two_pipelines(const std::string& filters = "") {
  return explore_test::header("two-pipelines") +
         "    a: {account: c, namespace: a, constraints: {afterDeployment: [{runWebhook: {name: "
         "gate}}]}}\n"
         "    b: {account: c, namespace: b, constraints: {dependsOn: [a], afterDeployment: "
         "[{runWebhook: {name: gate}}]}}\n"
         "    e: {account: edge, namespace: e, constraints: {beforeDeployment: [{runWebhook: "
         "{name: gate}}]}}\n"
         "    c: {account: c, namespace: c, constraints: {dependsOn: [a], beforeDeployment: "
         "[{pause: {untilApproved: true}}]}}\n"
         "    d: {account: c, namespace: d, constraints: {dependsOn: [b, c], afterDeployment: "
         "[{runWebhook: {name: gate}}]}}\n"
         "    f: {account: edge, namespace: f, constraints: {dependsOn: [e], beforeDeployment: "
         "[{pause: {untilApproved: true}}]}}\n"
         "  manifests: [{path: app.yml}]\n"
         "  webhooks:\n"
         "    - {name: gate, method: POST, uriTemplate: "
         "\"https://ci/g?cb={{armory.callbackUri}}\", "
         "retryCount: 1}\n" +
         filters +
         "timeouts: {webhookCallback: 1h, retryDelay: 1m}\n"
         "deploy: {readyAfter: {uniform: {min: 1m, max: 3m}}}\n"
         "approvals:\n"
         "  default: {after: {exponential: {mean: 10m}}, decision: {approve: 0.8, reject: 0.2}}\n"
         "  targets:\n"
         "    f: {after: {exponential: {mean: 1h}}, decision: {approve: 0.5, never: 0.5}}\n"
         "webhooks:\n"
         "  gate:\n"
         "    latency: {exponential: {mean: 5m}}\n"
         "    outcome: {success: 0.8, failure: 0.2}\n"
         "    attemptFailure: 0.1\n"
         "    targets:\n"
         "      d: {outcome: {success: 0.5, failure: 0.5}}\n"
         "faults:\n"
         "  agents:\n"
         "    edge: {down: [{from: 0s, to: 5m}]}\n"
         "properties:\n"
         "  - {name: d-ships, sometimes: {target: d, status: [SUCCEEDED]}}\n"
         "expect: {pipeline: FAILED}\n";
}

RunOptions seeded(std::uint64_t seed) {
  RunOptions options;
  options.seed = seed;
  return options;
}

// Every replication of the sub-scenario plays each kept target (status,
// reason, instants, webhook calls) as the same replication of the whole.
void expect_same_play(const Scenario& whole, explore::SubScenarios& subs,
                      const std::vector<std::size_t>& keep, int replications) {
  const Scenario& sub = subs.keep(keep);
  ASSERT_EQ(sub.deployment.targets.size(), keep.size());
  Simulator whole_sim(whole);
  Simulator sub_sim(sub);
  for (int r = 0; r < replications; ++r) {
    RunOptions options;
    options.seed = 11;
    options.replication = static_cast<std::uint64_t>(r);
    const RunResult w = whole_sim.run(options);
    const RunResult s = sub_sim.run(options);
    for (std::size_t k = 0; k < keep.size(); ++k) {
      const TargetOutcome& wt = w.targets[keep[k]];
      const TargetOutcome& st = s.targets[k];
      SCOPED_TRACE("replication " + std::to_string(r) + ", target " +
                   whole.deployment.targets[keep[k]].name);
      EXPECT_EQ(st.status, wt.status);
      EXPECT_EQ(st.reason, wt.reason);
      EXPECT_EQ(st.deployed, wt.deployed);
      EXPECT_EQ(st.started_at, wt.started_at);
      EXPECT_EQ(st.finished_at, wt.finished_at);
      std::vector<const WebhookCall*> wc;
      std::vector<const WebhookCall*> sc;
      for (const WebhookCall& c : w.webhooks) {
        if (c.target == static_cast<int>(keep[k])) wc.push_back(&c);
      }
      for (const WebhookCall& c : s.webhooks) {
        if (c.target == static_cast<int>(k)) sc.push_back(&c);
      }
      ASSERT_EQ(sc.size(), wc.size());
      for (std::size_t i = 0; i < wc.size(); ++i) {
        EXPECT_EQ(sc[i]->attempts, wc[i]->attempts);
        EXPECT_EQ(sc[i]->result, wc[i]->result);
        EXPECT_EQ(sc[i]->called_at, wc[i]->called_at);
        EXPECT_EQ(sc[i]->finished_at, wc[i]->finished_at);
      }
    }
  }
}

TEST(ExploreSubScenario, KeptGroupsPlayExactlyAsInTheWholeRun) {
  const Scenario whole = load(two_pipelines());
  explore::SubScenarios subs(whole);
  // Targets in file order: a b e c d f.
  expect_same_play(whole, subs, {0, 1, 3, 4}, 200);  // the diamond
  expect_same_play(whole, subs, {2, 5}, 200);        // e -> f behind the agent's window
  expect_same_play(whole, subs, {0, 1, 2, 3, 4, 5}, 50);
}

TEST(ExploreSubScenario, KeptRootPlaysAsInTheWholeRun) {
  const Scenario whole = load(two_pipelines());
  explore::SubScenarios subs(whole);
  expect_same_play(whole, subs, {0}, 200);
  expect_same_play(whole, subs, {2}, 200);
}

TEST(ExploreSubScenario, DependenciesOnTargetsNotKeptAreDropped) {
  const Scenario whole = load(two_pipelines());
  explore::SubScenarios subs(whole);
  const std::vector<std::size_t> keep = {1, 4};  // b and d: d keeps b, drops c; b drops a
  const Scenario& sub = subs.keep(keep);
  ASSERT_EQ(sub.deployment.targets.size(), 2u);
  EXPECT_EQ(sub.deployment.targets[0].name, "b");
  EXPECT_TRUE(sub.deployment.targets[0].constraints.depends_on.empty());
  EXPECT_TRUE(sub.deployment.targets[0].depends_on_indices.empty());
  EXPECT_EQ(sub.deployment.targets[1].name, "d");
  EXPECT_EQ(sub.deployment.targets[1].constraints.depends_on, std::vector<std::string>{"b"});
  EXPECT_EQ(sub.deployment.targets[1].depends_on_indices, std::vector<int>{0});
  // Resolved again: the webhook steps point at the (unchanged) webhooks.
  const auto& step =
      std::get<WebhookStep>(sub.deployment.targets[1].constraints.after_deployment[0].action);
  EXPECT_EQ(step.webhook, 0);
  // The statements about the whole pipeline are gone; the source is untouched.
  EXPECT_TRUE(sub.properties.empty());
  EXPECT_FALSE(sub.expect.present);
  EXPECT_EQ(whole.deployment.targets.size(), 6u);
  EXPECT_EQ(whole.properties.size(), 1u);
  EXPECT_EQ(whole.deployment.targets[4].constraints.depends_on.size(), 2u);

  // d alone starts at once (its dependencies count as satisfied at 0).
  const Scenario& alone = subs.keep(std::vector<std::size_t>{4});
  ASSERT_EQ(alone.deployment.targets.size(), 1u);
  EXPECT_TRUE(alone.deployment.targets[0].depends_on_indices.empty());
  Simulator sim(alone);
  const RunResult r = sim.run(seeded(3));
  EXPECT_EQ(r.targets[0].started_at, SimTime{0});
}

TEST(ExploreSubScenario, FilterKeepsOnlyKeptNamesAndStillSkipsTheRest) {
  const std::string filters =
      "  targetFilters:\n"
      "    - includeTarget: a\n"
      "    - includeTarget: b\n"
      "    - includeTarget: f\n";
  const Scenario whole = load(two_pipelines(filters));
  explore::SubScenarios subs(whole);
  // b kept with c: the filter keeps b's entry only.
  const Scenario& bc = subs.keep(std::vector<std::size_t>{1, 3});
  EXPECT_EQ(bc.deployment.target_filters, std::vector<std::string>{"b"});
  // c and d alone: the filter names neither, and an empty filter would run
  // both; it keeps a dropped name, so both stay SKIPPED as in the whole run.
  const Scenario& cd = subs.keep(std::vector<std::size_t>{3, 4});
  ASSERT_EQ(cd.deployment.target_filters.size(), 1u);
  EXPECT_EQ(cd.deployment.target_filters[0], "a");
  Simulator sim(cd);
  const RunResult r = sim.run(seeded(3));
  EXPECT_EQ(r.targets[0].status, TargetStatus::kSkipped);
  EXPECT_EQ(r.targets[1].status, TargetStatus::kSkipped);
  // The whole run, group by group: SKIPPED targets satisfy their dependents.
  expect_same_play(whole, subs, {0, 1, 3, 4}, 100);
  expect_same_play(whole, subs, {2, 5}, 100);
}

TEST(ExploreSubScenario, ScenarioTargetListIsFilteredLikeTargetFilters) {
  Scenario whole = load(two_pipelines());
  whole.only_targets = {"e", "d"};
  explore::SubScenarios subs(whole);
  EXPECT_EQ(subs.keep(std::vector<std::size_t>{2, 5}).only_targets, std::vector<std::string>{"e"});
  const Scenario& ab = subs.keep(std::vector<std::size_t>{0, 1});
  EXPECT_EQ(ab.only_targets, std::vector<std::string>{"e"});  // a dropped name: skip a, b
  expect_same_play(whole, subs, {0, 1, 3, 4}, 100);
  expect_same_play(whole, subs, {2, 5}, 100);
}

}  // namespace
}  // namespace deploysim::sub_scenario_test
