// Per-target marginals without any joint enumeration, where they factorize.
// Private to sim/explore.
//
// Under D2/D4 a target runs only when every one of its dependencies has
// SUCCEEDED and is CANCELLED (UPSTREAM_FAILED) otherwise. When nothing a
// target does depends on the instant it starts (no working hours, no agent
// or receiver faults, no horizon reached) and no two targets share a choice
// (one independent group per target's own choices), a target's own end
// state has the same distribution whenever it starts; so, with s(a) the
// probability that target a, run alone, SUCCEEDS:
//   P(t ends with status X by itself) = P_alone(t: X) * prod over ancestors a of s(a)
//   P(t CANCELLED, UPSTREAM_FAILED)   = 1 - prod over ancestors a of s(a)
// A target that D6 leaves out is SKIPPED whatever happens upstream and
// satisfies its dependents at time 0: it counts as s = 1, and the ancestors
// beyond it are not its dependents' ancestors. Each target is explored alone
// (a handful of paths); the products are taken over each target's ancestor
// set (a diamond's shared ancestor counts once). Exact under the same reduction as explore().
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "deploysim/scenario.hpp"
#include "sub_scenario.hpp"

namespace deploysim::explore {

struct FactorizedMarginals {
  // False when the conditions above do not hold; `why_not` then says which
  // one, for the report ("approvals of prod use working hours"), and the
  // other fields are empty.
  bool exact = false;
  std::string why_not;
  // Indexed like the group: the probability of each status (by TargetStatus).
  std::vector<std::vector<double>> target_status;
  std::uint64_t paths = 0;  // paths played, over all the single-target runs
};

// The per-target marginals of `group` (target indices, increasing, closed
// under dependsOn: independent_groups() gives such groups) of `scenario`.
// `subs` must have been made from `scenario`. `horizon` overrides the
// scenario's, as ExploreOptions::horizon does. Never fails on a loaded
// scenario; when the conditions do not hold, returns exact = false (so does
// a group that is not closed under dependsOn, or a target whose own choices
// make more than 1,000,000 paths). Time: one Simulator and the target's own
// paths per target, plus the sum over targets of the edges among their
// ancestors; memory O(group + edges).
FactorizedMarginals factorized_marginals(const Scenario& scenario, SubScenarios& subs,
                                         std::span<const std::size_t> group,
                                         std::optional<Duration> horizon = std::nullopt);

}  // namespace deploysim::explore
