// The rules every source shares once it has said how a run ended: the
// --timeout rule (a run at or past the timeout is right-censored there), runs
// without a usable duration, and the counts of exclusions and censoring.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "deploysim/calibrate.hpp"

namespace deploysim::calibrate {

// How a source says one run ended, before --timeout applies.
struct RunReport {
  enum class Ending {
    kSuccess,   // finished: success (webhook) or approve (approval)
    kFailure,   // finished: failure or reject
    kCensored,  // cut short by a timeout of its own (GitHub timed_out, CSV timeout)
    kExcluded,  // takes no part (cancelled, skipped, still running, ...)
  };
  Ending ending = Ending::kExcluded;
  std::optional<double> seconds;  // its duration, when the source has one
  std::string_view reason;        // kCensored and kExcluded: the source's word for it
  // kExcluded only: the run was stopped before it finished (GitHub cancelled,
  // Jenkins ABORTED), so at or past --timeout it counts as cut by the timeout
  // (GitHub reports a job that hit timeout-minutes as cancelled; Jenkins'
  // build-timeout plugin aborts by default).
  bool stopped_early = false;
};

// The word used for runs censored by --timeout.
inline constexpr std::string_view kTimeoutReason = "reached --timeout";

class HistoryBuilder {
 public:
  explicit HistoryBuilder(std::optional<double> timeout_seconds) : timeout_(timeout_seconds) {}

  // Applies the shared rules to one run and records it.
  void add(const RunReport& run);

  // A run of another webhook or workflow: counted, nothing else.
  void ignore() { ++history_.ignored; }

  // Runs per workflow name (github), for the warning about mixed workflows.
  void count_workflow(const std::string& name) { ++history_.workflows[name]; }

  History& history() { return history_; }

 private:
  void exclude(std::string_view reason) { ++history_.excluded[std::string(reason)]; }
  void censor(double seconds, std::string_view reason);

  std::optional<double> timeout_;
  History history_;
};

}  // namespace deploysim::calibrate
