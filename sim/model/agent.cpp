// W9, W11: when a Remote Network Agent is up. Outage windows are [from, to).
#include "model.hpp"

namespace deploysim::model {

bool agent_down(const AgentFaults* agent, SimTime at) {
  if (agent == nullptr) return false;
  for (const DownWindow& w : agent->down) {
    if (w.from <= at && at < w.to) return true;
  }
  return false;
}

SimTime agent_up_from(const AgentFaults* agent, SimTime at) {
  if (agent == nullptr) return at;
  // Windows may overlap or touch: step past each one that holds `at` until
  // none does (each step moves strictly forward, past one window's end).
  for (bool moved = true; moved;) {
    moved = false;
    for (const DownWindow& w : agent->down) {
      if (w.from <= at && at < w.to) {
        at = w.to;
        moved = true;
      }
    }
  }
  return at;
}

}  // namespace deploysim::model
