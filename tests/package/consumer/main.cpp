// A program of another project, built against the installed deploysim
// package: the engine on its own, then a pipeline loaded through the public
// loader and played out by the Simulator. It prints what happened; the test
// (tests/package/install_and_consume.cmake) checks every line.
#include <deploysim/engine.hpp>
#include <deploysim/loader.hpp>
#include <deploysim/outcome.hpp>
#include <deploysim/simulation.hpp>
#include <deploysim/task.hpp>
#include <deploysim/time.hpp>
#include <deploysim/version.hpp>
#include <iostream>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
using deploysim::Engine;
using deploysim::Task;

// A process that waits `wait` twice and notes when it woke.
Task<void> waiter(Engine& engine, deploysim::Duration wait, std::vector<std::string>& log,
                  std::string name) {
  co_await engine.timeout(wait);
  log.push_back(name + " " + deploysim::format_duration(engine.now()));
  co_await engine.timeout(wait);
  log.push_back(name + " " + deploysim::format_duration(engine.now()));
}

// SEMANTICS C4 and D4: an afterDeployment webhook that fails leaves staging
// FAILED (deployed, not rolled back) and cancels prod, which depends on it.
constexpr const char* kScenario = R"(name: consumer
deployment:
  version: v1
  kind: kubernetes
  application: app
  targets:
    staging:
      account: cluster
      namespace: staging
      strategy: c50
      constraints:
        afterDeployment:
          - runWebhook: {name: tests}
    prod:
      account: cluster
      namespace: prod
      strategy: c50
      constraints: {dependsOn: ["staging"]}
  manifests: [{path: app.yml}]
  strategies:
    c50:
      canary:
        steps:
          - setWeight: {weight: 50}
  webhooks:
    - name: tests
      method: POST
      uriTemplate: https://hooks.example.com/tests
      bodyTemplate: {inline: '{"cb": "{{armory.callbackUri}}"}'}
deploy:
  readyAfter: 1m
webhooks:
  tests: {latency: 15m, outcome: failure}
)";

}  // namespace

int main() {
  std::cout << "deploysim " << deploysim::kVersion << "\n";

  Engine engine;
  std::vector<std::string> log;
  engine.spawn(waiter(engine, 5min, log, "a"));
  engine.spawn(waiter(engine, 3min, log, "b"));
  engine.run();
  for (const std::string& line : log) std::cout << "engine " << line << "\n";

  deploysim::Diagnostics diagnostics;
  const std::optional<deploysim::Scenario> scenario =
      deploysim::load_scenario_from_string(kScenario, "consumer.yml", {}, diagnostics);
  if (!scenario) {
    std::cerr << "consumer.yml did not load\n";
    return 1;
  }
  deploysim::Simulator simulator(*scenario);
  const deploysim::RunResult result = simulator.run({.seed = 7});
  std::cout << "pipeline " << deploysim::to_string(result.pipeline) << " at "
            << (result.finished_at ? deploysim::format_duration(*result.finished_at) : "-") << "\n";
  for (std::size_t i = 0; i < result.targets.size(); ++i) {
    const deploysim::TargetOutcome& target = result.targets[i];
    std::cout << "target " << scenario->deployment.targets[i].name << " "
              << deploysim::to_string(target.status) << " " << deploysim::to_string(target.reason)
              << "\n";
  }
  return 0;
}
