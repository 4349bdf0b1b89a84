// SubScenarios (sub_scenario.hpp): scenarios that keep some targets of one
// scenario, each made in time proportional to the targets it keeps.
//
// What else in a Scenario names targets, and why each is safe:
// - by name, looked up when a Simulator is built: approvals.targets and
//   targets.<t>.where, webhooks.<w>.targets, deploy.targets,
//   analysis.queries.<q>.targets, first_deployment_targets. A kept target
//   finds its own entries under its own name; the entries of targets not
//   kept are never looked up. Left as they are.
// - the D6 filter (deployment.target_filters, only_targets): by name, and an
//   empty list means "no filter", so it is rewritten per sub-scenario (keep()).
// - draw keys: by name (random.hpp), so a kept target's draws and choices
//   have the same keys as in the whole run.
// - by index into the targets: properties' Condition::target_index. And
//   expect and releases.measure_at name targets of the whole pipeline.
//   Properties, expectations and releases are statements about the whole
//   pipeline, not about a part of it, and a Simulator reads none of them:
//   the sub-scenarios have none (callers check them on the whole).
// - agents and webhook receivers with faults: keyed by agent and webhook
//   name; a Simulator builds a receiver's outage process for every webhook
//   of the deploy file, but draws its state only when some target calls it,
//   so a receiver no kept target calls adds no choice.
#include "sub_scenario.hpp"

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

namespace deploysim::explore {
namespace {

// The kept names of a D6 filter. An empty filter means "every target", so a
// filter that names no kept target keeps one of its (dropped) names: it then
// still matches no kept target, and every kept target is SKIPPED, as the
// whole run's non-empty filter makes it.
template <class IsKept>
std::vector<std::string> filter_for(const std::vector<std::string>& filter, IsKept is_kept) {
  std::vector<std::string> out;
  if (filter.empty()) return out;
  for (const std::string& name : filter) {
    if (is_kept(name)) out.push_back(name);
  }
  if (out.empty()) out.push_back(filter.front());
  return out;
}

}  // namespace

SubScenarios::SubScenarios(const Scenario& scenario) : source_(&scenario) {
  // One copy of everything, then the targets go: a member-by-member copy
  // would silently miss a field added to Scenario or Deployment later.
  work_ = scenario;
  work_.deployment.targets.clear();
  work_.deployment.targets.shrink_to_fit();
  work_.properties.clear();
  work_.expect = Expectation{};
  work_.releases.reset();

  // The first of equal names wins, as in resolve_references.
  const std::vector<Target>& targets = scenario.deployment.targets;
  by_name_.reserve(targets.size());
  for (std::size_t i = 0; i < targets.size(); ++i) by_name_.emplace_back(targets[i].name, i);
  std::stable_sort(by_name_.begin(), by_name_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  by_name_.erase(std::unique(by_name_.begin(), by_name_.end(),
                             [](const auto& a, const auto& b) { return a.first == b.first; }),
                 by_name_.end());
}

std::optional<std::size_t> SubScenarios::index_of(const std::string& name) const {
  const auto it = std::lower_bound(by_name_.begin(), by_name_.end(), name,
                                   [](const std::pair<std::string, std::size_t>& entry,
                                      const std::string& n) { return entry.first < n; });
  if (it == by_name_.end() || it->first != name) return std::nullopt;
  return it->second;
}

const Scenario& SubScenarios::keep(std::span<const std::size_t> keep) {
  const std::vector<Target>& all = source_->deployment.targets;
  auto is_kept = [&](std::size_t i) { return std::binary_search(keep.begin(), keep.end(), i); };
  std::vector<Target>& kept = work_.deployment.targets;
  kept.clear();
  kept.reserve(keep.size());
  for (std::size_t i : keep) {
    Target& t = kept.emplace_back(all[i]);
    // A dependency on a target not kept is dropped (satisfied at time 0); a
    // name that names no target at all stays, resolve_references leaves it
    // out as it did for the whole scenario.
    std::vector<std::string>& depends_on = t.constraints.depends_on;
    depends_on.erase(std::remove_if(depends_on.begin(), depends_on.end(),
                                    [&](const std::string& name) {
                                      const std::optional<std::size_t> p = index_of(name);
                                      return p && !is_kept(*p);
                                    }),
                     depends_on.end());
  }
  auto kept_name = [&](const std::string& name) {
    const std::optional<std::size_t> p = index_of(name);
    return p && is_kept(*p);
  };
  work_.deployment.target_filters = filter_for(source_->deployment.target_filters, kept_name);
  work_.only_targets = filter_for(source_->only_targets, kept_name);
  resolve_references(work_.deployment);
  return work_;
}

}  // namespace deploysim::explore
