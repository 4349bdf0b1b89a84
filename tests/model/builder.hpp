// Small helpers to write scenarios in C++ for the model tests: the structs
// the loader would produce, with every index resolved by finish().
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "deploysim/scenario.hpp"

namespace deploysim::testing {

using namespace std::chrono_literals;

// --- steps ---
Step timed_pause(Duration d);
Step approval(std::optional<Duration> expiration = std::nullopt,
              std::vector<std::string> roles = {});
Step run_webhook(const std::string& name, ContextMap context = {});
Step set_weight(int weight);
Step expose_services(std::vector<std::string> services);
struct AnalysisOptions {
  Duration interval = 60s;
  int runs = 3;
  RollMode roll_back = RollMode::kAutomatic;
  RollMode roll_forward = RollMode::kAutomatic;
  bool abort_on_failed_judgment = false;
  ContextMap context;
};
Step analysis(std::vector<std::string> queries, const AnalysisOptions& options = {});

// A scenario around application "app" with every default.
Scenario make_scenario();

// Adds target `name` (account "cluster", namespace `name`).
Target& add_target(Scenario& s, const std::string& name, std::vector<std::string> depends_on = {},
                   const std::string& strategy = "");
Target& target(Scenario& s, const std::string& name);

// Adds a webhook whose body carries the callback URI (so W8 does not apply).
Webhook& add_webhook(Scenario& s, const std::string& name, int retry_count = 0);
Strategy& add_canary(Scenario& s, const std::string& name, std::vector<Step> steps);
Strategy& add_blue_green(Scenario& s, const std::string& name, std::vector<Step> redirect,
                         std::vector<Step> shutdown);
Query& add_query(Scenario& s, const std::string& name, std::optional<double> lower,
                 std::optional<double> upper, const std::string& templ = "avg(cpu)");

// World model shorthands.
Distribution constant(Duration d);
WebhookModelLayer& webhook_model(Scenario& s, const std::string& webhook);
WebhookModelLayer& webhook_model(Scenario& s, const std::string& webhook,
                                 const std::string& target);
WebhookOutcomeMix outcome(WebhookOutcome o);
ScriptedWebhookCall scripted(WebhookOutcome o, Duration after, int failed_attempts = 0);
ApprovalModelLayer& approval_model(Scenario& s);  // default layer
ApprovalModelLayer& approval_model(Scenario& s, const std::string& target);
DecisionMix decision(Decision d);
QueryModelLayer& query_model(Scenario& s, const std::string& query);

// Resolves every name to its index (resolve_references, as the loader
// does). Call it last, after every target, step and webhook is added.
Scenario& finish(Scenario& s);

}  // namespace deploysim::testing
