// The text report of a stream: the DORA keys first, then what the policy
// did, then the notes on what the simulator can know.
#include <cmath>
#include <cstdio>
#include <string>

#include "deploysim/stream.hpp"
#include "figures.hpp"

namespace deploysim::stream {

namespace {

std::string percent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f %%", share * 100);
  return buffer;
}

std::string duration(const std::optional<double>& seconds) {
  if (!seconds) return "-";
  return format_duration(Duration(static_cast<std::int64_t>(std::llround(*seconds * 1000))));
}

std::string quantile_line(const Quantiles& q) {
  return "mean " + duration(q.mean) + ", p50 " + duration(q.p50) + ", p90 " + duration(q.p90);
}

}  // namespace

void write_text(std::ostream& out, const Scenario& scenario, const Result& r) {
  const Figures f = figures(r);
  out << "deploysim stream: " << scenario.name << ", " << r.changes << " changes, seed " << r.seed
      << ", ifDeploymentInProgress " << policy_word(r.policy) << "\n";
  out << "measureAt:";
  for (const std::string& t : r.measure_at) out << ' ' << t;
  out << "\n\n";

  char line[160];
  out << "DORA keys\n";
  if (f.deployment_frequency) {
    std::snprintf(line, sizeof line, "%.2f successful pipelines per day", *f.deployment_frequency);
    out << "  deployment frequency    " << line << '\n';
  } else {
    out << "  deployment frequency    -\n";
  }
  out << "  change lead time        " << quantile_line(f.lead_time) << "  (" << r.delivered
      << " changes delivered)\n";
  out << "  change fail rate        " << percent(f.change_fail_rate) << "  (" << f.failed_pipelines
      << " of " << r.pipelines << " pipelines)\n";
  out << "  time to restore         mean " << duration(f.time_to_restore.mean) << ", p50 "
      << duration(f.time_to_restore.p50) << "  (" << f.time_to_restore.count << " failure episodes"
      << (r.unrestored ? "; the stream ended in one" : "") << ")\n\n";

  out << "Requests and pipelines\n";
  out << "  rejected                " << r.rejected << " (" << percent(f.rejected_share) << ")\n";
  out << "  superseded              " << r.superseded << " (" << percent(f.superseded_share)
      << ")\n";
  out << "  pipelines               " << r.pipelines << ':';
  const char* sep = " ";
  for (int i = 0; i < kTargetStatusCount; ++i) {
    const auto k = static_cast<std::size_t>(i);
    if (r.pipeline_status[k] == 0) continue;
    out << sep << to_string(static_cast<TargetStatus>(i)) << ' ' << percent(f.status_share[k]);
    sep = ", ";
  }
  out << "; " << r.cut_by_horizon << " cut by the horizon\n";
  out << "  pipeline duration       " << quantile_line(f.pipeline_time) << '\n';
  out << "  wait for the slot       " << quantile_line(f.wait_for_slot) << "  (" << r.waited
      << " pipelines waited, " << percent(f.waited_share) << ")\n";
  out << "  undelivered at the end  " << f.undelivered << " (" << percent(f.undelivered_share)
      << ")\n";
  std::snprintf(line, sizeof line, "%.2f days", f.span_days);
  out << "  stream span             " << line << "\n\n";

  out << "What the simulator can know\n";
  for (const std::string& note : notes(r)) out << "  - " << note << '\n';
}

}  // namespace deploysim::stream
