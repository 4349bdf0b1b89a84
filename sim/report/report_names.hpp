// Small look-ups shared by the writers: index → name, with "no index" handled.
#pragma once

#include <string>

#include "deploysim/deployment.hpp"

namespace deploysim::report {

// The name of target `index`, or "" when the index is -1 or out of range (a
// report must never crash on a partially filled result).
inline std::string target_name(const Deployment& d, int index) {
  if (index < 0 || index >= static_cast<int>(d.targets.size())) return "";
  return d.targets[static_cast<std::size_t>(index)].name;
}

inline std::string webhook_name(const Deployment& d, int index) {
  if (index < 0 || index >= static_cast<int>(d.webhooks.size())) return "";
  return d.webhooks[static_cast<std::size_t>(index)].name;
}

inline const Query* find_query(const Deployment& d, int index) {
  if (index < 0 || index >= static_cast<int>(d.analysis.queries.size())) return nullptr;
  return &d.analysis.queries[static_cast<std::size_t>(index)];
}

}  // namespace deploysim::report
