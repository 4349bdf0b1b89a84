// explore() over independent groups of targets (explore.hpp): each group is
// explored on its own through the real simulator, the report is their exact
// combination. Private to sim/explore.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "deploysim/explore.hpp"
#include "deploysim/scenario.hpp"
#include "sub_scenario.hpp"

namespace deploysim::explore {

// explore() of `scenario` whose independent groups are `groups` (two or
// more; independent_groups() gives them).
ExploreResult explore_groups(const Scenario& scenario, const ExploreOptions& options,
                             const std::vector<std::vector<std::size_t>>& groups);

// The exact marginals of a group that --max-paths stopped:
// factorized_marginals() (factorized.hpp; `horizon` as ExploreOptions'). When
// it says they are exact, writes them into `target_status` (indexed like the
// scenario's targets) and returns true; else changes nothing and returns
// false. Its single-target runs are not counted in ExploreResult::paths,
// which stays the paths of the enumeration that --max-paths bounds.
bool exact_marginals(const Scenario& scenario, SubScenarios& subs,
                     std::span<const std::size_t> group, std::optional<Duration> horizon,
                     std::vector<std::vector<double>>& target_status);

// How many end states a report lists: options.max_outcomes, and no more than
// kMaxListedCells / targets (a listed end state names every target).
std::size_t listed_outcomes_cap(const ExploreOptions& options, std::size_t targets);
inline constexpr std::size_t kMaxListedCells = 200'000;

}  // namespace deploysim::explore
