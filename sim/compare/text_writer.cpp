// `compare --format text`: the answer first, then what differs between the
// two files, then every row's status probabilities and lead times.
#include <algorithm>
#include <cstdio>

#include "rows.hpp"

namespace deploysim::compare {
namespace {

// Pads to `width` display columns (the minus sign and ± are one column each
// but more than one byte).
std::string pad(const std::string& text, std::size_t width) {
  std::size_t columns = 0;
  for (unsigned char c : text) columns += (c & 0xC0) != 0x80 ? 1 : 0;
  return text + std::string(columns < width ? width - columns : 0, ' ');
}

}  // namespace

void write_compare_text(std::ostream& out, const Scenario& base, const Scenario& what_if,
                        const CompareResult& r, const CompareInputs& inputs) {
  out << "BASE   " << base.name << " (" << inputs.base_file << ")\n"
      << "WHATIF " << what_if.name << " (" << inputs.what_if_file << ")\n"
      << r.runs() << " paired runs, seed " << r.base.seed
      << " (the same keyed draws on both sides)\n";
  if (r.base.stopped_early) {
    out << "STOPPED EARLY: " << r.runs() << " of " << r.base.runs_requested
        << " runs completed; the figures below are over the completed runs\n";
  }
  if (r.base.stopped_by == StoppedBy::kPrecision) {
    out << "stopped by --precision " << r.base.precision << " after " << r.runs() << " of at most "
        << r.base.runs_requested << " runs\n";
  }
  out << "\nAnswer (success probabilities that changed; 95 % paired intervals):\n";
  for (const std::string& line : headline(r)) out << "  " << line << '\n';

  out << "\nAssumptions that differ (BASE -> WHATIF):\n";
  if (inputs.assumptions.empty()) out << "  none\n";
  for (const AssumptionDifference& a : inputs.assumptions) {
    out << "  " << a.path << ": " << a.base.value_or("(absent)") << " -> "
        << a.what_if.value_or("(absent)") << '\n';
  }

  std::size_t name_width = 8;
  for (const Row& row : rows(r)) name_width = std::max(name_width, row.name.size());
  out << "\nOutcomes:\n  " << pad("", name_width) << "  " << pad("status", 13) << pad("BASE", 9)
      << pad("WHATIF", 9) << "difference (95 %)\n";
  for (const Row& row : rows(r)) {
    bool first = true;
    for (TargetStatus s : statuses_of(row)) {
      const Difference d = difference_of(r, row.pair, s);
      out << "  " << pad(first ? row.name : "", name_width) << "  "
          << pad(std::string(to_string(s)), 13) << pad(percent(d.base), 9)
          << pad(percent(d.what_if), 9) << points(d.difference) << ' ' << plus_minus(d)
          << (d.significant() ? "  *" : "") << '\n';
      first = false;
    }
  }
  out << "  (* the interval excludes 0)\n";

  out << "\nLead time to SUCCEEDED (p50 / p90 / p99), BASE -> WHATIF:\n";
  for (const Row& row : rows(r)) {
    out << "  " << pad(row.name, name_width) << "  ";
    for (std::size_t q = 0; q < std::size(kQuantiles); ++q) {
      const std::string both =
          lead_time(*row.base, kQuantiles[q]) + " -> " + lead_time(*row.what_if, kQuantiles[q]);
      out << (q + 1 < std::size(kQuantiles) ? pad(both, 24) : both);
    }
    out << '\n';
  }
  const std::vector<std::string> base_only = only_in_base(r);
  const std::vector<std::string> what_if_only = only_in_what_if(r);
  if (!base_only.empty() || !what_if_only.empty()) out << "\nTargets on one side only:\n";
  for (const std::string& name : base_only) out << "  " << name << ": only in BASE\n";
  for (const std::string& name : what_if_only) out << "  " << name << ": only in WHATIF\n";
}

}  // namespace deploysim::compare
