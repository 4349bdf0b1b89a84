// The `montecarlo --html` page and the sweep page. Per target: an outcome
// bar (one segment per status), the lead-time distribution (histogram and
// CDF, from the LogHistogram buckets), the top failure causes and where the
// time goes. All SVG is rendered here; see html.hpp for the hooks.
#include <algorithm>
#include <cmath>

#include "deploysim/montecarlo_report.hpp"
#include "html.hpp"
#include "montecarlo_summary.hpp"
#include "report_names.hpp"

namespace deploysim {
namespace {

namespace html = report::html;
using html::escape;
using html::num;

constexpr double kChartW = 440;
constexpr double kChartH = 130;
constexpr double kPadL = 44;
constexpr double kPadB = 20;
constexpr int kBins = 40;
constexpr std::size_t kMaxDistributions = 50;

void write_header(std::ostream& out, const Scenario& s, const MonteCarloResult& r) {
  const std::uint64_t n = report::runs_done(r);
  out << "<h1>" << escape(s.name) << "</h1>\n<p class=\"sub\">deploysim montecarlo: " << n
      << " runs, seed " << r.seed << ". Probabilities with 95 % Wilson intervals; lead-time "
      << "quantiles within " << LogHistogram::kRelativeError * 100 << " %.</p>\n";
  if (r.stopped_early) {
    out << "<p class=\"banner stopped-early\">Stopped early: " << n << " of " << r.runs_requested
        << " runs completed. The figures are over the completed runs.</p>\n";
  }
}

void write_outcome_bar(std::ostream& out, const std::string& name, const OutcomeTally& t,
                       std::uint64_t n) {
  out << "<div class=\"bar-row\" data-target=\"" << escape(name) << "\"><span class=\"name\">"
      << escape(name) << "</span><div class=\"outcome-bar\">";
  for (int st = 0; st < kTargetStatusCount; ++st) {
    const std::uint64_t k = t.status[st];
    if (k == 0) continue;
    const auto status = static_cast<TargetStatus>(st);
    out << "<div class=\"seg status-" << to_string(status)
        << "\" style=\"width:" << num(100.0 * report::ratio(k, n))
        << "%;background:" << html::status_color(status) << "\" title=\"" << to_string(status)
        << ": " << report::percent(report::ratio(k, n)) << " (" << report::percent_interval(k, n)
        << "), " << k << " runs\"></div>";
  }
  out << "</div><span class=\"value\">SUCCEEDED " << report::percent(report::ratio(t.status[0], n))
      << " (" << report::percent_interval(t.status[0], n) << ")</span></div>\n";
}

void write_outcomes(std::ostream& out, const Scenario& s, const Aggregate& a) {
  out << "<h2>Outcomes</h2>\n<div class=\"legend\">";
  for (TargetStatus st : report::statuses_seen(a)) {
    out << "<span style=\"--c:" << html::status_color(st) << "\">" << to_string(st) << "</span>";
  }
  out << "</div>\n<div id=\"outcomes\">\n";
  write_outcome_bar(out, "pipeline", a.pipeline(), a.runs());
  for (std::size_t i = 0; i < a.targets().size(); ++i) {
    write_outcome_bar(out, report::target_name(s.deployment, static_cast<int>(i)), a.targets()[i],
                      a.runs());
  }
  out << "</div>\n";
}

// The histogram and the CDF of one lead-time distribution, on a linear axis
// from its minimum to its 99.5th percentile. The runs beyond it are one more
// bar, set apart, labelled "tail" and saying how far the tail reaches.
void write_distribution(std::ostream& out, const std::string& name, const OutcomeTally& t) {
  const LogHistogram& h = t.finished_at;
  out << "<div class=\"lead-time\" data-target=\"" << escape(name) << "\"><h3>" << escape(name)
      << "</h3>";
  if (h.count() == 0) {
    out << "<p class=\"sub\">Never succeeded: no lead time.</p>"
        << "<svg class=\"lead-histogram\" width=\"1\" height=\"1\"></svg>"
        << "<svg class=\"lead-cdf\" width=\"1\" height=\"1\"></svg></div>\n";
    return;
  }
  const std::int64_t lo = h.min();
  const std::int64_t hi = std::max(*h.quantile(0.995), lo + 1);
  const double bin = static_cast<double>(hi - lo) / kBins;
  std::vector<std::uint64_t> bins(kBins, 0);
  std::uint64_t tail = 0;  // runs beyond hi
  for (const LogHistogram::Bucket& b : h.buckets()) {
    const double mid = (static_cast<double>(b.low) + static_cast<double>(b.high)) / 2;
    if (mid > static_cast<double>(hi)) {
      tail += b.count;
      continue;
    }
    const int i = std::clamp(static_cast<int>((mid - static_cast<double>(lo)) / bin), 0, kBins - 1);
    bins[i] += b.count;
  }
  const std::uint64_t peak = std::max(*std::max_element(bins.begin(), bins.end()), tail);
  const double pw = kChartW - kPadL - 28;  // room for the last axis label
  // The histogram's own width: two bins narrower when the tail bar follows.
  const double hw = tail > 0 ? pw * kBins / (kBins + 2) : pw;
  const double ph = kChartH - kPadB - 6;
  auto x_of = [&](double ms) {
    return kPadL + pw * (ms - static_cast<double>(lo)) / static_cast<double>(hi - lo);
  };
  auto axis_labels = [&]() {
    for (int k = 0; k <= 4; ++k) {
      const double ms = static_cast<double>(lo) + static_cast<double>(hi - lo) * k / 4;
      out << "<text class=\"axis-label\" x=\"" << num(x_of(ms)) << "\" y=\"" << num(kChartH - 4)
          << "\" text-anchor=\"middle\">"
          << escape(format_duration(Duration(static_cast<std::int64_t>(ms)))) << "</text>";
    }
  };
  // Histogram.
  out << "<div class=\"charts\"><svg class=\"lead-histogram\" width=\"" << num(kChartW)
      << "\" height=\"" << num(kChartH) << "\" role=\"img\" aria-label=\"lead-time histogram of "
      << escape(name) << "\">";
  out << "<line class=\"grid\" x1=\"" << num(kPadL) << "\" x2=\"" << num(kPadL + pw) << "\" y1=\""
      << num(6 + ph) << "\" y2=\"" << num(6 + ph) << "\"/>";
  out << "<text class=\"axis-label\" x=\"" << num(kPadL - 4) << "\" y=\"14\" text-anchor=\"end\">"
      << report::percent(report::ratio(peak, h.count())) << "</text>";
  for (int i = 0; i < kBins; ++i) {
    if (bins[i] == 0) continue;
    const double bh = ph * static_cast<double>(bins[i]) / static_cast<double>(peak);
    const double x = kPadL + hw * i / kBins;
    out << "<rect x=\"" << num(x) << "\" y=\"" << num(6 + ph - bh) << "\" width=\""
        << num(hw / kBins - 1) << "\" height=\"" << num(bh) << "\" fill=\"#0969da\"><title>"
        << escape(format_duration(Duration(static_cast<std::int64_t>(lo + bin * i)))) << " - "
        << escape(format_duration(Duration(static_cast<std::int64_t>(lo + bin * (i + 1))))) << ": "
        << bins[i] << " runs</title></rect>";
  }
  if (tail > 0) {
    // The overflow bar, one bin apart from the axis it does not belong to.
    const double bh = ph * static_cast<double>(tail) / static_cast<double>(peak);
    const double x = kPadL + hw + hw / kBins;
    out << "<rect class=\"tail-bar\" x=\"" << num(x) << "\" y=\"" << num(6 + ph - bh)
        << "\" width=\"" << num(hw / kBins) << "\" height=\"" << num(bh)
        << "\" fill=\"#8c959f\"><title>tail: beyond " << escape(format_duration(Duration(hi)))
        << ", up to " << escape(format_duration(Duration(h.max()))) << " (the longest): " << tail
        << " runs</title></rect><text class=\"axis-label\" x=\"" << num(x + hw / kBins / 2)
        << "\" y=\"" << num(std::max(6 + ph - bh - 3, 12.0))
        << "\" text-anchor=\"middle\">tail</text>";
  }
  for (int k = 0; k <= 4; ++k) {
    const double ms = static_cast<double>(lo) + static_cast<double>(hi - lo) * k / 4;
    out << "<text class=\"axis-label\" x=\"" << num(kPadL + hw * k / 4) << "\" y=\""
        << num(kChartH - 4) << "\" text-anchor=\"middle\">"
        << escape(format_duration(Duration(static_cast<std::int64_t>(ms)))) << "</text>";
  }
  out << "</svg>";
  // CDF, with the p50/p90/p99 marks.
  out << "<svg class=\"lead-cdf\" width=\"" << num(kChartW) << "\" height=\"" << num(kChartH)
      << "\" role=\"img\" aria-label=\"lead-time CDF of " << escape(name) << "\">";
  for (int p : {0, 50, 100}) {
    const double y = 6 + ph - ph * p / 100.0;
    out << "<line class=\"grid\" x1=\"" << num(kPadL) << "\" x2=\"" << num(kPadL + pw) << "\" y1=\""
        << num(y) << "\" y2=\"" << num(y) << "\"/><text class=\"axis-label\" x=\"" << num(kPadL - 4)
        << "\" y=\"" << num(y + 4) << "\" text-anchor=\"end\">" << p << " %</text>";
  }
  std::string points = num(x_of(static_cast<double>(lo))) + "," + num(6 + ph) + " ";
  std::uint64_t seen = 0;
  for (const LogHistogram::Bucket& b : h.buckets()) {
    seen += b.count;
    const double x = x_of(std::min(static_cast<double>(b.high), static_cast<double>(hi)));
    points += num(x) + "," + num(6 + ph - ph * report::ratio(seen, h.count())) + " ";
    if (b.high >= hi) break;
  }
  out << "<polyline fill=\"none\" stroke=\"#0969da\" stroke-width=\"2\" points=\"" << points
      << "\"/>";
  for (std::size_t i = 0; i < std::size(report::kQuantiles); ++i) {
    const auto q = h.quantile(report::kQuantiles[i]);
    if (!q || *q > hi) continue;
    const double x = x_of(static_cast<double>(*q));
    out << "<line class=\"quantile\" x1=\"" << num(x) << "\" x2=\"" << num(x) << "\" y1=\"6\" y2=\""
        << num(6 + ph) << "\" stroke=\"#bf3989\" stroke-dasharray=\"3 2\"><title>"
        << report::kQuantileNames[i] << " = " << escape(format_duration(Duration(*q)))
        << "</title></line><text x=\"" << num(x + 2) << "\" y=\""
        << num(16 + 11 * static_cast<double>(i)) << "\">" << report::kQuantileNames[i] << "</text>";
  }
  axis_labels();
  out << "</svg></div>";
  out << "<p class=\"sub\">" << h.count() << " runs succeeded; p50 "
      << escape(report::duration_text(h.quantile(0.5))) << ", p90 "
      << escape(report::duration_text(h.quantile(0.9))) << ", p99 "
      << escape(report::duration_text(h.quantile(0.99))) << ".</p></div>\n";
}

void write_lead_times(std::ostream& out, const Scenario& s, const Aggregate& a) {
  out << "<h2>Lead time (over the runs in which it SUCCEEDED)</h2>\n<div id=\"lead-times\">\n";
  write_distribution(out, "pipeline", a.pipeline());
  // Two charts per target: past a few dozen targets the page would only get
  // heavy (the benchmark scenarios have 10,000); the tables keep every target.
  const std::size_t shown = std::min<std::size_t>(a.targets().size(), kMaxDistributions);
  for (std::size_t i = 0; i < shown; ++i) {
    write_distribution(out, report::target_name(s.deployment, static_cast<int>(i)), a.targets()[i]);
  }
  if (shown < a.targets().size()) {
    out << "<p class=\"sub\">Distributions of the first " << shown << " of " << a.targets().size()
        << " targets.</p>\n";
  }
  out << "</div>\n";
}

void write_causes(std::ostream& out, const Scenario& s, const Aggregate& a) {
  const auto causes = report::top_causes(a, 15);
  out << "<h2>Top failure causes</h2>\n<p class=\"sub\">Root failures only: the targets they "
      << "cancel point back at them.</p>\n<table id=\"causes\"><tr><th class=\"l\">phase</th>"
      << "<th class=\"l\">step</th><th class=\"l\">target</th><th class=\"l\">reason</th>"
      << "<th>runs</th><th>probability</th><th>95 % CI</th><th></th></tr>\n";
  const double top = causes.empty() ? 1 : report::ratio(causes.front().count, a.runs());
  for (const report::CauseCount& c : causes) {
    const double p = report::ratio(c.count, a.runs());
    out << "<tr class=\"cause-row\" data-target=\""
        << escape(report::target_name(s.deployment, c.key.target)) << "\"><td class=\"l\">"
        << to_string(c.key.phase) << "</td><td class=\"l\">" << escape(report::cause_step(c.key))
        << "</td><td class=\"l\">" << escape(report::target_name(s.deployment, c.key.target))
        << "</td><td class=\"l\">" << to_string(c.key.reason) << "</td><td>" << c.count
        << "</td><td>" << report::percent(p) << "</td><td>"
        << report::percent_interval(c.count, a.runs())
        << "</td><td class=\"l\"><span class=\"cause-bar\" style=\"width:"
        << num(top > 0 ? 200 * p / top : 0) << "px\"></span></td></tr>\n";
  }
  out << "</table>\n";
  if (causes.empty()) out << "<p class=\"sub\">No target failed in any run.</p>\n";
}

void write_breakdown(std::ostream& out, const Scenario& s, const Aggregate& a) {
  struct Part {
    const char* name;
    const char* color;
    std::int64_t OutcomeTally::*sum;
  };
  static constexpr Part kParts[] = {{"webhooks", "#0969da", &OutcomeTally::webhooks_ms},
                                    {"approvals", "#d4a72c", &OutcomeTally::approvals_ms},
                                    {"analysis", "#6e7781", &OutcomeTally::analysis_ms},
                                    {"pauses", "#a78bfa", &OutcomeTally::pauses_ms},
                                    {"readiness", "#54aeff", &OutcomeTally::readiness_ms},
                                    {"rollback", "#e67e22", &OutcomeTally::rollback_ms}};
  double widest = 0;
  for (const OutcomeTally& t : a.targets()) {
    double total = 0;
    for (const Part& p : kParts) total += report::mean_seconds(t.*p.sum, t.started);
    widest = std::max(widest, total);
  }
  out << "<h2>Where the time goes</h2>\n<p class=\"sub\">Mean time per run spent waiting, over "
      << "the runs in which the target started (items of one list run in parallel, so the "
      << "parts can add up to more than the lead time).</p>\n<div class=\"legend\">";
  for (const Part& p : kParts)
    out << "<span style=\"--c:" << p.color << "\">" << p.name << "</span>";
  out << "</div>\n<div id=\"breakdown\">\n";
  for (std::size_t i = 0; i < a.targets().size(); ++i) {
    const OutcomeTally& t = a.targets()[i];
    const std::string& name = report::target_name(s.deployment, static_cast<int>(i));
    out << "<div class=\"bar-row\" data-target=\"" << escape(name) << "\"><span class=\"name\">"
        << escape(name) << "</span><div class=\"breakdown-bar\">";
    double total = 0;
    for (const Part& p : kParts) {
      const double sec = report::mean_seconds(t.*p.sum, t.started);
      total += sec;
      if (sec <= 0 || widest <= 0) continue;
      out << "<div class=\"part-" << p.name << "\" style=\"width:" << num(100 * sec / widest)
          << "%;background:" << p.color << "\" title=\"" << p.name << ": "
          << escape(format_duration(Duration(static_cast<std::int64_t>(sec * 1000))))
          << "\"></div>";
    }
    out << "</div><span class=\"value\">"
        << (t.started == 0
                ? std::string("never started")
                : escape(format_duration(Duration(static_cast<std::int64_t>(total * 1000)))))
        << "</span></div>\n";
  }
  out << "</div>\n";
}

}  // namespace

void write_montecarlo_html(std::ostream& out, const Scenario& scenario,
                           const MonteCarloResult& result) {
  const Aggregate& a = result.aggregate;
  html::begin_page(out, scenario.name + " - deploysim montecarlo");
  write_header(out, scenario, result);
  write_outcomes(out, scenario, a);
  write_causes(out, scenario, a);
  write_lead_times(out, scenario, a);
  write_breakdown(out, scenario, a);
  // A compact numbers table for people who prefer them (and for the test).
  out << "<h2>Numbers</h2>\n<table id=\"summary\"><tr><th>target</th><th>P(SUCCEEDED)</th>"
      << "<th>95 % CI</th><th>p50</th><th>p90</th><th>p99</th></tr>\n";
  auto row = [&](const std::string& name, const OutcomeTally& t) {
    out << "<tr data-target=\"" << escape(name) << "\"><td>" << escape(name) << "</td><td>"
        << report::percent(report::ratio(t.status[0], a.runs())) << "</td><td>"
        << report::percent_interval(t.status[0], a.runs()) << "</td>";
    for (double q : report::kQuantiles) {
      out << "<td>" << escape(report::duration_text(report::lead_time_ms(t, q))) << "</td>";
    }
    out << "</tr>\n";
  };
  row("pipeline", a.pipeline());
  for (std::size_t i = 0; i < a.targets().size(); ++i) {
    row(report::target_name(scenario.deployment, static_cast<int>(i)), a.targets()[i]);
  }
  out << "</table>\n";
  html::end_page(out, {"#summary", "#outcomes", ".outcome-bar", "#lead-times", ".lead-histogram",
                       ".lead-cdf", "#causes", "#breakdown", ".breakdown-bar"});
}

// --- Sweep page --------------------------------------------------------------

void write_sweep_html(std::ostream& out, const Scenario& scenario,
                      const std::vector<std::string>& paths,
                      const std::vector<SweepPoint>& points) {
  std::string all_paths;
  for (const std::string& path : paths) all_paths += (all_paths.empty() ? "" : ", ") + path;
  html::begin_page(out, scenario.name + " - deploysim sweep of " + all_paths);
  out << "<h1>" << escape(scenario.name)
      << "</h1>\n<p class=\"sub\">deploysim montecarlo sweep of ";
  for (std::size_t i = 0; i < paths.size(); ++i) {
    out << (i == 0 ? "" : " &times; ") << "<code>" << escape(paths[i]) << "</code>";
  }
  if (!points.empty()) {
    out << ": " << report::runs_done(points.front().result) << " runs per point, seed "
        << points.front().result.seed << " (the same keyed draws at every point)";
  }
  out << ". Bands: 95 % Wilson intervals.</p>\n";
  for (const SweepPoint& p : points) {
    if (p.result.stopped_early) {
      out << "<p class=\"banner stopped-early\">Stopped early at "
          << escape(sweep_point_label(paths, p)) << ": " << report::runs_done(p.result) << " of "
          << p.result.runs_requested << " runs completed.</p>\n";
    }
  }
  html::LineChart chart;
  for (const SweepPoint& p : points) chart.labels.push_back(sweep_point_label(paths, p));
  if (paths.size() > 1) chart.w = std::max(620.0, 90.0 * static_cast<double>(points.size()));
  const std::size_t target_count = scenario.deployment.targets.size();

  // P(SUCCEEDED) per value, one line per target and one for the pipeline.
  out << "<div id=\"sweep\">\n<h2>P(SUCCEEDED) per point</h2>\n<div class=\"legend\">";
  out << "<span style=\"--c:" << html::kSeriesColors[0] << "\">pipeline</span>";
  for (std::size_t i = 0; i < target_count; ++i) {
    out << "<span style=\"--c:" << html::kSeriesColors[(i + 1) % std::size(html::kSeriesColors)]
        << "\">" << escape(scenario.deployment.targets[i].name) << "</span>";
  }
  out << "</div>\n";
  chart.begin(out, "sweep-probability", "P(SUCCEEDED) per sweep value",
              {"0 %", "25 %", "50 %", "75 %", "100 %"}, {0, 0.25, 0.5, 0.75, 1});
  auto probabilities = [&](int target) {
    std::vector<double> v;
    for (const SweepPoint& p : points) {
      const Aggregate& a = p.result.aggregate;
      const OutcomeTally& t = target < 0 ? a.pipeline() : a.targets()[target];
      v.push_back(report::ratio(t.status[0], a.runs()));
    }
    return v;
  };
  // The 95 % interval of each series as a band under its line.
  auto band = [&](int target, std::string_view color) {
    std::string upper, lower;
    for (std::size_t k = 0; k < points.size(); ++k) {
      const Aggregate& a = points[k].result.aggregate;
      const OutcomeTally& t = target < 0 ? a.pipeline() : a.targets()[target];
      const Interval ci = wilson_interval(t.status[0], a.runs());
      upper += html::num(chart.px(k)) + "," + html::num(chart.py(ci.high)) + " ";
      const std::size_t back = points.size() - 1 - k;
      const Aggregate& b = points[back].result.aggregate;
      const OutcomeTally& u = target < 0 ? b.pipeline() : b.targets()[target];
      const Interval cu = wilson_interval(u.status[0], b.runs());
      lower += html::num(chart.px(back)) + "," + html::num(chart.py(cu.low)) + " ";
    }
    out << "<polygon class=\"sweep-band\" points=\"" << upper << lower << "\" fill=\"" << color
        << "\" fill-opacity=\"0.15\" stroke=\"none\"/>\n";
  };
  band(-1, html::kSeriesColors[0]);
  for (std::size_t i = 0; i < target_count; ++i) {
    band(static_cast<int>(i), html::kSeriesColors[(i + 1) % std::size(html::kSeriesColors)]);
  }
  chart.write_line(out, probabilities(-1), html::kSeriesColors[0], "pipeline", "sweep-line");
  for (std::size_t i = 0; i < target_count; ++i) {
    chart.write_line(out, probabilities(static_cast<int>(i)),
                     html::kSeriesColors[(i + 1) % std::size(html::kSeriesColors)],
                     scenario.deployment.targets[i].name, "sweep-line");
  }
  out << "</svg>\n";

  // Pipeline lead-time quantiles per value.
  std::int64_t max_ms = 1;
  for (const SweepPoint& p : points) {
    if (auto q = p.result.aggregate.pipeline().finished_at.quantile(0.99)) {
      max_ms = std::max(max_ms, *q);
    }
  }
  html::LineChart lead = chart;
  lead.y_max = static_cast<double>(max_ms) * 1.05;
  out << "<h2>Pipeline lead time per value (over the runs that SUCCEEDED)</h2>\n<div "
      << "class=\"legend\">";
  static constexpr std::string_view kQColors[] = {"#1a7f37", "#9a6700", "#cf222e"};
  for (std::size_t k = 0; k < std::size(report::kQuantiles); ++k) {
    out << "<span style=\"--c:" << kQColors[k] << "\">" << report::kQuantileNames[k] << "</span>";
  }
  out << "</div>\n";
  std::vector<std::string> y_labels;
  std::vector<double> y_values;
  for (int k = 0; k <= 4; ++k) {
    const double v = lead.y_max * k / 4;
    y_values.push_back(v);
    y_labels.push_back(format_duration(Duration(static_cast<std::int64_t>(v))));
  }
  lead.begin(out, "sweep-lead-time", "pipeline lead time per sweep value", y_labels, y_values);
  for (std::size_t k = 0; k < std::size(report::kQuantiles); ++k) {
    std::vector<double> v;
    for (const SweepPoint& p : points) {
      const auto q = p.result.aggregate.pipeline().finished_at.quantile(report::kQuantiles[k]);
      v.push_back(q ? static_cast<double>(*q) : 0);
    }
    lead.write_line(out, v, kQColors[k], report::kQuantileNames[k], "sweep-line");
  }
  out << "</svg>\n</div>\n";

  // The numbers.
  out << "<h2>Numbers</h2>\n<table id=\"summary\"><tr><th>point</th><th>pipeline "
      << "SUCCEEDED</th><th>95 % CI</th><th>p50</th><th>p90</th><th>p99</th>";
  for (std::size_t i = 0; i < target_count; ++i) {
    out << "<th>" << escape(scenario.deployment.targets[i].name) << "</th>";
  }
  out << "</tr>\n";
  for (const SweepPoint& p : points) {
    const Aggregate& a = p.result.aggregate;
    out << "<tr><td>" << escape(sweep_point_label(paths, p)) << "</td><td>"
        << report::percent(report::ratio(a.pipeline().status[0], a.runs())) << "</td><td>"
        << report::percent_interval(a.pipeline().status[0], a.runs()) << "</td>";
    for (double q : report::kQuantiles) {
      out << "<td>" << escape(report::duration_text(report::lead_time_ms(a.pipeline(), q)))
          << "</td>";
    }
    for (std::size_t i = 0; i < target_count && i < a.targets().size(); ++i) {
      out << "<td>" << report::percent(report::ratio(a.targets()[i].status[0], a.runs()))
          << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</table>\n";
  html::end_page(out, {"#sweep", ".sweep-line", ".sweep-band", "#summary"});
}

}  // namespace deploysim
