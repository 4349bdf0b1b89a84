// Shards of `deploysim stream` (docs/SCALE-OUT.md "Shards of a stream"):
// shard I of K plays a contiguous block of the R independent streams of
// `--streams R` and writes their sum as a partial result; `deploysim merge`
// adds the K partials into the report the unsharded run writes, byte for byte.
//
//   std::optional<std::uint64_t> hash = stream::inputs_hash(scenario, options, diagnostics);
//   RunRange range = shard_range(options.streams, spec);            // shard.hpp
//   stream::Result r = stream::run_streams(scenario, options, range.begin, range.size());
//   stream::write_partial_json(out, stream::make_partial(scenario, *hash, options, spec, r));
//   ...
//   std::optional<stream::Merged> m = stream::merge_partials(parts, names, diagnostics);
//   stream::write_json(std::cout, m->scenario, m->result);  // == the unsharded report
//
// Why shards split streams and not one stream: what happens to change k
// depends on the queue left by every earlier change, so a block of one
// stream cannot be played without the blocks before it. Streams are
// independent (stream s has its own keyed draws, stream.hpp) and a Result is
// integer counts and histograms that add exactly, so the K partials add up to
// the unsharded sum whatever K is.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "deploysim/diagnostics.hpp"
#include "deploysim/scenario.hpp"
#include "deploysim/shard.hpp"
#include "deploysim/stream.hpp"

namespace deploysim::stream {

// inputs_hash() of shard.hpp (the scenario and deploy files' bytes, the
// horizon) continued with the policy the streams play, which the command line
// can set apart from the file (--if-deployment-in-progress).
std::optional<std::uint64_t> inputs_hash(const Scenario& scenario, const Options& options,
                                         Diagnostics& diagnostics);

// What one shard writes: the integer state of its streams' Result and what
// the merge needs to check it.
struct PartialResult {
  std::uint64_t inputs_hash = 0;
  std::string scenario;       // Scenario::name
  std::uint64_t changes = 0;  // per stream
  std::uint64_t streams = 0;  // R of the whole run
  std::uint64_t seed = 0;
  ShardSpec shard;
  RunRange range;        // the streams of this shard
  unsigned threads = 0;  // informational
  Result result;         // the sum of the shard's streams
};

PartialResult make_partial(const Scenario& scenario, std::uint64_t inputs_hash,
                           const Options& options, const ShardSpec& shard, const Result& result);

// `"kind": "deploysim-stream-partial"`, schemaVersion 1: integers and names
// only, indented, followed by a newline.
void write_partial_json(std::ostream& out, const PartialResult& partial);

// True when `text` is JSON whose "kind" is "deploysim-stream-partial" (how
// `deploysim merge` tells a stream's parts from montecarlo's).
bool is_partial_json(std::string_view text);

// Parses and checks a partial: kind, version, every field's type, the range
// of its shard, and that its counts are consistent (statuses add up to the
// pipelines, histograms are well formed, changes = streams x changes per
// stream). nullopt otherwise, with one error at `path` naming the field.
std::optional<PartialResult> read_partial_json(std::string_view text, const std::string& path,
                                               Diagnostics& diagnostics);

// A merged run: the Result and the little of the scenario the writers use
// (its name).
struct Merged {
  Scenario scenario;
  Result result;
};

// Adds the partials of one run. Refuses (nullopt, one error naming the parts
// by `names[i]`) parts from different inputs, changes, streams, seed or K,
// two parts of one shard and missing shards. REQUIRES: names.size() ==
// parts.size().
std::optional<Merged> merge_partials(const std::vector<PartialResult>& parts,
                                     const std::vector<std::string>& names,
                                     Diagnostics& diagnostics);

}  // namespace deploysim::stream
