// Parts of a scenario that explore() can enumerate on their own. Private to
// sim/explore.
//
// Two targets are coupled when one depends on the other (D1) or when the
// model lets one's choices reach the other: they share an agent whose
// `faults` have an outage process or down windows (W9, W11), or they call a
// webhook whose receiver has one (SCENARIO.md "Outage processes"). A group
// (a connected component of that relation) is independent of every other
// group: its targets' statuses, reasons and webhook calls are the same in a
// run of the group alone, with the same choices, as in the whole run. So
// the whole pipeline's end states are the product of the groups' end states
// and per-target marginals need only the target's group.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "deploysim/scenario.hpp"

namespace deploysim::explore {

// The independent groups of `scenario`'s targets, each a list of target
// indices in increasing order, the groups ordered by their first index.
// Every target is in exactly one group. O(targets + edges) after the
// scenario's names are resolved.
std::vector<std::vector<std::size_t>> independent_groups(const Scenario& scenario);

// Builds scenarios that keep only some targets of one scenario, cheaply: the
// rest of the scenario is copied once, each sub-scenario copies only its own
// targets. The source scenario must outlive the object.
class SubScenarios {
 public:
  explicit SubScenarios(const Scenario& scenario);

  // A scenario with the targets `keep` (indices into the source's targets,
  // increasing) in that order; a kept target's dependsOn entries that name a
  // target not kept are dropped (as if satisfied at time 0), and so are
  // targetFilters entries that name one. Names are resolved again
  // (resolve_references), so the result can be given to a Simulator. The
  // reference is valid until the next call.
  const Scenario& keep(std::span<const std::size_t> keep);

 private:
  const Scenario* source_;
  Scenario work_;  // the source without its targets
};

}  // namespace deploysim::explore
