// Scenario texts the explore tests share: pipelines whose every discrete
// choice has a hand-computable answer. Continuous draws are constants, so the
// median reduction is exact.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "deploysim/loader.hpp"

namespace deploysim::explore_test {

inline Scenario load(const std::string& text) {
  Diagnostics d;
  std::optional<Scenario> s = load_scenario_from_string(text, "explore.yml", {}, d);
  for (const Problem& p : d.sorted()) {
    if (p.severity == Severity::kError) ADD_FAILURE() << p.to_string();
  }
  return s ? *s : Scenario{};
}

inline std::string header(const std::string& name) {
  return "name: " + name +
         "\n"
         "deployment:\n"
         "  version: v1\n"
         "  kind: kubernetes\n"
         "  application: app\n"
         "  targets:\n";
}

// `n` targets in a chain t0 -> t1 -> ..., each calling `gate` after its
// deployment; `gate`'s outcome mix is `mix` (a scenario `outcome` value).
inline std::string chain(int n, const std::string& mix, const std::string& names = "t") {
  std::string s = header("chain");
  for (int i = 0; i < n; ++i) {
    s += "    " + names + std::to_string(i) + ": {account: c, namespace: n" + std::to_string(i);
    if (i > 0) s += ", constraints: {dependsOn: [" + names + std::to_string(i - 1) + "]";
    s += i > 0 ? ", afterDeployment: [{runWebhook: {name: gate}}]}}\n"
               : ", constraints: {afterDeployment: [{runWebhook: {name: gate}}]}}\n";
  }
  s += "  manifests: [{path: app.yml}]\n"
       "  webhooks:\n"
       "    - {name: gate, method: POST, uriTemplate: \"https://ci/g?cb={{armory.callbackUri}}\"}\n"
       "deploy: {readyAfter: 1m}\n"
       "webhooks:\n"
       "  gate: {latency: 5m, outcome: " +
       mix + "}\n";
  return s;
}

// `n` independent targets, each calling `coin` (success 0.5, failure 0.5).
inline std::string coins(int n) {
  std::string s = header("coins");
  for (int i = 0; i < n; ++i) {
    s += "    c" + std::to_string(i) + ": {account: c, namespace: n" + std::to_string(i) +
         ", constraints: {afterDeployment: [{runWebhook: {name: coin}}]}}\n";
  }
  s += "  manifests: [{path: app.yml}]\n"
       "  webhooks:\n"
       "    - {name: coin, method: POST, uriTemplate: \"https://ci/c?cb={{armory.callbackUri}}\"}\n"
       "deploy: {readyAfter: 0s}\n"
       "webhooks:\n"
       "  coin: {latency: 1m, outcome: {success: 0.5, failure: 0.5}}\n";
  return s;
}

// dev calls `flaky` (every attempt fails with 0.3; 2 retries, so 3
// attempts), then prod waits for an approval (approve 0.7, reject 0.2,
// never 0.1; no expiration), then calls `smoke` whose receiver has outages
// (up 1h, down 30m: down at its call with probability 1/3; no retries).
inline std::string every_choice() {
  return header("every-choice") +
         "    dev: {account: c, namespace: dev, constraints: {afterDeployment: [{runWebhook: "
         "{name: flaky}}]}}\n"
         "    prod: {account: c, namespace: prod, constraints: {dependsOn: [dev], "
         "beforeDeployment: [{pause: {untilApproved: true}}], afterDeployment: [{runWebhook: "
         "{name: smoke}}]}}\n"
         "  manifests: [{path: app.yml}]\n"
         "  webhooks:\n"
         "    - {name: flaky, method: POST, uriTemplate: "
         "\"https://ci/f?cb={{armory.callbackUri}}\", "
         "retryCount: 2}\n"
         "    - {name: smoke, method: POST, uriTemplate: \"https://ci/s\", disableCallback: true}\n"
         "timeouts: {webhookCallback: 1h, retryDelay: 1m}\n"
         "deploy: {readyAfter: 1m}\n"
         "horizon: 2d\n"
         "approvals:\n"
         "  default: {after: 10m, decision: {approve: 0.7, reject: 0.2, never: 0.1}}\n"
         "webhooks:\n"
         "  flaky: {latency: 2m, outcome: success, attemptFailure: 0.3}\n"
         "  smoke: {latency: 0s, outcome: success}\n"
         "faults:\n"
         "  webhooks:\n"
         "    smoke: {outages: {every: 1h, lasting: 30m}}\n";
}

}  // namespace deploysim::explore_test
