// The rows every compare writer shows, in one order, with the same rounding
// and wording: the pipeline, then each target on both sides. Private to
// sim/compare.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "deploysim/compare.hpp"

namespace deploysim::compare {

// One row: the pipeline (pair -1) or a target on both sides.
struct Row {
  std::string name;  // "pipeline" or the target's name
  int pair = -1;     // index into CompareResult::pairs; -1: the pipeline
  const OutcomeTally* base = nullptr;
  const OutcomeTally* what_if = nullptr;
};
std::vector<Row> rows(const CompareResult& r);

// The names of the targets on one side only.
std::vector<std::string> only_in_base(const CompareResult& r);
std::vector<std::string> only_in_what_if(const CompareResult& r);

// The statuses that occurred on either side of a row, in enum order.
std::vector<TargetStatus> statuses_of(const Row& row);

// The quantiles both sides show, and their names.
inline constexpr double kQuantiles[] = {0.5, 0.9, 0.99};
inline constexpr const char* kQuantileNames[] = {"p50", "p90", "p99"};

// "70.0 %", "<0.1 %".
std::string percent(double p);
// "−13.1 pp" (a true minus sign), "+2.0 pp", "0.0 pp".
std::string points(double difference);
// "±0.6" (percentage points, one decimal; two below 0.1).
std::string plus_minus(const Difference& d);
// A lead-time quantile as "1h 23m", "-" when the side never succeeded.
std::string lead_time(const OutcomeTally& t, double q);
// Rounds to 6 decimals, as the montecarlo report does.
double rounded(double p);

}  // namespace deploysim::compare
