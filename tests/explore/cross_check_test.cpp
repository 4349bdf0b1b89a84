// Monte Carlo against explore: on scenarios with every kind of choice whose
// continuous draws are constants (so explore's median reduction is exact),
// every target's status frequency over many keyed replications falls inside
// its 99.9 % Wilson interval around explore's exact probability, and a status
// explore says is impossible never occurs.
#include <gtest/gtest.h>

#include <cmath>

#include "deploysim/explore.hpp"
#include "deploysim/montecarlo.hpp"
#include "scenarios.hpp"

namespace deploysim {
namespace {

// Whether p lies in the 99.9 % Wilson score interval of k successes in n.
bool inside_wilson_999(double p, std::uint64_t k, std::uint64_t n) {
  const double z = 3.2905267314919255;  // the two-sided 99.9 % normal quantile
  const double nn = static_cast<double>(n);
  const double phat = static_cast<double>(k) / nn;
  const double denom = 1 + z * z / nn;
  const double centre = (phat + z * z / (2 * nn)) / denom;
  const double half = z * std::sqrt(phat * (1 - phat) / nn + z * z / (4 * nn * nn)) / denom;
  return p >= centre - half && p <= centre + half;
}

void cross_check(const std::string& text) {
  const Scenario s = explore_test::load(text);
  const explore::ExploreResult exact = explore::explore(s, {});
  ASSERT_FALSE(exact.partial);
  MonteCarloOptions o;
  o.runs = 20000;
  o.seed = 5;
  o.threads = 1;
  const MonteCarloResult mc = run_montecarlo(s, o);
  const std::uint64_t n = mc.aggregate.runs();
  ASSERT_EQ(n, o.runs);
  for (std::size_t t = 0; t < s.deployment.targets.size(); ++t) {
    for (int st = 0; st < kTargetStatusCount; ++st) {
      const double p = exact.target_status[t][static_cast<std::size_t>(st)];
      const std::uint64_t k = mc.aggregate.targets()[t].status[static_cast<std::size_t>(st)];
      const std::string what = s.deployment.targets[t].name + " " +
                               std::string(to_string(static_cast<TargetStatus>(st)));
      if (p == 0) {
        EXPECT_EQ(k, 0u) << what << ": explore says impossible";
      } else {
        EXPECT_TRUE(inside_wilson_999(p, k, n))
            << what << ": explore " << p << ", Monte Carlo " << k << " / " << n;
      }
    }
  }
}

TEST(ExploreCrossCheck, AttemptFailuresApprovalMixAndReceiverOutage) {
  cross_check(explore_test::every_choice());
}

TEST(ExploreCrossCheck, FourWayOutcomeMixWithAttemptFailuresOnAChain) {
  std::string text = explore_test::chain(
      3, "{success: 0.6, failure: 0.2, noCallback: 0.1, unreachable: 0.1}, attemptFailure: 0.2");
  text += "timeouts: {webhookCallback: 1h, retryDelay: 1m}\n";
  cross_check(text);
}

TEST(ExploreCrossCheck, IndependentCoinsAndAnApprovalMix) {
  std::string text = explore_test::coins(3);
  // c0 also waits for a person: approve 0.5, reject 0.3, never 0.2.
  const std::string from = "c0: {account: c, namespace: n0, constraints: {";
  text.replace(text.find(from), from.size(),
               from + "beforeDeployment: [{pause: {untilApproved: true}}], ");
  text += "approvals:\n  default: {after: 1h, decision: {approve: 0.5, reject: 0.3, never: 0.2}}\n";
  cross_check(text);
}

}  // namespace
}  // namespace deploysim
