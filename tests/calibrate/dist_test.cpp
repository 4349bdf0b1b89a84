// The two families calibrate added to DIST: {gamma: {shape, scale}} and
// {weibull: {shape, scale}}. The loader reads and checks them; the sampler
// draws by inversion: the empirical CDF of 100,000 seeded draws is within the
// Kolmogorov-Smirnov 99.9 % band (1.95 / sqrt(n)) of Boost's CDF, and a draw
// is the quantile of its one uniform.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <cmath>

#include "deploysim/loader.hpp"
#include "deploysim/random.hpp"
#include "deploysim/scenario.hpp"

namespace deploysim {
namespace {

template <class BoostDist>
void expect_draws_follow(const Distribution& d, const BoostDist& dist) {
  constexpr std::size_t n = 100000;
  const Draws source(42, 0);
  std::vector<double> draws;
  for (std::size_t i = 0; i < n; ++i) {
    draws.push_back(
        source.draw(DrawKey{0, DrawPurpose::kLatency, 0, static_cast<std::uint32_t>(i)}, d));
  }
  std::sort(draws.begin(), draws.end());
  double ks = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double f = boost::math::cdf(dist, draws[i]);
    ks = std::max({ks, std::fabs(f - static_cast<double>(i) / n),
                   std::fabs(f - static_cast<double>(i + 1) / n)});
  }
  EXPECT_LT(ks, 1.95 / std::sqrt(static_cast<double>(n)));

  // One uniform per draw: a draw is the quantile of its key's uniform.
  const Draws keyed(9, 3);
  for (std::uint32_t i = 0; i < 10; ++i) {
    const DrawKey key{name_key("x"), DrawPurpose::kLatency, 0, i};
    const double u = keyed.uniform(key);
    EXPECT_NEAR(keyed.draw(key, d), boost::math::quantile(dist, u),
                1e-6 * boost::math::quantile(dist, u));
  }
}

TEST(Sampler, GammaDraws) {
  Distribution d;
  d.kind = Distribution::Kind::kGamma;
  d.a = 2.5;
  d.b = 240000;  // ms
  expect_draws_follow(d, boost::math::gamma_distribution<>(2.5, 240000));
}

TEST(Sampler, WeibullDraws) {
  Distribution d;
  d.kind = Distribution::Kind::kWeibull;
  d.a = 1.6;
  d.b = 700000;
  expect_draws_follow(d, boost::math::weibull_distribution<>(1.6, 700000));
}

const std::string kDeployment =
    "deployment:\n"
    "  manifests: [{path: m}]\n"
    "  targets: {prod: {account: a}}\n"
    "  strategies: {}\n";

std::vector<std::string> load_errors(const std::string& deploy_block, Scenario* out = nullptr) {
  Diagnostics diagnostics;
  auto s = load_scenario_from_string(kDeployment + deploy_block, "s.yml", {}, diagnostics);
  if (s && out) *out = *s;
  std::vector<std::string> errors;
  for (const Problem& p : diagnostics.problems()) {
    if (p.severity == Severity::kError) errors.push_back(p.to_string());
  }
  return errors;
}

TEST(Dist, LoaderReadsGammaAndWeibull) {
  Scenario s;
  ASSERT_EQ(load_errors("deploy:\n"
                        "  readyAfter: {gamma: {shape: 2.5, scale: 4m}}\n"
                        "  rollbackAfter: {weibull: {shape: 0.8, scale: 90}}\n",
                        &s),
            std::vector<std::string>{});
  const Distribution& ready = *s.deploy.defaults.ready_after;
  EXPECT_EQ(ready.kind, Distribution::Kind::kGamma);
  EXPECT_EQ(ready.a, 2.5);
  EXPECT_EQ(ready.b, 240000);  // ms
  const Distribution& rollback = *s.deploy.defaults.rollback_after;
  EXPECT_EQ(rollback.kind, Distribution::Kind::kWeibull);
  EXPECT_EQ(rollback.a, 0.8);
  EXPECT_EQ(rollback.b, 90000);
}

TEST(Dist, LoaderChecksGammaAndWeibull) {
  EXPECT_EQ(load_errors("deploy: {readyAfter: {gamma: {shape: 0, scale: 4m}}}\n"),
            std::vector<std::string>{
                "s.yml:5:30: error: deploy.readyAfter.gamma: shape and scale must be positive"});
  EXPECT_EQ(
      load_errors("deploy: {readyAfter: {weibull: {shape: 2}}}\n"),
      std::vector<std::string>{"s.yml:5:32: error: deploy.readyAfter.weibull has no 'scale'"});
  EXPECT_EQ(load_errors("deploy: {readyAfter: {weibull: {shape: 2, scale: 1m, k: 3}}}\n").size(),
            1u);
}

}  // namespace
}  // namespace deploysim
