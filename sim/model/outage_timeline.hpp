// One outage process in one replication (SCENARIO.md "Outage processes",
// docs/MODEL.md 10a): alternating up and down periods from t = 0, started
// stationary, generated lazily as far as the model asks (never past the
// horizon: nothing after it can be seen) and forgotten by reset().
//
// Every period is a keyed draw (random.hpp): the site is the name of the
// agent or receiver, the purpose says up or down, the index counts the
// periods of that kind. So adding a process, or asking it more or less
// often, moves no other draw of the replication.
// Private to sim/model.
#pragma once

#include <cstdint>
#include <vector>

#include "deploysim/random.hpp"
#include "deploysim/scenario.hpp"

namespace deploysim::model {

class OutageTimeline {
 public:
  // `process` must outlive the timeline; `site` is the name_key of its owner,
  // `label` names it for explore's paths (its views must outlive it too).
  OutageTimeline(const OutageProcess& process, std::uint64_t site, const ChoiceLabel& label);

  // A new replication: nothing is known yet; nothing after `horizon` will be asked for.
  void reset(SimTime horizon);

  // Whether the process is down at `at` (down periods are [from, to)).
  bool down(const Draws& draws, SimTime at);
  // The first instant >= `at` when the process is up; an instant after the
  // horizon stands for "not before the horizon".
  SimTime up_from(const Draws& draws, SimTime at);

 private:
  // Draws periods until the one that holds `at` is known.
  void extend(const Draws& draws, SimTime at);
  // The index of the down period that holds `at`, or -1.
  int window_at(SimTime at) const;

  const OutageProcess* process_;
  std::uint64_t site_;
  ChoiceLabel label_;
  double down_at_start_;  // mean(lasting) / (mean(every) + mean(lasting))
  SimTime horizon_{0};
  bool started_ = false;
  bool next_down_ = false;  // the kind of the period that starts at known_until_
  std::uint32_t ups_ = 0;   // up periods drawn
  std::uint32_t downs_ = 0;
  SimTime known_until_{0};           // the periods of [0, known_until_) are drawn
  std::vector<DownWindow> windows_;  // down periods in order; touching ones merged
};

}  // namespace deploysim::model
