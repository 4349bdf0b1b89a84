#include "property_verdicts.hpp"

#include <cstdio>

namespace deploysim::cli {
namespace {

// A probability as people read it: 3 significant digits (0.081, 0.729, 0.000244).
std::string probability_text(double p) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", p);
  return text;
}

std::string path_text(const explore::Path& path) {
  if (path.choices.empty()) return "the only path (no choice made)";
  std::string out;
  for (const explore::Choice& c : path.choices) out += (out.empty() ? "" : "; ") + c.what;
  return out;
}

}  // namespace

std::vector<std::string> property_failures(const Scenario& scenario,
                                           const explore::ExploreResult& result) {
  std::vector<std::string> out;
  for (const explore::PropertyResult& p : result.properties) {
    if (p.holds) continue;
    std::string line = "property " + p.name + " (" + std::string(to_string(p.kind)) + ") ";
    if (p.kind == PropertyKind::kSometimes) {
      line += "holds on no path";
      if (result.partial) line += " explored";
    } else {
      line += "violated with probability " + probability_text(p.probability);
      if (p.counterexample) line += ": most probable path: " + path_text(*p.counterexample);
    }
    out.push_back(std::move(line));
  }
  if (result.partial) {
    out.push_back("properties of " + scenario.name +
                  " not proven: the exploration stopped at its limit of " +
                  std::to_string(result.paths) + (result.paths == 1 ? " path" : " paths") +
                  " (probability " + probability_text(result.explored_probability) + " explored)");
  }
  return out;
}

std::vector<std::string> check_properties(const Scenario& scenario) {
  if (scenario.properties.empty()) return {};
  return property_failures(scenario, explore::explore(scenario, explore::ExploreOptions{}));
}

}  // namespace deploysim::cli
