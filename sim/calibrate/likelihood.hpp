// Negative log-likelihoods with right-censoring: a finished run contributes
// -log f(t), a censored run -log P(X > t). Each is evaluated from the sums of
// CensoredSample plus one term per distinct censored duration (Weibull: one
// term per distinct duration). Every special function comes from Boost.Math.
#pragma once

#include <boost/math/policies/policy.hpp>

#include "censored_sample.hpp"

namespace deploysim::calibrate {

// Boost.Math without exceptions (a trial point of a minimiser may be absurd:
// the answer is then inf or NaN and the minimiser moves on) and without the
// promotion of double to long double (the fits evaluate millions of terms).
using MathPolicy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>,
    boost::math::policies::pole_error<boost::math::policies::ignore_error>,
    boost::math::policies::promote_double<false>>;

// What a minimiser sees for a value that is not a finite number.
inline constexpr double kHuge = 1e300;

// Lognormal with log-median mu and log-sd sigma.
double lognormal_nll(const CensoredSample& s, double mu, double sigma);

// Gamma with shape k and scale theta (mean k theta).
double gamma_nll(const CensoredSample& s, double shape, double scale);

// Weibull with shape k and scale lambda: P(X > t) = exp(-(t / lambda)^k).
double weibull_nll(const CensoredSample& s, double shape, double scale);

// Weibull with the scale at its maximum-likelihood value for this shape
// (lambda^k = sum of t^k over every run / finished runs), and that scale.
double weibull_profile_nll(const CensoredSample& s, double shape, double* scale_out);

// Exponential with this mean.
double exponential_nll(const CensoredSample& s, double mean);

}  // namespace deploysim::calibrate
