#include "figures.hpp"

#include <cmath>
#include <cstdio>

namespace deploysim::stream {

namespace {

constexpr double kMsPerDay = 86'400'000.0;

double share(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

double seconds(std::int64_t ms) { return static_cast<double>(ms) / 1000.0; }

Quantiles quantiles(const LogHistogram& h) {
  Quantiles q;
  q.count = h.count();
  if (h.count() == 0) return q;
  // The mean to the millisecond (the sum is exact).
  q.mean = std::round(static_cast<double>(h.sum()) / static_cast<double>(h.count())) / 1000.0;
  q.p50 = seconds(*h.quantile(0.5));
  q.p90 = seconds(*h.quantile(0.9));
  q.max = seconds(h.max());
  return q;
}

}  // namespace

std::string percent_text(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f %%", share * 100);
  return buffer;
}

std::string seconds_text(const std::optional<double>& seconds) {
  if (!seconds) return "-";
  return format_duration(Duration(static_cast<std::int64_t>(std::llround(*seconds * 1000))));
}

double rounded_share(double s) { return std::round(s * 1e6) / 1e6; }

std::string changes_text(const Result& r) {
  if (r.streams <= 1) return std::to_string(r.changes) + " changes";
  return std::to_string(r.streams) + " streams of " + std::to_string(r.changes / r.streams) +
         " changes";
}

std::string_view policy_word(IfDeploymentInProgress policy) {
  return policy == IfDeploymentInProgress::kReject ? "reject" : "enqueueOne";
}

Figures figures(const Result& r) {
  Figures f;
  f.rejected_share = share(r.rejected, r.changes);
  f.superseded_share = share(r.superseded, r.changes);
  for (std::size_t i = 0; i < f.status_share.size(); ++i) {
    f.status_share[i] = share(r.pipeline_status[i], r.pipelines);
  }
  f.span_days = static_cast<double>(r.span.count()) / kMsPerDay;
  if (r.span.count() > 0) {
    f.deployment_frequency = static_cast<double>(r.successful_pipelines) / f.span_days;
  }
  f.failed_pipelines = r.pipelines - r.successful_pipelines;
  f.change_fail_rate = share(f.failed_pipelines, r.pipelines);
  f.lead_time = quantiles(r.lead_time);
  f.time_to_restore = quantiles(r.time_to_restore);
  f.wait_for_slot = quantiles(r.wait_for_slot);
  f.pipeline_time = quantiles(r.pipeline_time);
  f.waited_share = share(r.waited, r.pipelines);
  f.undelivered = r.changes - r.delivered;
  f.undelivered_share = share(f.undelivered, r.changes);
  return f;
}

}  // namespace deploysim::stream
