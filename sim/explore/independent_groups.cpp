// independent_groups() (sub_scenario.hpp): a union-find over the targets.
//
// The audit of sim/model (every way one target's run can reach another's;
// what couples two targets is shared state that a choice or a draw moves, or
// an ordering between them):
//   - dependsOn (D1-D4): a target starts when its predecessors succeed and is
//     cancelled when one fails. Coupled, both ways (the predecessor's
//     choices decide the dependent's fate). Except a predecessor SKIPPED by
//     the target filter (D6): it satisfies its dependents at time 0 whatever
//     happens, exactly like the dropped dependsOn entry of a sub-scenario.
//   - agents (W9, W11): a deploy goes through the agent named by the
//     target's account, a webhook with networkMode remoteNetworkAgent through
//     agentIdentifier (default: the calling target's account). An agent with
//     `faults` is one timeline for all of them: an outage process's starting
//     state is one choice (and its periods one series of keyed draws) that
//     every user sees. Coupled. Fixed down windows alone are a pure function
//     of time and would couple nothing; they are coupled anyway, as the
//     model's own tables treat them as one shared agent (conservative).
//   - webhook receivers with an outage process (`faults.webhooks`): one
//     timeline per webhook for every caller. Coupled. A receiver without
//     faults is stateless.
//   - sequences (webhook `sequence`, approval `sequence`, analysis query
//     `sequence`): their positions are per target (Model::webhook_calls_ is
//     [webhook * n + target], approval_calls_ and query_samples_ likewise),
//     so one target's calls do not move another's. Not coupled.
//   - approvals: models, decisions and expirations are per target and drawn
//     at keys of the target; roles are static. Not coupled.
//   - the calendar (`calendar.weekUniform` start) and working hours: one
//     continuous draw (its median under explore) at a key of the scenario,
//     the same in every sub-run, and working time depends only on the
//     instant a target asks, which the sub-run reproduces (its predecessors
//     are in its group). Not coupled.
//   - every draw is keyed by the target's name (random.hpp), never by the
//     order of the run; the callback counter (W3) is global but only shapes
//     rendered URIs, not statuses, reasons or webhook results; warnings and
//     traces are not part of an end state. Not coupled.
//   - the horizon and the pipeline status (D7): the same horizon in every
//     sub-run; the pipeline status is recomputed over the groups
//     (pipeline_join), so it couples nothing.
//   - properties: evaluated by explore over the combination, per atom.
#include <algorithm>
#include <map>
#include <numeric>
#include <string>
#include <variant>

#include "sub_scenario.hpp"

namespace deploysim::explore {
namespace {

class UnionFind {
 public:
  explicit UnionFind(std::size_t n) : parent_(n) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    // The smaller index is the root, so roots are first members.
    if (a == b) return;
    if (b < a) std::swap(a, b);
    parent_[b] = a;
  }

 private:
  std::vector<std::size_t> parent_;
};

// Every webhook a target can call: its constraint lists and its strategy's
// step lists (the only places a runWebhook step can sit).
void called_webhooks(const Deployment& d, const Target& target, std::vector<int>& out) {
  out.clear();
  auto from = [&](const std::vector<Step>& steps) {
    for (const Step& step : steps) {
      if (const auto* w = std::get_if<WebhookStep>(&step.action); w && w->webhook >= 0) {
        out.push_back(w->webhook);
      }
    }
  };
  for (const TargetStepList& list : step_lists_of(d, target)) from(*list.steps);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace

std::vector<std::vector<std::size_t>> independent_groups(const Scenario& scenario) {
  const Deployment& d = scenario.deployment;
  const std::size_t n = d.targets.size();
  if (n == 0) return {};
  UnionFind sets(n);

  // D6: the filter explore's runs apply (explore has no --target).
  const std::vector<std::string>& filter =
      !scenario.only_targets.empty() ? scenario.only_targets : d.target_filters;
  std::vector<bool> skipped(n, false);
  std::size_t first_kept = n;
  if (!filter.empty()) {
    for (std::size_t t = 0; t < n; ++t) {
      skipped[t] = std::find(filter.begin(), filter.end(), d.targets[t].name) == filter.end();
      if (!skipped[t] && first_kept == n) first_kept = t;
    }
    // Every target SKIPPED: nothing runs, one group will do.
    if (first_kept == n)
      return {[&] {
        std::vector<std::size_t> all(n);
        std::iota(all.begin(), all.end(), std::size_t{0});
        return all;
      }()};
    // A SKIPPED target has no choices and couples nothing: it joins the
    // group of the filter's first target rather than making a group (and a
    // run) of its own; that group's sub-scenario keeps the filter.
    for (std::size_t t = 0; t < n; ++t) {
      if (skipped[t]) sets.unite(t, first_kept);
    }
  }

  // The agent each faulty name stands for (W9, W11): the first target that
  // reaches it; every later one joins it.
  std::map<std::string, std::size_t, std::less<>> agent_user;
  auto through_agent = [&](const std::string& agent, std::size_t t) {
    auto it = scenario.agent_faults.find(agent);
    if (it == scenario.agent_faults.end()) return;
    if (it->second.down.empty() && !it->second.outages) return;
    auto [user, added] = agent_user.try_emplace(agent, t);
    if (!added) sets.unite(user->second, t);
  };
  std::vector<std::size_t> receiver_user(d.webhooks.size(), n);
  std::vector<int> webhooks;
  for (std::size_t t = 0; t < n; ++t) {
    const Target& target = d.targets[t];
    if (skipped[t]) continue;  // never starts: reaches no agent, calls nothing
    for (int p : target.depends_on_indices) {
      if (p >= 0 && static_cast<std::size_t>(p) < n && !skipped[static_cast<std::size_t>(p)]) {
        sets.unite(static_cast<std::size_t>(p), t);
      }
    }
    through_agent(target.account, t);
    called_webhooks(d, target, webhooks);
    for (int w : webhooks) {
      const Webhook& hook = d.webhooks[static_cast<std::size_t>(w)];
      if (hook.network_mode == NetworkMode::kRemoteNetworkAgent) {
        through_agent(hook.agent_identifier.empty() ? target.account : hook.agent_identifier, t);
      }
      auto faults = scenario.webhook_faults.find(hook.name);
      if (faults != scenario.webhook_faults.end() && faults->second.outages) {
        std::size_t& user = receiver_user[static_cast<std::size_t>(w)];
        if (user == n) {
          user = t;
        } else {
          sets.unite(user, t);
        }
      }
    }
  }

  // Roots are the smallest index of their set, so walking the targets in
  // order opens the groups in the order of their first index.
  std::vector<std::vector<std::size_t>> groups;
  std::vector<std::size_t> group_of_root(n, n);
  for (std::size_t t = 0; t < n; ++t) {
    const std::size_t root = sets.find(t);
    if (group_of_root[root] == n) {
      group_of_root[root] = groups.size();
      groups.emplace_back();
    }
    groups[group_of_root[root]].push_back(t);
  }
  return groups;
}

}  // namespace deploysim::explore
