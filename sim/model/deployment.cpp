#include "deploysim/deployment.hpp"

#include <algorithm>
#include <map>
#include <string_view>

namespace deploysim {
namespace {

// Index by name; the first of equal names wins, as in the find_* functions.
template <class Items>
std::map<std::string_view, int> name_index(const Items& items) {
  std::map<std::string_view, int> index;
  for (std::size_t i = 0; i < items.size(); ++i) {
    index.emplace(items[i].name, static_cast<int>(i));
  }
  return index;
}

int lookup(const std::map<std::string_view, int>& index, const std::string& name) {
  const auto it = index.find(name);
  return it == index.end() ? -1 : it->second;
}

template <class Items>
int index_by_name(const Items& items, const std::string& name) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

int Deployment::find_target(const std::string& name) const { return index_by_name(targets, name); }
int Deployment::find_webhook(const std::string& name) const {
  return index_by_name(webhooks, name);
}
int Deployment::find_strategy(const std::string& name) const {
  return index_by_name(strategies, name);
}
int Deployment::find_query(const std::string& name) const {
  return index_by_name(analysis.queries, name);
}

void resolve_references(Deployment& deployment) {
  const std::map<std::string_view, int> targets = name_index(deployment.targets);
  const std::map<std::string_view, int> webhooks = name_index(deployment.webhooks);
  const std::map<std::string_view, int> strategies = name_index(deployment.strategies);
  const std::map<std::string_view, int> queries = name_index(deployment.analysis.queries);
  auto resolve_steps = [&](std::vector<Step>& steps) {
    for (Step& step : steps) {
      if (auto* hook = std::get_if<WebhookStep>(&step.action)) {
        hook->webhook = lookup(webhooks, hook->name);
      } else if (auto* analysis = std::get_if<AnalysisStep>(&step.action)) {
        analysis->query_indices.clear();
        for (const std::string& q : analysis->queries) {
          const int index = lookup(queries, q);
          if (index >= 0) analysis->query_indices.push_back(index);
        }
      }
    }
  };
  for (std::size_t t = 0; t < deployment.targets.size(); ++t) {
    Target& target = deployment.targets[t];
    target.strategy_index = target.strategy.empty() ? -1 : lookup(strategies, target.strategy);
    target.depends_on_indices.clear();
    for (const std::string& name : target.constraints.depends_on) {
      const int p = lookup(targets, name);
      if (p < 0 || p == static_cast<int>(t)) continue;
      const std::vector<int>& done = target.depends_on_indices;
      if (std::find(done.begin(), done.end(), p) == done.end()) {
        target.depends_on_indices.push_back(p);
      }
    }
    resolve_steps(target.constraints.before_deployment);
    resolve_steps(target.constraints.after_deployment);
  }
  for (Strategy& strategy : deployment.strategies) {
    if (auto* canary = std::get_if<CanaryStrategy>(&strategy.kind)) {
      resolve_steps(canary->steps);
    } else if (auto* blue_green = std::get_if<BlueGreenStrategy>(&strategy.kind)) {
      resolve_steps(blue_green->redirect_traffic_after);
      resolve_steps(blue_green->shut_down_old_version_after);
    }
  }
}

std::vector<TargetStepList> step_lists_of(const Deployment& deployment, const Target& target) {
  std::vector<TargetStepList> lists;
  lists.push_back({StepListKind::kBeforeDeployment, &target.constraints.before_deployment});
  if (target.strategy_index >= 0 &&
      static_cast<std::size_t>(target.strategy_index) < deployment.strategies.size()) {
    const Strategy& strategy =
        deployment.strategies[static_cast<std::size_t>(target.strategy_index)];
    if (const auto* canary = std::get_if<CanaryStrategy>(&strategy.kind)) {
      lists.push_back({StepListKind::kCanary, &canary->steps});
    } else if (const auto* blue_green = std::get_if<BlueGreenStrategy>(&strategy.kind)) {
      lists.push_back({StepListKind::kRedirectTrafficAfter, &blue_green->redirect_traffic_after});
      lists.push_back(
          {StepListKind::kShutDownOldVersionAfter, &blue_green->shut_down_old_version_after});
    }
  }
  lists.push_back({StepListKind::kAfterDeployment, &target.constraints.after_deployment});
  return lists;
}

}  // namespace deploysim
