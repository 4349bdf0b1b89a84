#include "history_builder.hpp"

namespace deploysim::calibrate {

void HistoryBuilder::censor(double seconds, std::string_view reason) {
  history_.runs.push_back({seconds, true, RunResult::kSuccess});
  ++history_.censored[std::string(reason)];
}

void HistoryBuilder::add(const RunReport& run) {
  using Ending = RunReport::Ending;
  const bool past_timeout = timeout_ && run.seconds && *run.seconds >= *timeout_;
  if (run.ending == Ending::kExcluded) {
    if (run.stopped_early && past_timeout) {
      censor(*timeout_, kTimeoutReason);
    } else {
      exclude(run.reason);
    }
    return;
  }
  if (!run.seconds) {
    exclude("no duration");
    return;
  }
  if (past_timeout) {
    censor(*timeout_, kTimeoutReason);
    return;
  }
  // A zero duration (a timestamp resolution of one second, or a CSV 0) has
  // no place in a latency fit: every family here lives on (0, inf).
  if (*run.seconds <= 0) {
    exclude("zero duration");
    return;
  }
  if (run.ending == Ending::kCensored) {
    censor(*run.seconds, run.reason);
    return;
  }
  history_.runs.push_back(
      {*run.seconds, false,
       run.ending == Ending::kSuccess ? RunResult::kSuccess : RunResult::kFailure});
}

}  // namespace deploysim::calibrate
