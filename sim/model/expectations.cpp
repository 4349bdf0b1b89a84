// check_expectations: the `expect` block of a scenario against one result.
// One line per difference, in a fixed order: pipeline, targets (by name),
// webhooks, analyses, approvals (as listed), warnings.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "deploysim/simulation.hpp"

namespace deploysim {
namespace {

// "3600.5s", "3600s", "null".
std::string seconds(const std::optional<SimTime>& t) {
  if (!t) return "null";
  const std::int64_t ms = t->count();
  std::string out = std::to_string(ms / 1000);
  std::int64_t frac = ms % 1000;
  if (frac < 0) frac = -frac;
  if (frac != 0) {
    char buf[8];
    std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(frac));
    std::string f = buf;
    while (f.back() == '0') f.pop_back();
    if (ms < 0 && ms > -1000) out = "-" + out;
    out += f;
  }
  return out + "s";
}

std::string word(bool b) { return b ? "true" : "false"; }

template <class T>
void compare(std::vector<std::string>& out, const std::string& who, const char* field,
             const std::optional<T>& expected, const T& actual, std::string (*show)(const T&)) {
  if (expected && !(*expected == actual)) {
    out.push_back(who + ": " + field + " " + show(actual) + ", expected " + show(*expected));
  }
}

std::string show_status(const TargetStatus& s) { return std::string(to_string(s)); }
std::string show_reason(const Reason& r) { return std::string(to_string(r)); }
std::string show_bool(const bool& b) { return word(b); }
std::string show_int(const int& i) { return std::to_string(i); }
std::string show_string(const std::string& s) { return s.empty() ? "null" : s; }
std::string show_phase(const Phase& p) { return std::string(to_string(p)); }
std::string show_result(const WebhookResult& r) { return std::string(to_string(r)); }
std::string show_approval(const ApprovalResult& r) { return std::string(to_string(r)); }

std::string show_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

template <class T, class Show>
std::string show_list(const std::vector<T>& items, Show show) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : ", ") + show(items[i]);
  return out + "]";
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// An instant against an ExpectedInstant.
void compare_instant(std::vector<std::string>& out, const std::string& who, const char* field,
                     const ExpectedInstant& expected, const std::optional<SimTime>& actual) {
  if (expected && *expected != actual) {
    out.push_back(who + ": " + field + " " + seconds(actual) + ", expected " + seconds(*expected));
  }
}

// The analysis verdict as the text report writes it.
std::string analysis_word(const AnalysisRecord& a) {
  if (a.abandoned) return "ABANDONED";
  if (!a.finished_at) return "RUNNING";
  return a.passed ? "PASSED" : "FAILED";
}

}  // namespace

std::vector<std::string> check_expectations(const Scenario& scenario, const RunResult& result,
                                            const std::vector<Problem>& load_warnings) {
  std::vector<std::string> out;
  const Expectation& e = scenario.expect;
  const Deployment& d = scenario.deployment;

  compare(out, "pipeline", "status", e.pipeline, result.pipeline, show_status);
  compare_instant(out, "pipeline", "finishedAt", e.pipeline_finished_at, result.finished_at);

  for (const auto& [name, x] : e.targets) {
    const int t = d.find_target(name);
    if (t < 0 || t >= static_cast<int>(result.targets.size())) {
      out.push_back(name + ": no such target");
      continue;
    }
    const TargetOutcome& o = result.targets[t];
    compare(out, name, "status", x.status, o.status, show_status);
    compare(out, name, "deployed", x.deployed, o.deployed, show_bool);
    compare(out, name, "rolledBack", x.rolled_back, o.rolled_back, show_bool);
    compare(out, name, "reason", x.reason, o.reason, show_reason);
    const std::string cause_target =
        o.cause && o.cause->target >= 0 && o.cause->target < static_cast<int>(d.targets.size())
            ? d.targets[o.cause->target].name
            : std::string();
    compare(out, name, "causeTarget", x.cause_target, cause_target, show_string);
    if (x.cause_phase) {
      if (!o.cause) {
        out.push_back(name + ": causePhase null, expected " + show_phase(*x.cause_phase));
      } else {
        compare(out, name, "causePhase", x.cause_phase, o.cause->phase, show_phase);
      }
    }
    const std::string cause_step = o.cause ? o.cause->step : std::string();
    compare(out, name, "causeStep", x.cause_step, cause_step, show_string);
    const std::string cause_agent = o.cause ? o.cause->agent : std::string();
    compare(out, name, "causeAgent", x.cause_agent, cause_agent, show_string);
    compare_instant(out, name, "startedAt", x.started_at, o.started_at);
    compare_instant(out, name, "finishedAt", x.finished_at, o.finished_at);
    compare(out, name, "weight", x.weight, o.weight, show_int);
    if (x.waiting_on) {
      std::vector<std::string> waiting;
      for (const WaitingOn& w : result.waiting) {
        if (w.target != t) continue;
        waiting.push_back(std::string(to_string(w.phase)) + ": " +
                          (w.phase == Phase::kDependsOn ? d.targets[w.predecessor].name : w.step));
      }
      if (waiting != *x.waiting_on) {
        out.push_back(name + ": waitingOn " + show_list(waiting, quoted) + ", expected " +
                      show_list(*x.waiting_on, quoted));
      }
    }
  }

  for (const WebhookExpectation& x : e.webhooks) {
    const std::string who =
        "webhook " + x.name + " at " + x.target + " #" + std::to_string(x.index);
    const int w = d.find_webhook(x.name);
    const int t = d.find_target(x.target);
    const WebhookCall* call = nullptr;
    int seen = 0;
    for (const WebhookCall& c : result.webhooks) {
      if (c.webhook != w || c.target != t) continue;
      if (seen++ == x.index) {
        call = &c;
        break;
      }
    }
    if (call == nullptr) {
      out.push_back(who + ": never called");
      continue;
    }
    compare(out, who, "attempts", x.attempts, call->attempts, show_int);
    compare(out, who, "result", x.result, call->result, show_result);
    if (x.called_at && call->called_at != *x.called_at) {
      out.push_back(who + ": calledAt " + seconds(call->called_at) + ", expected " +
                    seconds(x.called_at));
    }
    if (x.finished_at && call->finished_at != x.finished_at) {
      out.push_back(who + ": finishedAt " + seconds(call->finished_at) + ", expected " +
                    seconds(x.finished_at));
    }
  }

  for (const AnalysisExpectation& x : e.analyses) {
    const std::string who = "analysis at " + x.target + " #" + std::to_string(x.index);
    const int t = d.find_target(x.target);
    const AnalysisRecord* record = nullptr;
    int seen = 0;
    for (const AnalysisRecord& a : result.analyses) {
      if (a.target == t && seen++ == x.index) {
        record = &a;
        break;
      }
    }
    if (record == nullptr) {
      out.push_back(who + ": never started");
      continue;
    }
    const std::string verdict = analysis_word(*record);
    compare(out, who, "result", x.result, verdict, show_string);
    compare(out, who, "aborted", x.aborted, record->aborted, show_bool);
    compare_instant(out, who, "startedAt", x.started_at,
                    std::optional<SimTime>(record->started_at));
    compare_instant(out, who, "finishedAt", x.finished_at, record->finished_at);
    for (const QueryExpectation& q : x.queries) {
      const std::string qwho = who + " query " + q.name;
      const int index = d.find_query(q.name);
      const QueryRun* run = nullptr;
      for (const QueryRun& r : record->queries) {
        if (r.query == index) run = &r;
      }
      if (run == nullptr) {
        out.push_back(qwho + ": not part of this analysis");
        continue;
      }
      if (q.values && *q.values != run->values) {
        out.push_back(qwho + ": values " + show_list(run->values, show_number) + ", expected " +
                      show_list(*q.values, show_number));
      }
      auto show_mean = [](const std::optional<double>& m) {
        return m ? show_number(*m) : std::string("null");
      };
      // Means are compared to 1e-9 (relative): 185/3 has no exact decimal.
      auto same_mean = [](const std::optional<double>& a, const std::optional<double>& b) {
        if (!a || !b) return !a && !b;
        return std::fabs(*a - *b) <= 1e-9 * std::max(1.0, std::fabs(*b));
      };
      if (q.mean && !same_mean(run->mean, *q.mean)) {
        out.push_back(qwho + ": mean " + show_mean(run->mean) + ", expected " + show_mean(*q.mean));
      }
      auto show_verdict = [](const std::optional<bool>& v) {
        return v ? word(*v) : std::string("null");
      };
      if (q.passed && *q.passed != run->passed) {
        out.push_back(qwho + ": passed " + show_verdict(run->passed) + ", expected " +
                      show_verdict(*q.passed));
      }
    }
  }

  for (const ApprovalExpectation& x : e.approvals) {
    const std::string who = "approval at " + x.target + " #" + std::to_string(x.index);
    const int t = d.find_target(x.target);
    const ApprovalRecord* record = nullptr;
    int seen = 0;
    for (const ApprovalRecord& a : result.approvals) {
      if (a.target == t && seen++ == x.index) {
        record = &a;
        break;
      }
    }
    if (record == nullptr) {
      out.push_back(who + ": never asked");
      continue;
    }
    compare(out, who, "step", x.step, record->step, show_string);
    if (x.requires_roles && *x.requires_roles != record->requires_roles) {
      out.push_back(who + ": requiresRoles " + show_list(record->requires_roles, quoted) +
                    ", expected " + show_list(*x.requires_roles, quoted));
    }
    compare(out, who, "result", x.result, record->result, show_approval);
    compare_instant(out, who, "askedAt", x.asked_at, std::optional<SimTime>(record->asked_at));
    compare_instant(out, who, "finishedAt", x.finished_at, record->finished_at);
  }

  for (const std::string& text : e.warnings) {
    bool found = false;
    for (const std::vector<Problem>* list : {&load_warnings, &result.warnings}) {
      for (const Problem& p : *list) {
        found = found ||
                (p.severity == Severity::kWarning && p.to_string().find(text) != std::string::npos);
      }
    }
    if (!found) out.push_back("no warning contains " + quoted(text));
  }
  return out;
}

}  // namespace deploysim
