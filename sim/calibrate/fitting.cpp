// Censored maximum likelihood with Boost.Math's Brent minimiser. Boost 1.74
// has no multivariate minimiser, so each two-parameter family is fitted by
// its profile likelihood: an outer Brent search over the shape (lognormal:
// log sigma; gamma, Weibull: log shape) whose every step minimises over the
// other parameter (an inner Brent search; for Weibull that minimum has a
// closed form). Intervals: 95 % Wald intervals from the observed information
// (a finite-difference Hessian of the negative log-likelihood) on the log
// scale, so they stay positive and asymmetric like the parameters.
#include <algorithm>
#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <boost/math/tools/minima.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "fitting.hpp"
#include "likelihood.hpp"

namespace deploysim::calibrate {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Minimum {
  double x = 0;
  double value = 0;
};

// Minimises f near `center` with Brent's method on [center - half_width,
// center + half_width]; while the minimum sits on an edge of the interval it
// lies beyond it, so the search moves there with an interval twice as wide.
template <class F>
Minimum minimise(F f, double center, double half_width) {
  constexpr int kBits = std::numeric_limits<double>::digits / 2;  // Brent's best
  double lo = center - half_width;
  double hi = center + half_width;
  Minimum found;
  for (int attempt = 0; attempt < 60; ++attempt) {
    std::uintmax_t iterations = 500;
    const auto [x, value] = boost::math::tools::brent_find_minima(f, lo, hi, kBits, iterations);
    found = {x, value};
    const double width = hi - lo;
    const double margin = 1e-6 * width;
    if (x - lo > margin && hi - x > margin) break;
    lo = x - width;
    hi = x + width;
  }
  return found;
}

// Standard errors of (x, y) at the minimum of g: the inverse of the
// finite-difference Hessian. NaN when it is not positive definite.
struct StandardErrors {
  double x = kNaN;
  double y = kNaN;
};

template <class G>
StandardErrors standard_errors(G g, double x, double y) {
  constexpr double h = 1e-4;
  const double f0 = g(x, y);
  const double fxx = (g(x + h, y) - 2 * f0 + g(x - h, y)) / (h * h);
  const double fyy = (g(x, y + h) - 2 * f0 + g(x, y - h)) / (h * h);
  const double fxy =
      (g(x + h, y + h) - g(x + h, y - h) - g(x - h, y + h) + g(x - h, y - h)) / (4 * h * h);
  const double det = fxx * fyy - fxy * fxy;
  if (!(fxx > 0 && fyy > 0 && det > 0) || !std::isfinite(det)) return {};
  return {std::sqrt(fyy / det), std::sqrt(fxx / det)};
}

double z95() {
  return boost::math::quantile(boost::math::normal_distribution<double, MathPolicy>(), 0.975);
}

// A positive parameter with the interval value * exp(+- z se), se being the
// standard error of log(value).
Parameter log_scale_parameter(std::string name, double value, double se, bool is_duration) {
  const double z = z95();
  return {std::move(name), value, value * std::exp(-z * se), value * std::exp(z * se), is_duration};
}

// Mean and standard deviation of log t over every run, censored ones as if
// finished: the starting point of the searches.
struct LogMoments {
  double mean = 0;
  double sd = 0;
};

LogMoments log_moments(const CensoredSample& s) {
  double sum = 0;
  for (const auto& p : s.points) sum += p.count * p.log_t;
  const double mean = sum / s.n;
  double squares = 0;
  for (const auto& p : s.points) squares += p.count * (p.log_t - mean) * (p.log_t - mean);
  return {mean, std::sqrt(squares / s.n)};
}

void set_likelihood(Fit& fit, double nll, int parameters) {
  fit.log_likelihood = -nll;
  fit.aic = 2.0 * parameters + 2.0 * nll;
}

Fit fit_lognormal(const CensoredSample& s) {
  const LogMoments start = log_moments(s);
  const double sd0 = start.sd > 0 ? start.sd : 1.0;
  double mu_hint = start.mean;
  const auto best_mu = [&](double sigma) {
    const Minimum m =
        minimise([&](double mu) { return lognormal_nll(s, mu, sigma); }, mu_hint, sigma + 0.1);
    mu_hint = m.x;
    return m;
  };
  const Minimum outer = minimise(
      [&](double log_sigma) { return best_mu(std::exp(log_sigma)).value; }, std::log(sd0), 1.0);
  const Minimum inner = best_mu(std::exp(outer.x));
  const double mu = inner.x;
  const double log_sigma = outer.x;
  const StandardErrors se = standard_errors(
      [&](double m, double ls) { return lognormal_nll(s, m, std::exp(ls)); }, mu, log_sigma);
  Fit fit;
  fit.family = Family::kLognormal;
  fit.parameters = {log_scale_parameter("median", std::exp(mu), se.x, true),
                    log_scale_parameter("sigma", std::exp(log_sigma), se.y, false)};
  set_likelihood(fit, inner.value, 2);
  return fit;
}

Fit fit_gamma(const CensoredSample& s) {
  const double mean = s.sum_t / s.n;
  double var = 0;
  for (const auto& p : s.points) var += p.count * (p.t - mean) * (p.t - mean);
  var /= s.n;
  const double shape0 = var > 0 ? mean * mean / var : 100.0;
  double log_scale_hint = std::log(s.sum_t / (s.events * shape0));
  const auto best_scale = [&](double shape) {
    const Minimum m =
        minimise([&](double log_scale) { return gamma_nll(s, shape, std::exp(log_scale)); },
                 log_scale_hint, 1.0);
    log_scale_hint = m.x;
    return m;
  };
  const Minimum outer =
      minimise([&](double log_shape) { return best_scale(std::exp(log_shape)).value; },
               std::log(shape0), 1.0);
  const Minimum inner = best_scale(std::exp(outer.x));
  const StandardErrors se = standard_errors(
      [&](double ls, double lc) { return gamma_nll(s, std::exp(ls), std::exp(lc)); }, outer.x,
      inner.x);
  Fit fit;
  fit.family = Family::kGamma;
  fit.parameters = {log_scale_parameter("shape", std::exp(outer.x), se.x, false),
                    log_scale_parameter("scale", std::exp(inner.x), se.y, true)};
  set_likelihood(fit, inner.value, 2);
  return fit;
}

Fit fit_weibull(const CensoredSample& s) {
  const LogMoments start = log_moments(s);
  // For a Weibull, the sd of log t is pi / (shape sqrt 6).
  const double shape0 = start.sd > 0 ? 1.2825498301618641 / start.sd : 10.0;
  const Minimum outer = minimise(
      [&](double log_shape) { return weibull_profile_nll(s, std::exp(log_shape), nullptr); },
      std::log(shape0), 1.0);
  double scale = 0;
  const double nll = weibull_profile_nll(s, std::exp(outer.x), &scale);
  const StandardErrors se = standard_errors(
      [&](double ls, double lc) { return weibull_nll(s, std::exp(ls), std::exp(lc)); }, outer.x,
      std::log(scale));
  Fit fit;
  fit.family = Family::kWeibull;
  fit.parameters = {log_scale_parameter("shape", std::exp(outer.x), se.x, false),
                    log_scale_parameter("scale", scale, se.y, true)};
  set_likelihood(fit, nll, 2);
  return fit;
}

Fit fit_exponential(const CensoredSample& s) {
  // Closed form: total time on test over the number of finished runs; the
  // observed information of log(mean) is the number of finished runs.
  const double mean = s.sum_t / s.events;
  Fit fit;
  fit.family = Family::kExponential;
  fit.parameters = {log_scale_parameter("mean", mean, 1 / std::sqrt(s.events), true)};
  set_likelihood(fit, exponential_nll(s, mean), 1);
  return fit;
}

double param(const Fit& fit, std::size_t i) { return fit.parameters.at(i).value; }

// P(X < t): differs from cdf() only for the empirical distribution's jumps.
double cdf_before(const Fit& fit, double t) {
  if (fit.family != Family::kEmpirical) return fit.cdf(t);
  const auto below = std::lower_bound(fit.values.begin(), fit.values.end(), t);
  return static_cast<double>(below - fit.values.begin()) / static_cast<double>(fit.values.size());
}

}  // namespace

double Fit::cdf(double seconds) const {
  if (!(seconds > 0)) return 0;
  switch (family) {
    case Family::kLognormal:
      return boost::math::cdf(boost::math::lognormal_distribution<double, MathPolicy>(
                                  std::log(param(*this, 0)), param(*this, 1)),
                              seconds);
    case Family::kGamma:
      return boost::math::cdf(
          boost::math::gamma_distribution<double, MathPolicy>(param(*this, 0), param(*this, 1)),
          seconds);
    case Family::kWeibull:
      return boost::math::cdf(
          boost::math::weibull_distribution<double, MathPolicy>(param(*this, 0), param(*this, 1)),
          seconds);
    case Family::kExponential:
      return boost::math::cdf(
          boost::math::exponential_distribution<double, MathPolicy>(1 / param(*this, 0)), seconds);
    case Family::kEmpirical: {
      const auto upto = std::upper_bound(values.begin(), values.end(), seconds);
      return static_cast<double>(upto - values.begin()) / static_cast<double>(values.size());
    }
  }
  return 0;
}

double Fit::quantile(double p) const {
  switch (family) {
    case Family::kLognormal:
      return boost::math::quantile(boost::math::lognormal_distribution<double, MathPolicy>(
                                       std::log(param(*this, 0)), param(*this, 1)),
                                   p);
    case Family::kGamma:
      return boost::math::quantile(
          boost::math::gamma_distribution<double, MathPolicy>(param(*this, 0), param(*this, 1)), p);
    case Family::kWeibull:
      return boost::math::quantile(
          boost::math::weibull_distribution<double, MathPolicy>(param(*this, 0), param(*this, 1)),
          p);
    case Family::kExponential:
      return boost::math::quantile(
          boost::math::exponential_distribution<double, MathPolicy>(1 / param(*this, 0)), p);
    case Family::kEmpirical: {
      if (values.empty()) return 0;
      const double rank = std::ceil(p * static_cast<double>(values.size()));
      const auto i = static_cast<std::size_t>(std::max(rank, 1.0)) - 1;
      return values[std::min(i, values.size() - 1)];
    }
  }
  return 0;
}

Fit fit_parametric(const CensoredSample& sample, Family family) {
  switch (family) {
    case Family::kLognormal:
      return fit_lognormal(sample);
    case Family::kGamma:
      return fit_gamma(sample);
    case Family::kWeibull:
      return fit_weibull(sample);
    case Family::kExponential:
      return fit_exponential(sample);
    case Family::kEmpirical:
      break;
  }
  throw std::logic_error("fit_parametric: empirical is not a parametric family");
}

Fit fit_empirical(const CensoredSample& sample, const std::vector<KaplanMeierStep>& km,
                  const Fit& tail) {
  Fit fit;
  fit.family = Family::kEmpirical;
  fit.log_likelihood = kNaN;
  fit.aic = kNaN;
  const std::size_t m = std::min<std::size_t>(static_cast<std::size_t>(sample.n), 100);
  const double reached = km.empty() ? 0 : km.back().cdf;
  for (std::size_t i = 0; i < m; ++i) {
    const double p = (static_cast<double>(i) + 0.5) / static_cast<double>(m);
    if (p <= reached) {
      const auto step =
          std::lower_bound(km.begin(), km.end(), p,
                           [](const KaplanMeierStep& s, double prob) { return s.cdf < prob; });
      fit.values.push_back(step->seconds);
    } else {
      fit.values.push_back(std::max(sample.longest, tail.quantile(p)));
      ++fit.values_from_tail;
    }
  }
  std::sort(fit.values.begin(), fit.values.end());
  return fit;
}

double ks_distance(const std::vector<KaplanMeierStep>& km, double longest, const Fit& fit) {
  // Both functions are right-continuous steps or continuous: between two
  // consecutive jump points of either, the largest gap is at an end, as a
  // right limit at the left end or a left limit at the right end.
  std::vector<double> points;
  points.reserve(km.size() + fit.values.size() + 1);
  for (const KaplanMeierStep& s : km) points.push_back(s.seconds);
  for (double v : fit.values) {
    if (v <= longest) points.push_back(v);
  }
  points.push_back(longest);
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());

  double distance = 0;
  std::size_t next = 0;  // the first KM step past the points handled so far
  double km_before = 0;  // F_KM just before the current point
  for (double t : points) {
    double km_at = km_before;
    while (next < km.size() && km[next].seconds <= t) km_at = km[next++].cdf;
    const double at = fit.cdf(t);
    const double before = fit.family == Family::kEmpirical ? cdf_before(fit, t) : at;
    distance = std::max({distance, std::fabs(km_at - at), std::fabs(km_before - before)});
    km_before = km_at;
  }
  return distance;
}

}  // namespace deploysim::calibrate
