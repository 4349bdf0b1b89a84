// calibrate(): from a History to a Calibration. Outcome shares among the
// finished runs, the latency fit (one family, or every parametric one and the
// lowest AIC), the Kaplan-Meier estimate and the goodness-of-fit distance.
#include <boost/math/distributions/binomial.hpp>
#include <cmath>
#include <sstream>

#include "fitting.hpp"
#include "format.hpp"
#include "likelihood.hpp"

namespace deploysim::calibrate {
namespace {

constexpr Family kParametric[] = {Family::kLognormal, Family::kGamma, Family::kWeibull,
                                  Family::kExponential};

// k of n with the 95 % Clopper-Pearson interval.
Share share(std::uint64_t k, std::uint64_t n) {
  using Binomial = boost::math::binomial_distribution<double, MathPolicy>;
  const double trials = static_cast<double>(n);
  const double successes = static_cast<double>(k);
  return {k, successes / trials, Binomial::find_lower_bound_on_p(trials, successes, 0.025),
          Binomial::find_upper_bound_on_p(trials, successes, 0.025)};
}

}  // namespace

std::string_view to_string(Family family) {
  switch (family) {
    case Family::kLognormal:
      return "lognormal";
    case Family::kGamma:
      return "gamma";
    case Family::kWeibull:
      return "weibull";
    case Family::kExponential:
      return "exponential";
    case Family::kEmpirical:
      return "empirical";
  }
  return "?";
}

std::optional<Family> parse_family(std::string_view word) {
  for (Family f : {Family::kLognormal, Family::kGamma, Family::kWeibull, Family::kExponential,
                   Family::kEmpirical}) {
    if (to_string(f) == word) return f;
  }
  return std::nullopt;
}

std::optional<Calibration> calibrate(const History& history, const std::string& name,
                                     Subject subject, std::optional<double> timeout_seconds,
                                     const FitRequest& request, Diagnostics& diagnostics) {
  Calibration c;
  c.subject = subject;
  c.name = name;
  c.files = history.files;
  c.n = history.runs.size();
  c.excluded_by = history.excluded;
  c.censored_by = history.censored;
  c.ignored = history.ignored;
  c.timeout_seconds = timeout_seconds;
  for (const auto& [reason, count] : history.excluded) c.excluded += count;
  std::uint64_t successes = 0;
  std::uint64_t failures = 0;
  for (const Run& r : history.runs) {
    if (!(r.seconds > 0) || !std::isfinite(r.seconds)) {
      diagnostics.error({}, "a run lasted " + std::to_string(r.seconds) +
                                " s: every duration in a fit must be positive and finite");
      return std::nullopt;
    }
    if (r.censored) {
      ++c.censored;
    } else if (r.result == RunResult::kSuccess) {
      ++successes;
    } else {
      ++failures;
    }
  }
  const std::string runs_word = subject == Subject::kWebhook ? "runs" : "approvals";
  if (c.n == 0) {
    diagnostics.error(
        {}, "no " + runs_word + " to fit" +
                (c.excluded > 0 ? ": every one was excluded (" + reasons_text(c.excluded_by) + ")"
                                : "") +
                (c.ignored > 0
                     ? "; " + std::to_string(c.ignored) + " belonged to other webhooks or workflows"
                     : ""));
    return std::nullopt;
  }
  if (successes + failures == 0) {
    diagnostics.error(
        {}, "every one of the " + std::to_string(c.n) + " " + runs_word + " is censored (" +
                reasons_text(c.censored_by) +
                "): nothing says how long they really take, so no distribution can be fitted");
    return std::nullopt;
  }
  c.success = share(successes, successes + failures);
  c.failure = share(failures, successes + failures);

  const CensoredSample sample = CensoredSample::from(history.runs);
  c.kaplan_meier = kaplan_meier(sample);
  c.longest_seconds = sample.longest;
  for (const CensoredSample::Point& p : sample.censored) c.censoring_times.push_back(p.t);
  const bool two_parameters = !request.family || *request.family != Family::kExponential;
  if (two_parameters && sample.distinct_event_times < 2) {
    diagnostics.error({}, "fewer than two distinct durations among the finished " + runs_word +
                              ": a " +
                              (request.family ? std::string(to_string(*request.family))
                                              : std::string("two-parameter")) +
                              " fit needs a spread (--fit exponential needs only one)");
    return std::nullopt;
  }

  if (!request.family) {
    for (Family f : kParametric) c.candidates.push_back(fit_parametric(sample, f));
    std::size_t best = 0;
    for (std::size_t i = 1; i < c.candidates.size(); ++i) {
      if (c.candidates[i].aic < c.candidates[best].aic) best = i;
    }
    for (Fit& f : c.candidates) f.ks = ks_distance(c.kaplan_meier, sample.longest, f);
    c.latency = c.candidates[best];
    c.chosen_by_aic = true;
  } else if (*request.family == Family::kEmpirical) {
    Fit tail = fit_parametric(sample, Family::kLognormal);
    c.latency = fit_empirical(sample, c.kaplan_meier, tail);
    c.latency.ks = ks_distance(c.kaplan_meier, sample.longest, c.latency);
  } else {
    c.latency = fit_parametric(sample, *request.family);
    c.latency.ks = ks_distance(c.kaplan_meier, sample.longest, c.latency);
    c.candidates.push_back(c.latency);
  }

  if (history.workflows.size() > 1) {
    std::ostringstream names;
    bool first = true;
    for (const auto& [workflow, count] : history.workflows) {
      names << (first ? "" : ", ") << '\'' << workflow << "' (" << count << ")";
      first = false;
    }
    c.warnings.push_back("the history mixes " + std::to_string(history.workflows.size()) +
                         " workflows: " + names.str() +
                         "; --workflow NAME keeps the one behind the webhook");
  }
  return c;
}

}  // namespace deploysim::calibrate
