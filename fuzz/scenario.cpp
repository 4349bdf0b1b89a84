// libFuzzer target: the scenario loader, its deploy file inline (`deployment:`
// as a mapping) or a bare deploy file. The path names a folder that does not
// exist, so a relative `deployment` path reads nothing. Also reads the header
// `deploysim test` reads from every file first.
#include <cstddef>
#include <cstdint>
#include <string>

#include "deploysim/diagnostics.hpp"
#include "deploysim/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string path = "/nonexistent-deploysim-fuzz/scenario.yml";
  deploysim::Diagnostics header_diagnostics;
  (void)deploysim::read_scenario_header(text, path, header_diagnostics);
  deploysim::Diagnostics diagnostics;
  (void)deploysim::load_scenario_from_string(text, path, {}, diagnostics);
  return 0;
}
