// explore() (explore.hpp): depth-first over the choice points by
// re-execution through the real simulator; a scenario of independent groups
// goes to explore_groups() (grouped.cpp). End states merge into outcomes
// by their bytes (pipeline status, then every target's status and reason);
// every sum is taken in the depth-first order of the paths, so the result is
// the same to the bit on every run.
#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

#include "deploysim/explore.hpp"
#include "deploysim/simulation.hpp"
#include "grouped.hpp"
#include "path_script.hpp"
#include "sub_scenario.hpp"

namespace deploysim::explore {
namespace {

// What one property has seen so far.
struct Tally {
  double probability = 0;  // of the violating (always/never) or satisfying (sometimes) paths
  std::uint64_t paths = 0;
  std::optional<Path> counterexample;
};

bool any_webhook_atom(const Condition& c) {
  if (c.kind == Condition::Kind::kWebhook) return true;
  return std::any_of(c.operands.begin(), c.operands.end(), any_webhook_atom);
}

}  // namespace

std::string reduction_text() {
  return "every discrete choice (webhook outcomes of a mix, attempt failures, approval decisions "
         "of a mix, the state an outage process starts in) is enumerated with its probability; "
         "every continuous draw (latencies, readyAfter, approval after, analysis values, outage "
         "periods) takes its median, so the probabilities are exact given those medians";
}

namespace {

// The joint exploration of the whole scenario as one group: the result for
// a scenario of one group, and the reference the groups are checked against.
ExploreResult explore_joint(const Scenario& scenario, const ExploreOptions& options) {
  const std::size_t n = scenario.deployment.targets.size();
  Simulator simulator(scenario);
  PathScript script;
  RunOptions run;
  run.seed = scenario.seed;
  run.horizon = options.horizon;
  run.choices = &script;
  // Webhook atoms read the calls, which only a detailed run records.
  run.record_details = std::any_of(scenario.properties.begin(), scenario.properties.end(),
                                   [](const Property& p) { return any_webhook_atom(p.condition); });
  RunResult out;

  ExploreResult result;
  result.target_status.assign(n, std::vector<double>(kTargetStatusCount, 0.0));
  std::vector<Tally> tallies(scenario.properties.size());
  std::map<std::vector<std::uint8_t>, std::size_t> outcome_of;  // end state -> outcomes index
  std::vector<std::uint8_t> state(1 + 2 * n);
  double explored = 0;

  for (bool more = true; more;) {
    if (result.paths >= options.max_paths) {
      result.partial = true;
      break;
    }
    script.begin_path();
    simulator.run_into(run, out);
    ++result.paths;
    const double p = script.probability();
    explored += p;

    state[0] = static_cast<std::uint8_t>(out.pipeline);
    for (std::size_t t = 0; t < n; ++t) {
      state[1 + 2 * t] = static_cast<std::uint8_t>(out.targets[t].status);
      state[2 + 2 * t] = static_cast<std::uint8_t>(out.targets[t].reason);
      result.target_status[t][static_cast<std::size_t>(out.targets[t].status)] += p;
    }
    auto [it, added] = outcome_of.try_emplace(state, result.outcomes.size());
    if (added) {
      Outcome& o = result.outcomes.emplace_back();
      o.pipeline = out.pipeline;
      o.statuses.reserve(n);
      o.reasons.reserve(n);
      for (std::size_t t = 0; t < n; ++t) {
        o.statuses.push_back(out.targets[t].status);
        o.reasons.push_back(out.targets[t].reason);
      }
    }
    Outcome& o = result.outcomes[it->second];
    o.probability += p;
    if (o.paths++ == 0 || p > o.example.probability) o.example = script.path();

    for (std::size_t i = 0; i < tallies.size(); ++i) {
      const Property& property = scenario.properties[i];
      const bool counts = property.kind == PropertyKind::kSometimes
                              ? holds(property.condition, scenario, out)
                              : violates(property, scenario, out);
      if (!counts) continue;
      Tally& tally = tallies[i];
      tally.probability += p;
      ++tally.paths;
      // The most probable violating path; the first one found on a tie.
      if (property.kind != PropertyKind::kSometimes &&
          (!tally.counterexample || p > tally.counterexample->probability)) {
        tally.counterexample = script.path();
      }
    }
    more = script.advance();
  }
  result.explored_probability = result.partial ? explored : 1.0;

  // Most probable first; ties by the end state's bytes, which is the order
  // of the statuses and reasons in outcome.hpp.
  std::vector<std::pair<const std::vector<std::uint8_t>*, std::size_t>> order;
  order.reserve(outcome_of.size());
  for (const auto& [bytes, index] : outcome_of) order.emplace_back(&bytes, index);
  std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    return result.outcomes[a.second].probability > result.outcomes[b.second].probability;
  });
  std::vector<Outcome> sorted;
  sorted.reserve(order.size());
  for (const auto& [bytes, index] : order) sorted.push_back(std::move(result.outcomes[index]));
  result.outcomes = std::move(sorted);

  for (std::size_t i = 0; i < tallies.size(); ++i) {
    const Property& property = scenario.properties[i];
    PropertyResult& r = result.properties.emplace_back();
    r.name = property.name;
    r.kind = property.kind;
    r.probability = tallies[i].probability;
    if (property.kind == PropertyKind::kSometimes) {
      r.holds = tallies[i].paths > 0;
      r.complete = r.holds || !result.partial;
    } else {
      r.holds = tallies[i].paths == 0;
      r.counterexample = std::move(tallies[i].counterexample);
      r.complete = !r.holds || !result.partial;
    }
  }
  result.end_states = std::to_string(result.outcomes.size());
  result.targets_exact = !result.partial;
  return result;
}

}  // namespace

ExploreResult explore(const Scenario& scenario, const ExploreOptions& options) {
  if (options.factorize) {
    const std::vector<std::vector<std::size_t>> groups = independent_groups(scenario);
    if (groups.size() > 1) return explore_groups(scenario, options, groups);
  }
  ExploreResult result = explore_joint(scenario, options);
  if (result.partial && options.factorize) {
    // One group stopped by --max-paths: its marginals may still be exact.
    SubScenarios subs(scenario);
    std::vector<std::size_t> all(scenario.deployment.targets.size());
    for (std::size_t t = 0; t < all.size(); ++t) all[t] = t;
    if (exact_marginals(scenario, subs, all, options.horizon, result.target_status)) {
      result.targets_exact = true;
      result.show_groups = true;
    }
  }
  const std::size_t cap = listed_outcomes_cap(options, scenario.deployment.targets.size());
  if (result.outcomes.size() > cap) {
    result.outcomes.resize(cap);
    result.outcomes_cut = true;
    result.show_groups = true;
  }
  return result;
}

}  // namespace deploysim::explore
