// Reading the values of a scenario file (../shared/spec/SCENARIO.md):
// DURATION, probabilities, DIST, the outcome and decision mixes and
// enumerated words. Each reader reports a one-line error at the node
// ("WHAT: expected ..., got ...", with a suggestion for a misspelt word) and
// returns nullopt, so the loader goes on to report further problems.
//
// Private to sim/config.
#pragma once

#include "yaml_tree.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deploysim/scenario.hpp"
#include "key_tables.hpp"
#include "suggest.hpp"
#include "yaml_reader.hpp"

namespace deploysim::config {

// Scenario files have no published quirks: an unknown key is an error in
// every mode (YamlReader::check_keys' `unknown_is_error`).
inline constexpr bool kUnknownKeyIsError = true;

class ValueReader {
 public:
  explicit ValueReader(YamlReader& reader) : reader_(reader) {}

  // A DURATION (250ms, 90s, 5m, 2h, 1d or a number of seconds), not negative.
  std::optional<Duration> duration(const yaml::Node& n, std::string_view what);

  // A number in [0, 1].
  std::optional<double> probability(const yaml::Node& n, std::string_view what);

  // A DIST: a constant or one of {exponential: {mean}}, {uniform: {min, max}},
  // {normal: {mean, stddev}}, {lognormal: {median, sigma}}, {gamma: {shape,
  // scale}}, {weibull: {shape, scale}}, {empirical: [...]}.
  // Its values are durations in ms when `is_duration` (a normal's mean may be
  // negative), plain numbers otherwise (analysis values).
  std::optional<Distribution> distribution(const yaml::Node& n, const std::string& what,
                                           bool is_duration);

  // `outcome`: one word (success, failure, noCallback, unreachable) or a
  // mapping of them to probabilities that sum to 1.
  std::optional<WebhookOutcomeMix> outcome_mix(const yaml::Node& n, const std::string& what);

  // `decision`: approve, reject, never, or a mix of them.
  std::optional<DecisionMix> decision_mix(const yaml::Node& n, const std::string& what);

  // One of `words`, as the enumerator of E at the same index (the table lists
  // the words in the order of the enum).
  template <typename E>
  std::optional<E> word(const yaml::Node& n, const std::string& what, const KeyTable& words) {
    std::vector<std::string> names(words.keys().begin(), words.keys().end());
    if (n.IsScalar()) {
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (n.Scalar() == names[i]) return static_cast<E>(i);
      }
    }
    std::string list;
    for (std::size_t i = 0; i < names.size(); ++i) list += (i == 0 ? "" : ", ") + names[i];
    reader_.error(n, what + ": expected one of " + list + ", got " + YamlReader::describe(n) +
                         (n.IsScalar() ? did_you_mean(n.Scalar(), names) : std::string()));
    return std::nullopt;
  }

 private:
  // A number, or a duration in ms when `is_duration`.
  std::optional<double> dist_value(const yaml::Node& n, std::string_view what, bool is_duration,
                                   bool allow_negative = false);

  // `words` holds N words, in the order of the enum the result is indexed by.
  template <std::size_t N>
  std::optional<std::array<double, N>> mix(const yaml::Node& n, const std::string& what,
                                           const KeyTable& words);

  YamlReader& reader_;
};

}  // namespace deploysim::config
