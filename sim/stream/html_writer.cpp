// The HTML page of a stream: the DORA keys, the lead-time distribution, the
// throughput over time and what the policy did with the requests, with the
// shared page toolkit (report/html.hpp). Key elements for the self-check:
// #summary #requests .share-bar #lead-time .lead-bar (.no-lead-time when no
// change was delivered) #throughput .throughput-bar #notes.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "deploysim/stream.hpp"
#include "figures.hpp"
#include "report/html.hpp"

namespace deploysim::stream {

namespace {

namespace html = report::html;
using html::escape;
using html::num;

void summary(std::ostream& out, const Result& r, const Figures& f) {
  char line[96];
  out << "<table id=\"summary\"><tr><th class=\"l\">DORA key</th><th>value</th><th "
         "class=\"l\">detail</th></tr>\n";
  std::snprintf(line, sizeof line, "%.2f / day",
                f.deployment_frequency ? *f.deployment_frequency : 0.0);
  out << "<tr><td>deployment frequency</td><td>" << line
      << "</td><td class=\"l\">successful pipelines</td></tr>\n";
  out << "<tr><td>change lead time</td><td>" << seconds_text(f.lead_time.mean)
      << "</td><td class=\"l\">mean; p50 " << seconds_text(f.lead_time.p50) << ", p90 "
      << seconds_text(f.lead_time.p90) << ", " << r.delivered << " changes delivered</td></tr>\n";
  out << "<tr><td>change fail rate</td><td>" << percent_text(f.change_fail_rate)
      << "</td><td class=\"l\">" << f.failed_pipelines << " of " << r.pipelines
      << " pipelines</td></tr>\n";
  out << "<tr><td>time to restore</td><td>" << seconds_text(f.time_to_restore.mean)
      << "</td><td class=\"l\">mean; p50 " << seconds_text(f.time_to_restore.p50) << ", "
      << f.time_to_restore.count << " failure episodes</td></tr>\n";
  out << "<tr><td>wait for the slot</td><td>" << seconds_text(f.wait_for_slot.mean)
      << "</td><td class=\"l\">mean per pipeline; " << r.waited << " pipelines waited</td></tr>\n";
  out << "<tr><td>undelivered at the end</td><td>" << f.undelivered << "</td><td class=\"l\">"
      << percent_text(f.undelivered_share) << " of the changes</td></tr>\n</table>\n";
}

struct Segment {
  std::string name;
  std::uint64_t count;
  std::string_view color;
};

void share_bar(std::ostream& out, const std::string& name, const std::vector<Segment>& segments,
               std::uint64_t total) {
  out << "<div class=\"bar-row\"><span class=\"name\">" << escape(name)
      << "</span><div class=\"outcome-bar share-bar\">";
  for (const Segment& s : segments) {
    if (s.count == 0 || total == 0) continue;
    const double share = static_cast<double>(s.count) / static_cast<double>(total);
    out << "<div style=\"width:" << num(100 * share) << "%;background:" << s.color << "\" title=\""
        << escape(s.name) << ": " << percent_text(share) << ", " << s.count << "\"></div>";
  }
  out << "</div><span class=\"value\">" << total << "</span></div>\n<p class=\"legend\">";
  for (const Segment& s : segments) {
    out << "<span style=\"--c:" << s.color << "\">" << escape(s.name) << " " << s.count
        << "</span> ";
  }
  out << "</p>\n";
}

void requests(std::ostream& out, const Result& r) {
  out << "<h2>Requests and pipelines</h2>\n<div id=\"requests\">\n";
  share_bar(out, "requests",
            {{"started at once", r.pipelines - r.waited, "#1a7f37"},
             {"waited, then started", r.waited, "#0969da"},
             {"superseded", r.superseded, "#9a6700"},
             {"rejected", r.rejected, "#cf222e"}},
            r.changes);
  std::vector<Segment> statuses;
  for (int i = 0; i < kTargetStatusCount; ++i) {
    const auto status = static_cast<TargetStatus>(i);
    statuses.push_back({std::string(to_string(status)),
                        r.pipeline_status[static_cast<std::size_t>(i)],
                        html::status_color(status)});
  }
  share_bar(out, "pipelines", statuses, r.pipelines);
  out << "</div>\n";
}

// Lead times on a log axis: the histogram's buckets grouped into kBars bars.
void lead_time(std::ostream& out, const Result& r, const Figures& f) {
  constexpr int kBars = 40;
  constexpr double w = 700, h = 220, pad_l = 50, pad_b = 30, pad_t = 10, pad_r = 20;
  out << "<h2>Change lead time</h2>\n<p class=\"sub\">arrival to delivery at every measureAt "
         "target, per delivered change; log axis; p50 "
      << seconds_text(f.lead_time.p50) << ", p90 " << seconds_text(f.lead_time.p90) << "</p>\n";
  out << "<svg id=\"lead-time\" width=\"" << num(w) << "\" height=\"" << num(h)
      << "\" role=\"img\" aria-label=\"lead time distribution\">";
  const LogHistogram& hist = r.lead_time;
  if (hist.count() > 0) {
    const double lo = std::max<double>(1000, static_cast<double>(hist.min()));
    const double hi = std::max(lo * 1.0001, static_cast<double>(hist.max()));
    const double span = std::log(hi / lo);
    std::vector<std::uint64_t> bars(kBars, 0);
    for (const LogHistogram::Bucket& b : hist.buckets()) {
      const double mid =
          std::max(lo, (static_cast<double>(b.low) + static_cast<double>(b.high)) / 2);
      const int i = std::clamp(static_cast<int>(kBars * std::log(mid / lo) / span), 0, kBars - 1);
      bars[static_cast<std::size_t>(i)] += b.count;
    }
    const std::uint64_t top = *std::max_element(bars.begin(), bars.end());
    const double bw = (w - pad_l - pad_r) / kBars;
    const double ph = h - pad_t - pad_b;
    for (int i = 0; i < kBars; ++i) {
      const std::uint64_t n = bars[static_cast<std::size_t>(i)];
      if (n == 0) continue;
      const double bh = ph * static_cast<double>(n) / static_cast<double>(top);
      const double from = lo * std::exp(span * i / kBars);
      const double to = lo * std::exp(span * (i + 1) / kBars);
      out << "<rect class=\"lead-bar\" x=\"" << num(pad_l + bw * i) << "\" y=\""
          << num(pad_t + ph - bh) << "\" width=\"" << num(bw - 1) << "\" height=\"" << num(bh)
          << "\" fill=\"#0969da\"><title>"
          << escape(format_duration(Duration(std::llround(from))) + " to " +
                    format_duration(Duration(std::llround(to))))
          << ": " << n << " changes ("
          << percent_text(static_cast<double>(n) / static_cast<double>(hist.count()))
          << ")</title></rect>";
    }
    for (int k = 0; k <= 4; ++k) {
      const double v = lo * std::exp(span * k / 4);
      out << "<text class=\"axis-label\" x=\"" << num(pad_l + (w - pad_l - pad_r) * k / 4)
          << "\" y=\"" << num(h - 10) << "\" text-anchor=\"middle\">"
          << escape(format_duration(Duration(std::llround(v)))) << "</text>";
    }
  } else {
    out << "<text class=\"no-lead-time axis-label\" x=\"" << num(w / 2) << "\" y=\"" << num(h / 2)
        << "\" text-anchor=\"middle\">no change was delivered</text>";
  }
  out << "</svg>\n";
}

// Changes delivered per time bin, with the pipelines that ended there.
void throughput(std::ostream& out, const Result& r) {
  const Throughput& t = r.throughput;
  constexpr double w = 700, h = 220, pad_l = 50, pad_b = 30, pad_t = 10, pad_r = 20;
  out << "<h2>Throughput over time</h2>\n<p class=\"sub\">changes delivered per "
      << escape(format_duration(t.bin_width))
      << "; a bar's tooltip gives the arrivals, pipelines and refusals of its bin</p>\n";
  out << "<svg id=\"throughput\" width=\"" << num(w) << "\" height=\"" << num(h)
      << "\" role=\"img\" aria-label=\"throughput over time\">";
  const std::size_t bins = std::max<std::size_t>(t.bins_used, 1);
  html::TimeAxis axis{
      pad_l, w - pad_l - pad_r,
      std::max<std::int64_t>(1, (t.bin_width * static_cast<std::int64_t>(bins)).count())};
  axis.write_grid(out, pad_t, h - pad_b);
  std::uint64_t top = 1;
  for (std::size_t i = 0; i < bins; ++i) top = std::max(top, t.delivered_changes[i]);
  const double ph = h - pad_t - pad_b;
  for (std::size_t i = 0; i < bins; ++i) {
    const std::int64_t from = (t.bin_width * static_cast<std::int64_t>(i)).count();
    const double x0 = axis.x(from);
    const double x1 = axis.x(from + t.bin_width.count());
    const double bh = ph * static_cast<double>(t.delivered_changes[i]) / static_cast<double>(top);
    out << "<rect class=\"throughput-bar\" x=\"" << num(x0) << "\" y=\"" << num(pad_t + ph - bh)
        << "\" width=\"" << num(std::max(0.5, x1 - x0 - 0.5)) << "\" height=\"" << num(bh)
        << "\" fill=\"" << (t.failed_pipelines[i] > 0 ? "#bf3989" : "#1a7f37") << "\"><title>"
        << escape(format_duration(Duration(from))) << ": " << t.arrivals[i] << " arrived, "
        << t.delivered_changes[i] << " delivered, " << t.successful_pipelines[i]
        << " successful and " << t.failed_pipelines[i] << " failed pipelines, " << t.rejected[i]
        << " rejected, " << t.superseded[i] << " superseded</title></rect>";
  }
  out << "</svg>\n<p class=\"legend\"><span style=\"--c:#1a7f37\">no failed pipeline</span> "
         "<span style=\"--c:#bf3989\">some pipeline failed in the bin</span></p>\n";
}

}  // namespace

void write_html(std::ostream& out, const Scenario& scenario, const Result& r) {
  const Figures f = figures(r);
  html::begin_page(out, scenario.name + " - deploysim stream");
  out << "<h1>" << escape(scenario.name)
      << "</h1>\n<p class=\"sub\">deploysim stream: " << changes_text(r) << ", seed " << r.seed
      << ", ifDeploymentInProgress " << policy_word(r.policy) << ", measureAt";
  for (const std::string& t : r.measure_at) out << ' ' << escape(t);
  out << "</p>\n";
  summary(out, r, f);
  requests(out, r);
  lead_time(out, r, f);
  throughput(out, r);
  out << "<h2>What the simulator can know</h2>\n<ul id=\"notes\">\n";
  for (const std::string& note : notes(r)) out << "<li>" << escape(note) << "</li>\n";
  out << "</ul>\n";
  html::end_page(out, {"#summary", "#requests", ".share-bar", "#lead-time",
                       r.lead_time.count() > 0 ? ".lead-bar" : ".no-lead-time", "#throughput",
                       ".throughput-bar", "#notes"});
}

}  // namespace deploysim::stream
