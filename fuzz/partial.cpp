// libFuzzer target: the partial results `deploysim merge` reads, then the
// merge and the reports written from it. An input is one partial, or several
// separated by form feeds ('\f', which JSON text never contains unescaped):
// the seeds include the two shards of one run, so mutations reach the merge's
// checks and the writers with crafted counts.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "deploysim/diagnostics.hpp"
#include "deploysim/montecarlo_report.hpp"
#include "deploysim/shard.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr std::size_t kMaxParts = 8;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<deploysim::PartialResult> parts;
  std::vector<std::string> names;
  std::size_t begin = 0;
  while (begin <= text.size() && parts.size() < kMaxParts) {
    const std::size_t end = std::min(text.find('\f', begin), text.size());
    names.push_back("part-" + std::to_string(names.size()) + ".json");
    deploysim::Diagnostics diagnostics;
    std::optional<deploysim::PartialResult> part =
        deploysim::read_partial_json(text.substr(begin, end - begin), names.back(), diagnostics);
    if (!part) return 0;
    parts.push_back(std::move(*part));
    begin = end + 1;
  }
  names.resize(parts.size());
  deploysim::Diagnostics diagnostics;
  const std::optional<deploysim::MergedResult> merged =
      deploysim::merge_partials(parts, names, diagnostics);
  if (!merged) return 0;
  std::ostringstream report;
  deploysim::write_montecarlo_json(report, merged->scenario, merged->result);
  deploysim::write_montecarlo_text(report, merged->scenario, merged->result);
  return 0;
}
