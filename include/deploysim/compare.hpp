// `deploysim compare BASE WHATIF`: two scenarios played out on the same keyed
// draws (random.hpp), replication i of both in one worker with the same seed,
// and the paired difference of every status probability.
//
//   compare::CompareOptions o;
//   o.montecarlo.runs = 20000;
//   o.montecarlo.seed = 7;
//   compare::CompareResult r = compare::run_compare(base, what_if, o);
//   compare::write_compare_json(std::cout, base, what_if, r, {});
//
// Because every draw of replication i is keyed by what it is for, a knob
// that acts only at one target leaves every replication upstream of it
// identical on both sides: their difference is exactly 0 with the interval
// [0, 0]. The paired variance comes from integer tallies of the discordant
// replications (base had the status and the what-if did not, and the other
// way round), so summaries merge exactly and the report does not depend on
// the thread count.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "deploysim/aggregate.hpp"
#include "deploysim/diagnostics.hpp"
#include "deploysim/montecarlo.hpp"
#include "deploysim/scenario.hpp"

namespace deploysim::compare {

// A target of either side, by name: its index in BASE and in WHATIF, -1 on
// the side that lacks it.
struct TargetPair {
  std::string name;
  int base = -1;
  int what_if = -1;
  bool on_both_sides() const { return base >= 0 && what_if >= 0; }
};

// BASE's targets in BASE's order, then WHATIF's targets BASE lacks, in
// WHATIF's order.
std::vector<TargetPair> pair_targets(const Deployment& base, const Deployment& what_if);

// The discordant replications of one target (or of the pipeline), per
// status: in how many the base ended with that status and the what-if did
// not, and the other way round. Integer counts: merge() is exact.
struct PairedTally {
  std::array<std::uint64_t, kTargetStatusCount> only_base{};
  std::array<std::uint64_t, kTargetStatusCount> only_what_if{};

  void add(TargetStatus base, TargetStatus what_if);
  void merge(const PairedTally& other);
  bool operator==(const PairedTally& other) const = default;
};

// One status probability on both sides and their paired difference.
struct Difference {
  double base = 0;
  double what_if = 0;
  double difference = 0;  // what_if - base
  Interval ci95;          // of `difference`
  double half_width() const { return (ci95.high - ci95.low) / 2; }
  // The interval excludes 0.
  bool significant() const { return ci95.low > 0 || ci95.high < 0; }
};

// The paired difference over n replications: base_count and what_if_count
// replications ended with the status on each side, only_base and only_what_if
// of them on that side alone. The difference is d = (only_what_if -
// only_base) / n; its 95 % interval is d ± 1.96 · sqrt((only_base +
// only_what_if) / n - d²) / sqrt(n) (the normal interval of the mean of the
// per-replication differences, each -1, 0 or 1), clamped to [-1, 1]. No
// discordant replication gives exactly [d, d] (d is then 0).
Difference paired_difference(std::uint64_t base_count, std::uint64_t what_if_count,
                             std::uint64_t only_base, std::uint64_t only_what_if, std::uint64_t n);

struct CompareOptions {
  // runs, seed, threads, stop, on_progress, precision and base (RunOptions)
  // apply to both sides alike; precise_enough is set by run_compare.
  MonteCarloOptions montecarlo;
};

struct CompareResult {
  MonteCarloResult base;     // BASE's summary, as `montecarlo` gives it
  MonteCarloResult what_if;  // WHATIF's, over the same replications
  std::vector<TargetPair> pairs;
  PairedTally pipeline;
  std::vector<PairedTally> targets;  // one per pair; all zero for a one-sided pair
  std::uint64_t runs() const { return base.aggregate.runs(); }
};

// Runs replications 0.. of both scenarios, replication i of both in the same
// worker with the same seed, on options.montecarlo.threads threads. With
// --precision, the test after each block of 1,000 asks every status
// probability that occurred on either side, and every paired difference
// whose status occurred, for a 95 % half-width <= precision.
CompareResult run_compare(const Scenario& base, const Scenario& what_if,
                          const CompareOptions& options);

// Status `s` of pair `p` (or of the pipeline when p is -1).
Difference difference_of(const CompareResult& r, int p, TargetStatus s);

// A setting that differs between the two files: its dotted path (deploy-file
// settings under `deployment.`) and its value on each side as flow YAML
// (nullopt where the side lacks it).
struct AssumptionDifference {
  std::string path;
  std::optional<std::string> base;
  std::optional<std::string> what_if;
};

// Every setting of the two scenario files (or bare deploy files) that
// differs, in BASE's key order, then WHATIF's extra keys. A `deployment:`
// path is read and compared as the deploy file itself; `name`, `seed` and
// `expect` are not assumptions and are left out. Mappings are compared key
// by key (`a.b`); lists of mappings with unique `name`s item by name
// (`webhooks[Run-Smoke-Tests]`), other lists of mappings of equal length item
// by index (`[0]`); anything else that differs (a scalar, a list of scalars)
// is one line. Returns nullopt, with an error in `diagnostics`, when a file
// cannot be read or parsed (the loader has normally reported it already).
std::optional<std::vector<AssumptionDifference>> differing_assumptions(
    const std::string& base_file, const std::string& what_if_file, Diagnostics& diagnostics);

// What the writers print besides the result.
struct CompareInputs {
  std::string base_file;
  std::string what_if_file;
  std::vector<AssumptionDifference> assumptions;
};

// The one-line answers: one per target (the pipeline first) whose success
// probability changed significantly, e.g. "prod-us succeeds 70.0 % instead
// of 83.1 % (−13.1 pp, ±0.6)"; one line saying nothing changed otherwise.
std::vector<std::string> headline(const CompareResult& r);

// The report of SCENARIO.md ("compare"): schemaVersion, runs, seed, base and
// whatIf (each the montecarlo report), difference.pipeline and
// difference.targets (status: base, whatIf, difference, ci95; finishedAt
// quantiles on both sides), plus the pairs present on one side only, the
// headline and the assumptions. Indented, followed by a newline.
void write_compare_json(std::ostream& out, const Scenario& base, const Scenario& what_if,
                        const CompareResult& r, const CompareInputs& inputs);

// The same for people: the headline, the assumptions, one table per target.
void write_compare_text(std::ostream& out, const Scenario& base, const Scenario& what_if,
                        const CompareResult& r, const CompareInputs& inputs);

// A self-contained page (report/html.hpp): the headline (#answer), the
// assumptions (#assumptions), both sides side by side per target
// (#differences .compare-row, .compare-bar) and lead times (#lead-times).
void write_compare_html(std::ostream& out, const Scenario& base, const Scenario& what_if,
                        const CompareResult& r, const CompareInputs& inputs);

}  // namespace deploysim::compare
