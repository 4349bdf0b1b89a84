// The fits behind calibrate(): censored maximum likelihood for the parametric
// families, the Kaplan-Meier-based empirical distribution, and the
// goodness-of-fit distance.
#pragma once

#include <vector>

#include "censored_sample.hpp"

namespace deploysim::calibrate {

// Maximum-likelihood fit of a parametric family (not kEmpirical) with 95 %
// Wald intervals from the observed information on the log scale. Needs at
// least one finished run (exponential) or two distinct finished durations.
Fit fit_parametric(const CensoredSample& sample, Family family);

// The empirical distribution: min(n, 100) equally likely values, the
// Kaplan-Meier quantiles at probabilities (i + 1/2) / m. Probabilities past
// the estimate's last step (when the longest run was censored, it never
// reaches 1) take the quantile of `tail`, and at least the longest run.
Fit fit_empirical(const CensoredSample& sample, const std::vector<KaplanMeierStep>& km,
                  const Fit& tail);

// sup over 0 <= t <= longest of |F_KM(t) - F(t)|: the Kolmogorov-Smirnov
// distance between the Kaplan-Meier estimate and the fit, over the range in
// which the estimate is defined (both right- and left-limits at every step).
double ks_distance(const std::vector<KaplanMeierStep>& km, double longest, const Fit& fit);

}  // namespace deploysim::calibrate
