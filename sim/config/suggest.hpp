// "Did you mean" suggestions for misspelt names and keys.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace deploysim::config {

// Edit distance (insertions, deletions, substitutions) between a and b.
int levenshtein(std::string_view a, std::string_view b);

// The candidate closest to `name` when its distance is at most 2 or at most a
// third of name's length; empty when none is close enough.
std::string closest_match(std::string_view name, const std::vector<std::string>& candidates);

// " (did you mean 'X'?)" for closest_match, or "".
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace deploysim::config
