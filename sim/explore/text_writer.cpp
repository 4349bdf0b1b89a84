// `explore --format text`: the paths and the reduction, the most probable
// end states (each with the targets that did not succeed), every target's
// status probabilities, then the properties with their counterexamples.
#include <algorithm>
#include <cstdio>
#include <string>

#include "deploysim/explore.hpp"

namespace deploysim::explore {
namespace {

// Outcomes shown in full; the rest are summed on one line.
constexpr std::size_t kShownOutcomes = 20;

std::string probability(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", p);
  return buf;
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

}  // namespace

void write_explore_text(std::ostream& out, const Scenario& scenario, const ExploreResult& r) {
  const std::vector<Target>& targets = scenario.deployment.targets;
  out << "explore " << scenario.name << ": " << r.paths << " paths, "
      << (r.show_groups ? r.end_states : std::to_string(r.outcomes.size()))
      << " distinct end states\n";
  if (r.show_groups && r.groups > 1) {
    out << "Groups: " << r.groups
        << " independent groups of targets, each explored on its own (the paths are their sum; "
           "an end state is one end state of every group, its probability the product)\n";
  }
  if (r.outcomes_cut) {
    out << "Listed: the " << r.outcomes.size() << " most probable of the " << r.end_states
        << " end states (the list is cut)\n";
  }
  if (r.show_groups) {
    out << "Target probabilities: "
        << (r.targets_exact ? "exact" : "over the explored paths only (not exact)") << "\n";
  }
  if (r.partial) {
    out << "PARTIAL: stopped by --max-paths after " << r.paths << " paths; they cover probability "
        << probability(r.explored_probability)
        << (r.targets_exact ? " (the end states and properties below are over them)\n"
                            : " (every figure below is over them)\n");
  }
  out << "Reduction: " << reduction_text() << ".\n";

  out << "\nEnd states (most probable first):\n";
  std::size_t shown = 0;
  double rest = 0;
  std::size_t rest_count = 0;
  for (const Outcome& o : r.outcomes) {
    if (shown == kShownOutcomes) {
      rest += o.probability;
      ++rest_count;
      continue;
    }
    ++shown;
    std::string line = "  " + pad(probability(o.probability), 12) +
                       pad(std::string(to_string(o.pipeline)), 18) + std::to_string(o.paths) +
                       (o.paths == 1 ? " path " : " paths");
    std::string others;
    for (std::size_t t = 0; t < targets.size(); ++t) {
      if (o.statuses[t] == TargetStatus::kSucceeded) continue;
      others += others.empty() ? "  " : ", ";
      others += targets[t].name + " " + std::string(to_string(o.statuses[t]));
      if (o.reasons[t] != Reason::kNone)
        others += " (" + std::string(to_string(o.reasons[t])) + ")";
    }
    out << line << (others.empty() ? "  every target SUCCEEDED" : others) << '\n';
  }
  if (rest_count > 0) {
    out << "  " << pad(probability(rest), 12) << rest_count << " more end states"
        << (r.outcomes_cut ? " listed (and the ones the list leaves out)" : "") << "\n";
  }

  out << "\nTargets (probability of each status):\n";
  for (std::size_t t = 0; t < targets.size(); ++t) {
    std::string line = "  " + pad(targets[t].name, 16);
    for (int s = 0; s < kTargetStatusCount; ++s) {
      const double p = r.target_status[t][static_cast<std::size_t>(s)];
      if (p > 0) {
        line += " " + std::string(to_string(static_cast<TargetStatus>(s))) + " " + probability(p);
      }
    }
    out << line << '\n';
  }

  out << "\nProperties:\n";
  if (r.properties.empty()) out << "  none (add a `properties` list to the scenario)\n";
  for (const PropertyResult& p : r.properties) {
    out << "  " << p.name << " (" << to_string(p.kind) << "): "
        << (p.holds                              ? "holds"
            : p.kind == PropertyKind::kSometimes ? "FAILS (no path satisfies it)"
                                                 : "VIOLATED");
    if (!p.complete) out << " so far (the exploration is partial)";
    if (p.kind == PropertyKind::kSometimes) {
      out << ", satisfied with probability " << probability(p.probability);
    } else if (!p.holds) {
      out << " with probability " << probability(p.probability);
    }
    out << '\n';
    if (p.counterexample) {
      out << "    most probable counterexample (probability "
          << probability(p.counterexample->probability) << "):\n";
      if (p.counterexample->choices.empty()) out << "      no choice: every path violates it\n";
      for (const Choice& c : p.counterexample->choices) {
        out << "      " << c.what << "  (" << probability(c.probability) << ")\n";
      }
    }
  }
}

}  // namespace deploysim::explore
