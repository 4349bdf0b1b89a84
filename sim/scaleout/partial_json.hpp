// The JSON form of an Aggregate's integer state, shared by the partial-result
// files (partial.cpp) and the MPI driver (which gathers the cause keys, the
// one part of the state that is strings rather than integers).
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "deploysim/aggregate.hpp"

namespace deploysim::scaleout {

using Json = nlohmann::ordered_json;

// Thrown by the readers below with a message naming the offending field
// ("aggregate.targets[2].finishedAtMs: ..."); partial.cpp turns it into an error string.
class FormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// [{"target", "phase", "step" (null when unknown), "reason", "count"}], in key order.
Json causes_json(const std::map<CauseKey, std::uint64_t>& causes);

// The inverse; `target_count` bounds the target indices. Adds the counts into
// `out` (so it also merges). Throws FormatError.
void read_causes(const Json& j, std::size_t target_count, const std::string& where,
                 std::map<CauseKey, std::uint64_t>& out);

}  // namespace deploysim::scaleout
