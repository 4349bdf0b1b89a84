// Keyed random draws (SCENARIO.md "Keyed random draws"): every draw of
// replication i depends only on (seed, i) and what it is for, so two scenarios
// that differ in one knob, or in one step of the deploy file, draw the same
// numbers everywhere else.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "deploysim/loader.hpp"
#include "deploysim/random.hpp"
#include "deploysim/simulation.hpp"
#include "support/known_answers.hpp"

namespace deploysim {
namespace {

using test_support::load_inline;

// dev -> staging -> prod; every target calls `tests` after it deploys, prod
// also `smoke`; staging waits for an approval before it deploys. Latencies,
// outcomes, readiness and the approval are all random. `extra` goes into
// dev's afterDeployment list, `knobs` at the end of the scenario.
std::string pipeline(const std::string& extra, const std::string& knobs) {
  return R"yaml(
name: keyed
deployment:
  version: v1
  kind: kubernetes
  application: app
  targets:
    dev:
      account: cluster
      namespace: dev
      constraints:
        afterDeployment:
          - runWebhook: {name: tests})yaml" +
         extra + R"yaml(
    staging:
      account: cluster
      namespace: staging
      constraints:
        dependsOn: [dev]
        beforeDeployment: [{pause: {untilApproved: true}}]
        afterDeployment: [{runWebhook: {name: tests}}]
    prod:
      account: cluster
      namespace: prod
      constraints:
        dependsOn: [staging]
        afterDeployment: [{runWebhook: {name: tests}}, {runWebhook: {name: smoke}}]
  manifests: [{path: app.yml}]
  webhooks:
    - {name: tests, method: POST, uriTemplate: "https://ci/t?cb={{armory.callbackUri}}"}
    - {name: smoke, method: POST, uriTemplate: "https://ci/s?cb={{armory.callbackUri}}"}
    - {name: lint, method: POST, uriTemplate: "https://ci/l?cb={{armory.callbackUri}}"}
deploy:
  readyAfter: {exponential: {mean: 2m}}
approvals:
  default: {after: {exponential: {mean: 30m}}, decision: {approve: 0.9, reject: 0.1}}
webhooks:
  lint: {latency: 15m}
  tests: {latency: {lognormal: {median: 10m, sigma: 0.5}}, outcome: {success: 0.9, failure: 0.1}, attemptFailure: 0.2}
)yaml" + knobs;
}

RunResult run(Simulator& sim, std::uint64_t replication) {
  RunOptions o;
  o.seed = 7;
  o.replication = replication;
  o.record_details = false;
  return sim.run(o);
}

bool same(const TargetOutcome& a, const TargetOutcome& b) {
  return a.status == b.status && a.reason == b.reason && a.started_at == b.started_at &&
         a.finished_at == b.finished_at;
}

// A knob that acts only at prod (smoke's failure rate) leaves dev and
// staging identical in every replication; prod differs in some.
TEST(KeyedDraws, AKnobDownstreamLeavesUpstreamDrawsAlone) {
  const Scenario base = load_inline(pipeline("", ""), "keyed.yml");
  const Scenario what_if = load_inline(
      pipeline("", "  smoke: {latency: 5m, outcome: {success: 0.5, failure: 0.5}}\n"), "keyed.yml");
  Simulator a(base), b(what_if);
  int prod_differs = 0;
  for (std::uint64_t i = 0; i < 2000; ++i) {
    const RunResult ra = run(a, i), rb = run(b, i);
    ASSERT_TRUE(same(ra.targets[0], rb.targets[0])) << "dev, replication " << i;
    ASSERT_TRUE(same(ra.targets[1], rb.targets[1])) << "staging, replication " << i;
    prod_differs += same(ra.targets[2], rb.targets[2]) ? 0 : 1;
  }
  EXPECT_GT(prod_differs, 100);
}

// A step added to dev's list (a pull request adding `lint`, which always
// passes after 15m) makes dev end up to 15m later, but draws nothing else
// differently: every outcome (status and
// reason) of every target is the same in every replication.
TEST(KeyedDraws, AnAddedStepLeavesEveryOtherDrawAlone) {
  const Scenario base = load_inline(pipeline("", ""), "keyed.yml");
  const Scenario with_lint =
      load_inline(pipeline("\n          - runWebhook: {name: lint}", ""), "keyed.yml");
  Simulator a(base), b(with_lint);
  int later = 0;
  for (std::uint64_t i = 0; i < 2000; ++i) {
    const RunResult ra = run(a, i), rb = run(b, i);
    for (std::size_t t = 0; t < 3; ++t) {
      ASSERT_EQ(ra.targets[t].status, rb.targets[t].status) << t << ", replication " << i;
      ASSERT_EQ(ra.targets[t].reason, rb.targets[t].reason) << t << ", replication " << i;
    }
    if (ra.targets[0].finished_at && rb.targets[0].finished_at) {
      const Duration shift = *rb.targets[0].finished_at - *ra.targets[0].finished_at;
      // lint runs in parallel with tests: dev ends when the later of the two does.
      ASSERT_GE(shift.count(), 0);
      ASSERT_LE(shift.count(), 900000);
      later += shift.count() > 0 ? 1 : 0;
    }
  }
  EXPECT_GT(later, 0);
}

// The same replication is the same whatever ran before it on the Simulator.
TEST(KeyedDraws, AReplicationDependsOnlyOnItsIndex) {
  const Scenario s = load_inline(pipeline("", ""), "keyed.yml");
  Simulator a(s), b(s);
  for (std::uint64_t i = 0; i < 50; ++i) run(a, i);
  for (std::uint64_t i : {49u, 3u, 17u}) {
    const RunResult ra = run(a, i), rb = run(b, i);
    for (std::size_t t = 0; t < 3; ++t) ASSERT_TRUE(same(ra.targets[t], rb.targets[t]));
  }
}

// Draws are pure functions of their key; different parts give different,
// uniform-looking values.
TEST(KeyedDraws, DrawsArePureFunctionsOfTheirKeys) {
  const Draws d(7, 3), same_again(7, 3), other_replication(7, 4), other_seed(8, 3);
  const DrawKey key{name_key("target/prod") ^ name_key("afterDeployment/webhook/tests#0"),
                    DrawPurpose::kLatency};
  EXPECT_EQ(d.uniform(key), same_again.uniform(key));
  EXPECT_NE(d.uniform(key), other_replication.uniform(key));
  EXPECT_NE(d.uniform(key), other_seed.uniform(key));
  DrawKey attempt = key;
  attempt.purpose = DrawPurpose::kAttemptFailure;
  EXPECT_NE(d.uniform(key), d.uniform(attempt));
  EXPECT_NE(d.uniform(key, 0), d.uniform(key, 1));
  // The mean of 100,000 uniforms over consecutive indices is 1/2 within
  // 3.29 standard errors (99.9 %); so is the frequency of bernoulli(0.3).
  double sum = 0;
  int hits = 0;
  constexpr int n = 100000;
  for (std::uint32_t i = 0; i < n; ++i) {
    DrawKey k = key;
    k.index = i;
    sum += d.uniform(k);
    hits += d.bernoulli(k, 0.3) ? 1 : 0;
  }
  EXPECT_NEAR(sum / n, 0.5, 3.29 * std::sqrt(1.0 / 12 / n));
  EXPECT_NEAR(static_cast<double>(hits) / n, 0.3, 3.29 * std::sqrt(0.3 * 0.7 / n));
}

}  // namespace
}  // namespace deploysim
