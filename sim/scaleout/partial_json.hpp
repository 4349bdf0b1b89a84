// The JSON form of an Aggregate's integer state, shared by the partial-result
// files (partial.cpp) and the MPI driver (which gathers the cause keys, the
// one part of the state that is strings rather than integers); and the
// strict readers every partial-result file uses (montecarlo's here, the
// stream's in sim/stream: #include "scaleout/partial_json.hpp").
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "deploysim/aggregate.hpp"
#include "deploysim/histogram.hpp"
#include "deploysim/shard.hpp"

namespace deploysim::scaleout {

using Json = nlohmann::ordered_json;

// Thrown by the readers below with a message naming the offending field
// ("aggregate.targets[2].finishedAtMs: ..."); partial.cpp turns it into an error string.
class FormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// --- Readers: each names the field it is about in the FormatError it throws. ---

[[noreturn]] void fail(const std::string& where, const std::string& what);
// object[key]; `where` is the object's path ("" at the top).
const Json& member(const Json& object, const std::string& where, const char* key);
std::string path_of(const std::string& where, const char* key);  // "where.key"
std::uint64_t read_u64(const Json& j, const std::string& where);
std::uint64_t u64_member(const Json& object, const std::string& where, const char* key);
std::int64_t i64_member(const Json& object, const std::string& where, const char* key);
const std::string& string_member(const Json& object, const std::string& where, const char* key);

// A LogHistogram's exact state: {"count", "sum", "min", "max", "buckets":
// [[index, count]...]}, and the inverse, which checks that the state is one
// add() can produce and that min and max lie in 0..max_ms.
Json histogram_json(const LogHistogram& h);
LogHistogram read_histogram(const Json& j, const std::string& where, std::int64_t max_ms);

// "inputsHash": "fnv1a64:" and 16 hex digits.
std::uint64_t read_inputs_hash(const Json& j);

// "shard": {"index", "count"} and "range": {"begin", "end"}, checked to be
// shard_range(total, shard); `unit` names what the range counts ("runs").
void read_shard_and_range(const Json& j, std::uint64_t total, const std::string& unit,
                          ShardSpec& shard, RunRange& range);

// [{"target", "phase", "step" (null when unknown), "reason", "count"}], in key order.
Json causes_json(const std::map<CauseKey, std::uint64_t>& causes);

// The inverse; `target_count` bounds the target indices. Adds the counts into
// `out` (so it also merges). Throws FormatError.
void read_causes(const Json& j, std::size_t target_count, const std::string& where,
                 std::map<CauseKey, std::uint64_t>& out);

}  // namespace deploysim::scaleout
