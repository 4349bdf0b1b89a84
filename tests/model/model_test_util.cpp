#include "model_test_util.hpp"

#include <sstream>

namespace deploysim::testing {
namespace {

std::string t(const std::optional<SimTime>& v) { return v ? std::to_string(v->count()) : "null"; }

}  // namespace

std::string describe(const RunResult& r) {
  std::ostringstream o;
  o << "pipeline " << to_string(r.pipeline) << " " << t(r.finished_at) << "\n";
  for (const TargetOutcome& x : r.targets) {
    o << "target " << to_string(x.status) << " " << to_string(x.reason) << " " << x.deployed
      << x.rolled_back << " " << t(x.started_at) << " " << t(x.finished_at) << " " << x.weight;
    if (x.cause)
      o << " cause " << to_string(x.cause->phase) << "/" << x.cause->step << "/" << x.cause->target;
    o << " time " << x.time.webhooks.count() << "," << x.time.approvals.count() << ","
      << x.time.analysis.count() << "," << x.time.pauses.count() << "," << x.time.readiness.count()
      << "," << x.time.rollback.count() << "\n";
  }
  for (const WebhookCall& w : r.webhooks) {
    o << "webhook " << w.webhook << " " << w.target << " " << w.attempts << " "
      << to_string(w.result) << " " << w.called_at.count() << " " << t(w.finished_at) << " "
      << w.uri << " " << w.body << "\n";
  }
  for (const AnalysisRecord& a : r.analyses) {
    o << "analysis " << a.target << " " << a.where << " " << a.passed << a.aborted;
    for (const QueryRun& q : a.queries) {
      for (double v : q.values) o << " " << v;
    }
    o << "\n";
  }
  for (const WeightChange& w : r.weights)
    o << "weight " << w.target << " " << w.at.count() << " " << w.weight << "\n";
  for (const TraceEvent& e : r.trace) {
    o << "trace " << e.at.count() << " " << e.target << " " << e.kind;
    for (const auto& [k, v] : e.fields) o << " " << k << "=" << v;
    o << "\n";
  }
  o << "events " << r.events << "\n";
  return o.str();
}

}  // namespace deploysim::testing
