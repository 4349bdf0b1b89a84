// `explore --format json` and the choices file (explore.hpp).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "choice_words.hpp"
#include "deploysim/explore.hpp"

namespace deploysim::explore {
namespace {

using Json = nlohmann::ordered_json;

// A site is 64 bits: as 16 hex digits, since JSON numbers lose precision
// beyond 2^53 in most readers.
std::string hex(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

Json choice_json(const Choice& c) {
  Json j;
  j["what"] = c.what;
  j["key"] = {{"site", hex(c.key.site)},
              {"purpose", std::string(purpose_word(c.key.purpose))},
              {"invocation", c.key.invocation},
              {"index", c.key.index}};
  j["chosen"] = c.chosen;
  j["probability"] = c.probability;
  return j;
}

Json path_json(const Path& p) {
  Json j;
  j["probability"] = p.probability;
  Json choices = Json::array();
  for (const Choice& c : p.choices) choices.push_back(choice_json(c));
  j["choices"] = std::move(choices);
  return j;
}

}  // namespace

void write_explore_json(std::ostream& out, const Scenario& scenario, const ExploreResult& result) {
  const std::vector<Target>& targets = scenario.deployment.targets;
  Json j;
  j["schemaVersion"] = 1;
  j["paths"] = result.paths;
  j["partial"] = result.partial;
  j["exploredProbability"] = result.explored_probability;
  j["reduction"] = reduction_text();
  if (result.show_groups) {
    // Independent groups (explore.hpp): only where they change something,
    // so that the report of one group stays what it was.
    j["groups"] = result.groups;
    j["endStates"] = result.end_states;  // decimal text: it can pass 2^64
    j["outcomesListed"] = result.outcomes.size();
    j["outcomesCut"] = result.outcomes_cut;
    j["targetsExact"] = result.targets_exact;
  }
  Json outcomes = Json::array();
  for (const Outcome& o : result.outcomes) {
    Json jo;
    jo["pipeline"] = std::string(to_string(o.pipeline));
    Json per_target = Json::object();
    for (std::size_t t = 0; t < targets.size(); ++t) {
      per_target[targets[t].name] = {{"status", std::string(to_string(o.statuses[t]))},
                                     {"reason", std::string(to_string(o.reasons[t]))}};
    }
    jo["targets"] = std::move(per_target);
    jo["probability"] = o.probability;
    jo["paths"] = o.paths;
    outcomes.push_back(std::move(jo));
  }
  j["outcomes"] = std::move(outcomes);
  Json marginals = Json::object();
  for (std::size_t t = 0; t < targets.size(); ++t) {
    Json status = Json::object();
    for (int s = 0; s < kTargetStatusCount; ++s) {
      const double p = result.target_status[t][static_cast<std::size_t>(s)];
      if (p > 0) status[std::string(to_string(static_cast<TargetStatus>(s)))] = p;
    }
    marginals[targets[t].name] = {{"status", std::move(status)}};
  }
  j["targets"] = std::move(marginals);
  Json properties = Json::array();
  for (const PropertyResult& r : result.properties) {
    Json jp;
    jp["name"] = r.name;
    jp["kind"] = std::string(to_string(r.kind));
    jp["holds"] = r.holds;
    jp["complete"] = r.complete;
    jp["probability"] = r.probability;
    if (r.counterexample) jp["counterexample"] = path_json(*r.counterexample);
    properties.push_back(std::move(jp));
  }
  j["properties"] = std::move(properties);
  out << j.dump(2) << '\n';
}

void write_choices_json(std::ostream& out, const Scenario& scenario,
                        const PropertyResult& property) {
  Json j;
  j["schemaVersion"] = 1;
  j["scenario"] = scenario.name;
  j["property"] = property.name;
  j["kind"] = std::string(to_string(property.kind));
  j["reduction"] = reduction_text();
  const Path empty;
  const Path& path = property.counterexample ? *property.counterexample : empty;
  j["probability"] = path.probability;
  Json choices = Json::array();
  for (const Choice& c : path.choices) choices.push_back(choice_json(c));
  j["choices"] = std::move(choices);
  // One choice per line, so that a message about one points at its line.
  out << "{\n";
  bool first = true;
  for (const auto& [key, value] : j.items()) {
    if (!first) out << ",\n";
    first = false;
    out << "  " << Json(key).dump() << ": ";
    if (key == "choices") {
      out << "[";
      for (std::size_t i = 0; i < value.size(); ++i) {
        out << (i == 0 ? "\n    " : ",\n    ") << value[i].dump();
      }
      out << (value.empty() ? "]" : "\n  ]");
    } else {
      out << value.dump();
    }
  }
  out << "\n}\n";
}

}  // namespace deploysim::explore
