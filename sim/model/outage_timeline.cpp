#include "outage_timeline.hpp"

#include <algorithm>

namespace deploysim::model {

OutageTimeline::OutageTimeline(const OutageProcess& process, std::uint64_t site,
                               const ChoiceLabel& label)
    : process_(&process), site_(site), label_(label) {
  const double up = mean_duration(process.every);
  const double down = mean_duration(process.lasting);
  down_at_start_ = down / (up + down);
}

void OutageTimeline::reset(SimTime horizon) {
  horizon_ = horizon;
  started_ = false;
  ups_ = 0;
  downs_ = 0;
  known_until_ = SimTime{0};
  windows_.clear();
}

void OutageTimeline::extend(const Draws& draws, SimTime at) {
  if (!started_) {
    // Stationary at t = 0: down with the long-run fraction of time down;
    // the first period is a fresh draw of its kind (exact for exponential
    // periods, by memorylessness).
    started_ = true;
    next_down_ =
        draws.bernoulli(DrawKey{site_, DrawPurpose::kOutageStartsDown}, down_at_start_, label_);
  }
  while (known_until_ <= at) {
    const bool down = next_down_;
    const Duration length =
        down ? draws.draw_duration(DrawKey{site_, DrawPurpose::kOutageDown, 0, downs_++},
                                   process_->lasting)
             : draws.draw_duration(DrawKey{site_, DrawPurpose::kOutageUp, 0, ups_++},
                                   process_->every);
    next_down_ = !down;
    if (length.count() == 0) continue;
    // A period that reaches past the horizon is cut just after it (nothing
    // later is asked for), which also keeps the sum representable.
    const SimTime end =
        length > horizon_ - known_until_ ? horizon_ + Duration{1} : known_until_ + length;
    if (down) {
      if (!windows_.empty() && windows_.back().to == known_until_) {
        windows_.back().to = end;
      } else {
        windows_.push_back(DownWindow{known_until_, end});
      }
    }
    known_until_ = end;
  }
}

int OutageTimeline::window_at(SimTime at) const {
  auto after = std::upper_bound(windows_.begin(), windows_.end(), at,
                                [](SimTime t, const DownWindow& w) { return t < w.from; });
  if (after == windows_.begin()) return -1;
  const auto w = after - 1;
  return at < w->to ? static_cast<int>(w - windows_.begin()) : -1;
}

bool OutageTimeline::down(const Draws& draws, SimTime at) {
  if (at > horizon_) return false;
  extend(draws, at);
  return window_at(at) >= 0;
}

SimTime OutageTimeline::up_from(const Draws& draws, SimTime at) {
  while (at <= horizon_) {
    extend(draws, at);
    const int w = window_at(at);
    if (w < 0) return at;
    // The up period after it is drawn on the next pass: a zero-length one
    // merges the next outage into this one.
    at = windows_[w].to;
  }
  return at;
}

}  // namespace deploysim::model
