// Numbers and words as the calibrate writers print them. Rounding is fixed
// (durations to the millisecond, other parameters to six significant digits,
// shares to six decimals) so the same history always gives the same bytes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "deploysim/calibrate.hpp"

namespace deploysim::calibrate {

// A parameter's value as written: seconds to the millisecond, or six
// significant digits.
double rounded(const Parameter& p, double value);

// A share of runs to six decimals.
double rounded_share(double p);

// The shortest decimal text of an already rounded value ("600", "0.8236").
std::string number_text(double v);

// "10m 3s" (deploysim's human duration form).
std::string duration_text(double seconds);

// The words of a result for this subject: success/failure or approve/reject.
std::string_view success_word(Subject s);
std::string_view failure_word(Subject s);

// "runs" or "approvals".
std::string_view runs_word(Subject s);

// Counts by reason, in the map's order: "3 horizon, 1 pending" ("" when
// there are none).
std::string reasons_text(const std::map<std::string, std::uint64_t>& reasons);

// A YAML mapping key: plain when it is safe, else double-quoted.
std::string yaml_key(std::string_view key);

}  // namespace deploysim::calibrate
