// tape_entry() (live.hpp): an invocation's record as a tape line.
#include "deploysim/live.hpp"

namespace deploysim::live {

TapeEntry tape_entry(const InvocationRecord& record, TapeEntry known, Duration callback_after) {
  known.invocation = record.id;
  known.requests = record.requests;
  known.contract = record.contract;
  known.callback.reset();
  if (record.callback) {
    TapeCallback c;
    c.after = callback_after;
    c.wall_seconds = record.callback->wall_seconds;
    c.success = record.callback->success;
    c.md_message = record.callback->md_message;
    known.callback = c;
  }
  return known;
}

}  // namespace deploysim::live
