// W9, W11, SCENARIO.md "Outage processes": when a Remote Network Agent or a
// webhook receiver is up. Fixed windows are [from, to); an agent's outage
// process adds its down periods to them.
#include "model.hpp"

namespace deploysim::model {

bool in_windows(const std::vector<DownWindow>& windows, SimTime at) {
  for (const DownWindow& w : windows) {
    if (w.from <= at && at < w.to) return true;
  }
  return false;
}

SimTime after_windows(const std::vector<DownWindow>& windows, SimTime at) {
  // Windows may overlap or touch: step past each one that holds `at` until
  // none does (each step moves strictly forward, past one window's end).
  for (bool moved = true; moved;) {
    moved = false;
    for (const DownWindow& w : windows) {
      if (w.from <= at && at < w.to) {
        at = w.to;
        moved = true;
      }
    }
  }
  return at;
}

bool Model::agent_down(int agent, SimTime at) {
  if (agent < 0) return false;
  FaultyAgent& a = agents_[agent];
  return in_windows(a.faults->down, at) || (a.outages && a.outages->down(draws_, at));
}

SimTime Model::agent_up_from(int agent, SimTime at) {
  if (agent < 0) return at;
  FaultyAgent& a = agents_[agent];
  // Alternate until neither the windows nor the process hold `at`; each
  // pass that moves goes strictly forward.
  for (;;) {
    const SimTime after = after_windows(a.faults->down, at);
    const SimTime up = a.outages ? a.outages->up_from(draws_, after) : after;
    if (up == at) return at;
    at = up;
  }
}

bool Model::receiver_down(int receiver, SimTime at) {
  return receiver >= 0 && receivers_[receiver].down(draws_, at);
}

}  // namespace deploysim::model
