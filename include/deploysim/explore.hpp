// `deploysim explore`: every branch of a pipeline with its exact probability
// (../shared/spec/COMMANDS.md "explore"), and the scenario's properties
// (property.hpp) checked on every end state.
//
//   explore::ExploreOptions o;
//   o.max_paths = 100000;
//   explore::ExploreResult r = explore::explore(scenario, o);
//   explore::write_explore_json(std::cout, scenario, r);
//
// The reduction: every discrete choice the model makes through
// Draws::choose() (webhook outcomes of a mix, per-attempt failures, approval
// decisions of a mix, outage states) is enumerated with its probability;
// every continuous draw (Draws::draw(): latencies, readyAfter, approval
// `after`, analysis values) takes its distribution's median. Under that
// reduction the end-state probabilities are exact and sum to 1 (less what a
// --max-paths stop left unexplored, which the result says).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "deploysim/diagnostics.hpp"
#include "deploysim/outcome.hpp"
#include "deploysim/property.hpp"
#include "deploysim/random.hpp"
#include "deploysim/scenario.hpp"

namespace deploysim::explore {

// One discrete choice made on a path: the draw (by its key, so a replay does
// not depend on the order the model asks in), the alternative taken (an
// index into the weights the model passed to Draws::choose) and its weight.
struct Choice {
  DrawKey key;
  std::size_t chosen = 0;
  double probability = 1;
  std::string what;  // for people: "staging: webhook Run-Integration-Tests outcome FAILURE"
};

// One path: its choices in the order they were made, and the product of their
// probabilities.
struct Path {
  std::vector<Choice> choices;
  double probability = 1;
};

// One distinct end state: the pipeline's status and every target's status and
// reason (indexed like Scenario::deployment.targets), with the summed
// probability of the paths that end in it.
struct Outcome {
  TargetStatus pipeline = TargetStatus::kNotStarted;
  std::vector<TargetStatus> statuses;
  std::vector<Reason> reasons;
  double probability = 0;
  std::uint64_t paths = 0;
  // The most probable path that ends in it (the first found on a tie): what
  // `run --choices` replays to show it.
  Path example;
};

// The verdict on one property of the scenario.
struct PropertyResult {
  std::string name;
  PropertyKind kind = PropertyKind::kAlways;
  bool holds = true;
  // always/never: the probability of the violating paths (0 when it holds);
  // sometimes: the probability of the paths that satisfy it (0 when it fails).
  double probability = 0;
  // always/never that fail: the most probable violating path, which
  // `run --choices` replays; unset otherwise.
  std::optional<Path> counterexample;
  // False when a --max-paths stop leaves the verdict open: an always/never
  // that held on every explored path, a sometimes that no explored path
  // satisfied. A violation or a satisfying path is final.
  bool complete = true;
};

struct ExploreOptions {
  // Stop after this many complete paths, over all the groups (see explore());
  // the result is then partial.
  std::uint64_t max_paths = 1'000'000;
  std::optional<Duration> horizon;  // overrides the scenario's
  // List at most this many end states (the most probable; ExploreResult::
  // end_states says how many there are). A report of independent groups
  // has the product of their end states, which no one can list.
  std::size_t max_outcomes = 10'000;
  // False: enumerate the whole scenario jointly, as one group, and take no
  // factorized marginals (the reference the factorization is checked
  // against; never needed otherwise).
  bool factorize = true;
};

struct ExploreResult {
  // Complete paths played out: with independent groups, the sum over the
  // groups of the paths of each (a path of the whole pipeline is one path of
  // every group; those products are never played).
  std::uint64_t paths = 0;
  bool partial = false;  // stopped by max_paths
  // The probability the explored paths cover (1 unless partial); with
  // groups, the product over the groups of what each one's paths cover.
  double explored_probability = 1;
  // Most probable first (ties by the end state's bytes: pipeline status,
  // then each target's status and reason); at most max_outcomes of them.
  std::vector<Outcome> outcomes;
  // Per target (indexed like Scenario::deployment.targets): the probability
  // of each status, indexed by TargetStatus.
  std::vector<std::vector<double>> target_status;
  std::vector<PropertyResult> properties;  // in the scenario's order

  // The independent groups (sub_scenario.hpp) explored on their own; 1
  // when the scenario is one group (or factorize is off).
  std::size_t groups = 1;
  // Distinct end states found, in decimal (the product over the groups of
  // their counts can pass 2^64: 100 independent coin flips have 2^100).
  std::string end_states = "0";
  // True when `outcomes` lists only the most probable end states
  // (max_outcomes). When the cut falls inside a set of end states of equal
  // probability, which of them are listed follows the best-first order of
  // the groups' own lists (deterministic), not their bytes.
  bool outcomes_cut = false;
  // target_status is exact: the exploration is complete, or each stopped
  // group's marginals came from factorized_marginals() (factorized.hpp).
  bool targets_exact = true;
  // Say groups, endStates, outcomesListed and targetsExact in the reports:
  // set when groups > 1, the list is cut or factorized marginals were used,
  // so that a report of one group is byte for byte what it was before.
  bool show_groups = false;
};

// Enumerates every path of `scenario` under the reduction above and checks
// its properties. Never fails on a loaded scenario; a stop by max_paths is
// reported in the result. Depth-first by re-execution (a stateless search,
// as in model checkers): every path replays the choices of its prefix
// through the real simulator and extends it with each alternative of
// nonzero weight in turn; a choice with a single such alternative is no
// branch. Same scenario and options, same result, to the bit.
//
// Independent groups of targets (independent_groups(), sub_scenario.hpp)
// are explored each on its own, as a sub-scenario of the group's targets,
// and combined exactly: an end state of the pipeline is one end state of
// every group (its probability and path count the products, its example
// path the groups' example paths one after the other, the pipeline status
// D7 over them: pipeline_join), a target's marginals are its group's, and a
// property is decided by a fold over the groups of (pipeline status, atom
// values) classes, never by listing the product. The path budget is shared:
// each group first gets an equal share of what is left, then the groups not
// done take the rest in order. A scenario of one group gives exactly what a
// joint enumeration gives.
ExploreResult explore(const Scenario& scenario, const ExploreOptions& options);

// The reduction in words, as the reports state it.
std::string reduction_text();

// `explore --format json` (../shared/spec/COMMANDS.md "explore", plus
// partial, exploredProbability, reduction and per-outcome path counts), and
// the text report. Outcomes list every target; the text shows, per outcome,
// only the targets that did not succeed.
void write_explore_json(std::ostream& out, const Scenario& scenario, const ExploreResult& result);
void write_explore_text(std::ostream& out, const Scenario& scenario, const ExploreResult& result);

// The file `explore --counterexample` writes and `run --choices` reads: the
// path's choices by key, each with its `what` and probability, the path's
// probability and the property it violates.
void write_choices_json(std::ostream& out, const Scenario& scenario,
                        const PropertyResult& property);

// What a choices file says (read_choices): one entry per choice, with where
// it is written, for messages.
struct ScriptedChoice {
  DrawKey key;
  std::size_t chosen = 0;
  std::string what;
  SourceLocation location;  // the entry
  SourceLocation chosen_location;
};
struct ChoicesFile {
  std::string file;
  SourceLocation choices_location;  // the `choices` key
  std::vector<ScriptedChoice> choices;
};

// Reads a choices file (JSON; errors as FILE:LINE:COL). Returns nullopt
// after reporting into `diagnostics` when the file cannot be read or is not
// a choices file (unknown keys, a key given twice, bad values).
std::optional<ChoicesFile> read_choices(const std::string& path, Diagnostics& diagnostics);

// `run --choices`: answers each choice a run asks for from the file, by key
// (so the order the model asks in does not matter). A choice the file does
// not make is taken at its only alternative of nonzero weight; with more
// than one it is a problem, as is an index out of range or of zero weight,
// and a choice of the file the run never asks for. Use one object per run.
class ReplayedChoices final : public ChoiceSource {
 public:
  explicit ReplayedChoices(const ChoicesFile& file);
  std::size_t choose(const DrawKey& key, std::span<const double> weights,
                     const ChoiceLabel& label) override;
  // After the run: reports every mismatch into `diagnostics` (at the place
  // in the file) and returns false when there was one.
  bool check(Diagnostics& diagnostics) const;

 private:
  const ChoicesFile* file_;
  std::vector<std::size_t> by_key_;  // indices into file_->choices, sorted by key
  std::vector<bool> asked_;          // by index into file_->choices
  std::vector<Problem> problems_;
};

}  // namespace deploysim::explore
