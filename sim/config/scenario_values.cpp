// Values of a scenario file (SCENARIO.md): durations, probabilities, DIST
// and the outcome and decision mixes.
#include "scenario_values.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "suggest.hpp"

namespace deploysim::config {

// The word tables index these enums.
static_assert(kWebhookOutcomes.size() == kWebhookOutcomeCount);
static_assert(kDecisions.size() == kDecisionCount);
static_assert(kUnreachablePolicies.keys()[static_cast<int>(UnreachablePolicy::kAtTimeout)] ==
              "atTimeout");
static_assert(kMissingCallbackUriPolicies
                  .keys()[static_cast<int>(MissingCallbackUriPolicy::kIgnore)] == "ignore");

std::optional<Duration> ValueReader::duration(const yaml::Node& n, std::string_view what) {
  if (n.IsScalar()) {
    if (auto d = parse_duration(n.Scalar())) {
      if (d->count() < 0) {
        reader_.error(n, std::string(what) + ": negative duration '" + n.Scalar() + "'");
        return std::nullopt;
      }
      return d;
    }
    if (is_duration_beyond_max(n.Scalar())) {
      reader_.error(n, std::string(what) + ": duration '" + n.Scalar() + "' is beyond " +
                           max_duration_text());
      return std::nullopt;
    }
  }
  reader_.error(n, std::string(what) +
                       ": expected a duration (250ms, 90s, 5m, 2h, 1d or a number of seconds), "
                       "got " +
                       YamlReader::describe(n));
  return std::nullopt;
}

std::optional<double> ValueReader::probability(const yaml::Node& n, std::string_view what) {
  auto v = reader_.number_value(n, what);
  if (!v) return std::nullopt;
  if (*v < 0 || *v > 1) {
    reader_.error(n, std::string(what) + ": expected a probability in [0, 1], got " + n.Scalar());
    return std::nullopt;
  }
  return v;
}

// Accepts a plain number for analysis values or a duration (as ms) otherwise.
std::optional<double> ValueReader::dist_value(const yaml::Node& n, std::string_view what,
                                              bool is_duration, bool allow_negative) {
  if (!is_duration) return reader_.number_value(n, what);
  if (allow_negative && n.IsScalar()) {
    if (auto d = parse_duration(n.Scalar())) return static_cast<double>(d->count());
  }
  auto d = duration(n, what);
  if (!d) return std::nullopt;
  return static_cast<double>(d->count());
}

// --- DIST -----------------------------------------------------------------

std::optional<Distribution> ValueReader::distribution(const yaml::Node& n, const std::string& what,
                                                      bool is_duration) {
  if (n.IsScalar()) {
    auto v = dist_value(n, what, is_duration);
    if (!v) return std::nullopt;
    return Distribution::constant(*v);
  }
  if (!n.IsMap() || n.size() != 1) {
    reader_.error(n, what + ": expected a " + (is_duration ? "duration" : "number") +
                         " or one of {exponential: {mean}}, {uniform: {min, max}}, {normal: "
                         "{mean, stddev}}, {lognormal: {median, sigma}}, {gamma: {shape, scale}}, "
                         "{weibull: {shape, scale}}, {empirical: [...]}, "
                         "got " +
                         YamlReader::describe(n));
    return std::nullopt;
  }
  auto entry = n.begin();
  std::string kind = key_text(entry->first);
  yaml::Node body = entry->second;
  Distribution d;
  auto param = [&](const char* key, bool duration_param) -> std::optional<double> {
    yaml::Node p = body[key];
    if (!p) {
      reader_.error(body, what + "." + kind + " has no '" + key + "'");
      return std::nullopt;
    }
    return dist_value(p, what + "." + kind + "." + key, duration_param,
                      /*allow_negative=*/kind == "normal" && std::string(key) == "mean");
  };
  if (kind == "empirical") {
    if (!reader_.expect_sequence(body, what + ".empirical")) return std::nullopt;
    if (body.size() == 0) {
      reader_.error(body, what + ".empirical: expected at least one value");
      return std::nullopt;
    }
    d.kind = Distribution::Kind::kEmpirical;
    for (const yaml::Node& v : body) {
      auto x = dist_value(v, what + ".empirical", is_duration);
      if (!x) return std::nullopt;
      d.values.push_back(*x);
    }
    return d;
  }
  if (!reader_.expect_map(body, what + "." + kind)) return std::nullopt;
  if (kind == "exponential") {
    reader_.check_keys(body, kExponentialKeys, what + ".exponential", kUnknownKeyIsError);
    auto mean = param("mean", is_duration);
    if (!mean) return std::nullopt;
    if (*mean <= 0) {
      reader_.error(body["mean"], what + ".exponential.mean must be positive");
      return std::nullopt;
    }
    d.kind = Distribution::Kind::kExponential;
    d.a = *mean;
  } else if (kind == "uniform") {
    reader_.check_keys(body, kUniformKeys, what + ".uniform", kUnknownKeyIsError);
    auto lo = param("min", is_duration);
    auto hi = param("max", is_duration);
    if (!lo || !hi) return std::nullopt;
    if (*lo > *hi) {
      reader_.error(body, what + ".uniform: min is above max");
      return std::nullopt;
    }
    d.kind = Distribution::Kind::kUniform;
    d.a = *lo;
    d.b = *hi;
  } else if (kind == "normal") {
    reader_.check_keys(body, kNormalKeys, what + ".normal", kUnknownKeyIsError);
    auto mean = param("mean", is_duration);
    auto sd = param("stddev", is_duration);
    if (!mean || !sd) return std::nullopt;
    if (*sd < 0) {
      reader_.error(body["stddev"], what + ".normal.stddev must not be negative");
      return std::nullopt;
    }
    d.kind = Distribution::Kind::kNormal;
    d.a = *mean;
    d.b = *sd;
  } else if (kind == "lognormal") {
    reader_.check_keys(body, kLognormalKeys, what + ".lognormal", kUnknownKeyIsError);
    auto median = param("median", is_duration);
    auto sigma = param("sigma", false);
    if (!median || !sigma) return std::nullopt;
    if (*median <= 0 || *sigma < 0) {
      reader_.error(body, what + ".lognormal: median must be positive and sigma not negative");
      return std::nullopt;
    }
    d.kind = Distribution::Kind::kLognormal;
    d.a = *median;
    d.b = *sigma;
  } else if (kind == "gamma" || kind == "weibull") {
    reader_.check_keys(body, kind == "gamma" ? kGammaKeys : kWeibullKeys, what + "." + kind,
                       kUnknownKeyIsError);
    auto shape = param("shape", false);
    auto scale = param("scale", is_duration);
    if (!shape || !scale) return std::nullopt;
    if (*shape <= 0 || *scale <= 0) {
      reader_.error(body, what + "." + kind + ": shape and scale must be positive");
      return std::nullopt;
    }
    d.kind = kind == "gamma" ? Distribution::Kind::kGamma : Distribution::Kind::kWeibull;
    d.a = *shape;
    d.b = *scale;
  } else {
    reader_.error(entry->first, what + ": unknown distribution '" + kind + "': expected " +
                                    word_list(kDistributionKinds) +
                                    did_you_mean(kind, key_names(kDistributionKinds)));
    return std::nullopt;
  }
  return d;
}

// --- mixes ----------------------------------------------------------------

template <std::size_t N>
std::optional<std::array<double, N>> ValueReader::mix(const yaml::Node& n, const std::string& what,
                                                      const KeyTable& words) {
  std::vector<std::string> names(words.keys().begin(), words.keys().end());
  const std::string word_list = config::word_list(words);
  std::array<double, N> out{};
  if (n.IsScalar()) {
    for (std::size_t i = 0; i < N; ++i) {
      if (n.Scalar() == names[i]) {
        out[i] = 1;
        return out;
      }
    }
    reader_.error(n, what + ": expected " + word_list + " (or a mix), got '" + n.Scalar() + "'" +
                         did_you_mean(n.Scalar(), names));
    return std::nullopt;
  }
  if (!reader_.expect_map(n, what)) return std::nullopt;
  bool ok = true;
  double sum = 0;
  for (auto it = n.begin(); it != n.end(); ++it) {
    std::string key = key_text(it->first);
    auto pos = std::find(names.begin(), names.end(), key);
    if (pos == names.end()) {
      reader_.error(it->first, what + ": unknown outcome '" + key + "': expected " + word_list +
                                   did_you_mean(key, names));
      ok = false;
      continue;
    }
    auto p = probability(it->second, what + "." + key);
    if (!p) {
      ok = false;
      continue;
    }
    out[static_cast<std::size_t>(pos - names.begin())] = *p;
    sum += *p;
  }
  if (!ok) return std::nullopt;
  if (std::fabs(sum - 1.0) > 1e-9) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", sum);
    reader_.error(n, what + ": probabilities sum to " + buf + ", expected 1");
    return std::nullopt;
  }
  return out;
}

std::optional<WebhookOutcomeMix> ValueReader::outcome_mix(const yaml::Node& n,
                                                          const std::string& what) {
  return mix<kWebhookOutcomeCount>(n, what, kWebhookOutcomes);
}
std::optional<DecisionMix> ValueReader::decision_mix(const yaml::Node& n, const std::string& what) {
  return mix<kDecisionCount>(n, what, kDecisions);
}

}  // namespace deploysim::config
