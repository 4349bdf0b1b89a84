// Lint warnings that need the scenario and the deploy file together.

#include <cstdio>

#include "scenario_parse.hpp"

namespace deploysim::config {

namespace {

bool has_model(const QueryModelLayer& layer) { return layer.value || layer.sequence; }

// The analysis queries target `t` may judge: its afterDeployment list and its
// strategy (beforeDeployment analysis is ignored, C6).
std::vector<int> queries_judged_at(const Deployment& d, const Target& t) {
  std::vector<int> out;
  auto add = [&](const std::vector<Step>& steps) {
    for (const Step& step : steps) {
      if (const auto* a = std::get_if<AnalysisStep>(&step.action)) {
        for (int q : a->query_indices) {
          if (q >= 0) out.push_back(q);
        }
      }
    }
  };
  for (const TargetStepList& list : step_lists_of(d, t)) {
    if (list.kind != StepListKind::kBeforeDeployment) add(*list.steps);
  }
  return out;
}

}  // namespace

void warn_queries_without_model(const Scenario& s, Diagnostics& diagnostics) {
  const Deployment& d = s.deployment;
  // Per query: the targets that judge it, and those of them with no value
  // model, in file order.
  std::vector<std::vector<std::string>> judging(d.analysis.queries.size());
  std::vector<std::vector<std::string>> missing(d.analysis.queries.size());
  for (const Target& t : d.targets) {
    for (int q : queries_judged_at(d, t)) {
      const auto qi = static_cast<std::size_t>(q);
      if (!judging[qi].empty() && judging[qi].back() == t.name) continue;
      judging[qi].push_back(t.name);
      const auto entry = s.analysis.queries.find(d.analysis.queries[qi].name);
      bool modelled = false;
      if (entry != s.analysis.queries.end()) {
        const auto layer = entry->second.targets.find(t.name);
        modelled = has_model(entry->second.base) ||
                   (layer != entry->second.targets.end() && has_model(layer->second));
      }
      if (!modelled) missing[qi].push_back(t.name);
    }
  }
  for (std::size_t q = 0; q < missing.size(); ++q) {
    if (missing[q].empty()) continue;
    const Query& query = d.analysis.queries[q];
    // Every target without a model reads the same built-in value.
    const double value = resolve_query_model(s, query, missing[q].front()).value.a;
    char number[32];
    std::snprintf(number, sizeof number, "%g", value);
    const char* what =
        query.lower_limit && query.upper_limit ? "the midpoint of its limits" : "its one limit";
    std::string where;
    if (missing[q].size() < judging[q].size()) {
      where = " at";
      for (std::size_t i = 0; i < missing[q].size(); ++i) {
        where += (i == 0 ? " " : ", ") + missing[q][i];
      }
    }
    diagnostics.warning(query.location, "analysis query '" + query.name +
                                            "' has no value model in the scenario" + where +
                                            " (analysis.queries." + query.name + "): it reads " +
                                            number + ", " + what + ", and always passes (A7)");
  }
}

}  // namespace deploysim::config
