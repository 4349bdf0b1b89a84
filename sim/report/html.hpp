// Building blocks of deploysim's self-contained HTML pages (`run --html`,
// `montecarlo --html`, the sweep page; new pages use the same): escaping,
// number formatting for SVG, the page frame with its inline CSS and
// self-check script, the status and webhook colours, and a time axis.
//
// Pages are self-contained: nothing is fetched and no URL is written, so a
// page opens offline and from a CI artefact. Everything is written to an
// std::ostream in a fixed order; the same input gives the same bytes.
//
// Self-check. end_page() writes a script that sets
//   <meta name="selfcheck" content="pending|ok|error: ...">
// to "ok" once every selector of `required` matches an element and no script
// error happened (window.onerror and try/catch record errors). A headless
// browser test (tests/report/html_chromium.sh) reads it. Key elements: run
// page  #summary #timeline .gantt-row .webhook-call .webhook-attempt #weights
// #webhooks (and .cancel-arrow when something was cancelled); montecarlo page
// #summary #outcomes .outcome-bar #lead-times .lead-histogram .lead-cdf
// #causes #breakdown .breakdown-bar; sweep page  #sweep .sweep-line.
//
// The stylesheet styles: h1-h3, p.sub (grey notes), p.banner (a warning
// strip), tables (first column left, the others right; td.l/th.l left),
// svg text, svg .grid (grid lines), svg .axis-label, .legend spans with a
// --c colour, .bar-row (name, bar, value), and the classes the built-in
// pages use. Rows with data-target="NAME" are highlighted together when one
// of them is clicked.
//
// Private to sim/report and the libraries that write pages
// (#include "report/html.hpp").
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "deploysim/outcome.hpp"
#include "deploysim/report.hpp"
#include "deploysim/time.hpp"

namespace deploysim::report::html {

// Escapes text for HTML text and attribute values: xml_escape() of
// report.hpp (&, <, >, " and ' become entities; control characters other
// than tab, LF and CR become '?'), one escaping for every markup written.
inline std::string escape(std::string_view text) { return xml_escape(text); }

// A coordinate or size for SVG: one decimal, "-0.0" written as "0.0", so
// output is stable.
std::string num(double v);

// Writes `<!doctype html>` up to and including `<body>`: the title (escaped)
// and the inline stylesheet.
void begin_page(std::ostream& out, const std::string& title);

// Writes the self-check script, which checks every CSS selector of
// `required`, and closes the page.
void end_page(std::ostream& out, const std::vector<std::string>& required);

// Fill colours (CSS hex) of the report words.
std::string_view status_color(TargetStatus s);
std::string_view webhook_color(WebhookResult r);

// A round tick step (1s, 5s, 10s, 30s, 1m, ... 30d) for a span of `span_ms`
// with about `ticks` ticks.
std::int64_t nice_step_ms(std::int64_t span_ms, int ticks);

// Maps simulated time to pixels on a horizontal axis.
struct TimeAxis {
  double x0 = 0;     // pixel of t = 0
  double width = 0;  // pixels of the whole span
  std::int64_t span_ms = 1;
  double x(std::int64_t ms) const {
    return x0 + width * static_cast<double>(ms) / static_cast<double>(span_ms);
  }
  // Writes vertical grid lines from y_top to y_bottom at nice_step_ms(span, 8)
  // apart, each labelled with format_duration() just under y_bottom.
  void write_grid(std::ostream& out, double y_top, double y_bottom) const;
};

// Colours for the series of a chart, in order (cycle through them).
inline constexpr std::string_view kSeriesColors[] = {"#1f2328", "#0969da", "#bf3989", "#1a7f37",
                                                     "#9a6700", "#8250df", "#cf222e", "#116329"};

// A line chart in SVG: one point per x label, evenly spaced (a single label
// is centred), y from 0 at the bottom to y_max at the top.
//
//   LineChart chart;
//   chart.labels = {"0", "0.05", "0.1"};
//   chart.begin(out, "p-success", "P(SUCCEEDED) per value", {"0 %", "100 %"}, {0, 1});
//   chart.write_line(out, {0.98, 0.93, 0.88}, kSeriesColors[0], "pipeline", "sweep-line");
//   out << "</svg>\n";
struct LineChart {
  double w = 620, h = 240, pad_l = 60, pad_b = 28, pad_t = 10, pad_r = 20;  // pixels
  std::vector<std::string> labels;                                          // the x axis
  double y_max = 1;

  // Pixel coordinates of label i and of value v.
  double px(std::size_t i) const;
  double py(double v) const { return pad_t + (h - pad_t - pad_b) * (1 - v / y_max); }

  // Opens <svg id=ID role="img" aria-label=ARIA> and draws a horizontal grid
  // line at each of `y_values`, labelled with the matching `y_labels`, and the
  // x labels under the plot. The caller writes the lines, then "</svg>".
  // REQUIRES: y_labels.size() == y_values.size().
  void begin(std::ostream& out, const std::string& id, const std::string& aria,
             const std::vector<std::string>& y_labels, const std::vector<double>& y_values) const;

  // One series: a polyline of `values` (one per label) with class
  // `css_class` and data-series=`name`, and a dot per point whose tooltip
  // gives the name, the label and the value.
  void write_line(std::ostream& out, const std::vector<double>& values, std::string_view color,
                  const std::string& name, std::string_view css_class) const;
};

}  // namespace deploysim::report::html
