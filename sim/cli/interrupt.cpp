#include "interrupt.hpp"

#include <csignal>

namespace deploysim::cli {
namespace {

// Set by the SIGINT handler; lock-free, so setting it is async-signal-safe.
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_sigint(int) { g_interrupted.store(true); }

}  // namespace

SigintGuard::SigintGuard() {
  g_interrupted.store(false);
  previous_ = std::signal(SIGINT, on_sigint);
}

SigintGuard::~SigintGuard() { std::signal(SIGINT, previous_ == SIG_ERR ? SIG_DFL : previous_); }

const std::atomic<bool>* SigintGuard::flag() const { return &g_interrupted; }

bool SigintGuard::interrupted() const { return g_interrupted.load(); }

}  // namespace deploysim::cli
