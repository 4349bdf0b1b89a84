// The choice source of a depth-first search by re-execution: a run replays
// the prefix of alternatives it is given and takes the first alternative of
// nonzero weight at every choice past it, recording each branch point (a
// choice with two or more such alternatives) with its weights. advance()
// then moves to the next path in depth-first order. Private to sim/explore.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "deploysim/explore.hpp"
#include "deploysim/random.hpp"

namespace deploysim::explore {

// The alternatives of nonzero weight of one choice: how many, and the first
// of them (0 when there is none). A choice with fewer than two is no branch.
struct NonzeroAlternatives {
  std::size_t count = 0;
  std::size_t first = 0;
};
NonzeroAlternatives nonzero_alternatives(std::span<const double> weights);

class PathScript final : public ChoiceSource {
 public:
  // Before each run: forget the last run's branch points (the prefix stays).
  void begin_path();

  std::size_t choose(const DrawKey& key, std::span<const double> weights,
                     const ChoiceLabel& label) override;

  // The product of the weights of the alternatives taken, in the order they
  // were taken.
  double probability() const { return probability_; }

  // Moves the prefix to the next path: the deepest branch point that has a
  // later alternative of nonzero weight takes it. False when there is none
  // (every path was played).
  bool advance();

  // The last run's branch points as a path, with the words for people.
  Path path() const;

 private:
  struct BranchPoint {
    DrawKey key;
    ChoiceLabel label;
    std::uint32_t weights_begin = 0;  // into weights_
    std::uint32_t weights_size = 0;
    std::size_t chosen = 0;
  };

  std::vector<std::size_t> prefix_;
  std::vector<BranchPoint> points_;
  std::vector<double> weights_;
  double probability_ = 1;
};

}  // namespace deploysim::explore
