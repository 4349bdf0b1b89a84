// Randomness: keyed draws (R4; SCENARIO.md "Keyed random draws"). Every draw
// of replication i is a pure function of (seed, i) and of what the draw is
// for: the target and step by their names, the invocation, the purpose and a
// sub-index. Nothing is consumed in order, so a change to one model (a
// webhook's failure rate, a step added by a pull request) leaves every other
// draw of the replication as it was: `compare` and sweeps pair like with like
// (common random numbers), and replication i is the same on any thread.
//
// The model asks for randomness through two functions only: choose() for
// every discrete choice (bernoulli() is a choice between two) and draw() for
// every continuous value, so that `deploysim explore` and `run --choices` can
// make the choices from a script (a ChoiceSource) and take each continuous
// draw's median instead of sampling.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "deploysim/scenario.hpp"

namespace deploysim {

// What a draw is for; part of its key. The numbers are part of every
// report's bytes: never renumber them.
enum class DrawPurpose : std::uint8_t {
  kOutcome = 1,         // a webhook invocation's outcome
  kAttemptFailure = 2,  // index: the attempt (0-based)
  kLatency = 3,         // a webhook's trigger-to-callback time
  kReady = 4,           // a scale step's time to Ready
  kRollback = 5,        // a rollback's duration
  kDecision = 6,        // a person's decision
  kAfter = 7,           // a person's answer time
  kQueryValue = 8,      // index: the judgment run (1-based)
  kOutageUp = 9,        // index: the outage period (0-based)
  kOutageDown = 10,     // index: the outage period (0-based)
  kOutageStartsDown = 11,
  kCalendarStart = 12,
  kArrival = 13,  // a stream's time between changes; index: the change (low 32 bits)
};

// A stable 64-bit key of a name: FNV-1a, then a finaliser so that close names
// give unrelated keys. The same on every platform and in every run.
std::uint64_t name_key(std::string_view name);

// Where and what one draw is, everything but (seed, replication).
struct DrawKey {
  // The site: XOR of name_key()s of the target, the step (list kind, step
  // kind, name, occurrence), and where needed the query, agent or receiver.
  std::uint64_t site = 0;
  DrawPurpose purpose = DrawPurpose::kOutcome;
  std::uint32_t invocation = 0;  // how many times this site asked before
  std::uint32_t index = 0;       // the k-th draw of this purpose (see DrawPurpose)
};

// What a discrete choice is about, for people: the labels of explore's paths
// and of `run --choices` files ("staging: webhook Run-Integration-Tests
// outcome FAILURE"). Views of names that outlive the run (the scenario's, the
// model's tables'), so making one builds no string: Monte Carlo pays nothing.
struct ChoiceLabel {
  std::string_view target;  // the target's name; empty for an agent or receiver
  std::string_view kind;    // "webhook", "approval", "agent", "receiver"
  std::string_view name;    // the webhook's name, the step ("pause", "analysis rollBack"), ...
};

// Makes the discrete choices of a run instead of the keyed uniforms
// (`deploysim explore`, `run --choices`). Not owned by Draws; it must outlive
// the runs it scripts.
class ChoiceSource {
 public:
  // Returns the alternative taken: an index into `weights` whose weight is
  // above zero. `label` says what is chosen; its views live as long as the
  // run does.
  virtual std::size_t choose(const DrawKey& key, std::span<const double> weights,
                             const ChoiceLabel& label) = 0;

 protected:
  ~ChoiceSource() = default;
};

// The median of `d` (a duration in ms, or an analysis value): what draw()
// gives under a ChoiceSource. Empirical: the middle value, or the mean of the
// two middle values of an even count.
double median(const Distribution& d);

// The draws of one replication. Cheap to copy; reset() per replication.
class Draws {
 public:
  Draws() { reset(1, 0); }
  Draws(std::uint64_t seed, std::uint64_t replication) { reset(seed, replication); }
  void reset(std::uint64_t seed, std::uint64_t replication);

  // Scripted mode: from now on choose() asks `source` and draw() gives the
  // median; null (the default; reset() keeps it) samples.
  void script(ChoiceSource* source) { source_ = source; }
  bool scripted() const { return source_ != nullptr; }

  // Uniform in [0, 1), 53 bits; `lane` gives further independent uniforms
  // of the same key (a normal draw uses two). Scripted: 0.5, the median.
  double uniform(const DrawKey& key, unsigned lane = 0) const {
    return source_ == nullptr ? keyed_uniform(key, lane) : 0.5;
  }

  // The one discrete choice: index i with probability weights[i] (the
  // weights sum to 1; a zero weight is never chosen). Scripted: the
  // source's answer; `label` is for it alone.
  std::size_t choose(const DrawKey& key, std::span<const double> weights,
                     const ChoiceLabel& label = {}) const;
  // True with probability p: choose() between false (1 - p) and true (p).
  bool bernoulli(const DrawKey& key, double p, const ChoiceLabel& label = {}) const;

  // The one continuous draw: a value of the distribution (a duration in ms,
  // or an analysis value). Gamma and Weibull by inversion. Scripted: its
  // median.
  double draw(const DrawKey& key, const Distribution& d) const;
  // draw() rounded to ms, truncated at 0.
  Duration draw_duration(const DrawKey& key, const Distribution& d) const;

 private:
  double keyed_uniform(const DrawKey& key, unsigned lane) const;

  std::uint64_t replication_key_ = 0;
  ChoiceSource* source_ = nullptr;
};

}  // namespace deploysim
