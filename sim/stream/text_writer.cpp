// The text report of a stream: the DORA keys first, then what the policy
// did, then the notes on what the simulator can know. And the sweep report:
// one row per point.
#include <cmath>
#include <cstdio>
#include <string>

#include "deploysim/stream.hpp"
#include "figures.hpp"
#include "report/text_table.hpp"

namespace deploysim::stream {

namespace {

std::string quantile_line(const Quantiles& q) {
  return "mean " + seconds_text(q.mean) + ", p50 " + seconds_text(q.p50) + ", p90 " +
         seconds_text(q.p90);
}

std::string unrestored_text(const Result& r) {
  if (r.unrestored == 0) return "";
  if (r.streams <= 1) return "; the stream ended in one";
  return "; " + std::to_string(r.unrestored) + " of the streams ended in one";
}

}  // namespace

void write_text(std::ostream& out, const Scenario& scenario, const Result& r) {
  const Figures f = figures(r);
  out << "deploysim stream: " << scenario.name << ", " << changes_text(r) << ", seed " << r.seed
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
  out << "  change fail rate        " << percent_text(f.change_fail_rate) << "  ("
      << f.failed_pipelines << " of " << r.pipelines << " pipelines)\n";
  out << "  time to restore         mean " << seconds_text(f.time_to_restore.mean) << ", p50 "
      << seconds_text(f.time_to_restore.p50) << "  (" << f.time_to_restore.count
      << " failure episodes" << unrestored_text(r) << ")\n\n";

  out << "Requests and pipelines\n";
  out << "  rejected                " << r.rejected << " (" << percent_text(f.rejected_share)
      << ")\n";
  out << "  superseded              " << r.superseded << " (" << percent_text(f.superseded_share)
      << ")\n";
  out << "  pipelines               " << r.pipelines << ':';
  const char* sep = " ";
  for (int i = 0; i < kTargetStatusCount; ++i) {
    const auto k = static_cast<std::size_t>(i);
    if (r.pipeline_status[k] == 0) continue;
    out << sep << to_string(static_cast<TargetStatus>(i)) << ' ' << percent_text(f.status_share[k]);
    sep = ", ";
  }
  out << "; " << r.cut_by_horizon << " cut by the horizon\n";
  out << "  pipeline duration       " << quantile_line(f.pipeline_time) << '\n';
  out << "  wait for the slot       " << quantile_line(f.wait_for_slot) << "  (" << r.waited
      << " pipelines waited, " << percent_text(f.waited_share) << ")\n";
  out << "  undelivered at the end  " << f.undelivered << " (" << percent_text(f.undelivered_share)
      << ")\n";
  std::snprintf(line, sizeof line,
                r.streams > 1 ? "%.2f days, summed over the streams" : "%.2f days", f.span_days);
  out << "  stream span             " << line << "\n\n";

  out << "What the simulator can know\n";
  for (const std::string& note : notes(r)) out << "  - " << note << '\n';
}

void write_sweep_text(std::ostream& out, const Scenario& scenario,
                      const std::vector<std::string>& paths,
                      const std::vector<SweepPoint>& points) {
  out << "deploysim stream: " << scenario.name << ", sweep of";
  for (const std::string& path : paths) out << ' ' << path;
  bool one_policy = true;
  for (const SweepPoint& p : points)
    one_policy = one_policy && p.result.policy == points[0].result.policy;
  if (!points.empty()) {
    const Result& first = points.front().result;
    out << ", " << changes_text(first) << " per point, seed " << first.seed;
    if (one_policy) out << ", ifDeploymentInProgress " << policy_word(first.policy);
  }
  out << "\n\n";

  std::vector<std::string> header = paths.size() == 1 ? std::vector<std::string>{"value"} : paths;
  if (!one_policy) header.emplace_back("policy");
  for (const char* h : {"rejected", "superseded", "deploys/day", "lead p50", "lead p90",
                        "change fail rate", "undelivered"}) {
    header.emplace_back(h);
  }
  report::TextTable table(header);
  table.align_figures();
  table.rule_under_header();
  for (const SweepPoint& p : points) {
    const Figures f = figures(p.result);
    std::vector<std::string> cells = p.values;
    if (!one_policy) cells.emplace_back(policy_word(p.result.policy));
    cells.push_back(percent_text(f.rejected_share));
    cells.push_back(percent_text(f.superseded_share));
    char frequency[32] = "-";
    if (f.deployment_frequency) {
      std::snprintf(frequency, sizeof frequency, "%.2f", *f.deployment_frequency);
    }
    cells.emplace_back(frequency);
    cells.push_back(seconds_text(f.lead_time.p50));
    cells.push_back(seconds_text(f.lead_time.p90));
    cells.push_back(percent_text(f.change_fail_rate));
    cells.push_back(std::to_string(f.undelivered) + " (" + percent_text(f.undelivered_share) + ")");
    table.add_row(std::move(cells));
  }
  table.write(out);
  out << "\nrejected, superseded: shares of the changes; deploys/day: successful pipelines per "
         "day;\n"
         "lead time: from a change's arrival to its delivery at every measureAt target;\n"
         "change fail rate: pipelines not SUCCEEDED at a measureAt target.\n";
}

}  // namespace deploysim::stream
