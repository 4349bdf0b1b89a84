// The page frame (stylesheet and self-check script), colours and the time axis.
#include "html.hpp"

#include <cstdio>

namespace deploysim::report::html {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s == "-0.0") s = "0.0";
  return s;
}

namespace {

constexpr std::string_view kCss = R"css(
:root { color-scheme: light; }
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px;
       color: #1f2328; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 14px; margin: 14px 0 4px; }
.sub { color: #57606a; }
.banner { background: #fff4d6; border: 1px solid #e3b341; padding: 8px 12px; margin: 10px 0; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { padding: 3px 10px; text-align: right; border-bottom: 1px solid #eaeef2; white-space: nowrap; }
th:first-child, td:first-child, td.l, th.l { text-align: left; }
th { background: #f6f8fa; font-weight: 600; }
svg { display: block; }
svg text { font: 11px system-ui, sans-serif; fill: #1f2328; }
svg .grid { stroke: #eaeef2; }
svg .axis-label { fill: #57606a; }
.legend { display: flex; flex-wrap: wrap; gap: 12px; margin: 6px 0; font-size: 12px; }
.legend span::before { content: ""; display: inline-block; width: 10px; height: 10px;
                       margin-right: 4px; background: var(--c); vertical-align: -1px; }
.bar-row { display: flex; align-items: center; margin: 3px 0; }
.bar-row .name { width: 160px; flex: none; overflow: hidden; text-overflow: ellipsis; }
.outcome-bar, .breakdown-bar { display: flex; height: 18px; width: 640px; background: #f6f8fa;
                               border: 1px solid #d0d7de; }
.outcome-bar div, .breakdown-bar div { height: 100%; }
.bar-row .value { margin-left: 8px; color: #57606a; font-size: 12px; }
.lead-time .charts { display: flex; gap: 16px; flex-wrap: wrap; }
.target-card { display: flex; gap: 24px; flex-wrap: wrap; align-items: flex-start; }
.cause-bar { display: inline-block; height: 10px; background: #d64541; vertical-align: middle; }
.status-chip { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff;
               font-size: 12px; }
.gantt-row:hover .target-bar { stroke: #1f2328; stroke-width: 1; }
)css";

constexpr std::string_view kScript = R"js(
(function () {
  var errors = [];
  function mark() {
    var m = document.querySelector('meta[name="selfcheck"]');
    if (m) m.setAttribute('content', errors.length ? 'error: ' + errors.join('; ') : 'ok');
  }
  window.onerror = function (message) { errors.push(String(message)); mark(); };
  try {
    var required = JSON.parse(document.getElementById('selfcheck-required').textContent);
    required.forEach(function (selector) {
      if (!document.querySelector(selector)) errors.push('missing ' + selector);
    });
    // Clicking a row of the Gantt chart highlights it in the tables.
    Array.prototype.forEach.call(document.querySelectorAll('[data-target]'), function (el) {
      el.addEventListener('click', function () {
        var name = el.getAttribute('data-target');
        Array.prototype.forEach.call(document.querySelectorAll('tr[data-target]'), function (row) {
          row.style.background = row.getAttribute('data-target') === name ? '#fff8c5' : '';
        });
      });
    });
  } catch (e) {
    errors.push(String(e));
  }
  mark();
})();
)js";

}  // namespace

void begin_page(std::ostream& out, const std::string& title) {
  out << "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"deploysim\">\n"
      << "<meta name=\"selfcheck\" content=\"pending\">\n"
      << "<title>" << escape(title) << "</title>\n<style>" << kCss << "</style>\n</head>\n<body>\n";
}

void end_page(std::ostream& out, const std::vector<std::string>& required) {
  // The selectors travel as JSON text in an inert script element.
  out << "<script type=\"application/json\" id=\"selfcheck-required\">[";
  for (std::size_t i = 0; i < required.size(); ++i) {
    out << (i ? "," : "") << '"' << required[i] << '"';
  }
  out << "]</script>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
}

std::string_view status_color(TargetStatus s) {
  switch (s) {
    case TargetStatus::kSucceeded:
      return "#2e9e4f";
    case TargetStatus::kFailed:
      return "#d64541";
    case TargetStatus::kRolledBack:
      return "#e67e22";
    case TargetStatus::kCancelled:
      return "#8c959f";
    case TargetStatus::kSkipped:
      return "#d0d7de";
    case TargetStatus::kNotStarted:
      return "#afb8c1";
    case TargetStatus::kRunning:
      return "#3b82f6";
    case TargetStatus::kPaused:
      return "#a78bfa";
    case TargetStatus::kAwaitingApproval:
      return "#d4a72c";
  }
  return "#000";
}

std::string_view webhook_color(WebhookResult r) {
  switch (r) {
    case WebhookResult::kSuccess:
      return "#2e9e4f";
    case WebhookResult::kFailure:
      return "#d64541";
    case WebhookResult::kTimeout:
      return "#b35900";
    case WebhookResult::kUnreachable:
      return "#8250df";
    case WebhookResult::kAbandoned:
      return "#8c959f";
    case WebhookResult::kPending:
      return "#3b82f6";
  }
  return "#000";
}

std::int64_t nice_step_ms(std::int64_t span_ms, int ticks) {
  static constexpr std::int64_t kSteps[] = {
      1000,     5000,     10000,     30000,     60000,     120000,     300000,
      600000,   900000,   1800000,   3600000,   7200000,   10800000,   21600000,
      43200000, 86400000, 172800000, 432000000, 604800000, 1209600000, 2592000000};
  const std::int64_t want = span_ms / std::max(ticks, 1);
  for (std::int64_t s : kSteps) {
    if (s >= want) return s;
  }
  return kSteps[std::size(kSteps) - 1];
}

void TimeAxis::write_grid(std::ostream& out, double y_top, double y_bottom) const {
  const std::int64_t step = nice_step_ms(span_ms, 8);
  for (std::int64_t t = 0; t <= span_ms; t += step) {
    const double px = x(t);
    out << "<line class=\"grid\" x1=\"" << num(px) << "\" x2=\"" << num(px) << "\" y1=\""
        << num(y_top) << "\" y2=\"" << num(y_bottom) << "\"/>"
        << "<text class=\"axis-label\" x=\"" << num(px) << "\" y=\"" << num(y_bottom + 14)
        << "\" text-anchor=\"middle\">" << escape(format_duration(Duration(t))) << "</text>\n";
  }
}

double LineChart::px(std::size_t i) const {
  const double pw = w - pad_l - pad_r;
  return labels.size() <= 1
             ? pad_l + pw / 2
             : pad_l + pw * static_cast<double>(i) / static_cast<double>(labels.size() - 1);
}

void LineChart::begin(std::ostream& out, const std::string& id, const std::string& aria,
                      const std::vector<std::string>& y_labels,
                      const std::vector<double>& y_values) const {
  out << "<svg id=\"" << id << "\" width=\"" << num(w) << "\" height=\"" << num(h)
      << "\" role=\"img\" aria-label=\"" << escape(aria) << "\">";
  for (std::size_t k = 0; k < y_values.size(); ++k) {
    const double y = py(y_values[k]);
    out << "<line class=\"grid\" x1=\"" << num(pad_l) << "\" x2=\"" << num(w - pad_r) << "\" y1=\""
        << num(y) << "\" y2=\"" << num(y) << "\"/><text class=\"axis-label\" x=\"" << num(pad_l - 6)
        << "\" y=\"" << num(y + 4) << "\" text-anchor=\"end\">" << escape(y_labels[k]) << "</text>";
  }
  for (std::size_t i = 0; i < labels.size(); ++i) {
    out << "<text class=\"axis-label\" x=\"" << num(px(i)) << "\" y=\"" << num(h - 8)
        << "\" text-anchor=\"middle\">" << escape(labels[i]) << "</text>";
  }
}

void LineChart::write_line(std::ostream& out, const std::vector<double>& values,
                           std::string_view color, const std::string& name,
                           std::string_view css_class) const {
  std::string points;
  for (std::size_t i = 0; i < values.size(); ++i) {
    points += num(px(i)) + "," + num(py(values[i])) + " ";
  }
  out << "<polyline class=\"" << css_class << "\" data-series=\"" << escape(name)
      << "\" fill=\"none\" stroke-width=\"2\" stroke=\"" << color << "\" points=\"" << points
      << "\"><title>" << escape(name) << "</title></polyline>";
  for (std::size_t i = 0; i < values.size(); ++i) {
    out << "<circle cx=\"" << num(px(i)) << "\" cy=\"" << num(py(values[i])) << "\" r=\"3\" fill=\""
        << color << "\"><title>" << escape(name) << " at " << escape(labels[i]) << ": "
        << escape(num(values[i])) << "</title></circle>";
  }
}

}  // namespace deploysim::report::html
