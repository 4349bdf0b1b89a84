// `compare --html`: the answer, the differing assumptions, and BASE and
// WHATIF side by side per target (status bars, the paired differences, lead
// times). Built with the shared page toolkit (report/html.hpp).
#include "report/html.hpp"
#include "rows.hpp"

namespace deploysim::compare {
namespace {

namespace html = report::html;
using html::escape;

// A setting's value as page text: escaped, and "//" written as entities, so a
// deploy file's URL (a webhook's uriTemplate) is shown but never becomes a
// link or a URL in the file (the pages contain none).
std::string setting_text(const std::string& value) {
  std::string text = escape(value);
  for (std::size_t at = text.find("//"); at != std::string::npos; at = text.find("//", at)) {
    text.replace(at, 2, "&#47;&#47;");
  }
  return text;
}

void write_bar(std::ostream& out, const char* side, const OutcomeTally& t, std::uint64_t n) {
  out << "<div class=\"bar-row\"><span class=\"name\">" << side
      << "</span><div class=\"outcome-bar compare-bar\">";
  for (int s = 0; s < kTargetStatusCount; ++s) {
    if (t.status[s] == 0) continue;
    const auto status = static_cast<TargetStatus>(s);
    const double p = static_cast<double>(t.status[s]) / static_cast<double>(n);
    out << "<div style=\"width:" << html::num(100 * p)
        << "%;background:" << html::status_color(status) << "\" title=\"" << side << ' '
        << to_string(status) << ": " << percent(p) << "\"></div>";
  }
  const double success = static_cast<double>(t.status[0]) / static_cast<double>(n);
  out << "</div><span class=\"value\">SUCCEEDED " << percent(success) << "</span></div>\n";
}

void write_row(std::ostream& out, const CompareResult& r, const Row& row) {
  const std::uint64_t n = r.runs();
  out << "<tr class=\"compare-row\" data-target=\"" << escape(row.name) << "\"><td class=\"l\"><b>"
      << escape(row.name) << "</b></td><td class=\"l\">";
  write_bar(out, "BASE", *row.base, n);
  write_bar(out, "WHATIF", *row.what_if, n);
  out << "</td><td class=\"l\">";
  for (TargetStatus s : statuses_of(row)) {
    const Difference d = difference_of(r, row.pair, s);
    out << "<div" << (d.significant() ? " class=\"significant\"" : "") << ">" << to_string(s)
        << ": " << percent(d.base) << " &rarr; " << percent(d.what_if) << " ("
        << points(d.difference) << ", " << plus_minus(d) << ")</div>";
  }
  out << "</td></tr>\n";
}

}  // namespace

void write_compare_html(std::ostream& out, const Scenario& base, const Scenario& what_if,
                        const CompareResult& r, const CompareInputs& inputs) {
  html::begin_page(out, base.name + " vs " + what_if.name + " - deploysim compare");
  out << "<style>.significant{font-weight:600}.compare-row td{vertical-align:top}"
         ".compare-row .outcome-bar{width:420px}.compare-row .bar-row .name{width:70px}"
         "#answer li{font-size:16px;margin:4px 0}</style>\n";
  out << "<h1>" << escape(base.name) << " vs " << escape(what_if.name) << "</h1>\n"
      << "<p class=\"sub\">deploysim compare: BASE <code>" << escape(inputs.base_file)
      << "</code>, WHATIF <code>" << escape(inputs.what_if_file) << "</code>; " << r.runs()
      << " paired runs, seed " << r.base.seed
      << " (replication i of both sides draws the same keyed numbers).</p>\n";
  if (r.base.stopped_early) {
    out << "<p class=\"banner stopped-early\">Stopped early: " << r.runs() << " of "
        << r.base.runs_requested << " runs completed.</p>\n";
  }
  if (r.base.stopped_by == StoppedBy::kPrecision) {
    out << "<p class=\"sub\">Stopped by --precision " << r.base.precision << " after " << r.runs()
        << " of at most " << r.base.runs_requested << " runs.</p>\n";
  }
  out << "<h2>Answer</h2>\n<ul id=\"answer\">\n";
  for (const std::string& line : headline(r)) out << "<li>" << escape(line) << "</li>\n";
  out << "</ul>\n<p class=\"sub\">Success probabilities whose paired 95 % interval excludes 0 "
         "(pp: percentage points).</p>\n";

  out << "<h2>Assumptions that differ</h2>\n<table id=\"assumptions\">\n"
      << "<tr><th class=\"l\">setting</th><th class=\"l\">BASE</th><th "
         "class=\"l\">WHATIF</th></tr>\n";
  if (inputs.assumptions.empty()) {
    out << "<tr><td class=\"l\" colspan=\"3\">none</td></tr>\n";
  }
  for (const AssumptionDifference& a : inputs.assumptions) {
    out << "<tr><td class=\"l\"><code>" << escape(a.path) << "</code></td><td class=\"l\"><code>"
        << setting_text(a.base.value_or("(absent)")) << "</code></td><td class=\"l\"><code>"
        << setting_text(a.what_if.value_or("(absent)")) << "</code></td></tr>\n";
  }
  out << "</table>\n";

  out << "<h2>Outcomes side by side</h2>\n<div class=\"legend\">";
  for (int s = 0; s < kTargetStatusCount; ++s) {
    const auto status = static_cast<TargetStatus>(s);
    out << "<span style=\"--c:" << html::status_color(status) << "\">" << to_string(status)
        << "</span>";
  }
  out << "</div>\n<table id=\"differences\">\n<tr><th class=\"l\">target</th><th "
         "class=\"l\">BASE / WHATIF</th><th class=\"l\">BASE &rarr; WHATIF (difference, 95 "
         "%)</th></tr>\n";
  for (const Row& row : rows(r)) write_row(out, r, row);
  out << "</table>\n";
  const std::vector<std::string> base_only = only_in_base(r);
  const std::vector<std::string> what_if_only = only_in_what_if(r);
  if (!base_only.empty() || !what_if_only.empty()) {
    out << "<h3>Targets on one side only</h3>\n<ul id=\"one-sided\">\n";
    for (const std::string& name : base_only)
      out << "<li>" << escape(name) << ": only in BASE</li>\n";
    for (const std::string& name : what_if_only) {
      out << "<li>" << escape(name) << ": only in WHATIF</li>\n";
    }
    out << "</ul>\n";
  }

  out << "<h2>Lead time to SUCCEEDED</h2>\n<table id=\"lead-times\">\n<tr><th "
         "class=\"l\">target</th>";
  for (const char* q : kQuantileNames)
    out << "<th>" << q << " BASE</th><th>" << q << " WHATIF</th>";
  out << "</tr>\n";
  for (const Row& row : rows(r)) {
    out << "<tr data-target=\"" << escape(row.name) << "\"><td class=\"l\">" << escape(row.name)
        << "</td>";
    for (double q : kQuantiles) {
      out << "<td>" << escape(lead_time(*row.base, q)) << "</td><td>"
          << escape(lead_time(*row.what_if, q)) << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</table>\n";
  html::end_page(out, {"#answer", "#assumptions", "#differences", ".compare-row", ".compare-bar",
                       "#lead-times"});
}

}  // namespace deploysim::compare
