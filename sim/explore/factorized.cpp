// factorized_marginals() (factorized.hpp): each target of a group explored
// alone, the products taken over its ancestor set.
//
// What can make a target's own end state depend on when it starts or on
// another target (the audit of sim/model behind the conditions below):
// - approvals with `workingHours` (approval.cpp): the answer instant is read
//   on the wall clock, so it depends on the instant the question is asked.
//   The wall clock (calendar.start, weekUniform) is read nowhere else, so a
//   calendar alone changes nothing.
// - agents with `faults` (down windows: fixed instants; outage processes:
//   one timeline shared by every target behind the agent): deploys and
//   rollbacks through the target's account (W11) and remoteNetworkAgent
//   webhook calls (W9).
// - webhook receivers with outage processes: one timeline per webhook,
//   shared by every caller.
// - the horizon: a target still live at it is cut at an instant that
//   depends on when it started.
// Everything else a target does is keyed by its own name (draw keys,
// sequence positions, analysis samples, exposed services) and measured from
// its own start (pauses, timeouts, approvalExpiration, readiness), so its
// choices and its durations are its own. D6: a filtered-out target is
// SKIPPED whatever happens upstream and satisfies its dependents at time 0,
// so it counts as succeeded (s = 1) and its own ancestors do not reach its
// dependents.
#include "factorized.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "deploysim/saturating.hpp"
#include "deploysim/simulation.hpp"
#include "deploysim/time.hpp"
#include "path_script.hpp"

namespace deploysim::explore {
namespace {

// A target whose own choices make more paths than this is not worth
// factorizing (explore()'s default limit for a whole run).
constexpr std::uint64_t kMaxPathsPerTarget = 1'000'000;

FactorizedMarginals not_exact(std::string why) {
  FactorizedMarginals out;
  out.why_not = std::move(why);
  return out;
}

// Why the faults of `agent` make what goes through it depend on time and on
// other targets; empty when it has none.
std::string agent_trouble(const Scenario& scenario, const std::string& agent) {
  const auto it = scenario.agent_faults.find(agent);
  if (it == scenario.agent_faults.end()) return {};
  if (it->second.outages) return "agent " + agent + ", which has outages";
  if (!it->second.down.empty()) return "agent " + agent + ", which has down windows";
  return {};
}

// The first reason why target `t`'s own end state may depend on the instant
// it starts or on another target's choices; empty when there is none.
std::string start_dependence(const Scenario& scenario, const Target& t) {
  const Deployment& d = scenario.deployment;
  if (std::string why = agent_trouble(scenario, t.account); !why.empty()) {
    return t.name + " deploys through " + why + " (W11)";
  }
  auto approvals_trouble = [&](ApprovalGate gate, const std::string* role) -> std::string {
    const ResolvedApprovalModel m =
        resolve_approval_model(approval_layers(scenario, t.name, gate, role));
    if (m.working_hours) return "approvals of " + t.name + " use working hours";
    return {};
  };
  auto list_trouble = [&](StepListKind kind, const std::vector<Step>& steps) -> std::string {
    for (const Step& step : steps) {
      std::string why;
      if (const auto* pause = std::get_if<PauseStep>(&step.action)) {
        if (pause->until_approved) {
          why = approvals_trouble(approval_gate_of(kind),
                                  approval_role(scenario, pause->requires_roles));
        }
      } else if (const auto* analysis = std::get_if<AnalysisStep>(&step.action)) {
        // C6: ignored in beforeDeployment; a manual roll decision asks a person.
        if (kind != StepListKind::kBeforeDeployment &&
            (analysis->roll_back_mode == RollMode::kManual ||
             analysis->roll_forward_mode == RollMode::kManual)) {
          why = approvals_trouble(ApprovalGate::kAnalysis, nullptr);
        }
      } else if (const auto* hook = std::get_if<WebhookStep>(&step.action)) {
        if (hook->webhook < 0) continue;
        const Webhook& w = d.webhooks[static_cast<std::size_t>(hook->webhook)];
        if (const auto f = scenario.webhook_faults.find(w.name);
            f != scenario.webhook_faults.end() && f->second.outages) {
          why = t.name + " calls webhook " + w.name + ", whose receiver has outages";
        } else if (w.network_mode == NetworkMode::kRemoteNetworkAgent) {
          const std::string& agent = w.agent_identifier.empty() ? t.account : w.agent_identifier;
          if (std::string a = agent_trouble(scenario, agent); !a.empty()) {
            why = t.name + " calls webhook " + w.name + " through " + a + " (W9)";
          }
        }
      }
      if (!why.empty()) return why;
    }
    return {};
  };
  for (const TargetStepList& list : step_lists_of(d, t)) {
    if (std::string why = list_trouble(list.kind, *list.steps); !why.empty()) return why;
  }
  return {};
}

// What one target does alone: the probability of each status and its latest
// end over every path.
struct Alone {
  std::vector<double> status = std::vector<double>(kTargetStatusCount, 0.0);
  SimTime longest{0};
  std::uint64_t paths = 0;
  bool live = false;     // some path leaves it live at the horizon
  bool partial = false;  // more than kMaxPathsPerTarget paths
};

// Every path of the one-target scenario `alone`, depth-first (explore()'s
// loop without outcomes or properties: only the target's end matters).
Alone explore_alone(const Scenario& alone, std::optional<Duration> horizon) {
  Simulator simulator(alone);
  PathScript script;
  RunOptions run;
  run.seed = alone.seed;
  run.horizon = horizon;
  run.choices = &script;
  run.record_details = false;  // statuses and instants are always recorded
  RunResult out;
  Alone result;
  for (bool more = true; more;) {
    if (result.paths >= kMaxPathsPerTarget) {
      result.partial = true;
      break;
    }
    script.begin_path();
    simulator.run_into(run, out);
    ++result.paths;
    const TargetOutcome& o = out.targets[0];
    result.status[static_cast<std::size_t>(o.status)] += script.probability();
    if (!is_terminal(o.status) || !o.finished_at) {
      result.live = true;
      break;
    }
    result.longest = std::max(result.longest, *o.finished_at);
    more = script.advance();
  }
  return result;
}

}  // namespace

FactorizedMarginals factorized_marginals(const Scenario& scenario, SubScenarios& subs,
                                         std::span<const std::size_t> group,
                                         std::optional<Duration> horizon) {
  const std::vector<Target>& targets = scenario.deployment.targets;
  const std::size_t g = group.size();

  // D6: the scenario's `target` replaces the deploy file's filter.
  std::vector<std::string> filter =
      !scenario.only_targets.empty() ? scenario.only_targets : scenario.deployment.target_filters;
  std::sort(filter.begin(), filter.end());
  std::vector<bool> skipped(g, false);
  if (!filter.empty()) {
    for (std::size_t k = 0; k < g; ++k) {
      skipped[k] = !std::binary_search(filter.begin(), filter.end(), targets[group[k]].name);
    }
  }

  // The dependsOn graph inside the group, by position in the group.
  std::vector<std::vector<std::size_t>> parents(g);
  for (std::size_t k = 0; k < g; ++k) {
    for (int p : targets[group[k]].depends_on_indices) {
      const auto it = std::lower_bound(group.begin(), group.end(), static_cast<std::size_t>(p));
      if (it == group.end() || *it != static_cast<std::size_t>(p)) {
        return not_exact("the group is not closed under dependsOn: " + targets[group[k]].name +
                         " depends on " + targets[static_cast<std::size_t>(p)].name);
      }
      parents[k].push_back(static_cast<std::size_t>(it - group.begin()));
    }
  }

  // The conditions that need no run, for every target that plays.
  for (std::size_t k = 0; k < g; ++k) {
    if (skipped[k]) continue;
    if (std::string why = start_dependence(scenario, targets[group[k]]); !why.empty()) {
      return not_exact(why);
    }
  }

  // A topological order (D1: the loader rejects cycles): Kahn's, seeded
  // with the roots by position, so the order is the same on every run.
  std::vector<std::vector<std::size_t>> children(g);
  std::vector<std::size_t> pending(g, 0);
  for (std::size_t k = 0; k < g; ++k) {
    pending[k] = parents[k].size();
    for (std::size_t p : parents[k]) children[p].push_back(k);
  }
  std::vector<std::size_t> order;
  order.reserve(g);
  for (std::size_t k = 0; k < g; ++k) {
    if (pending[k] == 0) order.push_back(k);
  }
  for (std::size_t i = 0; i < order.size(); ++i) {
    for (std::size_t c : children[order[i]]) {
      if (--pending[c] == 0) order.push_back(c);
    }
  }
  if (order.size() != g) return not_exact("the group's dependsOn graph has a cycle");

  // Each target that plays, alone.
  FactorizedMarginals result;
  std::vector<Alone> alone(g);
  for (std::size_t k = 0; k < g; ++k) {
    if (skipped[k]) continue;
    const std::size_t keep[] = {group[k]};
    alone[k] = explore_alone(subs.keep(keep), horizon);
    result.paths += alone[k].paths;
    const std::string& name = targets[group[k]].name;
    if (alone[k].partial) {
      return not_exact(name + " alone has more than " + std::to_string(kMaxPathsPerTarget) +
                       " paths");
    }
    if (alone[k].live) return not_exact(name + " is still live at the horizon when run alone");
  }

  // The horizon: the latest a target can end is its own longest run after
  // the longest chain of the dependencies it waits for (SKIPPED ones satisfy
  // it at 0).
  const SimTime end = horizon.value_or(scenario.horizon);
  std::vector<SimTime> latest(g, SimTime{0});
  for (std::size_t k : order) {
    if (skipped[k]) continue;
    std::int64_t start = 0;
    for (std::size_t p : parents[k]) {
      if (!skipped[p]) start = std::max(start, latest[p].count());
    }
    latest[k] = SimTime{saturating_add(start, alone[k].longest.count())};
    if (latest[k] >= end) {
      return not_exact(targets[group[k]].name + " may end at " + format_duration(latest[k]) +
                       " after its longest dependsOn chain, not before the horizon (" +
                       format_duration(end) + ")");
    }
  }

  // P(k runs) = prod of s(a) over the ancestor SET of k (a diamond's shared
  // ancestor counts once): the targets reachable up the dependsOn edges
  // through targets that play. One walk per target, marking with a stamp:
  // memory O(group + edges) whatever the graph (a bitset per target would
  // be O(group^2)); the walk order is fixed, so is every product. The
  // edges it follows and the s(a) are kept flat, for the cache: the walks
  // are most of the time on canary-10000 (~5,000 ancestors per target).
  std::vector<std::size_t> up_begin(g + 1, 0);
  std::vector<std::size_t> up;  // the parents that play, target by target
  std::vector<double> succeeds(g, 1.0);
  for (std::size_t k = 0; k < g; ++k) {
    for (std::size_t p : parents[k]) {
      if (!skipped[p]) up.push_back(p);
    }
    up_begin[k + 1] = up.size();
    if (!skipped[k])
      succeeds[k] = alone[k].status[static_cast<std::size_t>(TargetStatus::kSucceeded)];
  }
  std::vector<double> runs(g, 1.0);
  std::vector<std::size_t> stamp(g, 0);
  std::vector<std::size_t> stack;
  for (std::size_t k = 0; k < g; ++k) {
    if (skipped[k]) continue;
    double product = 1.0;
    const std::size_t mark = k + 1;
    stack.assign(1, k);
    while (!stack.empty()) {
      const std::size_t a = stack.back();
      stack.pop_back();
      for (std::size_t e = up_begin[a]; e < up_begin[a + 1]; ++e) {
        const std::size_t p = up[e];
        if (stamp[p] == mark) continue;
        stamp[p] = mark;
        product *= succeeds[p];
        stack.push_back(p);
      }
    }
    runs[k] = product;
  }

  result.exact = true;
  result.target_status.assign(g, std::vector<double>(kTargetStatusCount, 0.0));
  for (std::size_t k = 0; k < g; ++k) {
    std::vector<double>& p = result.target_status[k];
    if (skipped[k]) {
      p[static_cast<std::size_t>(TargetStatus::kSkipped)] = 1.0;
      continue;
    }
    for (int s = 0; s < kTargetStatusCount; ++s) {
      p[static_cast<std::size_t>(s)] = alone[k].status[static_cast<std::size_t>(s)] * runs[k];
    }
    // D4: CANCELLED (UPSTREAM_FAILED) when some ancestor did not succeed.
    p[static_cast<std::size_t>(TargetStatus::kCancelled)] += 1.0 - runs[k];
  }
  return result;
}

}  // namespace deploysim::explore
