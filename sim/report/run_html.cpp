// The `run --html` page: one replication drawn as a Gantt chart. Everything
// is rendered here as inline SVG, so the page reads without scripts; the
// script only checks itself and highlights rows.
//
// Rows come from RunResult: the target bar (startedAt → finishedAt, coloured
// by status), phase bands from the "phase" trace events, webhook calls (with
// one tick per trigger attempt, made retryDelay apart: MODEL 15), analyses,
// pauses/approvals/readiness when the trace has them (record_trace), rollback,
// and arrows from each root failure to every target it cancelled.
#include <algorithm>
#include <map>

#include "deploysim/report.hpp"
#include "html.hpp"

namespace deploysim {
namespace {

namespace html = report::html;
using html::escape;
using html::num;

constexpr double kLabelWidth = 150;
constexpr double kPlotWidth = 1050;
constexpr double kRowHeight = 46;
constexpr double kTop = 10;

const std::string* field(const TraceEvent& e, std::string_view key) {
  for (const auto& [k, v] : e.fields) {
    if (k == key) return &v;
  }
  return nullptr;
}

// An interval of one target's time with a label, for the Gantt rows.
struct Span {
  std::int64_t from = 0;
  std::int64_t to = 0;
  std::string cls;
  std::string color;
  std::string title;
};

std::string sim_time(std::int64_t ms) { return format_duration(Duration(ms)); }

// The instant the chart ends: the last thing that happened.
std::int64_t chart_end(const RunResult& r, std::int64_t horizon_ms) {
  std::int64_t end = r.finished_at ? r.finished_at->count() : 0;
  for (const TargetOutcome& o : r.targets) {
    if (o.finished_at) end = std::max(end, o.finished_at->count());
    if (o.started_at) end = std::max(end, o.started_at->count());
  }
  for (const WebhookCall& c : r.webhooks) {
    end = std::max(end, c.finished_at ? c.finished_at->count() : c.called_at.count());
  }
  for (const TraceEvent& e : r.trace) end = std::max(end, e.at.count());
  if (!r.finished_at) end = std::max(end, horizon_ms);  // the horizon stopped it
  return std::max<std::int64_t>(end, 1000);
}

// Per target: where each phase began, from the trace.
std::vector<std::vector<std::pair<std::int64_t, std::string>>> phase_starts(const RunResult& r) {
  std::vector<std::vector<std::pair<std::int64_t, std::string>>> out(r.targets.size());
  for (const TraceEvent& e : r.trace) {
    if (e.kind != "phase" || e.target < 0 || static_cast<std::size_t>(e.target) >= out.size()) {
      continue;
    }
    if (const std::string* p = field(e, "phase")) out[e.target].emplace_back(e.at.count(), *p);
  }
  return out;
}

// Spans from paired trace events (present with record_trace): pauses,
// approvals, readiness waits, rollbacks.
std::vector<std::vector<Span>> trace_spans(const RunResult& r, std::int64_t end) {
  // Whatever is still open when its target ends (abandoned with its list) ends there.
  auto target_end = [&](int t) {
    const auto& f = r.targets[static_cast<std::size_t>(t)].finished_at;
    return f ? f->count() : end;
  };
  std::vector<std::vector<Span>> out(r.targets.size());
  struct Open {
    std::int64_t at;
    std::string label;
  };
  std::map<std::pair<int, std::string>, std::vector<Open>> open;
  auto close = [&](int t, const std::string& kind, std::int64_t at, const std::string& cls,
                   const std::string& color, const std::string& suffix) {
    auto& stack = open[{t, kind}];
    if (stack.empty()) return;
    const Open o = stack.front();
    stack.erase(stack.begin());
    out[t].push_back({o.at, at, cls, color, o.label + suffix});
  };
  for (const TraceEvent& e : r.trace) {
    const int t = e.target;
    if (t < 0 || static_cast<std::size_t>(t) >= out.size()) continue;
    const std::int64_t at = e.at.count();
    const std::string* step = field(e, "step");
    if (e.kind == "pause.start") {
      const std::string* d = field(e, "duration");
      open[{t, "pause"}].push_back({at, "pause " + (d ? *d : std::string())});
    } else if (e.kind == "pause.end") {
      close(t, "pause", at, "pause", "#a78bfa", "");
    } else if (e.kind == "approval.asked") {
      // P4: the roles the approval requires, beside it.
      const std::string* roles = field(e, "requiresRoles");
      open[{t, "approval"}].push_back(
          {at, "approval (" + (step ? *step : std::string()) +
                   (roles && !roles->empty() ? ", requires " + *roles : std::string()) + ")"});
    } else if (e.kind == "approval.answered") {
      const std::string* d = field(e, "decision");
      close(t, "approval", at, "approval", "#d4a72c", d ? ": " + *d : "");
    } else if (e.kind == "approval.expired") {
      close(t, "approval", at, "approval", "#d64541", ": expired");
    } else if (e.kind == "readiness.start") {
      // Closed by the weight change that follows, or by a timeout.
      open[{t, "ready"}].push_back({at, "readiness " + (step ? *step : std::string())});
    } else if (e.kind == "weight") {
      close(t, "ready", at, "readiness", "#54aeff", "");
    } else if (e.kind == "readiness.timeout") {
      close(t, "ready", at, "readiness", "#d64541", ": timeout");
    } else if (e.kind == "rollback.start") {
      open[{t, "rollback"}].push_back({at, "rollback"});
    } else if (e.kind == "rollback.end") {
      close(t, "rollback", at, "rollback", "#e67e22", "");
    }
  }
  for (auto& [key, stack] : open) {
    for (const Open& o : stack) {
      const bool live = !r.targets[static_cast<std::size_t>(key.first)].finished_at;
      out[key.first].push_back({o.at, target_end(key.first), key.second, "#afb8c1",
                                o.label + (live ? " (still waiting)" : " (abandoned)")});
    }
  }
  return out;
}

void write_summary(std::ostream& out, const Scenario& s, const RunResult& r) {
  out << "<h1>" << escape(s.name) << "</h1>\n<p class=\"sub\">deploysim run, seed " << r.seed
      << ", replication " << r.replication << ". Pipeline <span class=\"status-chip\" "
      << "style=\"background:" << html::status_color(r.pipeline) << "\">" << to_string(r.pipeline)
      << "</span>";
  if (r.finished_at) out << " after " << escape(sim_time(r.finished_at->count()));
  out << ".</p>\n<table id=\"summary\"><tr><th>target</th><th class=\"l\">status</th>"
      << "<th class=\"l\">reason</th><th>started</th><th>finished</th><th class=\"l\">cause</th>"
      << "</tr>\n";
  for (std::size_t i = 0; i < r.targets.size(); ++i) {
    const TargetOutcome& o = r.targets[i];
    const std::string& name = s.deployment.targets[i].name;
    out << "<tr data-target=\"" << escape(name) << "\"><td>" << escape(name)
        << "</td><td class=\"l\"><span class=\"status-chip\" style=\"background:"
        << html::status_color(o.status) << "\">" << to_string(o.status)
        << "</span></td><td class=\"l\">" << to_string(o.reason) << "</td><td>"
        << (o.started_at ? escape(sim_time(o.started_at->count())) : "-") << "</td><td>"
        << (o.finished_at ? escape(sim_time(o.finished_at->count())) : "-")
        << "</td><td class=\"l\">";
    if (o.cause) {
      out << to_string(o.cause->phase);
      if (!o.cause->step.empty()) out << ' ' << escape(o.cause->step);
      if (!o.cause->agent.empty()) out << " (agent " << escape(o.cause->agent) << " down)";
      if (o.cause->target >= 0 && o.cause->target != static_cast<int>(i)) {
        out << " (root: " << escape(s.deployment.targets[o.cause->target].name) << ")";
      }
    }
    // R3: a live target says what it waits on.
    const char* separator = "waiting on ";
    for (const WaitingOn& w : r.waiting) {
      if (w.target != static_cast<int>(i)) continue;
      out << separator << to_string(w.phase) << ": "
          << escape(w.phase == Phase::kDependsOn ? s.deployment.targets[w.predecessor].name
                                                 : w.step);
      separator = "; ";
    }
    out << "</td></tr>\n";
  }
  out << "</table>\n";
}

void write_rect(std::ostream& out, double x1, double x2, double y, double h, const std::string& cls,
                std::string_view color, const std::string& title, const std::string& extra = "") {
  out << "<rect class=\"" << cls << "\" x=\"" << num(x1) << "\" y=\"" << num(y) << "\" width=\""
      << num(std::max(x2 - x1, 1.5)) << "\" height=\"" << num(h) << "\" fill=\"" << color << "\""
      << extra << "><title>" << escape(title) << "</title></rect>";
}

void write_timeline(std::ostream& out, const Scenario& s, const RunResult& r,
                    const html::TimeAxis& axis, std::int64_t end) {
  const std::size_t n = r.targets.size();
  const double height = kTop + kRowHeight * static_cast<double>(n) + 24;
  out << "<h2>Timeline</h2>\n<div class=\"legend\">";
  for (TargetStatus st :
       {TargetStatus::kSucceeded, TargetStatus::kFailed, TargetStatus::kRolledBack,
        TargetStatus::kCancelled, TargetStatus::kAwaitingApproval}) {
    out << "<span style=\"--c:" << html::status_color(st) << "\">target " << to_string(st)
        << "</span>";
  }
  for (WebhookResult wr :
       {WebhookResult::kSuccess, WebhookResult::kFailure, WebhookResult::kTimeout,
        WebhookResult::kUnreachable, WebhookResult::kAbandoned}) {
    out << "<span style=\"--c:" << html::webhook_color(wr) << "\">webhook " << to_string(wr)
        << "</span>";
  }
  out << "<span style=\"--c:#6e7781\">analysis</span><span style=\"--c:#54aeff\">readiness</span>"
      << "<span style=\"--c:#d4a72c\">approval</span></div>\n";
  out << "<svg id=\"timeline\" width=\"" << num(kLabelWidth + kPlotWidth + 20) << "\" height=\""
      << num(height) << "\" role=\"img\" aria-label=\"Gantt chart of the targets\">\n"
      << "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
      << "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
      << "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#8c959f\"/></marker></defs>\n";
  axis.write_grid(out, kTop, kTop + kRowHeight * static_cast<double>(n));

  const auto phases = phase_starts(r);
  const auto spans = trace_spans(r, end);
  auto row_y = [&](std::size_t i) { return kTop + kRowHeight * static_cast<double>(i); };
  for (std::size_t i = 0; i < n; ++i) {
    const TargetOutcome& o = r.targets[i];
    const std::string& name = s.deployment.targets[i].name;
    const double y = row_y(i);
    out << "<g class=\"gantt-row\" data-target=\"" << escape(name) << "\">"
        << "<text x=\"4\" y=\"" << num(y + 18) << "\">" << escape(name) << "</text>"
        << "<text class=\"axis-label\" x=\"4\" y=\"" << num(y + 32) << "\">" << to_string(o.status)
        << "</text>\n";
    if (o.started_at) {
      const std::int64_t from = o.started_at->count();
      const std::int64_t to = o.finished_at ? o.finished_at->count() : end;
      // Phase bands (light), then the target bar.
      const auto& ps = phases[i];
      for (std::size_t p = 0; p < ps.size(); ++p) {
        const std::int64_t pto = p + 1 < ps.size() ? ps[p + 1].first : to;
        write_rect(out, axis.x(ps[p].first), axis.x(pto), y + 2, 8, "phase phase-" + ps[p].second,
                   p % 2 == 0 ? "#d0d7de" : "#eaeef2",
                   ps[p].second + " " + sim_time(ps[p].first) + " - " + sim_time(pto));
      }
      write_rect(
          out, axis.x(from), axis.x(to), y + 11, 10,
          "target-bar status-" + std::string(to_string(o.status)), html::status_color(o.status),
          name + ": " + std::string(to_string(o.status)) + " " + sim_time(from) + " - " +
              sim_time(to) +
              (o.reason != Reason::kNone ? " (" + std::string(to_string(o.reason)) + ")" : ""));
      out << '\n';
    } else if (o.finished_at) {
      // Never started: a cross where it was cancelled.
      const double x = axis.x(o.finished_at->count());
      out << "<path class=\"cancel-mark\" d=\"M" << num(x - 5) << ',' << num(y + 11) << " L"
          << num(x + 5) << ',' << num(y + 21) << " M" << num(x + 5) << ',' << num(y + 11) << " L"
          << num(x - 5) << ',' << num(y + 21) << "\" stroke=\"" << html::status_color(o.status)
          << "\" stroke-width=\"2\"><title>" << escape(name) << ' ' << to_string(o.status) << " at "
          << escape(sim_time(o.finished_at->count())) << "</title></path>\n";
    }
    // Steps: trace spans (pauses, approvals, readiness, rollback).
    for (const Span& sp : spans[i]) {
      write_rect(out, axis.x(sp.from), axis.x(sp.to), y + 23, 8, "step " + sp.cls, sp.color,
                 sp.title + " " + sim_time(sp.from) + " - " + sim_time(sp.to));
    }
    // Analyses.
    for (const AnalysisRecord& a : r.analyses) {
      if (a.target != static_cast<int>(i)) continue;
      const std::int64_t ato = a.finished_at ? a.finished_at->count() : end;
      const bool verdict = !a.abandoned && a.finished_at;
      write_rect(out, axis.x(a.started_at.count()), axis.x(ato), y + 23, 8, "step analysis",
                 !verdict || a.passed ? "#6e7781" : "#d64541",
                 "analysis (" + a.where + "): " +
                     (a.abandoned      ? "abandoned"
                      : !a.finished_at ? "still running"
                      : a.passed       ? "pass"
                                       : "fail") +
                     (a.aborted ? ", aborted" : "") + " " + sim_time(a.started_at.count()) + " - " +
                     sim_time(ato));
    }
    // Webhook calls, with a tick per trigger attempt.
    for (const WebhookCall& c : r.webhooks) {
      if (c.target != static_cast<int>(i)) continue;
      const std::int64_t cfrom = c.called_at.count();
      const std::int64_t cto = c.finished_at ? c.finished_at->count() : end;
      const std::string& hook = s.deployment.webhooks[c.webhook].name;
      write_rect(out, axis.x(cfrom), axis.x(cto), y + 33, 9, "webhook-call",
                 html::webhook_color(c.result),
                 hook + " (" + std::string(to_string(c.where)) +
                     "): " + std::string(to_string(c.result)) + ", " + std::to_string(c.attempts) +
                     " attempt(s), " + sim_time(cfrom) + " - " + sim_time(cto));
      for (int k = 0; k < c.attempts; ++k) {
        const double ax = axis.x(cfrom + k * s.retry_delay.count());
        out << "<line class=\"webhook-attempt\" x1=\"" << num(ax) << "\" x2=\"" << num(ax)
            << "\" y1=\"" << num(y + 31) << "\" y2=\"" << num(y + 44)
            << "\" stroke=\"#1f2328\" stroke-width=\"1.5\"><title>" << escape(hook) << " attempt "
            << (k + 1) << " at " << escape(sim_time(cfrom + k * s.retry_delay.count()))
            << "</title></line>";
      }
      out << '\n';
    }
    out << "</g>\n";
  }
  // The cancellation chains: from the root failure to every target it cancelled.
  for (std::size_t i = 0; i < n; ++i) {
    const TargetOutcome& o = r.targets[i];
    if (o.reason != Reason::kUpstreamFailed || !o.cause || o.cause->target < 0 || !o.finished_at) {
      continue;
    }
    const auto root = static_cast<std::size_t>(o.cause->target);
    const std::int64_t at = o.finished_at->count();
    const double x1 =
        axis.x(r.targets[root].finished_at ? r.targets[root].finished_at->count() : at);
    const double x2 = axis.x(at);
    const double y1 = row_y(root) + 16;
    const double y2 = row_y(i) + 16;
    out << "<path class=\"cancel-arrow\" d=\"M" << num(x1) << ',' << num(y1) << " C" << num(x1 + 30)
        << ',' << num(y1) << ' ' << num(x2 + 30) << ',' << num(y2) << ' ' << num(x2 + 6) << ','
        << num(y2) << "\" fill=\"none\" stroke=\"#8c959f\" "
        << "stroke-width=\"1.5\" stroke-dasharray=\"4 3\" marker-end=\"url(#arrow)\">"
        << "<title>" << escape(s.deployment.targets[root].name) << " failed: cancels "
        << escape(s.deployment.targets[i].name) << "</title></path>\n";
  }
  out << "</svg>\n";
}

void write_weights(std::ostream& out, const Scenario& s, const RunResult& r,
                   const html::TimeAxis& axis, std::int64_t end) {
  static constexpr std::string_view kColors[] = {"#0969da", "#bf3989", "#1a7f37", "#9a6700",
                                                 "#8250df", "#cf222e", "#116329", "#953800"};
  const double top = 10, h = 160;
  out << "<h2>Traffic to the new version (weight %)</h2>\n<div class=\"legend\">";
  std::vector<int> shown;
  for (std::size_t i = 0; i < r.targets.size(); ++i) {
    const bool has = std::any_of(r.weights.begin(), r.weights.end(), [&](const WeightChange& w) {
      return w.target == static_cast<int>(i);
    });
    if (!has) continue;
    out << "<span style=\"--c:" << kColors[shown.size() % std::size(kColors)] << "\">"
        << escape(s.deployment.targets[i].name) << "</span>";
    shown.push_back(static_cast<int>(i));
  }
  out << "</div>\n<svg id=\"weights\" width=\"" << num(kLabelWidth + kPlotWidth + 20)
      << "\" height=\"" << num(top + h + 24) << "\" role=\"img\" aria-label=\"weights\">\n";
  axis.write_grid(out, top, top + h);
  for (int w : {0, 25, 50, 75, 100}) {
    const double y = top + h - h * w / 100.0;
    out << "<line class=\"grid\" x1=\"" << num(kLabelWidth) << "\" x2=\""
        << num(kLabelWidth + kPlotWidth) << "\" y1=\"" << num(y) << "\" y2=\"" << num(y)
        << "\"/><text class=\"axis-label\" x=\"" << num(kLabelWidth - 6) << "\" y=\"" << num(y + 4)
        << "\" text-anchor=\"end\">" << w << " %</text>\n";
  }
  for (std::size_t k = 0; k < shown.size(); ++k) {
    const int t = shown[k];
    std::string points;
    std::int64_t last_at = r.targets[t].started_at ? r.targets[t].started_at->count() : 0;
    int last_w = 0;
    auto add = [&](std::int64_t at, int w) {
      points += num(axis.x(at)) + "," + num(top + h - h * w / 100.0) + " ";
    };
    add(last_at, 0);
    for (const WeightChange& w : r.weights) {
      if (w.target != t) continue;
      add(w.at.count(), last_w);  // a step: hold, then jump
      add(w.at.count(), w.weight);
      last_at = w.at.count();
      last_w = w.weight;
    }
    const std::int64_t to = r.targets[t].finished_at ? r.targets[t].finished_at->count() : end;
    add(std::max(to, last_at), last_w);
    out << "<polyline class=\"weight-line\" data-target=\"" << escape(s.deployment.targets[t].name)
        << "\" fill=\"none\" stroke-width=\"2\" stroke=\"" << kColors[k % std::size(kColors)]
        << "\" points=\"" << points << "\"><title>" << escape(s.deployment.targets[t].name)
        << "</title></polyline>\n";
  }
  out << "</svg>\n";
}

void write_webhook_table(std::ostream& out, const Scenario& s, const RunResult& r) {
  out << "<h2>Webhook calls</h2>\n<table id=\"webhooks\"><tr><th>webhook</th><th>target</th>"
      << "<th>where</th><th>attempts</th><th>result</th><th>called</th><th>finished</th></tr>\n";
  for (const WebhookCall& c : r.webhooks) {
    const std::string& target = s.deployment.targets[c.target].name;
    out << "<tr data-target=\"" << escape(target) << "\"><td>"
        << escape(s.deployment.webhooks[c.webhook].name) << "</td><td>" << escape(target)
        << "</td><td>" << to_string(c.where) << "</td><td>" << c.attempts
        << "</td><td><span class=\"status-chip\" style=\"background:"
        << html::webhook_color(c.result) << "\">" << to_string(c.result) << "</span></td><td>"
        << escape(sim_time(c.called_at.count())) << "</td><td>"
        << (c.finished_at ? escape(sim_time(c.finished_at->count())) : "-") << "</td></tr>\n";
  }
  out << "</table>\n";
  if (r.webhooks.empty()) out << "<p class=\"sub\">No webhook was called.</p>\n";
}

// P4: the questions put to people, with the roles they require.
void write_approval_table(std::ostream& out, const Scenario& s, const RunResult& r) {
  if (r.approvals.empty()) return;
  out << "<h2>Approvals</h2>\n<table id=\"approvals\"><tr><th>target</th><th>where</th>"
      << "<th>step</th><th>requires roles</th><th>result</th><th>asked</th><th>finished</th>"
      << "</tr>\n";
  for (const ApprovalRecord& a : r.approvals) {
    const std::string& target = s.deployment.targets[a.target].name;
    std::string roles;
    for (const std::string& role : a.requires_roles) roles += (roles.empty() ? "" : ", ") + role;
    out << "<tr data-target=\"" << escape(target) << "\"><td>" << escape(target) << "</td><td>"
        << escape(a.where) << "</td><td>" << escape(a.step) << "</td><td class=\"roles\">"
        << (roles.empty() ? "-" : escape(roles)) << "</td><td>" << to_string(a.result)
        << "</td><td>" << escape(sim_time(a.asked_at.count())) << "</td><td>"
        << (a.finished_at ? escape(sim_time(a.finished_at->count())) : "-") << "</td></tr>\n";
  }
  out << "</table>\n";
}

}  // namespace

void write_run_html(std::ostream& out, const Scenario& scenario, const RunResult& result) {
  const std::int64_t end = chart_end(result, scenario.horizon.count());
  html::TimeAxis axis;
  axis.x0 = kLabelWidth;
  axis.width = kPlotWidth;
  axis.span_ms = end;

  html::begin_page(out, scenario.name + " - deploysim run");
  write_summary(out, scenario, result);
  write_timeline(out, scenario, result, axis, end);
  write_weights(out, scenario, result, axis, end);
  write_webhook_table(out, scenario, result);
  write_approval_table(out, scenario, result);

  std::vector<std::string> required{"#summary",    "#timeline", ".gantt-row",
                                    ".target-bar", "#weights",  "#webhooks"};
  if (!result.webhooks.empty()) {
    required.push_back(".webhook-call");
    required.push_back(".webhook-attempt");
  }
  const bool cancelled = std::any_of(
      result.targets.begin(), result.targets.end(),
      [](const TargetOutcome& o) { return o.reason == Reason::kUpstreamFailed && o.cause; });
  if (cancelled) required.push_back(".cancel-arrow");
  if (!result.approvals.empty()) required.push_back("#approvals");
  html::end_page(out, required);
}

}  // namespace deploysim
