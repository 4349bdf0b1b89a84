// explore_groups() (grouped.hpp): every group is explored depth-first by
// re-execution as a sub-scenario of its targets (the same PathScript as a
// joint exploration), then combined without listing the product:
//   - outcomes: each group's end states sorted as explore() sorts them;
//     the product's, when it has at most the cap, all of them; else the
//     most probable ones, best-first over the groups' sorted lists (a heap
//     of index tuples; a tuple's parent lowers its last raised index, so
//     every tuple is reached once and never before its parent).
//   - properties: every atom of a condition is a target or webhook atom,
//     which one group decides, or a pipeline atom, which D7 over all groups
//     decides. Each group's paths fall into classes (group pipeline status,
//     the values of its atoms); a fold over the groups keeps, per (pipeline
//     status so far, atom values so far), the summed probability, the path
//     count and the most probable combination. The states number at most
//     6 * 2^atoms, whatever the number of groups.
// Every sum and product is taken in the order of the groups and of the
// groups' own depth-first paths, so the result is the same to the bit on
// every run.
#include "grouped.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <queue>
#include <stdexcept>
#include <string>

#include "deploysim/saturating.hpp"
#include "deploysim/simulation.hpp"
#include "factorized.hpp"
#include "path_script.hpp"

namespace deploysim::explore {
namespace {

using Bytes = std::vector<std::uint8_t>;

std::uint64_t times(std::uint64_t a, std::uint64_t b) {
  return checked_mul(a, b).value_or(std::numeric_limits<std::uint64_t>::max());
}

bool is_combinator(const Condition& c) {
  return c.kind == Condition::Kind::kAll || c.kind == Condition::Kind::kAny ||
         c.kind == Condition::Kind::kNot;
}

// The atoms of a condition, depth-first.
void collect_atoms(const Condition& c, std::vector<const Condition*>& out) {
  if (!is_combinator(c)) {
    out.push_back(&c);
    return;
  }
  for (const Condition& operand : c.operands) collect_atoms(operand, out);
}

// Whether `c` holds when its atoms (depth-first, from `next` on) have the
// values `atoms`. Every operand is evaluated (no short cut) so that `next`
// moves over all of them; the combinators are property.cpp's (holds()).
bool evaluate(const Condition& c, const std::vector<bool>& atoms, std::size_t& next) {
  switch (c.kind) {
    case Condition::Kind::kAll: {
      bool all = true;
      for (const Condition& operand : c.operands) all = evaluate(operand, atoms, next) && all;
      return all;
    }
    case Condition::Kind::kAny: {
      bool any = false;
      for (const Condition& operand : c.operands) any = evaluate(operand, atoms, next) || any;
      return any;
    }
    case Condition::Kind::kNot: {
      if (c.operands.size() != 1) {
        throw std::invalid_argument("property condition: 'not' needs exactly one operand, got " +
                                    std::to_string(c.operands.size()));
      }
      return !evaluate(c.operands.front(), atoms, next);
    }
    default:
      return atoms[next++];
  }
}

bool any_webhook_atom(const Condition& c) {
  if (c.kind == Condition::Kind::kWebhook) return true;
  return std::any_of(c.operands.begin(), c.operands.end(), any_webhook_atom);
}

// One property, cut along the groups.
struct PropertyPlan {
  std::vector<const Condition*> atoms;  // depth-first
  std::vector<int> owner;               // per atom: its group, or -1 (a pipeline atom)
  // Per group: its atoms (indices into `atoms`), and copies of them whose
  // target index is the target's place in the group (the sub-scenario's).
  std::vector<std::vector<std::size_t>> of_group;
  std::vector<std::vector<Condition>> local;
};

// The paths of one group that agree on its pipeline status and its atoms.
struct Class {
  double probability = 0;
  std::uint64_t paths = 0;
  Path best;  // the most probable (the first found on a tie)
};

struct GroupRun {
  std::span<const std::size_t> targets;
  PathScript script;
  bool done = false;
  bool record_details = false;
  std::uint64_t paths = 0;
  double explored = 0;
  std::map<Bytes, std::size_t> outcome_of;  // group end state -> outcomes index
  std::vector<Outcome> outcomes;            // statuses indexed like `targets`
  std::vector<std::vector<double>> target_status;
  std::vector<std::map<Bytes, Class>> classes;  // per property, by (pipeline, atom values)
};

// Plays up to `budget` more paths of `g`, from where it stopped; returns how many.
std::uint64_t run_group(GroupRun& g, const Scenario& sub, const std::vector<PropertyPlan>& plans,
                        std::size_t index, const ExploreOptions& options, std::uint64_t budget) {
  Simulator simulator(sub);
  RunOptions run;
  run.seed = sub.seed;
  run.horizon = options.horizon;
  run.choices = &g.script;
  run.record_details = g.record_details;
  RunResult out;
  const std::size_t m = g.targets.size();
  Bytes state(1 + 2 * m);
  Bytes key;
  std::uint64_t played = 0;
  while (!g.done && played < budget) {
    g.script.begin_path();
    simulator.run_into(run, out);
    ++played;
    ++g.paths;
    const double p = g.script.probability();
    g.explored += p;

    state[0] = static_cast<std::uint8_t>(out.pipeline);
    for (std::size_t t = 0; t < m; ++t) {
      state[1 + 2 * t] = static_cast<std::uint8_t>(out.targets[t].status);
      state[2 + 2 * t] = static_cast<std::uint8_t>(out.targets[t].reason);
      g.target_status[t][static_cast<std::size_t>(out.targets[t].status)] += p;
    }
    auto [it, added] = g.outcome_of.try_emplace(state, g.outcomes.size());
    if (added) {
      Outcome& o = g.outcomes.emplace_back();
      o.pipeline = out.pipeline;
      for (std::size_t t = 0; t < m; ++t) {
        o.statuses.push_back(out.targets[t].status);
        o.reasons.push_back(out.targets[t].reason);
      }
    }
    Outcome& o = g.outcomes[it->second];
    o.probability += p;
    if (o.paths++ == 0 || p > o.example.probability) o.example = g.script.path();

    for (std::size_t i = 0; i < plans.size(); ++i) {
      const std::vector<Condition>& atoms = plans[i].local[index];
      key.assign(1 + atoms.size(), 0);
      key[0] = static_cast<std::uint8_t>(out.pipeline);
      for (std::size_t a = 0; a < atoms.size(); ++a) key[1 + a] = holds(atoms[a], sub, out) ? 1 : 0;
      Class& c = g.classes[i][key];
      c.probability += p;
      if (c.paths++ == 0 || p > c.best.probability) c.best = g.script.path();
    }
    g.done = !g.script.advance();
  }
  return played;
}

// A decimal number times a factor (the count of end states, which can pass
// 2^64): little-endian base 10^9 limbs.
__extension__ using Wide = unsigned __int128;  // GCC and Clang: a limb times any count fits
void multiply(std::vector<std::uint32_t>& number, std::uint64_t factor) {
  Wide carry = 0;
  for (std::uint32_t& limb : number) {
    const Wide v = static_cast<Wide>(limb) * factor + carry;
    limb = static_cast<std::uint32_t>(v % 1'000'000'000u);
    carry = v / 1'000'000'000u;
  }
  while (carry > 0) {
    number.push_back(static_cast<std::uint32_t>(carry % 1'000'000'000u));
    carry /= 1'000'000'000u;
  }
}

std::string decimal(const std::vector<std::uint32_t>& number) {
  std::string text = std::to_string(number.back());
  for (std::size_t i = number.size() - 1; i-- > 0;) {
    const std::string limb = std::to_string(number[i]);
    text += std::string(9 - limb.size(), '0') + limb;
  }
  return text;
}

// The index tuples of the listed end states: all of them when the product
// has at most `cap`, else the `cap` most probable, best-first.
std::vector<std::vector<std::uint32_t>> listed_tuples(const std::vector<GroupRun>& runs,
                                                      std::size_t cap, bool all) {
  const std::size_t groups = runs.size();
  std::vector<std::vector<std::uint32_t>> tuples;
  if (all) {
    std::vector<std::uint32_t> x(groups, 0);
    for (;;) {
      tuples.push_back(x);
      std::size_t j = groups;
      while (j-- > 0) {
        if (++x[j] < runs[j].outcomes.size()) break;
        x[j] = 0;
      }
      if (j == static_cast<std::size_t>(-1)) break;
    }
    return tuples;
  }
  // The heap orders by the sum of the logarithms (no underflow with many
  // groups; a child's key is its parent's plus a term <= 0, so never above
  // it); equal keys in the order they were reached. The exact products are
  // taken for the listed tuples only.
  std::vector<std::vector<double>> logs(groups);
  for (std::size_t g = 0; g < groups; ++g) {
    for (const Outcome& o : runs[g].outcomes) logs[g].push_back(std::log(o.probability));
  }
  struct Node {
    double key;
    std::uint64_t seq;
    std::uint32_t parent;  // index into tuples; kRoot for the all-zero tuple
    std::uint32_t coord;
  };
  constexpr std::uint32_t kRoot = std::numeric_limits<std::uint32_t>::max();
  auto later = [](const Node& a, const Node& b) {
    return a.key < b.key || (a.key == b.key && a.seq > b.seq);
  };
  std::priority_queue<Node, std::vector<Node>, decltype(later)> heap(later);
  double root = 0;
  for (std::size_t g = 0; g < groups; ++g) root += logs[g][0];
  std::uint64_t seq = 0;
  heap.push(Node{root, seq++, kRoot, 0});
  while (!heap.empty() && tuples.size() < cap) {
    // node.coord is the last nonzero coordinate of its tuple (0 for the
    // root): its children raise that one or a later one.
    const Node node = heap.top();
    heap.pop();
    std::vector<std::uint32_t> x =
        node.parent == kRoot ? std::vector<std::uint32_t>(groups, 0) : tuples[node.parent];
    if (node.parent != kRoot) ++x[node.coord];
    const std::uint32_t id = static_cast<std::uint32_t>(tuples.size());
    for (std::size_t j = node.coord; j < groups; ++j) {
      if (x[j] + 1 >= runs[j].outcomes.size()) continue;
      double key = node.key + (logs[j][x[j] + 1] - logs[j][x[j]]);
      if (std::isnan(key)) key = -std::numeric_limits<double>::infinity();
      heap.push(Node{key, seq++, id, static_cast<std::uint32_t>(j)});
    }
    tuples.push_back(std::move(x));
  }
  return tuples;
}

PropertyPlan plan_property(const Property& property, const Scenario& scenario,
                           const std::vector<int>& group_of, const std::vector<std::size_t>& place,
                           std::size_t groups) {
  PropertyPlan plan;
  collect_atoms(property.condition, plan.atoms);
  plan.of_group.resize(groups);
  plan.local.resize(groups);
  const std::size_t n = scenario.deployment.targets.size();
  for (std::size_t a = 0; a < plan.atoms.size(); ++a) {
    const Condition& atom = *plan.atoms[a];
    if (atom.kind == Condition::Kind::kPipeline) {
      plan.owner.push_back(-1);
      continue;
    }
    if (atom.target_index < 0 || static_cast<std::size_t>(atom.target_index) >= n) {
      throw std::invalid_argument("property condition: target '" + atom.target +
                                  "' is not resolved against the scenario's deployment");
    }
    const std::size_t t = static_cast<std::size_t>(atom.target_index);
    const int g = group_of[t];
    plan.owner.push_back(g);
    plan.of_group[static_cast<std::size_t>(g)].push_back(a);
    Condition local = atom;
    local.target_index = static_cast<int>(place[t]);
    plan.local[static_cast<std::size_t>(g)].push_back(std::move(local));
  }
  return plan;
}

// The fold of one property over the groups (see the top of the file).
PropertyResult decide(const Property& property, const PropertyPlan& plan,
                      const std::vector<GroupRun>& runs, std::size_t index, bool partial) {
  struct State {
    Bytes key;  // [pipeline so far, one byte per atom: its value once its group is folded]
    double probability = 0;
    std::uint64_t paths = 0;
    double best = 0;
    std::size_t previous = 0;  // into the previous layer
    const Class* cls = nullptr;
  };
  std::vector<std::vector<State>> layers(1);
  State first;
  first.key.assign(1 + plan.atoms.size(), 0);
  first.key[0] = static_cast<std::uint8_t>(TargetStatus::kSucceeded);
  first.probability = 1;
  first.paths = 1;
  first.best = 1;
  layers[0].push_back(std::move(first));
  for (std::size_t g = 0; g < runs.size(); ++g) {
    const std::vector<State>& before = layers.back();
    std::vector<State> after;
    std::map<Bytes, std::size_t> where;
    const std::vector<std::size_t>& mine = plan.of_group[g];
    for (std::size_t s = 0; s < before.size(); ++s) {
      for (const auto& [ckey, cls] : runs[g].classes[index]) {
        Bytes key = before[s].key;
        key[0] = static_cast<std::uint8_t>(
            pipeline_join(static_cast<TargetStatus>(key[0]), static_cast<TargetStatus>(ckey[0])));
        for (std::size_t k = 0; k < mine.size(); ++k) key[1 + mine[k]] = ckey[1 + k];
        auto [it, added] = where.try_emplace(key, after.size());
        if (added) after.push_back(State{key});
        State& next = after[it->second];
        next.probability += before[s].probability * cls.probability;
        next.paths = saturating_add(next.paths, times(before[s].paths, cls.paths));
        const double best = before[s].best * cls.best.probability;
        if (next.cls == nullptr || best > next.best) {
          next.best = best;
          next.previous = s;
          next.cls = &cls;
        }
      }
    }
    layers.push_back(std::move(after));
  }

  PropertyResult r;
  r.name = property.name;
  r.kind = property.kind;
  bool any = false;
  std::size_t best = 0;
  const std::vector<State>& last = layers.back();
  RunResult pipeline_only;  // pipeline atoms read the pipeline status alone
  const Scenario none;
  std::vector<bool> values(plan.atoms.size());
  for (std::size_t s = 0; s < last.size(); ++s) {
    pipeline_only.pipeline = static_cast<TargetStatus>(last[s].key[0]);
    for (std::size_t a = 0; a < plan.atoms.size(); ++a) {
      values[a] =
          plan.owner[a] < 0 ? holds(*plan.atoms[a], none, pipeline_only) : last[s].key[1 + a] != 0;
    }
    std::size_t next = 0;
    const bool value = evaluate(property.condition, values, next);
    const bool counts = property.kind == PropertyKind::kAlways  ? !value
                        : property.kind == PropertyKind::kNever ? value
                                                                : value;
    if (!counts || last[s].paths == 0) continue;
    r.probability += last[s].probability;
    if (!any || last[s].best > last[best].best) best = s;
    any = true;
  }
  if (property.kind == PropertyKind::kSometimes) {
    r.holds = any;
    r.complete = r.holds || !partial;
    return r;
  }
  r.holds = !any;
  r.complete = !r.holds || !partial;
  if (any) {
    // Back through the layers: the class of each group on the best path.
    std::vector<const Class*> classes(runs.size());
    std::size_t s = best;
    for (std::size_t g = runs.size(); g-- > 0;) {
      const State& state = layers[g + 1][s];
      classes[g] = state.cls;
      s = state.previous;
    }
    Path path;
    for (const Class* c : classes) {
      path.choices.insert(path.choices.end(), c->best.choices.begin(), c->best.choices.end());
      path.probability *= c->best.probability;
    }
    r.counterexample = std::move(path);
  }
  return r;
}

}  // namespace

std::size_t listed_outcomes_cap(const ExploreOptions& options, std::size_t targets) {
  return std::min(options.max_outcomes,
                  std::max<std::size_t>(1, kMaxListedCells / std::max<std::size_t>(1, targets)));
}

bool exact_marginals(const Scenario& scenario, SubScenarios& subs,
                     std::span<const std::size_t> group, std::optional<Duration> horizon,
                     std::vector<std::vector<double>>& target_status) {
  FactorizedMarginals f = factorized_marginals(scenario, subs, group, horizon);
  if (!f.exact) return false;
  for (std::size_t i = 0; i < group.size(); ++i) target_status[group[i]] = f.target_status[i];
  return true;
}

ExploreResult explore_groups(const Scenario& scenario, const ExploreOptions& options,
                             const std::vector<std::vector<std::size_t>>& groups) {
  const std::size_t n = scenario.deployment.targets.size();
  const std::size_t count = groups.size();
  std::vector<int> group_of(n, -1);
  std::vector<std::size_t> place(n, 0);
  for (std::size_t g = 0; g < count; ++g) {
    for (std::size_t i = 0; i < groups[g].size(); ++i) {
      group_of[groups[g][i]] = static_cast<int>(g);
      place[groups[g][i]] = i;
    }
  }
  std::vector<PropertyPlan> plans;
  for (const Property& property : scenario.properties) {
    plans.push_back(plan_property(property, scenario, group_of, place, count));
  }

  std::vector<GroupRun> runs(count);
  for (std::size_t g = 0; g < count; ++g) {
    GroupRun& run = runs[g];
    run.targets = groups[g];
    run.target_status.assign(groups[g].size(), std::vector<double>(kTargetStatusCount, 0.0));
    run.classes.resize(plans.size());
    for (const PropertyPlan& plan : plans) {
      run.record_details =
          run.record_details || std::any_of(plan.local[g].begin(), plan.local[g].end(),
                                            [](const Condition& c) { return any_webhook_atom(c); });
    }
  }

  // The budget: first an equal share of what is left to each group in turn
  // (what a group does not use goes to the next), then the rest to the
  // groups not done, in order.
  SubScenarios subs(scenario);
  auto play = [&](std::size_t g, std::uint64_t budget) {
    const Scenario& sub = subs.keep(groups[g]);
    for (PropertyPlan& plan : plans) {
      for (Condition& atom : plan.local[g]) {
        if (atom.kind == Condition::Kind::kWebhook) {
          atom.webhook_index = sub.deployment.find_webhook(atom.webhook);
        }
      }
    }
    return run_group(runs[g], sub, plans, g, options, budget);
  };
  std::uint64_t left = options.max_paths;
  for (std::size_t g = 0; g < count && left > 0; ++g) {
    const std::uint64_t share = std::max<std::uint64_t>(1, left / (count - g));
    left -= play(g, share);
  }
  for (std::size_t g = 0; g < count && left > 0; ++g) {
    if (!runs[g].done) left -= play(g, left);
  }

  ExploreResult result;
  result.groups = count;
  result.show_groups = true;
  result.target_status.assign(n, std::vector<double>(kTargetStatusCount, 0.0));
  double explored = 1;
  for (std::size_t g = 0; g < count; ++g) {
    GroupRun& run = runs[g];
    result.paths = saturating_add(result.paths, run.paths);
    for (std::size_t i = 0; i < groups[g].size(); ++i) {
      result.target_status[groups[g][i]] = run.target_status[i];
    }
    if (run.done) continue;
    result.partial = true;
    explored *= run.explored;
    if (!exact_marginals(scenario, subs, groups[g], options.horizon, result.target_status)) {
      result.targets_exact = false;
    }
  }
  result.explored_probability = result.partial ? explored : 1.0;

  // Each group's end states, most probable first; ties by their bytes (the
  // map's order), as explore_joint sorts.
  std::vector<std::uint32_t> end_states{1};
  for (GroupRun& run : runs) {
    std::vector<std::size_t> order;
    for (const auto& [bytes, i] : run.outcome_of) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return run.outcomes[a].probability > run.outcomes[b].probability;
    });
    std::vector<Outcome> sorted;
    for (std::size_t i : order) sorted.push_back(std::move(run.outcomes[i]));
    run.outcomes = std::move(sorted);
    multiply(end_states, run.outcomes.size());
  }
  result.end_states = decimal(end_states);

  const std::size_t cap = listed_outcomes_cap(options, n);
  const bool none_found = std::any_of(runs.begin(), runs.end(),
                                      [](const GroupRun& run) { return run.outcomes.empty(); });
  std::uint64_t product = none_found ? 0 : 1;
  bool fits = true;
  for (const GroupRun& run : runs) {
    const auto p = checked_mul<std::uint64_t>(product, run.outcomes.size());
    if (!p) {
      fits = false;
      break;
    }
    product = *p;
  }
  fits = fits && product <= cap;
  result.outcomes_cut = !fits;
  if (!none_found) {
    const std::vector<std::vector<std::uint32_t>> tuples = listed_tuples(runs, cap, fits);
    std::vector<Bytes> bytes;
    for (const std::vector<std::uint32_t>& x : tuples) {
      Outcome o;
      o.pipeline = TargetStatus::kSucceeded;
      o.statuses.resize(n);
      o.reasons.resize(n);
      o.paths = 1;
      o.probability = 1;
      for (std::size_t g = 0; g < count; ++g) {
        const Outcome& part = runs[g].outcomes[x[g]];
        o.pipeline = pipeline_join(o.pipeline, part.pipeline);
        for (std::size_t i = 0; i < groups[g].size(); ++i) {
          o.statuses[groups[g][i]] = part.statuses[i];
          o.reasons[groups[g][i]] = part.reasons[i];
        }
        o.probability *= part.probability;
        o.paths = times(o.paths, part.paths);
        o.example.choices.insert(o.example.choices.end(), part.example.choices.begin(),
                                 part.example.choices.end());
        o.example.probability *= part.example.probability;
      }
      Bytes b(1 + 2 * n);
      b[0] = static_cast<std::uint8_t>(o.pipeline);
      for (std::size_t t = 0; t < n; ++t) {
        b[1 + 2 * t] = static_cast<std::uint8_t>(o.statuses[t]);
        b[2 + 2 * t] = static_cast<std::uint8_t>(o.reasons[t]);
      }
      bytes.push_back(std::move(b));
      result.outcomes.push_back(std::move(o));
    }
    // Most probable first, ties by the end state's bytes: explore_joint's order.
    std::vector<std::size_t> order(result.outcomes.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const double pa = result.outcomes[a].probability;
      const double pb = result.outcomes[b].probability;
      if (pa != pb) return pa > pb;
      return bytes[a] < bytes[b];
    });
    std::vector<Outcome> sorted;
    sorted.reserve(order.size());
    for (std::size_t i : order) sorted.push_back(std::move(result.outcomes[i]));
    result.outcomes = std::move(sorted);
  }

  for (std::size_t i = 0; i < scenario.properties.size(); ++i) {
    result.properties.push_back(decide(scenario.properties[i], plans[i], runs, i, result.partial));
  }
  return result;
}

}  // namespace deploysim::explore
