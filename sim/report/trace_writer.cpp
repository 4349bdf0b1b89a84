// --trace: JSON Lines, one event per line, compact so `grep` and `jq -c` work.
#include <nlohmann/json.hpp>

#include "deploysim/report.hpp"
#include "report_names.hpp"

namespace deploysim {

void write_trace_jsonl(std::ostream& out, const Scenario& scenario, const RunResult& result) {
  using Json = nlohmann::ordered_json;
  for (const TraceEvent& e : result.trace) {
    Json j;
    j["t"] = to_seconds(e.at);
    const std::string target = report::target_name(scenario.deployment, e.target);
    j["target"] = target.empty() ? Json(nullptr) : Json(target);
    j["kind"] = e.kind;
    // A field named like a fixed key would overwrite it; the fixed keys win.
    for (const auto& [key, value] : e.fields) {
      if (key == "t" || key == "target" || key == "kind") continue;
      j[key] = value;
    }
    out << j.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
  }
}

}  // namespace deploysim
