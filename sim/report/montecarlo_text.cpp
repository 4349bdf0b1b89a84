// `montecarlo --format text`: four tables that fit one screen: outcomes, lead
// times, top failure causes, and where the time goes.
#include <algorithm>
#include <cstdio>

#include "deploysim/montecarlo_report.hpp"
#include "montecarlo_summary.hpp"
#include "report_names.hpp"
#include "text_table.hpp"

namespace deploysim {
namespace {

// A table of figures per row name: the first column left, the others right,
// a rule under the header.
report::TextTable figures_table(std::vector<std::string> header) {
  report::TextTable table(std::move(header));
  table.align_figures();
  table.rule_under_header();
  return table;
}

void write_header(std::ostream& out, const Scenario& scenario, const MonteCarloResult& r) {
  const std::uint64_t n = report::runs_done(r);
  out << scenario.name << ": " << n << " runs, seed " << r.seed << '\n';
  if (r.stopped_early) {
    out << "STOPPED EARLY: " << n << " of " << r.runs_requested
        << " runs completed; the figures below are over the completed runs\n";
  }
  if (r.stopped_by == StoppedBy::kPrecision) {
    out << "stopped by --precision " << r.precision << " after " << n << " of at most "
        << r.runs_requested << " runs\n";
  }
  out << "(95 % Wilson confidence intervals; lead-time quantiles within "
      << LogHistogram::kRelativeError * 100 << " %)\n";
}

void write_outcomes(std::ostream& out, const Scenario& scenario, const Aggregate& a) {
  const std::uint64_t n = a.runs();
  const std::vector<TargetStatus> statuses = report::statuses_seen(a);
  std::vector<std::string> header{"outcome"};
  for (TargetStatus s : statuses) header.emplace_back(to_string(s));
  header.emplace_back("SUCCEEDED 95 % CI");
  report::TextTable table = figures_table(header);
  auto row = [&](const std::string& name, const OutcomeTally& t) {
    std::vector<std::string> cells{name};
    for (TargetStatus s : statuses) {
      const std::uint64_t k = t.status[static_cast<int>(s)];
      cells.push_back(k == 0 ? "-" : report::percent(report::ratio(k, n)));
    }
    cells.push_back(report::percent_interval(t.status[0], n));
    table.add_row(cells);
  };
  row("pipeline", a.pipeline());
  for (std::size_t i = 0; i < a.targets().size(); ++i) {
    row(report::target_name(scenario.deployment, static_cast<int>(i)), a.targets()[i]);
  }
  out << "\nOutcomes\n";
  table.write(out);
}

void write_lead_times(std::ostream& out, const Scenario& scenario, const Aggregate& a) {
  report::TextTable table =
      figures_table({"lead time (if SUCCEEDED)", "runs", "mean", "p50", "p90", "p99"});
  auto row = [&](const std::string& name, const OutcomeTally& t) {
    const LogHistogram& h = t.finished_at;
    std::vector<std::string> cells{name, std::to_string(h.count())};
    cells.push_back(h.count() == 0
                        ? "-"
                        : format_duration(Duration(static_cast<std::int64_t>(
                              static_cast<double>(h.sum()) / static_cast<double>(h.count())))));
    for (double q : report::kQuantiles)
      cells.push_back(report::duration_text(report::lead_time_ms(t, q)));
    table.add_row(cells);
  };
  row("pipeline", a.pipeline());
  for (std::size_t i = 0; i < a.targets().size(); ++i) {
    row(report::target_name(scenario.deployment, static_cast<int>(i)), a.targets()[i]);
  }
  out << "\nLead time\n";
  table.write(out);
}

void write_causes(std::ostream& out, const Scenario& scenario, const Aggregate& a) {
  const auto causes = report::top_causes(a, 10);
  out << "\nTop failure causes (root failures; their dependents are cancelled)\n";
  if (causes.empty()) {
    out << "  none\n";
    return;
  }
  report::TextTable table = figures_table({"cause", "probability", "95 % CI", "runs"});
  for (const report::CauseCount& c : causes) {
    table.add_row({report::cause_text(scenario, c.key),
                   report::percent(report::ratio(c.count, a.runs())),
                   report::percent_interval(c.count, a.runs()), std::to_string(c.count)});
  }
  table.write(out);
}

void write_breakdown(std::ostream& out, const Scenario& scenario, const Aggregate& a) {
  report::TextTable table = figures_table({"mean time per run", "webhooks", "approvals", "analysis",
                                           "pauses", "readiness", "rollback"});
  for (std::size_t i = 0; i < a.targets().size(); ++i) {
    const OutcomeTally& t = a.targets()[i];
    auto cell = [&](std::int64_t sum) {
      if (t.started == 0) return std::string("-");
      return format_duration(
          Duration(static_cast<std::int64_t>(report::mean_seconds(sum, t.started) * 1000)));
    };
    table.add_row({report::target_name(scenario.deployment, static_cast<int>(i)),
                   cell(t.webhooks_ms), cell(t.approvals_ms), cell(t.analysis_ms),
                   cell(t.pauses_ms), cell(t.readiness_ms), cell(t.rollback_ms)});
  }
  out << "\nWhere the time goes (mean over the runs in which the target started)\n";
  table.write(out);
}

}  // namespace

void write_montecarlo_text(std::ostream& out, const Scenario& scenario,
                           const MonteCarloResult& result) {
  write_header(out, scenario, result);
  write_outcomes(out, scenario, result.aggregate);
  write_lead_times(out, scenario, result.aggregate);
  write_causes(out, scenario, result.aggregate);
  write_breakdown(out, scenario, result.aggregate);
}

void write_sweep_text(std::ostream& out, const Scenario& scenario,
                      const std::vector<std::string>& paths,
                      const std::vector<SweepPoint>& points) {
  out << scenario.name << ": sweep of";
  for (const std::string& path : paths) out << ' ' << path;
  if (!points.empty()) {
    out << ", " << report::runs_done(points.front().result) << " runs per point, seed "
        << points.front().result.seed;
  }
  out << '\n';
  for (const SweepPoint& p : points) {
    if (p.result.stopped_early) {
      out << "STOPPED EARLY at " << sweep_point_label(paths, p) << ": "
          << report::runs_done(p.result) << " of " << p.result.runs_requested
          << " runs completed\n";
    }
  }
  std::vector<std::string> header = paths.size() == 1 ? std::vector<std::string>{"value"} : paths;
  for (const char* h : {"pipeline SUCCEEDED", "95 % CI", "p50", "p90", "p99"})
    header.emplace_back(h);
  const std::size_t target_count = scenario.deployment.targets.size();
  for (std::size_t i = 0; i < target_count; ++i)
    header.push_back(scenario.deployment.targets[i].name);
  report::TextTable table = figures_table(header);
  for (const SweepPoint& p : points) {
    const Aggregate& a = p.result.aggregate;
    const OutcomeTally& pl = a.pipeline();
    std::vector<std::string> cells = p.values;
    cells.push_back(report::percent(report::ratio(pl.status[0], a.runs())));
    cells.push_back(report::percent_interval(pl.status[0], a.runs()));
    for (double q : report::kQuantiles)
      cells.push_back(report::duration_text(report::lead_time_ms(pl, q)));
    for (std::size_t i = 0; i < target_count && i < a.targets().size(); ++i) {
      cells.push_back(report::percent(report::ratio(a.targets()[i].status[0], a.runs())));
    }
    table.add_row(cells);
  }
  out << "\nP(SUCCEEDED) and pipeline lead time per point (target columns: P(SUCCEEDED))\n";
  table.write(out);

  // Every target at every point: each status probability and the lead time.
  std::vector<TargetStatus> statuses;
  for (int st = 0; st < kTargetStatusCount; ++st) {
    for (const SweepPoint& p : points) {
      const auto seen = report::statuses_seen(p.result.aggregate);
      if (std::find(seen.begin(), seen.end(), static_cast<TargetStatus>(st)) != seen.end()) {
        statuses.push_back(static_cast<TargetStatus>(st));
        break;
      }
    }
  }
  std::vector<std::string> per_header{"point", "target"};
  for (TargetStatus st : statuses) per_header.emplace_back(to_string(st));
  for (const char* q : report::kQuantileNames) per_header.emplace_back(q);
  report::TextTable per_target = figures_table(per_header);
  for (const SweepPoint& p : points) {
    const Aggregate& a = p.result.aggregate;
    for (std::size_t i = 0; i < target_count && i < a.targets().size(); ++i) {
      const OutcomeTally& t = a.targets()[i];
      std::string values;
      for (const std::string& v : p.values) values += (values.empty() ? "" : ", ") + v;
      std::vector<std::string> cells{values, scenario.deployment.targets[i].name};
      for (TargetStatus st : statuses) {
        const std::uint64_t k = t.status[static_cast<int>(st)];
        cells.push_back(k == 0 ? "-" : report::percent(report::ratio(k, a.runs())));
      }
      for (double q : report::kQuantiles) {
        cells.push_back(report::duration_text(report::lead_time_ms(t, q)));
      }
      per_target.add_row(cells);
    }
  }
  out << "\nEvery target per point (values in --sweep order): status probabilities and lead "
         "time to SUCCEEDED\n";
  per_target.write(out);
}

}  // namespace deploysim
