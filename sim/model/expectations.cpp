// check_expectations: the `expect` block of a scenario against one result.
// One line per difference, in a fixed order: pipeline, targets (by name),
// webhooks (as listed).
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

}  // namespace

std::vector<std::string> check_expectations(const Scenario& scenario, const RunResult& result) {
  std::vector<std::string> out;
  const Expectation& e = scenario.expect;
  const Deployment& d = scenario.deployment;

  compare(out, "pipeline", "status", e.pipeline, result.pipeline, show_status);
  if (e.pipeline_finished_at && result.finished_at != e.pipeline_finished_at) {
    out.push_back("pipeline: finishedAt " + seconds(result.finished_at) + ", expected " +
                  seconds(e.pipeline_finished_at));
  }

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
    if (x.started_at && o.started_at != x.started_at) {
      out.push_back(name + ": startedAt " + seconds(o.started_at) + ", expected " +
                    seconds(x.started_at));
    }
    if (x.finished_at && o.finished_at != x.finished_at) {
      out.push_back(name + ": finishedAt " + seconds(o.finished_at) + ", expected " +
                    seconds(x.finished_at));
    }
    compare(out, name, "weight", x.weight, o.weight, show_int);
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
  return out;
}

}  // namespace deploysim
