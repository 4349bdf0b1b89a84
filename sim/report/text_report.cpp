// The run report for people. Sections, in order: header, targets, webhook
// calls, approvals, analyses, timeline, warnings. Empty sections are left out (except the
// targets table) so a small deploy file gives a small report.
#include <cstdio>

#include "deploysim/report.hpp"
#include "report_names.hpp"
#include "text_table.hpp"

namespace deploysim {
namespace {

using report::find_query;
using report::target_name;
using report::TextTable;
using report::webhook_name;

const char* const kIndent = "  ";

std::string time_or_dash(const std::optional<SimTime>& t) { return t ? format_sim_time(*t) : "-"; }

// "%g"-style with up to 6 significant digits: analysis values are read, not parsed.
std::string format_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string cause_text(const Deployment& d, int self, const std::optional<Cause>& cause) {
  if (!cause) return "-";
  std::string out(to_string(cause->phase));
  if (!cause->step.empty()) out += ": " + cause->step;
  if (!cause->agent.empty()) out += " (agent " + cause->agent + " down)";
  if (cause->target >= 0 && cause->target != self) {
    out += " (root " + target_name(d, cause->target) + ")";
  }
  return out;
}

// R3: what a live target waits on, in the cause column.
std::string waiting_text(const Deployment& d, const RunResult& result, int self) {
  std::string out;
  for (const WaitingOn& w : result.waiting) {
    if (w.target != self) continue;
    out += out.empty() ? "waiting on " : "; ";
    out += std::string(to_string(w.phase)) + ": " +
           (w.phase == Phase::kDependsOn ? target_name(d, w.predecessor) : w.step);
  }
  return out.empty() ? "-" : out;
}

void write_header(std::ostream& out, const Scenario& scenario, const RunResult& result) {
  out << "Scenario  " << scenario.name << '\n';
  out << "Seed      " << result.seed << '\n';
  out << "Pipeline  " << to_string(result.pipeline);
  if (result.finished_at) {
    out << ", finished at " << format_sim_time(*result.finished_at) << " ("
        << format_duration(*result.finished_at) << ")";
  } else {
    out << ", stopped by the horizon";
  }
  out << '\n';
}

void write_targets(std::ostream& out, const Deployment& d, const RunResult& result) {
  TextTable table({"TARGET", "STATUS", "REASON", "DEPLOYED", "WEIGHT", "STARTED", "FINISHED",
                   "LEAD TIME", "CAUSE"});
  for (std::size_t c : {4u, 5u, 6u, 7u}) table.align_right(c);
  const std::size_t n = std::min(d.targets.size(), result.targets.size());
  for (std::size_t i = 0; i < n; ++i) {
    const TargetOutcome& t = result.targets[i];
    std::string deployed = t.deployed ? "yes" : "no";
    if (t.rolled_back) deployed += ", rolled back";
    const bool succeeded = t.status == TargetStatus::kSucceeded && t.finished_at;
    table.add_row({d.targets[i].name, std::string(to_string(t.status)),
                   std::string(to_string(t.reason)), deployed, std::to_string(t.weight) + "%",
                   time_or_dash(t.started_at), time_or_dash(t.finished_at),
                   succeeded ? format_duration(*t.finished_at) : "-",
                   is_terminal(t.status) ? cause_text(d, static_cast<int>(i), t.cause)
                                         : waiting_text(d, result, static_cast<int>(i))});
  }
  out << "\nTargets\n";
  table.write(out, kIndent);
}

void write_webhooks(std::ostream& out, const Deployment& d, const RunResult& result) {
  if (result.webhooks.empty()) return;
  TextTable table({"WEBHOOK", "TARGET", "WHERE", "ATTEMPTS", "RESULT", "CALLED", "FINISHED"});
  for (std::size_t c : {3u, 5u, 6u}) table.align_right(c);
  for (const WebhookCall& call : result.webhooks) {
    table.add_row({webhook_name(d, call.webhook), target_name(d, call.target),
                   std::string(to_string(call.where)), std::to_string(call.attempts),
                   std::string(to_string(call.result)), format_sim_time(call.called_at),
                   time_or_dash(call.finished_at)});
  }
  out << "\nWebhook calls\n";
  table.write(out, kIndent);
}

std::string limits_text(const Query* q) {
  if (q == nullptr) return "?";
  const std::string lo = q->lower_limit ? format_number(*q->lower_limit) : "-inf";
  const std::string hi = q->upper_limit ? format_number(*q->upper_limit) : "+inf";
  return "[" + lo + ", " + hi + "]";
}

void write_analyses(std::ostream& out, const Deployment& d, const RunResult& result) {
  if (result.analyses.empty()) return;
  out << "\nAnalyses\n";
  for (const AnalysisRecord& a : result.analyses) {
    out << kIndent << target_name(d, a.target) << ", " << a.where << ": "
        << (a.abandoned      ? "ABANDONED"
            : !a.finished_at ? "RUNNING"
            : a.passed       ? "PASSED"
                             : "FAILED")
        << (a.aborted ? " (aborted)" : "") << ", " << format_sim_time(a.started_at) << " to "
        << time_or_dash(a.finished_at) << '\n';
    TextTable table({"QUERY", "VALUES", "MEAN", "LIMITS", "RESULT"});
    table.align_right(2);
    for (const QueryRun& q : a.queries) {
      const Query* query = find_query(d, q.query);
      std::string values;
      for (double v : q.values) values += (values.empty() ? "" : ", ") + format_number(v);
      // A7: a query never judged has no mean and no verdict.
      table.add_row({query ? query->name : "?", values, q.mean ? format_number(*q.mean) : "-",
                     limits_text(query),
                     !q.passed   ? "-"
                     : *q.passed ? "pass"
                                 : "fail"});
    }
    table.write(out, std::string(kIndent) + kIndent);
  }
}

// P4: every question put to a person, with the roles it requires.
void write_approvals(std::ostream& out, const Deployment& d, const RunResult& result) {
  if (result.approvals.empty()) return;
  TextTable table({"TARGET", "WHERE", "STEP", "REQUIRES ROLES", "RESULT", "ASKED", "FINISHED"});
  for (std::size_t c : {5u, 6u}) table.align_right(c);
  for (const ApprovalRecord& a : result.approvals) {
    std::string roles;
    for (const std::string& r : a.requires_roles) roles += (roles.empty() ? "" : ", ") + r;
    table.add_row({target_name(d, a.target), a.where, a.step, roles.empty() ? "-" : roles,
                   std::string(to_string(a.result)), format_sim_time(a.asked_at),
                   time_or_dash(a.finished_at)});
  }
  out << "\nApprovals\n";
  table.write(out, kIndent);
}

// The milestones the model records with record_details alone. With --trace
// the result holds every event; keeping to these makes the text report the
// same with or without --trace (the trace file has the rest).
bool is_milestone(const std::string& kind) {
  static constexpr std::string_view kMilestones[] = {
      "target.start", "phase", "weight", "rollback.start", "rollback.end", "cancel", "target.end"};
  for (std::string_view m : kMilestones) {
    if (kind == m) return true;
  }
  return false;
}

void write_timeline(std::ostream& out, const Deployment& d, const RunResult& result) {
  TextTable table({"TIME", "TARGET", "EVENT", "DETAILS"});
  table.align_right(0);
  for (const TraceEvent& e : result.trace) {
    if (!is_milestone(e.kind)) continue;
    std::string details;
    for (const auto& [key, value] : e.fields) {
      details += (details.empty() ? "" : " ") + key + "=" + value;
    }
    table.add_row({format_sim_time(e.at), e.target < 0 ? "pipeline" : target_name(d, e.target),
                   e.kind, details});
  }
  if (table.empty()) return;
  out << "\nTimeline\n";
  table.write(out, kIndent);
}

void write_warnings(std::ostream& out, const RunResult& result,
                    const std::vector<Problem>& load_warnings) {
  if (load_warnings.empty() && result.warnings.empty()) return;
  out << "\nWarnings\n";
  for (const Problem& p : load_warnings) out << kIndent << p.to_string() << '\n';
  for (const Problem& p : result.warnings) out << kIndent << p.to_string() << '\n';
}

}  // namespace

void write_run_report_text(std::ostream& out, const Scenario& scenario, const RunResult& result,
                           const std::vector<Problem>& load_warnings) {
  const Deployment& d = scenario.deployment;
  write_header(out, scenario, result);
  write_targets(out, d, result);
  write_webhooks(out, d, result);
  write_approvals(out, d, result);
  write_analyses(out, d, result);
  write_timeline(out, d, result);
  write_warnings(out, result, load_warnings);
}

}  // namespace deploysim
