// explore(): exact end-state probabilities against hand-computed answers.
// Each case runs well under a second; no test asserts a time.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <sstream>

#include "deploysim/explore.hpp"
#include "deploysim/random.hpp"
#include "scenarios.hpp"

namespace deploysim {
namespace {

using explore_test::load;

double marginal(const explore::ExploreResult& r, std::size_t target, TargetStatus s) {
  return r.target_status[target][static_cast<std::size_t>(s)];
}

double total(const explore::ExploreResult& r) {
  double sum = 0;
  for (const explore::Outcome& o : r.outcomes) sum += o.probability;
  return sum;
}

TEST(Explore, ThreeGatesOfNinetyPercentShipWithProbabilityPoint729) {
  const Scenario s = load(explore_test::chain(3, "{success: 0.9, failure: 0.1}"));
  const explore::ExploreResult r = explore::explore(s, {});
  EXPECT_FALSE(r.partial);
  EXPECT_EQ(r.paths, 4u);
  ASSERT_EQ(r.outcomes.size(), 4u);
  EXPECT_NEAR(marginal(r, 2, TargetStatus::kSucceeded), 0.729, 1e-12);
  EXPECT_NEAR(marginal(r, 0, TargetStatus::kSucceeded), 0.9, 1e-12);
  EXPECT_NEAR(marginal(r, 1, TargetStatus::kCancelled), 0.1, 1e-12);
  // Most probable first: everything succeeds, then t0 fails (0.1), then t1
  // (0.09), then t2 (0.081).
  EXPECT_EQ(r.outcomes[0].pipeline, TargetStatus::kSucceeded);
  EXPECT_NEAR(r.outcomes[0].probability, 0.729, 1e-12);
  EXPECT_NEAR(r.outcomes[1].probability, 0.1, 1e-12);
  EXPECT_EQ(r.outcomes[1].reasons[0], Reason::kWebhookFailed);
  EXPECT_EQ(r.outcomes[1].statuses[2], TargetStatus::kCancelled);
  EXPECT_NEAR(r.outcomes[2].probability, 0.09, 1e-12);
  EXPECT_NEAR(r.outcomes[3].probability, 0.081, 1e-12);
  EXPECT_NEAR(total(r), 1.0, 1e-12);
}

TEST(Explore, FortyTargetChainHas81EndStatesAndShipsWithPoint8ToThe40) {
  const Scenario s = load(explore_test::chain(40, "{success: 0.8, failure: 0.1, noCallback: 0.1}"));
  const explore::ExploreResult r = explore::explore(s, {});
  EXPECT_FALSE(r.partial);
  // A failure cancels every dependent, so each path ends at its first
  // failure: 40 targets x 2 ways to fail, plus all succeed.
  EXPECT_EQ(r.paths, 81u);
  EXPECT_EQ(r.outcomes.size(), 81u);
  EXPECT_NEAR(marginal(r, 39, TargetStatus::kSucceeded), std::pow(0.8, 40), 1e-12);
  EXPECT_NEAR(total(r), 1.0, 1e-12);
  // noCallback waits for the callback timeout: TIMEOUT, not FAILURE.
  std::set<Reason> reasons;
  for (const explore::Outcome& o : r.outcomes) reasons.insert(o.reasons[0]);
  EXPECT_EQ(reasons,
            (std::set<Reason>{Reason::kNone, Reason::kWebhookFailed, Reason::kWebhookTimeout}));
}

// Enumerated jointly (factorize off; explore() makes 12 groups of them,
// tests/explore/groups_test.cpp): every path is one end state.
TEST(Explore, TwelveIndependentCoinsJointlyGive4096EndStatesOfTwoToTheMinus12) {
  const Scenario s = load(explore_test::coins(12));
  explore::ExploreOptions joint;
  joint.factorize = false;
  const explore::ExploreResult r = explore::explore(s, joint);
  EXPECT_EQ(r.paths, 4096u);
  ASSERT_EQ(r.outcomes.size(), 4096u);
  for (const explore::Outcome& o : r.outcomes) {
    EXPECT_EQ(o.probability, std::ldexp(1.0, -12));  // exact: products of 0.5
    EXPECT_EQ(o.paths, 1u);
  }
  for (std::size_t t = 0; t < 12; ++t) {
    EXPECT_EQ(marginal(r, t, TargetStatus::kSucceeded), 0.5);
  }
  // Ties are broken by the end state's bytes: the first is all SUCCEEDED.
  EXPECT_EQ(r.outcomes.front().pipeline, TargetStatus::kSucceeded);
  EXPECT_EQ(r.outcomes.back().statuses, std::vector<TargetStatus>(12, TargetStatus::kFailed));
}

TEST(Explore, AttemptFailuresApprovalMixAndOutageStateEachBranch) {
  const Scenario s = load(explore_test::every_choice());
  const explore::ExploreResult r = explore::explore(s, {});
  EXPECT_FALSE(r.partial);
  // dev: 3 ways to get through (attempt 1, 2 or 3) and one to fail them all;
  // after each success, prod: approve (then smoke's receiver up or down),
  // reject or never.
  EXPECT_EQ(r.paths, 13u);
  const double through = 1 - 0.3 * 0.3 * 0.3;
  const double down = 30.0 / (60.0 + 30.0);
  EXPECT_NEAR(marginal(r, 0, TargetStatus::kSucceeded), through, 1e-12);
  EXPECT_NEAR(marginal(r, 0, TargetStatus::kFailed), 0.027, 1e-12);
  // A rejection cancels the target (APPROVAL_REJECTED).
  EXPECT_NEAR(marginal(r, 1, TargetStatus::kCancelled), 0.027 + through * 0.2, 1e-12);
  EXPECT_NEAR(marginal(r, 1, TargetStatus::kSucceeded), through * 0.7 * (1 - down), 1e-12);
  EXPECT_NEAR(marginal(r, 1, TargetStatus::kAwaitingApproval), through * 0.1, 1e-12);
  EXPECT_NEAR(marginal(r, 1, TargetStatus::kFailed), through * 0.7 * down, 1e-12);
  EXPECT_NEAR(total(r), 1.0, 1e-12);
}

TEST(Explore, MaxPathsStopsWithAPartialReport) {
  const Scenario s = load(explore_test::coins(12));
  explore::ExploreOptions o;
  o.factorize = false;  // one group of 4,096 paths (groups_test.cpp: shared by groups)
  o.max_paths = 100;
  const explore::ExploreResult r = explore::explore(s, o);
  EXPECT_TRUE(r.partial);
  EXPECT_EQ(r.paths, 100u);
  EXPECT_EQ(r.explored_probability, 100 * std::ldexp(1.0, -12));
  std::ostringstream json;
  explore::write_explore_json(json, s, r);
  EXPECT_NE(json.str().find("\"partial\": true"), std::string::npos);
}

TEST(Explore, SameScenarioSameBytes) {
  const Scenario s = load(explore_test::every_choice());
  std::ostringstream a, b, text;
  explore::write_explore_json(a, s, explore::explore(s, {}));
  explore::write_explore_json(b, s, explore::explore(s, {}));
  EXPECT_EQ(a.str(), b.str());
  explore::write_explore_text(text, s, explore::explore(s, {}));
  EXPECT_NE(text.str().find("13 paths, "), std::string::npos) << text.str();
}

TEST(ScriptedDraws, ContinuousDrawsTakeTheirMedians) {
  struct FirstAlternative : ChoiceSource {
    std::size_t choose(const DrawKey&, std::span<const double>, const ChoiceLabel&) override {
      return 0;
    }
  } source;
  Draws draws(7, 3);
  draws.script(&source);
  const DrawKey key{name_key("x"), DrawPurpose::kLatency};
  Distribution d;
  d.kind = Distribution::Kind::kExponential;
  d.a = 600000;
  EXPECT_DOUBLE_EQ(draws.draw(key, d), 600000 * std::log(2.0));
  d.kind = Distribution::Kind::kUniform;
  d.a = 10;
  d.b = 30;
  EXPECT_DOUBLE_EQ(draws.draw(key, d), 20);
  d.kind = Distribution::Kind::kLognormal;
  d.a = 1200000;
  d.b = 0.5;
  EXPECT_DOUBLE_EQ(draws.draw(key, d), 1200000);
  d.kind = Distribution::Kind::kEmpirical;
  d.values = {5, 1, 9, 3};
  EXPECT_DOUBLE_EQ(draws.draw(key, d), 4);  // (3 + 5) / 2
  d.kind = Distribution::Kind::kWeibull;    // shape 1: exponential of scale b
  d.a = 1;
  d.b = 1000;
  EXPECT_NEAR(draws.draw(key, d), 1000 * std::log(2.0), 1e-9);
  EXPECT_EQ(draws.uniform(key), 0.5);
  // The choice is the source's, not the keyed uniform's.
  const double weights[3] = {0.1, 0.2, 0.7};
  EXPECT_EQ(draws.choose(key, weights), 0u);
  // Unscripted again: the keyed draws of (7, 3), as before.
  draws.script(nullptr);
  EXPECT_EQ(draws.uniform(key), Draws(7, 3).uniform(key));
}

}  // namespace
}  // namespace deploysim
