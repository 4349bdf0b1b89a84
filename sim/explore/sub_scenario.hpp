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
#include <optional>
#include <span>
#include <string>
#include <utility>
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
  // targetFilters (and scenario `target`) entries that name one, except that
  // a filter that would become empty keeps one dropped name (it matches no
  // kept target): an empty filter would run targets the whole run SKIPS
  // (D6). Names are resolved again (resolve_references), so the result can
  // be given to a Simulator. When `keep` is closed under dependsOn (a group),
  // that Simulator plays each kept target, with the same draws and choices,
  // exactly as the whole run does (draw keys are by name); a dropped
  // dependency only moves its dependent's start to 0. The result has no
  // properties, expectations or releases: they speak of the whole pipeline
  // and name its targets (properties by index), so check them on the
  // source. The reference is valid until the next call. Time: the kept
  // targets' copy, plus log(targets) per name they mention.
  const Scenario& keep(std::span<const std::size_t> keep);

 private:
  // The source index of the target named `name` (the first of equal names).
  std::optional<std::size_t> index_of(const std::string& name) const;

  const Scenario* source_;
  Scenario work_;  // the source without its targets, properties, expect, releases
  std::vector<std::pair<std::string, std::size_t>> by_name_;  // sorted by name
};

}  // namespace deploysim::explore
