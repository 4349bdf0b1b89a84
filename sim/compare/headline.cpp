// The one-line answers that lead the text and the page.
#include "rows.hpp"

namespace deploysim::compare {

std::vector<std::string> headline(const CompareResult& r) {
  std::vector<std::string> lines;
  for (const Row& row : rows(r)) {
    const Difference d = difference_of(r, row.pair, TargetStatus::kSucceeded);
    if (!d.significant()) continue;
    const std::string who = row.pair < 0 ? "the pipeline" : row.name;
    lines.push_back(who + " succeeds " + percent(d.what_if) + " instead of " + percent(d.base) +
                    " (" + points(d.difference) + ", " + plus_minus(d) + ")");
  }
  for (const std::string& name : only_in_base(r)) {
    lines.push_back(name + " is only in BASE");
  }
  for (const std::string& name : only_in_what_if(r)) {
    lines.push_back(name + " is only in WHATIF");
  }
  if (lines.empty()) {
    lines.push_back("no success probability changed significantly over " +
                    std::to_string(r.runs()) + " paired runs (95 %)");
  }
  return lines;
}

}  // namespace deploysim::compare
