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
  // Stop after this many complete paths; the result is then partial.
  std::uint64_t max_paths = 1'000'000;
  std::optional<Duration> horizon;  // overrides the scenario's
};

struct ExploreResult {
  std::uint64_t paths = 0;          // complete paths played out
  bool partial = false;             // stopped by max_paths
  double explored_probability = 1;  // the probability the explored paths cover (1 unless partial)
  std::vector<Outcome> outcomes;    // most probable first
  // Per target (indexed like Scenario::deployment.targets): the probability
  // of each status, indexed by TargetStatus.
  std::vector<std::vector<double>> target_status;
  std::vector<PropertyResult> properties;  // in the scenario's order
};

// Enumerates every path of `scenario` under the reduction above and checks
// its properties. Never fails on a loaded scenario; a stop by max_paths is
// reported in the result. Depth-first by re-execution (a stateless search,
// as in model checkers): every path replays the choices of its prefix
// through the real simulator and extends it with each alternative of
// nonzero weight in turn; a choice with a single such alternative is no
// branch. Same scenario and options, same result, to the bit.
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
