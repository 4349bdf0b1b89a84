// `calibrate --format json`: COMMANDS.md's fields first ({"webhook", "n",
// "excluded", "censored", "outcome", "latency", "fit": {"method", "ks"}}),
// then extras: the reasons, intervals, likelihoods and every candidate.
// Approvals use "approvals", "decision" and "after" for "webhook", "outcome"
// and "latency".
#include <cmath>
#include <nlohmann/json.hpp>

#include "format.hpp"

namespace deploysim::calibrate {
namespace {

using Json = nlohmann::ordered_json;

Json number_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(); }

// Log-likelihoods and AICs to six decimals: enough to compare, stable to print.
Json likelihood_json(double v) { return number_or_null(std::round(v * 1e6) / 1e6); }

Json dist_json(const Fit& fit) {
  Json body;
  if (fit.family == Family::kEmpirical) {
    body = Json::array();
    for (double v : fit.values) body.push_back(std::round(v * 1000.0) / 1000.0);
  } else {
    body = Json::object();
    for (const Parameter& p : fit.parameters) body[p.name] = rounded(p, p.value);
  }
  Json j;
  j[std::string(to_string(fit.family))] = body;
  return j;
}

Json intervals_json(const Fit& fit) {
  Json j = Json::object();
  for (const Parameter& p : fit.parameters) {
    j[p.name] =
        Json::array({number_or_null(rounded(p, p.ci_low)), number_or_null(rounded(p, p.ci_high))});
  }
  return j;
}

Json candidate_json(const Fit& fit) {
  Json j;
  j["family"] = to_string(fit.family);
  j["parameters"] = dist_json(fit)[std::string(to_string(fit.family))];
  j["ci95"] = intervals_json(fit);
  j["logLikelihood"] = likelihood_json(fit.log_likelihood);
  j["aic"] = likelihood_json(fit.aic);
  j["ks"] = rounded_share(fit.ks);
  return j;
}

Json share_json(const Share& s) {
  return Json::array({rounded_share(s.ci_low), rounded_share(s.ci_high)});
}

}  // namespace

void write_json(std::ostream& out, const Calibration& c) {
  const bool webhook = c.subject == Subject::kWebhook;
  Json j;
  j[webhook ? "webhook" : "approvals"] = c.name;
  j["n"] = c.n;
  j["excluded"] = c.excluded;
  j["censored"] = c.censored;
  Json outcome;
  if (c.success) {
    const double success = rounded_share(c.success->value);
    outcome[std::string(success_word(c.subject))] = success;
    outcome[std::string(failure_word(c.subject))] = rounded_share(1.0 - success);
  }
  j[webhook ? "outcome" : "decision"] = outcome;
  j[webhook ? "latency" : "after"] = dist_json(c.latency);

  Json fit;
  const bool empirical = c.latency.family == Family::kEmpirical;
  fit["method"] = empirical ? "kaplan-meier-quantiles" : "mle-censored";
  fit["ks"] = rounded_share(c.latency.ks);
  fit["ksMethod"] =
      "sup |F_KM - F| over [0, longest run]: Kolmogorov-Smirnov distance to the Kaplan-Meier "
      "estimate";
  fit["family"] = to_string(c.latency.family);
  fit["chosenBy"] = c.chosen_by_aic ? "aic" : "request";
  if (empirical) {
    fit["values"] = c.latency.values.size();
    fit["valuesFromTail"] = c.latency.values_from_tail;
  } else {
    fit["ci95"] = intervals_json(c.latency);
    fit["ciMethod"] = "wald, log scale, observed information";
    fit["logLikelihood"] = likelihood_json(c.latency.log_likelihood);
    fit["aic"] = likelihood_json(c.latency.aic);
  }
  Json candidates = Json::array();
  for (const Fit& f : c.candidates) candidates.push_back(candidate_json(f));
  fit["candidates"] = candidates;
  j["fit"] = fit;

  Json shares = Json::object();
  if (c.success) {
    shares[std::string(success_word(c.subject))] = share_json(*c.success);
    shares[std::string(failure_word(c.subject))] = share_json(*c.failure);
  }
  j[webhook ? "outcomeCi95" : "decisionCi95"] = shares;
  j["finished"] = c.n - c.censored;
  j["excludedBy"] = c.excluded_by;
  j["censoredBy"] = c.censored_by;
  j["ignored"] = c.ignored;
  j["timeout"] = c.timeout_seconds ? Json(*c.timeout_seconds) : Json();
  j["longest"] = c.longest_seconds;
  j["files"] = c.files;
  j["warnings"] = c.warnings;
  out << j.dump(2) << '\n';
}

}  // namespace deploysim::calibrate
