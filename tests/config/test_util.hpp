// Helpers shared by the sim/config tests.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "deploysim/loader.hpp"
#include "support/test_paths.hpp"

namespace deploysim::testing {

inline std::string data_path(const std::string& name) {
  return test_paths::test_data_dir() + "/" + name;
}

// Every problem as printed, in the order found.
inline std::vector<std::string> printed(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const Problem& p : diagnostics.problems()) out.push_back(p.to_string());
  return out;
}

inline std::vector<std::string> errors(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const Problem& p : diagnostics.sorted()) {
    if (p.severity == Severity::kError) out.push_back(p.to_string());
  }
  return out;
}

inline std::vector<std::string> warnings(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const Problem& p : diagnostics.sorted()) {
    if (p.severity == Severity::kWarning) out.push_back(p.to_string());
  }
  return out;
}

struct DeployLoad {
  std::optional<Deployment> deployment;
  Diagnostics diagnostics;
};

inline DeployLoad load_text(const std::string& text, bool strict = false) {
  DeployLoad r;
  r.deployment = load_deployment_from_string(text, "t.yml", LoadOptions{strict}, r.diagnostics);
  return r;
}

struct ScenarioLoad {
  std::optional<Scenario> scenario;
  Diagnostics diagnostics;
};

inline ScenarioLoad load_scenario_text(const std::string& text, bool strict = false) {
  ScenarioLoad r;
  r.scenario =
      load_scenario_from_string(text, data_path("s.yml"), LoadOptions{strict}, r.diagnostics);
  return r;
}

}  // namespace deploysim::testing
