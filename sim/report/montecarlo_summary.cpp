#include "montecarlo_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "report_names.hpp"

namespace deploysim::report {

double ratio(std::uint64_t k, std::uint64_t n) {
  return n == 0 ? 0.0 : static_cast<double>(k) / static_cast<double>(n);
}

double round_probability(double p) { return std::round(p * 1e6) / 1e6; }

double ms_to_seconds(double ms) { return std::round(ms) / 1000.0; }

double mean_seconds(std::int64_t sum_ms, std::uint64_t n) {
  if (n == 0) return 0;
  return ms_to_seconds(static_cast<double>(sum_ms) / static_cast<double>(n));
}

std::string percent(double p) {
  if (p > 0 && p < 0.0005) return "<0.1 %";  // rare, but it happened
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", p * 100);
  return buf;
}

std::string percent_interval(std::uint64_t k, std::uint64_t n) {
  const Interval ci = wilson_interval(k, n);
  char buf[48];
  // Rare events need two decimals, or their interval prints as "0.0-0.0 %".
  const int decimals = ci.high < 0.01 ? 2 : 1;
  std::snprintf(buf, sizeof buf, "%.*f-%.*f %%", decimals, ci.low * 100, decimals, ci.high * 100);
  return buf;
}

std::vector<TargetStatus> statuses_seen(const Aggregate& a) {
  std::vector<TargetStatus> out;
  for (int s = 0; s < kTargetStatusCount; ++s) {
    bool seen = a.pipeline().status[s] > 0;
    for (const OutcomeTally& t : a.targets()) seen = seen || t.status[s] > 0;
    if (seen) out.push_back(static_cast<TargetStatus>(s));
  }
  return out;
}

std::vector<Reason> reasons_seen(const Aggregate& a) {
  std::vector<Reason> out;
  for (int r = 1; r < kReasonCount; ++r) {
    bool seen = a.pipeline().reason[r] > 0;
    for (const OutcomeTally& t : a.targets()) seen = seen || t.reason[r] > 0;
    if (seen) out.push_back(static_cast<Reason>(r));
  }
  return out;
}

std::vector<CauseCount> top_causes(const Aggregate& a, std::size_t limit) {
  std::vector<CauseCount> out;
  for (const auto& [key, count] : a.causes()) out.push_back({key, count});
  // Stable: equal counts keep the map's (key) order.
  std::stable_sort(out.begin(), out.end(),
                   [](const CauseCount& x, const CauseCount& y) { return x.count > y.count; });
  if (limit != 0 && out.size() > limit) out.resize(limit);
  return out;
}

std::string cause_step(const CauseKey& key) { return key.step.empty() ? "-" : key.step; }

std::string cause_text(const Scenario& scenario, const CauseKey& key) {
  std::string out(to_string(key.phase));
  if (!key.step.empty()) out += " " + key.step;
  out += " at " + target_name(scenario.deployment, key.target) + ": ";
  out += to_string(key.reason);
  return out;
}

std::optional<std::int64_t> lead_time_ms(const OutcomeTally& t, double q) {
  return t.finished_at.quantile(q);
}

std::string duration_text(std::optional<std::int64_t> ms) {
  if (!ms) return "-";
  return format_duration(Duration(*ms));
}

}  // namespace deploysim::report
