// Properties of a pipeline's end state (scenario key `properties`;
// ../shared/spec/COMMANDS.md "explore"): what `deploysim explore` checks on
// every path and `deploysim test` checks as a regression test of a deploy file.
//
//   properties:
//     - name: prod-needs-tests
//       never: {all: [{target: prod-us, deployed: true},
//                     {webhook: Run-Integration-Tests, target: staging,
//                      result: [FAILURE, TIMEOUT, UNREACHABLE]}]}
//     - name: can-ship
//       sometimes: {pipeline: SUCCEEDED}
//
// A condition is evaluated on one path's end state (a RunResult recorded
// with record_details, so that webhook calls are known).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deploysim/diagnostics.hpp"
#include "deploysim/outcome.hpp"

namespace deploysim {

struct Scenario;
struct RunResult;

// One node of a condition: an atom or a combinator.
struct Condition {
  enum class Kind {
    kTarget,    // {target: T, status: [...], reason: [...], deployed: bool}
    kPipeline,  // {pipeline: [...]}
    kWebhook,   // {webhook: W, target: T, result: [...]}
    kAll,       // {all: [C, ...]}: every operand holds (true when empty)
    kAny,       // {any: [C, ...]}: some operand holds (false when empty)
    kNot,       // {not: C}: exactly one operand, which does not hold
  };
  Kind kind = Kind::kPipeline;

  // kTarget, kWebhook: the target's name, and its index in
  // Scenario::deployment.targets (the loader resolves it; -1 before).
  std::string target;
  int target_index = -1;
  // kTarget, kPipeline: the status is one of these (empty: any status).
  std::vector<TargetStatus> statuses;
  // kTarget: the reason is one of these (empty: any reason).
  std::vector<Reason> reasons;
  // kTarget: TargetOutcome::deployed equals this (unset: not checked).
  std::optional<bool> deployed;

  // kWebhook: the webhook's name and its index in Scenario::deployment.webhooks
  // (-1 before the loader resolves it); the atom holds when some invocation
  // of that webhook at that target ended with one of `results` (empty: any
  // result, i.e. the webhook was called there at all).
  std::string webhook;
  int webhook_index = -1;
  std::vector<WebhookResult> results;

  // kAll, kAny: the operands; kNot: exactly one.
  std::vector<Condition> operands;

  SourceLocation location;  // where the node is written, for messages
};

// always: the condition holds at the end of every path; never: at none;
// sometimes: at some.
enum class PropertyKind { kAlways, kNever, kSometimes };

std::string_view to_string(PropertyKind kind);  // "always", "never", "sometimes"

struct Property {
  std::string name;  // unique within the scenario
  PropertyKind kind = PropertyKind::kAlways;
  Condition condition;
  SourceLocation location;
};

// True when `condition` holds on the end state `result` of a run of
// `scenario`. REQUIRES: the condition's indices were resolved against
// scenario.deployment (the loader does it), and `result` was recorded with
// record_details when the condition has a kWebhook atom.
bool holds(const Condition& condition, const Scenario& scenario, const RunResult& result);

// True when the path's end state violates the property: an `always` whose
// condition fails, or a `never` whose condition holds. A `sometimes` is never
// violated by one path (it fails when no path satisfies it).
bool violates(const Property& property, const Scenario& scenario, const RunResult& result);

}  // namespace deploysim
