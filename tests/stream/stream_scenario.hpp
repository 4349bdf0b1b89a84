// Scenario texts for the stream tests: one target `prod` whose pipeline takes
// one draw of `ready_after` (a target without a strategy scales once, K7),
// optionally after a beforeDeployment webhook `check` with `webhook_model`.
// The readiness timeout is 48h, so no duration of the tests is cut by it.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "deploysim/loader.hpp"
#include "deploysim/scenario.hpp"

namespace deploysim::testing {

struct StreamScenario {
  StreamScenario(std::string policy_, std::string arrivals_, std::string ready_after_,
                 std::string webhook_model_ = "")
      : policy(std::move(policy_)),
        arrivals(std::move(arrivals_)),
        ready_after(std::move(ready_after_)),
        webhook_model(std::move(webhook_model_)) {}

  std::string policy;         // ifDeploymentInProgress.strategy
  std::string arrivals;       // DIST (YAML flow)
  std::string ready_after;    // DIST (YAML flow)
  std::string webhook_model;  // the `check` webhook's model; empty: no webhook
  int seed = 1;

  std::string text() const {
    std::string s = "name: stream-test\nseed: " + std::to_string(seed) +
                    "\ndeployment:\n"
                    "  version: v1\n  kind: kubernetes\n  application: app\n"
                    "  deploymentConfig: {timeout: {duration: 48, unit: hours}, "
                    "ifDeploymentInProgress: {strategy: " +
                    policy + "}}\n  targets:\n    prod: {account: cluster, namespace: prod";
    if (!webhook_model.empty()) {
      s += ", constraints: {beforeDeployment: [{runWebhook: {name: check}}]}";
    }
    s += "}\n  manifests: [{path: app.yml}]\n";
    if (!webhook_model.empty()) {
      s += "  webhooks:\n    - {name: check, method: POST, uriTemplate: 'https://h.example.com', "
           "bodyTemplate: {inline: '{\"cb\": \"{{armory.callbackUri}}\"}'}}\n"
           "webhooks:\n  check: " +
           webhook_model + "\n";
    }
    s += "deploy: {readyAfter: " + ready_after + "}\n";
    s += "releases: {arrivals: " + arrivals + "}\n";
    return s;
  }

  Scenario load() const {
    Diagnostics diagnostics;
    std::optional<Scenario> s =
        load_scenario_from_string(text(), "stream-test.yml", LoadOptions{}, diagnostics);
    if (!s) {
      std::string all;
      for (const Problem& p : diagnostics.problems()) all += p.to_string() + "\n";
      throw std::runtime_error("stream test scenario did not load:\n" + all + text());
    }
    return *s;
  }
};

}  // namespace deploysim::testing
