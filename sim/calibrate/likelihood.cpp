#include "likelihood.hpp"

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>

namespace deploysim::calibrate {
namespace {

double finite_or_huge(double v) { return std::isfinite(v) ? v : kHuge; }

}  // namespace

double lognormal_nll(const CensoredSample& s, double mu, double sigma) {
  if (!(sigma > 0) || !std::isfinite(mu)) return kHuge;
  using boost::math::constants::log_root_two_pi;  // log sqrt(2 pi)
  using boost::math::constants::one_div_root_two;
  const double r = s.events;
  // sum over finished runs of (log t - mu)^2, from the sums.
  const double squares =
      std::max(0.0, s.sum_log_t2_events - 2 * mu * s.sum_log_t_events + r * mu * mu);
  double nll = s.sum_log_t_events + r * std::log(sigma) + r * log_root_two_pi<double>() +
               squares / (2 * sigma * sigma);
  for (const CensoredSample::Point& p : s.censored) {
    const double z = (p.log_t - mu) / sigma;
    const double survival = 0.5 * boost::math::erfc(z * one_div_root_two<double>(), MathPolicy());
    if (!(survival > 0)) return kHuge;
    nll -= p.count * std::log(survival);
  }
  return finite_or_huge(nll);
}

double gamma_nll(const CensoredSample& s, double shape, double scale) {
  if (!(shape > 0) || !(scale > 0)) return kHuge;
  const double r = s.events;
  double nll = -(shape - 1) * s.sum_log_t_events + s.sum_t_events / scale +
               r * shape * std::log(scale) + r * boost::math::lgamma(shape, MathPolicy());
  for (const CensoredSample::Point& p : s.censored) {
    const double survival = boost::math::gamma_q(shape, p.t / scale, MathPolicy());
    if (!(survival > 0)) return kHuge;
    nll -= p.count * std::log(survival);
  }
  return finite_or_huge(nll);
}

double weibull_nll(const CensoredSample& s, double shape, double scale) {
  if (!(shape > 0) || !(scale > 0)) return kHuge;
  const double r = s.events;
  const double log_scale = std::log(scale);
  double sum_powers = 0;  // sum over every run of (t / scale)^shape
  for (const CensoredSample::Point& p : s.points) {
    sum_powers += p.count * std::exp(shape * (p.log_t - log_scale));
  }
  const double nll =
      -r * std::log(shape) + r * shape * log_scale - (shape - 1) * s.sum_log_t_events + sum_powers;
  return finite_or_huge(nll);
}

double weibull_profile_nll(const CensoredSample& s, double shape, double* scale_out) {
  if (!(shape > 0) || s.points.empty() || !(s.events > 0)) return kHuge;
  // log of sum(count * t^shape), kept finite by factoring out the largest term.
  const double top = shape * s.points.back().log_t;
  double scaled = 0;
  for (const CensoredSample::Point& p : s.points) {
    scaled += p.count * std::exp(shape * p.log_t - top);
  }
  const double log_sum = top + std::log(scaled);
  const double log_scale = (log_sum - std::log(s.events)) / shape;
  if (scale_out) *scale_out = std::exp(log_scale);
  // With the scale at its optimum, sum((t / scale)^shape) = events.
  const double r = s.events;
  const double nll =
      -r * std::log(shape) + r * shape * log_scale - (shape - 1) * s.sum_log_t_events + r;
  return finite_or_huge(nll);
}

double exponential_nll(const CensoredSample& s, double mean) {
  if (!(mean > 0)) return kHuge;
  return finite_or_huge(s.events * std::log(mean) + s.sum_t / mean);
}

}  // namespace deploysim::calibrate
