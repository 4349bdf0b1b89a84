// Monte Carlo against numbers known in closed form, with the real loader and
// Simulator. Seeds are fixed, so each check is deterministic; the tolerances
// are the 95 % interval (or 4 standard errors) plus the histogram's bound.
#include <gtest/gtest.h>

#include <cmath>

#include "deploysim/loader.hpp"
#include "deploysim/montecarlo.hpp"
#include "deploysim/sweep.hpp"

namespace deploysim {
namespace {

// a -> b -> c; each target's afterDeployment gate fails with probability 0.1.
constexpr const char* kChain = R"yaml(
name: chain
deployment:
  version: v1
  kind: kubernetes
  application: app
  targets:
    a: {account: cluster, namespace: a, constraints: {afterDeployment: [{runWebhook: {name: gate}}]}}
    b: {account: cluster, namespace: b, constraints: {dependsOn: [a], afterDeployment: [{runWebhook: {name: gate}}]}}
    c: {account: cluster, namespace: c, constraints: {dependsOn: [b], afterDeployment: [{runWebhook: {name: gate}}]}}
  manifests: [{path: app.yml}]
  webhooks:
    - name: gate
      method: POST
      uriTemplate: "https://ci.example.com/gate?cb={{armory.callbackUri}}"
webhooks:
  gate: {latency: 1m, outcome: {success: 0.9, failure: 0.1}}
)yaml";

// One target whose only wait is a webhook with exponential latency, mean 10m.
constexpr const char* kExponential = R"yaml(
name: exponential
deployment:
  version: v1
  kind: kubernetes
  application: app
  targets:
    only: {account: cluster, namespace: a, constraints: {afterDeployment: [{runWebhook: {name: slow}}]}}
  manifests: [{path: app.yml}]
  webhooks:
    - name: slow
      method: POST
      uriTemplate: "https://ci.example.com/slow?cb={{armory.callbackUri}}"
webhooks:
  slow: {latency: {exponential: {mean: 10m}}, outcome: success}
)yaml";

Scenario load(const char* text) {
  Diagnostics d;
  std::optional<Scenario> s = load_scenario_from_string(text, "inline.yml", {}, d);
  EXPECT_TRUE(s.has_value());
  for (const Problem& p : d.sorted()) ADD_FAILURE() << p.to_string();
  return s ? *s : Scenario{};
}

MonteCarloResult run(const Scenario& s, std::uint64_t runs, unsigned threads = 2) {
  MonteCarloOptions o;
  o.runs = runs;
  o.seed = 11;
  o.threads = threads;
  return run_montecarlo(s, o);
}

constexpr int kSucceeded = static_cast<int>(TargetStatus::kSucceeded);

TEST(Analytical, ChainOfThreeGatesSucceedsWithProbability0729) {
  const Scenario s = load(kChain);
  const MonteCarloResult r = run(s, 20000);
  const Aggregate& a = r.aggregate;
  ASSERT_EQ(a.runs(), 20000u);
  const Interval last = wilson_interval(a.targets()[2].status[kSucceeded], a.runs());
  EXPECT_LE(last.low, 0.729);
  EXPECT_GE(last.high, 0.729);
  const Interval first = wilson_interval(a.targets()[0].status[kSucceeded], a.runs());
  EXPECT_LE(first.low, 0.9);
  EXPECT_GE(first.high, 0.9);
  // Every non-success of b and c is either its own gate or the upstream chain.
  const OutcomeTally& c = a.targets()[2];
  EXPECT_EQ(c.status[kSucceeded] + c.status[static_cast<int>(TargetStatus::kFailed)] +
                c.status[static_cast<int>(TargetStatus::kCancelled)],
            a.runs());
  // Root causes: the gate at each target, WEBHOOK_FAILED in afterDeployment.
  ASSERT_EQ(a.causes().size(), 3u);
  for (const auto& [key, count] : a.causes()) {
    EXPECT_EQ(key.phase, Phase::kAfterDeployment);
    EXPECT_EQ(key.step, "runWebhook gate");
    EXPECT_EQ(key.reason, Reason::kWebhookFailed);
  }
  // Lead time of c when it succeeds: three 1-minute gates.
  EXPECT_EQ(*c.finished_at.quantile(0.5), 180000);
  EXPECT_EQ(c.webhooks_ms / static_cast<std::int64_t>(c.started), 60000);
}

TEST(Analytical, ExponentialLatencyQuantiles) {
  const Scenario s = load(kExponential);
  const std::uint64_t n = 40000;
  const MonteCarloResult r = run(s, n);
  const OutcomeTally& t = r.aggregate.targets()[0];
  ASSERT_EQ(t.finished_at.count(), n);
  const double mean_ms = 600000;
  for (double q : {0.5, 0.9, 0.99}) {
    const double expected = mean_ms * std::log(1 / (1 - q));
    // Standard error of a sample quantile: sqrt(q(1-q)/n) / density at it.
    const double density = (1 - q) / mean_ms;
    const double se = std::sqrt(q * (1 - q) / static_cast<double>(n)) / density;
    const double tolerance = expected * LogHistogram::kRelativeError + 4 * se;
    EXPECT_NEAR(static_cast<double>(*t.finished_at.quantile(q)), expected, tolerance) << q;
  }
  EXPECT_NEAR(static_cast<double>(t.finished_at.sum()) / static_cast<double>(n), mean_ms,
              4 * mean_ms / std::sqrt(static_cast<double>(n)));
}

TEST(Analytical, ThreadCountDoesNotChangeTheReport) {
  const Scenario s = load(kChain);
  EXPECT_EQ(run(s, 3000, 1).aggregate, run(s, 3000, 2).aggregate);
  EXPECT_EQ(run(s, 3000, 3).aggregate, run(s, 3000, 2).aggregate);
}

// apply_sweep_value's error message, or "" when it applied the value.
std::string sweep_error(Scenario& s, const std::string& path, const std::string& value) {
  Diagnostics diagnostics;
  const bool applied = apply_sweep_value(s, path, value, diagnostics);
  EXPECT_EQ(applied, diagnostics.problems().empty());
  return diagnostics.problems().empty() ? "" : diagnostics.problems()[0].message;
}

TEST(Sweep, FailureProbabilityMovesTheChain) {
  const Scenario base = load(kChain);
  const double expected[] = {1.0, 0.729, 0.125};
  const char* values[] = {"0", "0.1", "0.5"};
  for (int i = 0; i < 3; ++i) {
    Scenario s = base;
    ASSERT_EQ(sweep_error(s, "webhooks.gate.outcome.failure", values[i]), "");
    const auto& mix = *s.webhooks.by_name.at("gate").base.outcome;
    EXPECT_NEAR(mix[0] + mix[1] + mix[2] + mix[3], 1.0, 1e-12);
    const MonteCarloResult r = run(s, 5000);
    const Interval ci =
        wilson_interval(r.aggregate.targets()[2].status[kSucceeded], r.aggregate.runs());
    EXPECT_LE(ci.low, expected[i]) << values[i];
    EXPECT_GE(ci.high, expected[i]) << values[i];
  }
}

TEST(Sweep, RescalesTheOtherOutcomes) {
  Scenario s = load(kChain);
  s.webhooks.by_name["gate"].base.outcome = WebhookOutcomeMix{0.93, 0.05, 0.02, 0};
  ASSERT_EQ(sweep_error(s, "webhooks.gate.outcome.failure", "0.2"), "");
  const WebhookOutcomeMix mix = *s.webhooks.by_name["gate"].base.outcome;
  EXPECT_DOUBLE_EQ(mix[1], 0.2);
  EXPECT_NEAR(mix[0], 0.93 / 0.95 * 0.8, 1e-12);
  EXPECT_NEAR(mix[2], 0.02 / 0.95 * 0.8, 1e-12);
}

TEST(Sweep, OtherPaths) {
  Scenario s = load(kChain);
  EXPECT_EQ(sweep_error(s, "webhooks.gate.latency", "5m"), "");
  EXPECT_EQ(s.webhooks.by_name["gate"].base.latency->a, 300000);
  EXPECT_EQ(sweep_error(s, "webhooks.gate.attemptFailure", "0.3"), "");
  EXPECT_EQ(*s.webhooks.by_name["gate"].base.attempt_failure, 0.3);
  EXPECT_EQ(sweep_error(s, "timeouts.webhookCallback", "2h"), "");
  EXPECT_EQ(s.webhook_callback_timeout, std::chrono::hours(2));
  EXPECT_EQ(sweep_error(s, "timeouts.retryDelay", "30s"), "");
  EXPECT_EQ(s.retry_delay, std::chrono::seconds(30));
  EXPECT_EQ(sweep_error(s, "approvals.default.after", "1h"), "");
  EXPECT_EQ(s.approvals.defaults.after->a, 3600000);
  EXPECT_EQ(sweep_error(s, "deploy.readyAfter", "90s"), "");
  EXPECT_EQ(s.deploy.defaults.ready_after->a, 90000);
  EXPECT_EQ(sweep_error(s, "deploy.targets.b.rollbackAfter", "1m"), "");
  // Errors name the problem.
  EXPECT_NE(sweep_error(s, "webhooks.gate.colour", "1").find("unknown sweep path"),
            std::string::npos);
  EXPECT_NE(sweep_error(s, "webhooks.nope.latency", "1m").find("no webhook named 'nope'"),
            std::string::npos);
  EXPECT_NE(sweep_error(s, "webhooks.gate.outcome.failure", "1.5").find("probability"),
            std::string::npos);
  EXPECT_NE(sweep_error(s, "deploy.targets.zz.readyAfter", "1m"), "");
  Diagnostics diagnostics;
  EXPECT_FALSE(parse_sweep("nothing", diagnostics).has_value());
  ASSERT_EQ(diagnostics.problems().size(), 1u);
  EXPECT_EQ(diagnostics.problems()[0].to_string(),
            "error: --sweep 'nothing': expected PATH=V1,V2,...");
  const auto spec = parse_sweep("a.b=0,0.1", diagnostics);
  ASSERT_TRUE(spec.has_value());
  EXPECT_EQ(spec->path, "a.b");
  EXPECT_EQ(spec->values, (std::vector<std::string>{"0", "0.1"}));
}

}  // namespace
}  // namespace deploysim
