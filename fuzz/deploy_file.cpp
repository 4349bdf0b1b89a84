// libFuzzer target: the deploy-file loader (YAML -> Deployment, validation,
// lint), in lenient and in strict mode. Any input must end in a Deployment or
// in diagnostics: never a crash, a hang or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string>

#include "deploysim/diagnostics.hpp"
#include "deploysim/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const bool strict : {false, true}) {
    deploysim::Diagnostics diagnostics;
    (void)deploysim::load_deployment_from_string(text, "fuzz/deploy.yml", {.strict = strict},
                                                 diagnostics);
  }
  return 0;
}
