// The fits against known answers (closed forms, score equations solved
// independently with Boost's root finders, a Kaplan-Meier estimate by hand)
// and against seeded data from known distributions, censored at a timeout.
#include <gtest/gtest.h>

#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/tools/roots.hpp>
#include <cmath>
#include <numeric>

#include "deploysim/calibrate.hpp"
#include "history_generator.hpp"

namespace deploysim::calibrate {
namespace {

using testing::kMedian;
using testing::kSigma;

using testing::TrueRun;
// A history run (testing::Test has a member Run()).
using HistoryRun = ::deploysim::calibrate::Run;

History history_of(const std::vector<HistoryRun>& runs) {
  History h;
  h.runs = runs;
  h.files = {"memory (csv)"};
  return h;
}

// The messages of `diagnostics`, one a line.
std::string message_of(const Diagnostics& diagnostics) {
  std::string text;
  for (const Problem& p : diagnostics.problems()) text += (text.empty() ? "" : "\n") + p.message;
  return text;
}

Calibration fit(const std::vector<HistoryRun>& runs, std::optional<Family> family,
                std::optional<double> timeout = std::nullopt) {
  Diagnostics diagnostics;
  auto c = calibrate(history_of(runs), "W", Subject::kWebhook, timeout, {family}, diagnostics);
  EXPECT_TRUE(c.has_value()) << message_of(diagnostics);
  return c.value_or(Calibration{});
}

double param(const Calibration& c, const std::string& name) {
  for (const Parameter& p : c.latency.parameters) {
    if (p.name == name) return p.value;
  }
  ADD_FAILURE() << "no parameter " << name;
  return 0;
}

const Parameter& parameter(const Calibration& c, const std::string& name) {
  for (const Parameter& p : c.latency.parameters) {
    if (p.name == name) return p;
  }
  throw std::runtime_error("no parameter " + name);
}

// Runs censored at `timeout` as a tool that knows about censoring sees them.
std::vector<HistoryRun> censored_at(const std::vector<TrueRun>& truth, double timeout) {
  std::vector<HistoryRun> runs;
  for (const TrueRun& t : truth) {
    if (t.seconds >= timeout) {
      runs.push_back({timeout, true, RunResult::kSuccess});
    } else {
      runs.push_back({t.seconds, false, t.success ? RunResult::kSuccess : RunResult::kFailure});
    }
  }
  return runs;
}

// --- Known answers -------------------------------------------------------------

TEST(KnownAnswers, KaplanMeierByHand) {
  // 1, 2+, 3, 3, 4+, 5 (+ = censored): S(1) = 5/6, S(3) = 5/6 * 2/4, S(5) = 0.
  const std::vector<HistoryRun> runs = {{1, false}, {2, true}, {3, false},
                                        {3, false}, {4, true}, {5, false}};
  const Calibration c = fit(runs, Family::kExponential);
  ASSERT_EQ(c.kaplan_meier.size(), 3u);
  EXPECT_DOUBLE_EQ(c.kaplan_meier[0].seconds, 1);
  EXPECT_DOUBLE_EQ(c.kaplan_meier[0].cdf, 1.0 / 6);
  EXPECT_DOUBLE_EQ(c.kaplan_meier[1].seconds, 3);
  EXPECT_DOUBLE_EQ(c.kaplan_meier[1].cdf, 1 - 5.0 / 12);
  EXPECT_DOUBLE_EQ(c.kaplan_meier[2].seconds, 5);
  EXPECT_DOUBLE_EQ(c.kaplan_meier[2].cdf, 1);
  EXPECT_EQ(c.censoring_times, (std::vector<double>{2, 4}));
}

TEST(KnownAnswers, ExponentialIsTotalTimeOverEvents) {
  // Closed form with censoring: mean = sum of every duration / finished runs;
  // the observed information of log(mean) is the number of finished runs.
  const std::vector<HistoryRun> runs = {{10, false}, {20, false}, {30, true}, {40, false}};
  const Calibration c = fit(runs, Family::kExponential);
  const Parameter& mean = parameter(c, "mean");
  EXPECT_NEAR(mean.value, 100.0 / 3, 1e-12);
  const double z = 1.959963984540054;
  EXPECT_NEAR(mean.ci_low, 100.0 / 3 * std::exp(-z / std::sqrt(3.0)), 1e-9);
  EXPECT_NEAR(mean.ci_high, 100.0 / 3 * std::exp(z / std::sqrt(3.0)), 1e-9);
  const double log_likelihood = -(3 * std::log(100.0 / 3) + 3);
  EXPECT_NEAR(c.latency.log_likelihood, log_likelihood, 1e-9);
  EXPECT_NEAR(c.latency.aic, 2 - 2 * log_likelihood, 1e-9);
  // KS: KM steps 1/4 at 10 and 1/2 at 20 (the risk set of 4 then 3), then
  // 1 at 40 after the censored 30 (risk set 1).
  const auto F = [](double t) { return 1 - std::exp(-t / (100.0 / 3)); };
  const double expected =
      std::max({F(10), std::fabs(0.25 - F(10)), std::fabs(0.25 - F(20)), std::fabs(0.5 - F(20)),
                std::fabs(0.5 - F(40)), std::fabs(1 - F(40))});
  EXPECT_NEAR(c.latency.ks, expected, 1e-12);
}

TEST(KnownAnswers, LognormalWithoutCensoringIsTheMomentsOfTheLogs) {
  const std::vector<double> t = {120, 340, 95, 600, 410, 233, 180};
  std::vector<HistoryRun> runs;
  double mean = 0;
  for (double v : t) {
    runs.push_back({v, false});
    mean += std::log(v) / t.size();
  }
  double var = 0;
  for (double v : t) var += (std::log(v) - mean) * (std::log(v) - mean) / t.size();
  const Calibration c = fit(runs, Family::kLognormal);
  EXPECT_NEAR(param(c, "median") / std::exp(mean), 1, 1e-6);
  EXPECT_NEAR(param(c, "sigma") / std::sqrt(var), 1, 1e-6);
  // Wald intervals of the closed form: se(mu) = sigma / sqrt(n), se(log sigma) = 1 / sqrt(2n).
  const Parameter& median = parameter(c, "median");
  const double z = 1.959963984540054;
  const double se_mu = std::sqrt(var / t.size());
  EXPECT_NEAR(median.ci_low / std::exp(mean - z * se_mu), 1, 1e-4);
  EXPECT_NEAR(median.ci_high / std::exp(mean + z * se_mu), 1, 1e-4);
  const Parameter& sigma = parameter(c, "sigma");
  EXPECT_NEAR(sigma.ci_high / (std::sqrt(var) * std::exp(z / std::sqrt(2.0 * t.size()))), 1, 1e-4);
}

TEST(KnownAnswers, CensoredLognormalSolvesTheScoreEquations) {
  // The score of the censored lognormal likelihood, written out with
  // Boost's normal pdf/cdf, vanishes at the fit.
  const auto truth = testing::generate(300, testing::lognormal(600, 0.8), 0.9, /*seed=*/11);
  const std::vector<HistoryRun> runs = censored_at(truth, 1000);
  const Calibration c = fit(runs, Family::kLognormal);
  const double mu = std::log(param(c, "median"));
  const double sigma = param(c, "sigma");
  const boost::math::normal_distribution<> normal;
  double d_mu = 0, d_sigma = 0;
  for (const HistoryRun& r : runs) {
    const double z = (std::log(r.seconds) - mu) / sigma;
    if (r.censored) {
      const double hazard = boost::math::pdf(normal, z) / boost::math::cdf(complement(normal, z));
      d_mu += hazard / sigma;
      d_sigma += hazard * z / sigma;
    } else {
      d_mu += z / sigma;
      d_sigma += (z * z - 1) / sigma;
    }
  }
  EXPECT_NEAR(d_mu, 0, 1e-4);
  EXPECT_NEAR(d_sigma, 0, 1e-4);
  EXPECT_GT(c.censored, 30u);
}

TEST(KnownAnswers, WeibullShapeSolvesItsProfileEquation) {
  // Uncensored Weibull MLE: sum t^k log t / sum t^k - 1/k - mean(log t) = 0,
  // solved here with Boost's bracketing root finder.
  const std::vector<double> t = {50, 80, 120, 130, 170, 210, 260, 300};
  std::vector<HistoryRun> runs;
  for (double v : t) runs.push_back({v, false});
  double mean_log = 0;
  for (double v : t) mean_log += std::log(v) / t.size();
  const auto equation = [&](double k) {
    double a = 0, b = 0;
    for (double v : t) {
      a += std::pow(v, k) * std::log(v);
      b += std::pow(v, k);
    }
    return a / b - 1 / k - mean_log;
  };
  boost::math::tools::eps_tolerance<double> tol(50);
  std::uintmax_t it = 200;
  const auto [lo, hi] = boost::math::tools::toms748_solve(equation, 0.1, 50.0, tol, it);
  const double k = (lo + hi) / 2;
  double sum = 0;
  for (double v : t) sum += std::pow(v, k);
  const double scale = std::pow(sum / t.size(), 1 / k);
  const Calibration c = fit(runs, Family::kWeibull);
  EXPECT_NEAR(param(c, "shape") / k, 1, 1e-6);
  EXPECT_NEAR(param(c, "scale") / scale, 1, 1e-6);
}

TEST(KnownAnswers, GammaShapeSolvesItsProfileEquation) {
  // Uncensored gamma MLE: log k - digamma(k) = log(mean t) - mean(log t).
  const std::vector<double> t = {50, 80, 120, 130, 170, 210, 260, 300, 45, 500};
  std::vector<HistoryRun> runs;
  double mean = 0, mean_log = 0;
  for (double v : t) {
    runs.push_back({v, false});
    mean += v / t.size();
    mean_log += std::log(v) / t.size();
  }
  const double s = std::log(mean) - mean_log;
  const auto equation = [&](double k) { return std::log(k) - boost::math::digamma(k) - s; };
  boost::math::tools::eps_tolerance<double> tol(50);
  std::uintmax_t it = 200;
  const auto [lo, hi] = boost::math::tools::toms748_solve(equation, 0.01, 1000.0, tol, it);
  const double k = (lo + hi) / 2;
  const Calibration c = fit(runs, Family::kGamma);
  EXPECT_NEAR(param(c, "shape") / k, 1, 1e-6);
  EXPECT_NEAR(param(c, "scale") / (mean / k), 1, 1e-6);
}

TEST(KnownAnswers, EmpiricalWithoutCensoringIsTheSample) {
  const std::vector<double> t = {30, 10, 20, 50, 40};
  std::vector<HistoryRun> runs;
  for (double v : t) runs.push_back({v, false});
  const Calibration c = fit(runs, Family::kEmpirical);
  EXPECT_EQ(c.latency.values, (std::vector<double>{10, 20, 30, 40, 50}));
  EXPECT_EQ(c.latency.values_from_tail, 0u);
  EXPECT_NEAR(c.latency.ks, 0, 1e-12);
}

TEST(KnownAnswers, OutcomeSharesComeFromFinishedRunsOnly) {
  // 3 successes, 1 failure, 2 censored: success 3/4 with the Clopper-Pearson
  // interval [0.194..., 0.993...] (beta quantiles).
  const std::vector<HistoryRun> runs = {{1, false, RunResult::kSuccess},
                                        {2, false, RunResult::kSuccess},
                                        {3, false, RunResult::kSuccess},
                                        {4, false, RunResult::kFailure},
                                        {9, true},
                                        {9, true}};
  const Calibration c = fit(runs, Family::kExponential);
  ASSERT_TRUE(c.success);
  EXPECT_EQ(c.success->count, 3u);
  EXPECT_DOUBLE_EQ(c.success->value, 0.75);
  EXPECT_NEAR(c.success->ci_low, 0.19412044, 1e-6);
  EXPECT_NEAR(c.success->ci_high, 0.99369053, 1e-6);
  EXPECT_EQ(c.failure->count, 1u);
}

// --- Recovery from censored data -------------------------------------------------

// The case: true median 10 minutes, a 20-minute timeout that cuts a
// fifth of the runs (sigma = ln 2 / z_0.8).
constexpr double kTimeout = 1200;

TEST(Recovery, LognormalMedianAndSigmaWithAFifthCensored) {
  for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
    const auto truth = testing::generate(2000, testing::lognormal(kMedian, kSigma), 0.9, seed);
    const Calibration c = fit(censored_at(truth, kTimeout), Family::kLognormal);
    EXPECT_NEAR(static_cast<double>(c.censored) / 2000, 0.2, 0.03) << "seed " << seed;
    EXPECT_NEAR(param(c, "median") / kMedian, 1, 0.05) << "seed " << seed;
    EXPECT_NEAR(param(c, "sigma") / kSigma, 1, 0.08) << "seed " << seed;
    // The intervals cover the truth here (a 95 % interval, five seeds).
    const Parameter& median = parameter(c, "median");
    EXPECT_LT(median.ci_low, kMedian) << "seed " << seed;
    EXPECT_GT(median.ci_high, kMedian) << "seed " << seed;
    EXPECT_LT(c.latency.ks, 0.04) << "seed " << seed;
  }
}

TEST(Recovery, IgnoringTheCensoringMissesTheMedian) {
  // The same data, fitted as tools that know nothing of censoring would:
  // dropping the timed-out runs, or taking their cut durations at face value.
  const auto truth = testing::generate(2000, testing::lognormal(kMedian, kSigma), 0.9, 1);
  const std::vector<HistoryRun> runs = censored_at(truth, kTimeout);
  std::vector<HistoryRun> dropped, face_value;
  for (HistoryRun r : runs) {
    if (!r.censored) dropped.push_back(r);
    r.censored = false;
    face_value.push_back(r);
  }
  const double censored = param(fit(runs, Family::kLognormal), "median");
  const double without = param(fit(dropped, Family::kLognormal), "median");
  const double at_face_value = param(fit(face_value, Family::kLognormal), "median");
  EXPECT_NEAR(censored / kMedian, 1, 0.05);
  EXPECT_LT(without / kMedian, 0.85);  // about -25 %: the slow fifth is gone
  EXPECT_LT(at_face_value / kMedian, 0.95);
  EXPECT_LT(param(fit(dropped, Family::kLognormal), "sigma") / kSigma, 0.8);
}

TEST(Recovery, GammaAndWeibullWithCensoring) {
  // The censored share is P(X >= 1000) within four binomial sds.
  const auto expect_censored = [](const Calibration& c, double p) {
    EXPECT_NEAR(static_cast<double>(c.censored), 2000 * p, 4 * std::sqrt(2000 * p * (1 - p)));
  };
  {
    const auto truth = testing::generate(2000, testing::gamma(2.5, 240), 0.9, 21);
    const Calibration c = fit(censored_at(truth, 1000), Family::kGamma);
    expect_censored(
        c, boost::math::cdf(complement(boost::math::gamma_distribution<>(2.5, 240), 1000.0)));
    EXPECT_NEAR(param(c, "shape") / 2.5, 1, 0.1);
    EXPECT_NEAR(param(c, "scale") / 240, 1, 0.1);
  }
  {
    const auto truth = testing::generate(2000, testing::weibull(1.6, 700), 0.9, 22);
    const Calibration c = fit(censored_at(truth, 1000), Family::kWeibull);
    expect_censored(
        c, boost::math::cdf(complement(boost::math::weibull_distribution<>(1.6, 700), 1000.0)));
    EXPECT_NEAR(param(c, "shape") / 1.6, 1, 0.08);
    EXPECT_NEAR(param(c, "scale") / 700, 1, 0.05);
  }
}

TEST(Recovery, BestPicksTheFamilyTheDataCameFrom) {
  struct Case {
    std::function<double(double)> quantile;
    Family family;
  };
  const std::vector<Case> cases = {{testing::lognormal(600, 1.0), Family::kLognormal},
                                   {testing::weibull(3.0, 700), Family::kWeibull},
                                   {testing::gamma(0.7, 900), Family::kGamma},
                                   {testing::gamma(1.0, 500), Family::kExponential}};
  for (const Case& k : cases) {
    const auto truth = testing::generate(3000, k.quantile, 0.9, 31);
    const Calibration c = fit(censored_at(truth, 1500), std::nullopt);
    EXPECT_EQ(to_string(c.latency.family), to_string(k.family));
    EXPECT_TRUE(c.chosen_by_aic);
    ASSERT_EQ(c.candidates.size(), 4u);
    for (const Fit& f : c.candidates) EXPECT_GE(f.aic, c.latency.aic);
  }
}

TEST(Recovery, EmpiricalTailPastTheTimeoutComesFromTheLognormal) {
  const auto truth = testing::generate(2000, testing::lognormal(kMedian, kSigma), 0.9, 4);
  const Calibration c = fit(censored_at(truth, kTimeout), Family::kEmpirical);
  ASSERT_EQ(c.latency.values.size(), 100u);
  // About a fifth of the probability lies past the timeout, where the
  // Kaplan-Meier estimate never goes.
  EXPECT_NEAR(static_cast<double>(c.latency.values_from_tail), 20, 4);
  for (std::size_t i = 100 - c.latency.values_from_tail; i < 100; ++i) {
    EXPECT_GE(c.latency.values[i], kTimeout);
  }
  EXPECT_NEAR(c.latency.quantile(0.5) / kMedian, 1, 0.05);
}

TEST(Recovery, RefusesWhatCannotBeFitted) {
  // Each refusal is one error with no place (the history as a whole is at fault).
  const auto refusal = [](const History& history, const FitRequest& request) {
    Diagnostics diagnostics;
    EXPECT_FALSE(calibrate(history, "W", Subject::kWebhook, {}, request, diagnostics));
    EXPECT_EQ(diagnostics.problems().size(), 1u);
    EXPECT_EQ(diagnostics.problems().at(0).location.file, "");
    return message_of(diagnostics);
  };
  EXPECT_EQ(refusal(history_of({}), {}), "no runs to fit");
  const std::string censored = refusal(history_of({{5, true}, {6, true}}), {});
  EXPECT_NE(censored.find("every one of the 2 runs is censored"), std::string::npos) << censored;
  const std::string one_value = refusal(history_of({{5, false}, {5, false}}), {});
  EXPECT_NE(one_value.find("fewer than two distinct durations"), std::string::npos) << one_value;
  Diagnostics diagnostics;
  EXPECT_TRUE(calibrate(history_of({{5, false}, {5, false}}), "W", Subject::kWebhook, {},
                        {Family::kExponential}, diagnostics));
  EXPECT_FALSE(diagnostics.has_errors());
  EXPECT_EQ(refusal(history_of({{5, false}, {0, false}}), {}),
            "a run lasted 0.000000 s: every duration in a fit must be positive and finite");
}

}  // namespace
}  // namespace deploysim::calibrate
