// The arrival times of the changes of a stream, keyed draws of their own
// (replication kArrivalsKey, never a pipeline's; purpose kArrival, the
// change's number as the index), so the pipelines' draws do not depend on
// them and the k-th gap is the same whatever else the scenario says.
//
// A copy replays the same arrivals: the queue keeps one at the oldest
// undelivered change and draws those arrival times again when they are
// delivered, instead of storing them.
//
// Private to sim/stream.
#pragma once

#include <cstdint>

#include "deploysim/random.hpp"
#include "deploysim/scenario.hpp"
#include "deploysim/time.hpp"

namespace deploysim::stream {

// The replication index of the arrivals' random stream of stream 0; stream s
// uses kArrivalsKey + s. Above every pipeline index a run can reach
// (kMaxStreams * kStreamStride < 2^52, stream.hpp).
inline constexpr std::uint64_t kArrivalsKey = 0xA11A'7E5C'0DE0'0001ULL;

class ArrivalSequence {
 public:
  ArrivalSequence(std::uint64_t seed, std::uint64_t stream, const Distribution& between)
      : draws_(seed, kArrivalsKey + stream), between_(&between) {}

  // The arrival time of the next change: the previous one plus a draw of
  // `between` (the first: 0 plus a draw).
  SimTime next() {
    const DrawKey key{.site = site_,
                      .purpose = DrawPurpose::kArrival,
                      .invocation = static_cast<std::uint32_t>(count_ >> 32),
                      .index = static_cast<std::uint32_t>(count_)};
    last_ += draws_.draw_duration(key, *between_);
    ++count_;
    return last_;
  }

  std::uint64_t count() const { return count_; }  // changes drawn so far

 private:
  Draws draws_;
  std::uint64_t site_ = name_key("releases/arrivals");
  const Distribution* between_;
  SimTime last_{0};
  std::uint64_t count_ = 0;
};

}  // namespace deploysim::stream
