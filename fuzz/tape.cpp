// libFuzzer target: the tape reader of `deploysim live` (JSON lines, one
// invocation each), which `deploysim calibrate` also reads tapes with.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "deploysim/diagnostics.hpp"
#include "deploysim/tape.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  deploysim::Diagnostics diagnostics;
  (void)deploysim::live::read_tape_from_string(text, "fuzz/tape.jsonl", diagnostics);
  return 0;
}
