// `calibrate --html`: one self-contained page (the shared page frame and
// self-check of the other deploysim pages). Its chart draws the empirical CDF
// of the history (the Kaplan-Meier estimate, which is the plain empirical CDF
// when nothing is censored) as a staircase over the fitted CDF, with the
// censoring times as a rug and the --timeout as a dashed line.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "format.hpp"
#include "report/html.hpp"

namespace deploysim::calibrate {
namespace {

namespace html = report::html;
using html::escape;
using html::num;

constexpr double kWidth = 760;
constexpr double kHeight = 380;
constexpr double kPadLeft = 56;
constexpr double kPadRight = 24;
constexpr double kPadTop = 12;
constexpr double kPadBottom = 40;

struct Chart {
  double x_max = 1;  // seconds at the right edge
  double plot_w() const { return kWidth - kPadLeft - kPadRight; }
  double plot_h() const { return kHeight - kPadTop - kPadBottom; }
  double x(double seconds) const { return kPadLeft + plot_w() * std::min(seconds, x_max) / x_max; }
  double y(double p) const { return kPadTop + plot_h() * (1 - p); }
};

void write_axes(std::ostream& out, const Chart& c) {
  for (int k = 0; k <= 4; ++k) {
    const double p = k / 4.0;
    out << "<line class=\"grid\" x1=\"" << num(kPadLeft) << "\" x2=\"" << num(kPadLeft + c.plot_w())
        << "\" y1=\"" << num(c.y(p)) << "\" y2=\"" << num(c.y(p))
        << "\"/><text class=\"axis-label\" x=\"" << num(kPadLeft - 6) << "\" y=\""
        << num(c.y(p) + 4) << "\" text-anchor=\"end\">" << k * 25 << " %</text>";
  }
  // Round ticks (1m, 5m, 10m, ...) from the shared time axis helpers.
  const double step =
      static_cast<double>(html::nice_step_ms(static_cast<std::int64_t>(c.x_max * 1000), 6)) / 1000;
  for (double seconds = 0; seconds <= c.x_max; seconds += step) {
    out << "<line class=\"grid\" x1=\"" << num(c.x(seconds)) << "\" x2=\"" << num(c.x(seconds))
        << "\" y1=\"" << num(kPadTop) << "\" y2=\"" << num(c.y(0))
        << "\"/><text class=\"axis-label\" x=\"" << num(c.x(seconds)) << "\" y=\""
        << num(c.y(0) + 16) << "\" text-anchor=\"middle\">" << escape(duration_text(seconds))
        << "</text>";
  }
}

// The Kaplan-Meier staircase, one corner per pixel column at most (a million
// distinct durations draw the same picture as 700).
void write_km(std::ostream& out, const Chart& c, const std::vector<KaplanMeierStep>& km,
              double longest) {
  std::ostringstream d;
  d << "M" << num(c.x(0)) << "," << num(c.y(0));
  double last_x = c.x(0);
  double last_y = c.y(0);
  for (const KaplanMeierStep& s : km) {
    const double x = std::round(c.x(s.seconds) * 2) / 2;
    const double y = c.y(s.cdf);
    if (x != last_x) d << "H" << num(x);
    if (y != last_y) d << "V" << num(y);
    last_x = x;
    last_y = y;
  }
  d << "H" << num(c.x(longest));
  out << "<path class=\"km-curve\" fill=\"none\" stroke=\"#1f2328\" stroke-width=\"2\" d=\""
      << d.str() << "\"><title>Kaplan-Meier estimate</title></path>";
}

void write_fit(std::ostream& out, const Chart& c, const Fit& fit) {
  constexpr int kPoints = 360;
  std::ostringstream points;
  for (int i = 0; i <= kPoints; ++i) {
    const double seconds = c.x_max * i / kPoints;
    points << (i ? " " : "") << num(c.x(seconds)) << "," << num(c.y(fit.cdf(seconds)));
  }
  out << "<polyline class=\"fit-curve\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"2\" "
         "stroke-dasharray=\"6 3\" points=\""
      << points.str() << "\"><title>fitted " << to_string(fit.family) << " CDF</title></polyline>";
}

// Ticks under the axis at the durations where runs were censored.
void write_censoring(std::ostream& out, const Chart& c, const Calibration& cal) {
  double last = -1;
  for (double t : cal.censoring_times) {
    const double x = std::round(c.x(t));
    if (x == last) continue;
    last = x;
    out << "<line class=\"censor-mark\" x1=\"" << num(x) << "\" x2=\"" << num(x) << "\" y1=\""
        << num(c.y(0) - 6) << "\" y2=\"" << num(c.y(0)) << "\" stroke=\"#bf3989\"/>";
  }
  if (cal.timeout_seconds) {
    const double x = c.x(*cal.timeout_seconds);
    out << "<line class=\"timeout\" x1=\"" << num(x) << "\" x2=\"" << num(x) << "\" y1=\""
        << num(kPadTop) << "\" y2=\"" << num(c.y(0)) << "\" stroke=\"#bf3989\" "
        << "stroke-dasharray=\"3 3\"><title>--timeout "
        << escape(duration_text(*cal.timeout_seconds)) << "</title></line>";
  }
}

std::string share_text(const Share& s) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.1f %% [%.1f, %.1f]", 100 * s.value, 100 * s.ci_low,
                100 * s.ci_high);
  return buf;
}

void row(std::ostream& out, std::string_view name, const std::string& value) {
  out << "<tr><th class=\"l\">" << escape(name) << "</th><td class=\"l\">" << escape(value)
      << "</td></tr>\n";
}

// The smallest t with F_KM(t) >= p, or nullopt past the estimate's last step.
std::optional<double> km_quantile(const std::vector<KaplanMeierStep>& km, double p) {
  const auto it = std::lower_bound(km.begin(), km.end(), p, [](const KaplanMeierStep& s, double q) {
    return s.cdf < q - 1e-12;
  });
  if (it == km.end()) return std::nullopt;
  return it->seconds;
}

}  // namespace

void write_html(std::ostream& out, const Calibration& cal) {
  const bool webhook = cal.subject == Subject::kWebhook;
  const std::string title =
      "deploysim calibrate: " + std::string(webhook ? "webhook " : "approvals ") + cal.name;
  html::begin_page(out, title);
  out << "<h1>" << escape(title) << "</h1>\n<p class=\"sub\">";
  for (std::size_t i = 0; i < cal.files.size(); ++i) {
    out << (i ? ", " : "") << escape(cal.files[i]);
  }
  out << "</p>\n";

  out << "<h2>History</h2>\n<table id=\"summary\">\n";
  row(out, "in the fit", std::to_string(cal.n) + " " + std::string(runs_word(cal.subject)));
  row(out, "censored",
      std::to_string(cal.censored) +
          (cal.censored ? " (" + reasons_text(cal.censored_by) + ")" : ""));
  if (cal.timeout_seconds) row(out, "--timeout", duration_text(*cal.timeout_seconds));
  row(out, "excluded",
      std::to_string(cal.excluded) +
          (cal.excluded ? " (" + reasons_text(cal.excluded_by) + ")" : ""));
  if (cal.success) {
    row(out, std::string(success_word(cal.subject)), share_text(*cal.success));
    row(out, std::string(failure_word(cal.subject)), share_text(*cal.failure));
  }
  row(out, "goodness of fit",
      "KS distance between the Kaplan-Meier estimate and the fit over [0, " +
          duration_text(cal.longest_seconds) +
          "]: " + number_text(std::round(cal.latency.ks * 1e4) / 1e4));
  out << "</table>\n";
  for (const std::string& w : cal.warnings) out << "<p class=\"banner\">" << escape(w) << "</p>\n";

  out << "<h2>" << (webhook ? "Latency" : "Time to answer") << ": " << to_string(cal.latency.family)
      << "</h2>\n<table id=\"parameters\">\n<tr><th class=\"l\">parameter</th><th>value</th><th>"
      << (cal.latency.family == Family::kEmpirical ? "from" : "95 % interval") << "</th></tr>\n";
  if (cal.latency.family == Family::kEmpirical) {
    out << "<tr><td class=\"l\">values</td><td>" << cal.latency.values.size()
        << "</td><td>Kaplan-Meier quantiles"
        << (cal.latency.values_from_tail
                ? ", " + std::to_string(cal.latency.values_from_tail) + " from a lognormal tail"
                : std::string())
        << "</td></tr>\n";
  }
  for (const Parameter& p : cal.latency.parameters) {
    const auto shown = [&](double v) {
      return std::isfinite(v) ? number_text(rounded(p, v)) + (p.is_duration ? " s" : "")
                              : std::string("n/a");
    };
    out << "<tr><td class=\"l\">" << escape(p.name) << "</td><td>" << escape(shown(p.value))
        << (p.is_duration ? " (" + escape(duration_text(p.value)) + ")" : std::string())
        << "</td><td>" << escape(shown(p.ci_low)) << " – " << escape(shown(p.ci_high))
        << "</td></tr>\n";
  }
  out << "</table>\n";

  Chart chart;
  chart.x_max = std::max(cal.longest_seconds * 1.1, 1e-3);
  out << "<h2>Distribution: Kaplan-Meier estimate and fitted CDF</h2>\n"
      << "<div class=\"legend\"><span style=\"--c:#1f2328\">empirical (Kaplan-Meier)</span>"
      << "<span style=\"--c:#0969da\">fitted " << to_string(cal.latency.family) << "</span>"
      << "<span style=\"--c:#bf3989\">censored runs, --timeout</span></div>\n"
      << "<svg id=\"cdf-chart\" width=\"" << num(kWidth) << "\" height=\"" << num(kHeight)
      << "\" role=\"img\" aria-label=\"empirical and fitted CDF\">";
  write_axes(out, chart);
  write_fit(out, chart, cal.latency);
  write_km(out, chart, cal.kaplan_meier, cal.longest_seconds);
  write_censoring(out, chart, cal);
  out << "</svg>\n";

  out << "<h2>Quantiles</h2>\n<table id=\"quantiles\">\n<tr><th class=\"l\">p</th>"
         "<th>Kaplan-Meier</th><th>fit</th></tr>\n";
  for (double p : {0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99}) {
    const auto km = km_quantile(cal.kaplan_meier, p);
    out << "<tr><td class=\"l\">p" << number_text(p * 100) << "</td><td>"
        << (km ? escape(duration_text(*km)) : std::string("past the longest run")) << "</td><td>"
        << escape(duration_text(cal.latency.quantile(p))) << "</td></tr>\n";
  }
  out << "</table>\n";

  if (!cal.candidates.empty()) {
    out << "<h2>Candidates</h2>\n<table id=\"candidates\">\n<tr><th class=\"l\">family</th>"
           "<th class=\"l\">parameters</th><th>AIC</th><th>KS</th></tr>\n";
    for (const Fit& f : cal.candidates) {
      std::string params;
      for (const Parameter& p : f.parameters) {
        params += (params.empty() ? "" : ", ") + p.name + " " + number_text(rounded(p, p.value));
      }
      char aic[32];
      std::snprintf(aic, sizeof aic, "%.1f", f.aic);
      out << "<tr><td class=\"l\">" << to_string(f.family)
          << (f.family == cal.latency.family ? " (chosen)" : "") << "</td><td class=\"l\">"
          << escape(params) << "</td><td>" << aic << "</td><td>"
          << number_text(std::round(f.ks * 1e4) / 1e4) << "</td></tr>\n";
    }
    out << "</table>\n";
  }
  html::end_page(
      out, {"#summary", "#parameters", "#cdf-chart", ".km-curve", ".fit-curve", "#quantiles"});
}

}  // namespace deploysim::calibrate
