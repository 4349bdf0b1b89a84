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
// Each target is explored alone (a handful of paths); the products are
// taken over the dependsOn graph. Exact under the same reduction as explore().
#pragma once

#include <cstdint>
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
// `subs` must have been made from `scenario`. Never fails on a loaded
// scenario; when the conditions do not hold, returns exact = false.
FactorizedMarginals factorized_marginals(const Scenario& scenario, SubScenarios& subs,
                                         std::span<const std::size_t> group);

}  // namespace deploysim::explore
