#include "rows.hpp"

#include <cmath>
#include <cstdio>

#include "deploysim/time.hpp"

namespace deploysim::compare {

std::vector<Row> rows(const CompareResult& r) {
  std::vector<Row> out;
  out.push_back({"pipeline", -1, &r.base.aggregate.pipeline(), &r.what_if.aggregate.pipeline()});
  for (std::size_t p = 0; p < r.pairs.size(); ++p) {
    const TargetPair& pair = r.pairs[p];
    if (!pair.on_both_sides()) continue;
    out.push_back({pair.name, static_cast<int>(p),
                   &r.base.aggregate.targets()[static_cast<std::size_t>(pair.base)],
                   &r.what_if.aggregate.targets()[static_cast<std::size_t>(pair.what_if)]});
  }
  return out;
}

std::vector<std::string> only_in_base(const CompareResult& r) {
  std::vector<std::string> out;
  for (const TargetPair& p : r.pairs) {
    if (p.what_if < 0) out.push_back(p.name);
  }
  return out;
}

std::vector<std::string> only_in_what_if(const CompareResult& r) {
  std::vector<std::string> out;
  for (const TargetPair& p : r.pairs) {
    if (p.base < 0) out.push_back(p.name);
  }
  return out;
}

std::vector<TargetStatus> statuses_of(const Row& row) {
  std::vector<TargetStatus> out;
  for (int s = 0; s < kTargetStatusCount; ++s) {
    if (row.base->status[s] > 0 || row.what_if->status[s] > 0) {
      out.push_back(static_cast<TargetStatus>(s));
    }
  }
  return out;
}

std::string percent(double p) {
  if (p > 0 && p < 0.0005) return "<0.1 %";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", p * 100);
  return buf;
}

std::string points(double difference) {
  const double pp = std::round(difference * 1000) / 10;  // one decimal
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f pp", std::fabs(pp));
  if (pp < 0) return "\u2212" + std::string(buf);
  if (pp > 0) return "+" + std::string(buf);
  return buf;
}

std::string plus_minus(const Difference& d) {
  const double pp = d.half_width() * 100;
  char buf[32];
  std::snprintf(buf, sizeof buf, "\u00b1%.*f", pp > 0 && pp < 0.1 ? 2 : 1, pp);
  return buf;
}

std::string lead_time(const OutcomeTally& t, double q) {
  const std::optional<std::int64_t> ms = t.finished_at.quantile(q);
  return ms ? format_duration(Duration(*ms)) : "-";
}

double rounded(double p) { return std::round(p * 1e6) / 1e6; }

}  // namespace deploysim::compare
