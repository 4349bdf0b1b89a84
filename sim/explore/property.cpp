// Properties of a pipeline's end state (include/deploysim/property.hpp):
// whether a condition holds on one path's RunResult, and whether the path
// violates a property. The loader resolved every name to an index; an index
// out of range here is a programming error, reported as such.
#include <algorithm>
#include <stdexcept>
#include <string>

#include "deploysim/property.hpp"
#include "deploysim/simulation.hpp"

namespace deploysim {

namespace explore {
namespace {

template <typename T>
bool listed(const std::vector<T>& words, T word) {
  return words.empty() || std::find(words.begin(), words.end(), word) != words.end();
}

// The outcome of the target an atom names, checked against the scenario.
const TargetOutcome& named_target(const Condition& c, const Scenario& scenario,
                                  const RunResult& result) {
  const auto targets = scenario.deployment.targets.size();
  if (c.target_index < 0 || static_cast<std::size_t>(c.target_index) >= targets ||
      result.targets.size() != targets) {
    throw std::invalid_argument("property condition: target '" + c.target +
                                "' is not resolved against the scenario's deployment");
  }
  return result.targets[static_cast<std::size_t>(c.target_index)];
}

bool webhook_called(const Condition& c, const Scenario& scenario, const RunResult& result) {
  named_target(c, scenario, result);
  if (c.webhook_index < 0 ||
      static_cast<std::size_t>(c.webhook_index) >= scenario.deployment.webhooks.size()) {
    throw std::invalid_argument("property condition: webhook '" + c.webhook +
                                "' is not resolved against the scenario's deployment");
  }
  return std::any_of(result.webhooks.begin(), result.webhooks.end(), [&](const WebhookCall& w) {
    return w.webhook == c.webhook_index && w.target == c.target_index &&
           listed(c.results, w.result);
  });
}

}  // namespace
}  // namespace explore

std::string_view to_string(PropertyKind kind) {
  switch (kind) {
    case PropertyKind::kAlways:
      return "always";
    case PropertyKind::kNever:
      return "never";
    case PropertyKind::kSometimes:
      return "sometimes";
  }
  return "always";
}

bool holds(const Condition& condition, const Scenario& scenario, const RunResult& result) {
  auto operand_holds = [&](const Condition& c) { return holds(c, scenario, result); };
  switch (condition.kind) {
    case Condition::Kind::kTarget: {
      const TargetOutcome& t = explore::named_target(condition, scenario, result);
      return explore::listed(condition.statuses, t.status) &&
             explore::listed(condition.reasons, t.reason) &&
             (!condition.deployed || t.deployed == *condition.deployed);
    }
    case Condition::Kind::kPipeline:
      return explore::listed(condition.statuses, result.pipeline);
    case Condition::Kind::kWebhook:
      return explore::webhook_called(condition, scenario, result);
    case Condition::Kind::kAll:
      return std::all_of(condition.operands.begin(), condition.operands.end(), operand_holds);
    case Condition::Kind::kAny:
      return std::any_of(condition.operands.begin(), condition.operands.end(), operand_holds);
    case Condition::Kind::kNot:
      if (condition.operands.size() != 1) {
        throw std::invalid_argument("property condition: 'not' needs exactly one operand, got " +
                                    std::to_string(condition.operands.size()));
      }
      return !operand_holds(condition.operands.front());
  }
  return false;
}

bool violates(const Property& property, const Scenario& scenario, const RunResult& result) {
  switch (property.kind) {
    case PropertyKind::kAlways:
      return !holds(property.condition, scenario, result);
    case PropertyKind::kNever:
      return holds(property.condition, scenario, result);
    case PropertyKind::kSometimes:
      return false;
  }
  return false;
}

}  // namespace deploysim
