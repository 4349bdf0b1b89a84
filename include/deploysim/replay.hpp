// `deploysim run --replay TAPE` (../shared/spec/COMMANDS.md, `live`): a tape
// of `deploysim live --record` played back deterministically, with no network.
#pragma once

#include <vector>

#include "deploysim/diagnostics.hpp"
#include "deploysim/scenario.hpp"
#include "deploysim/tape.hpp"

namespace deploysim::live {

// Makes each (webhook, target) of the tape play its taped invocations, in
// tape order, before the scenario's model applies: they become the first
// entries of its scripted sequence (the scenario's own sequence goes on from
// the next position). SUCCESS and FAILURE keep the callback's instant (the
// tape's `after` runs from the first attempt; the entry's from the attempt
// that got through, after the retry delays); TIMEOUT, ABANDONED and PENDING
// replay as no callback, UNREACHABLE as unreachable; every attempt before
// the one that got through failed. A webhook or target the deploy file does
// not have is an error at the entry's line. Returns false, leaving the
// scenario unchanged, on an error.
bool replay_tape(Scenario& scenario, const std::vector<TapeEntry>& tape, Diagnostics& diagnostics);

}  // namespace deploysim::live
