// The sweep page of `stream --sweep`: where the policy breaks down. Lines
// over the swept value of the rejected and superseded shares and of the lead
// time's p50 and p90, then the numbers. Key elements for the self-check:
// #sweep #sweep-shares #sweep-lead-time .sweep-line #summary.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "deploysim/stream.hpp"
#include "figures.hpp"
#include "report/html.hpp"
#include "report/sweep_values.hpp"

namespace deploysim::stream {

namespace {

namespace html = report::html;
using html::escape;

std::string legend(const std::vector<std::pair<std::string_view, std::string_view>>& series) {
  std::string text = "<div class=\"legend\">";
  for (const auto& [name, color] : series) {
    text += "<span style=\"--c:" + std::string(color) + "\">" + escape(name) + "</span>";
  }
  return text + "</div>\n";
}

}  // namespace

void write_sweep_html(std::ostream& out, const Scenario& scenario,
                      const std::vector<std::string>& paths,
                      const std::vector<SweepPoint>& points) {
  std::string all_paths;
  for (const std::string& path : paths) all_paths += (all_paths.empty() ? "" : ", ") + path;
  html::begin_page(out, scenario.name + " - deploysim stream sweep of " + all_paths);
  out << "<h1>" << escape(scenario.name) << "</h1>\n<p class=\"sub\">deploysim stream sweep of ";
  for (std::size_t i = 0; i < paths.size(); ++i) {
    out << (i == 0 ? "" : " &times; ") << "<code>" << escape(paths[i]) << "</code>";
  }
  if (!points.empty()) {
    const Result& first = points.front().result;
    out << ": " << escape(changes_text(first)) << " per point, seed " << first.seed
        << " (the k-th pipeline plays the same keyed draws at every point)";
  }
  out << ".</p>\n";

  std::vector<Figures> f;
  for (const SweepPoint& p : points) f.push_back(figures(p.result));
  html::LineChart chart;
  for (const SweepPoint& p : points) {
    chart.labels.push_back(report::sweep_values_label(paths, p.values));
  }
  if (paths.size() > 1) chart.w = std::max(620.0, 90.0 * static_cast<double>(points.size()));
  auto series = [&](auto figure) {
    std::vector<double> v;
    for (const Figures& one : f) v.push_back(figure(one));
    return v;
  };
  const std::string_view rejected_color = "#cf222e", superseded_color = "#9a6700";
  const std::string_view p50_color = "#1a7f37", p90_color = "#0969da";

  out << "<div id=\"sweep\">\n<h2>What the policy does with the requests</h2>\n"
      << legend({{"rejected", rejected_color}, {"superseded", superseded_color}});
  chart.begin(out, "sweep-shares", "rejected and superseded shares per sweep value",
              {"0 %", "25 %", "50 %", "75 %", "100 %"}, {0, 0.25, 0.5, 0.75, 1});
  chart.write_line(out, series([](const Figures& x) { return x.rejected_share; }), rejected_color,
                   "rejected", "sweep-line");
  chart.write_line(out, series([](const Figures& x) { return x.superseded_share; }),
                   superseded_color, "superseded", "sweep-line");
  out << "</svg>\n";

  // Lead time in hours, from 0 to a little above the highest p90.
  double top_hours = 0;
  for (const Figures& one : f)
    top_hours = std::max(top_hours, one.lead_time.p90.value_or(0) / 3600);
  html::LineChart lead = chart;
  lead.y_max = top_hours > 0 ? top_hours * 1.05 : 1;
  std::vector<std::string> y_labels;
  std::vector<double> y_values;
  for (int k = 0; k <= 4; ++k) {
    const double v = lead.y_max * k / 4;
    y_values.push_back(v);
    y_labels.push_back(format_duration(Duration(std::llround(v * 3'600'000))));
  }
  out << "<h2>Change lead time per value (over the delivered changes)</h2>\n"
      << legend({{"p50", p50_color}, {"p90", p90_color}});
  lead.begin(out, "sweep-lead-time", "change lead time per sweep value", y_labels, y_values);
  lead.write_line(out, series([](const Figures& x) { return x.lead_time.p50.value_or(0) / 3600; }),
                  p50_color, "lead time p50 (hours)", "sweep-line");
  lead.write_line(out, series([](const Figures& x) { return x.lead_time.p90.value_or(0) / 3600; }),
                  p90_color, "lead time p90 (hours)", "sweep-line");
  out << "</svg>\n</div>\n";

  out << "<h2>Numbers</h2>\n<table id=\"summary\"><tr><th class=\"l\">point</th><th "
         "class=\"l\">policy</th><th>rejected</th><th>superseded</th><th>deploys/day</th><th>lead "
         "p50</th><th>lead p90</th><th>change fail rate</th><th>undelivered</th></tr>\n";
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Figures& x = f[i];
    char frequency[32] = "-";
    if (x.deployment_frequency) {
      std::snprintf(frequency, sizeof frequency, "%.2f", *x.deployment_frequency);
    }
    out << "<tr><td class=\"l\">" << escape(chart.labels[i]) << "</td><td class=\"l\">"
        << policy_word(points[i].result.policy) << "</td><td>" << percent_text(x.rejected_share)
        << "</td><td>" << percent_text(x.superseded_share) << "</td><td>" << frequency
        << "</td><td>" << escape(seconds_text(x.lead_time.p50)) << "</td><td>"
        << escape(seconds_text(x.lead_time.p90)) << "</td><td>" << percent_text(x.change_fail_rate)
        << "</td><td>" << x.undelivered << "</td></tr>\n";
  }
  out << "</table>\n";
  html::end_page(out, {"#sweep", "#sweep-shares", "#sweep-lead-time", ".sweep-line", "#summary"});
}

}  // namespace deploysim::stream
