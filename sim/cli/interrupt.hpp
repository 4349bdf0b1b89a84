// Ctrl-C for the commands whose work is long and can be cut short with a
// report of what was done (montecarlo, compare): while a SigintGuard lives,
// SIGINT sets one lock-free atomic flag (the only global of the CLI, because
// a signal handler can reach nothing else) instead of ending the process; the
// workers poll it through MonteCarloOptions::stop and stop after their current
// replication. The previous handler is restored afterwards, so a second
// Ctrl-C outside a run behaves as usual. One guard at a time.
#pragma once

#include <atomic>

namespace deploysim::cli {

class SigintGuard {
 public:
  // Clears the flag and installs the handler.
  SigintGuard();
  // Restores the handler that was there before.
  ~SigintGuard();
  SigintGuard(const SigintGuard&) = delete;
  SigintGuard& operator=(const SigintGuard&) = delete;

  // The flag, for MonteCarloOptions::stop; valid for the guard's lifetime.
  const std::atomic<bool>* flag() const;
  // True once SIGINT arrived while this guard was installed.
  bool interrupted() const;

 private:
  void (*previous_)(int);
};

}  // namespace deploysim::cli
