// Read-only views of an Aggregate shared by the Monte Carlo JSON, text and
// HTML writers, so that the three say the same thing with the same rounding.
// Private to sim/report.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "deploysim/montecarlo.hpp"

namespace deploysim::report {

// The quantiles every report shows.
inline constexpr double kQuantiles[] = {0.5, 0.9, 0.99};
inline constexpr const char* kQuantileNames[] = {"p50", "p90", "p99"};

// k / n, 0 when n is 0.
double ratio(std::uint64_t k, std::uint64_t n);

// Rounds a probability to 6 decimals so reports do not carry float noise.
double round_probability(double p);

// Milliseconds as seconds, rounded to the millisecond.
double ms_to_seconds(double ms);

// Mean of a sum of ms over n runs, in seconds rounded to the ms; 0 when n is 0.
double mean_seconds(std::int64_t sum_ms, std::uint64_t n);

// "72.9 %", with one decimal.
std::string percent(double p);

// "72.6-73.2 %": the Wilson interval of k/n (two decimals when below 1 %).
std::string percent_interval(std::uint64_t k, std::uint64_t n);

// The statuses that occurred in any target or the pipeline, in enum order.
std::vector<TargetStatus> statuses_seen(const Aggregate& a);

// Reasons other than NONE that occurred anywhere, in enum order.
std::vector<Reason> reasons_seen(const Aggregate& a);

// One root failure cause and how often it happened.
struct CauseCount {
  CauseKey key;
  std::uint64_t count = 0;
};

// Causes by count, highest first (ties in key order); at most `limit` (0: all).
std::vector<CauseCount> top_causes(const Aggregate& a, std::size_t limit = 0);

// "afterDeployment runWebhook Run-Integration-Tests at staging: WEBHOOK_FAILED".
std::string cause_text(const Scenario& scenario, const CauseKey& key);

// The step of a cause, "-" when unknown.
std::string cause_step(const CauseKey& key);

// A quantile of a tally's lead time in ms, if it ever succeeded.
std::optional<std::int64_t> lead_time_ms(const OutcomeTally& t, double q);

// "1h 23m", or "-" when absent.
std::string duration_text(std::optional<std::int64_t> ms);

// The runs a report is over: the completed ones.
inline std::uint64_t runs_done(const MonteCarloResult& r) { return r.aggregate.runs(); }

}  // namespace deploysim::report
