// Scale-out of `deploysim montecarlo` (docs/SCALE-OUT.md): shards that each
// run a contiguous block of the replications and write a partial result, the
// exact merge of those partials, and the MPI driver.
//
//   // On machine I of K (a Kubernetes Indexed Job, a Slurm array task, ...):
//   Diagnostics diagnostics;
//   std::optional<ShardSpec> spec = parse_shard("auto/8", env, diagnostics);
//   std::optional<std::uint64_t> hash = inputs_hash(scenario, options.base, diagnostics);
//   RunRange range = shard_range(options.runs, *spec);
//   MonteCarloResult r = run_montecarlo_range(scenario, options, range);
//   write_partial_json(out, make_partial(scenario, *hash, options, *spec, r));
//
//   // Anywhere, afterwards, with the K files read back by read_partial_json:
//   std::optional<MergedResult> m = merge_partials(parts, file_names, diagnostics);
//   write_montecarlo_json(std::cout, m->scenario, m->result);  // == the unsharded report
//
// Errors are reported into a Diagnostics, as everywhere in deploysim, and the
// function returns nullopt.
//
// Replication i draws keyed numbers of (seed, i) whichever process runs it,
// and the Aggregate is integer counts, so the merge of the shards is the
// unsharded summary exactly and the merged report is the same bytes.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "deploysim/diagnostics.hpp"
#include "deploysim/montecarlo.hpp"
#include "deploysim/scenario.hpp"
#include "deploysim/simulation.hpp"

namespace deploysim {

// --- Shards ---------------------------------------------------------------------

// Shard `index` of `count` (0 <= index < count).
struct ShardSpec {
  std::uint64_t index = 0;
  std::uint64_t count = 1;
  bool operator==(const ShardSpec& other) const = default;
};

// The largest K accepted: more shards than this is a typo, not a cluster.
inline constexpr std::uint64_t kMaxShards = 1'000'000;

// Looks up an environment variable; nullptr when unset (std::getenv's contract).
using EnvLookup = std::function<const char*(const char* name)>;

// Parses `--shard I/K`, or `--shard auto/K` with I from JOB_COMPLETION_INDEX
// (Kubernetes Indexed Jobs), else SLURM_ARRAY_TASK_ID (Slurm job arrays).
// nullopt, with one error in `diagnostics` (no location), when malformed, out
// of range, or auto and neither variable is set.
std::optional<ShardSpec> parse_shard(std::string_view text, const EnvLookup& env,
                                     Diagnostics& diagnostics);

// A block of replication indices [begin, end).
struct RunRange {
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
  std::uint64_t size() const { return end - begin; }
  bool operator==(const RunRange& other) const = default;
};

// The replications of shard I of K out of `runs`: the contiguous block
// [floor(I*N/K), floor((I+1)*N/K)). The K blocks tile [0, N) in order and
// differ in size by at most one. REQUIRES: spec.index < spec.count <= kMaxShards.
RunRange shard_range(std::uint64_t runs, const ShardSpec& spec);

// Runs replications [range.begin, range.end) of `scenario` as run_montecarlo
// would (options.runs is ignored): replication i keeps the stream of
// (options.seed, i). The result's runs_requested is range.size().
MonteCarloResult run_montecarlo_range(const Scenario& scenario, const MonteCarloOptions& options,
                                      RunRange range);

// The `threads` an unsharded `montecarlo --runs N [--threads T]` reports on
// this machine (T, or the number of cores, at least 1 and at most N). Merged
// and MPI reports write this value so that they are byte-identical to the
// unsharded report; `threads` is a property of how a report was computed, not
// of what it says.
unsigned unsharded_thread_count(unsigned requested, std::uint64_t runs);

// --- Inputs hash ---------------------------------------------------------------

// FNV-1a 64 of `bytes`, continuing from `hash`.
inline constexpr std::uint64_t kFnv1aOffset = 0xcbf29ce484222325ull;
std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash = kFnv1aOffset);

// What a set of runs depends on besides N and the seed: FNV-1a 64 over the
// bytes of the scenario file, of the deploy file it names (when that is a
// separate file), and of the options that change a replication (--horizon,
// --target, --first-deployment, --add-context), each framed with a label and
// a length. Raw bytes, so the hash does not depend on where the files are but
// does change with any edit, even a comment. nullopt, with one error in
// `diagnostics` ("PATH: cannot read it ..."), when a file cannot be read.
std::optional<std::uint64_t> inputs_hash(const Scenario& scenario, const RunOptions& base,
                                         Diagnostics& diagnostics);

// "fnv1a64:" and 16 hex digits.
std::string format_inputs_hash(std::uint64_t hash);

// --- Partial results -------------------------------------------------------------

// What one shard writes: its Aggregate's integer state and what the merge
// needs to check and render it. Everything else in a report (probabilities,
// intervals, quantiles, seconds) is derived from these at merge time.
struct PartialResult {
  std::uint64_t inputs_hash = 0;
  std::string scenario;              // Scenario::name
  std::vector<std::string> targets;  // target names, in deploy-file order
  std::uint64_t runs = 0;            // N of the whole run
  std::uint64_t seed = 0;
  ShardSpec shard;
  RunRange range;
  unsigned threads = 0;  // this shard's threads (informational)
  bool stopped_early = false;
  Aggregate aggregate;
};

// The partial of shard `spec` whose replications gave `result`.
PartialResult make_partial(const Scenario& scenario, std::uint64_t inputs_hash,
                           const MonteCarloOptions& options, const ShardSpec& spec,
                           const MonteCarloResult& result);

// `"kind": "deploysim-partial"`, schemaVersion 1: integers and names only
// (no floating-point value), indented, followed by a newline. Layout in
// docs/SCALE-OUT.md.
void write_partial_json(std::ostream& out, const PartialResult& partial);

// Parses and checks a partial: kind, schema version, every field's type,
// the shard's range, and that the counts are consistent (every tally's status
// counts add up to the runs, histograms are well formed). nullopt otherwise,
// with one error at `path` (the file `text` was read from) in `diagnostics`
// naming the offending field.
std::optional<PartialResult> read_partial_json(std::string_view text, const std::string& path,
                                               Diagnostics& diagnostics);

// --- Merge ----------------------------------------------------------------------

// A merged run: the report's result and the little of the scenario the
// writers use (its name and its target names).
struct MergedResult {
  Scenario scenario;
  MonteCarloResult result;
};

// Combines the partials of one run. Refuses (nullopt, with one error in
// `diagnostics` naming the parts by `names[i]`, no location) parts from
// different inputs, N, seed or K, two parts of one shard, missing shards, and
// shards that were interrupted. REQUIRES: names.size() == parts.size().
std::optional<MergedResult> merge_partials(const std::vector<PartialResult>& parts,
                                           const std::vector<std::string>& names,
                                           Diagnostics& diagnostics);

// "I/K".
std::string shard_text(const ShardSpec& shard);

// One number the parts of a run must agree on, with how an error names it:
// {"--runs", 2000, 3000} gives "come from different --runs (2000 vs 3000)".
struct PartNumber {
  const char* name;
  std::uint64_t first;
  std::uint64_t other;
};

// The first way in which part `name` is not from the same run as part
// `first_name`, as a sentence naming both; empty when they fit. In this
// order: different inputs (`same_inputs` false or the hashes differ), each of
// `numbers`, a different K. Shared by every merge of partial results.
std::string part_mismatch(const std::string& first_name, const std::string& name, bool same_inputs,
                          std::uint64_t first_hash, std::uint64_t hash,
                          const std::vector<PartNumber>& numbers, const ShardSpec& first_shard,
                          const ShardSpec& shard);

// Checks that a set of parts are exactly the K shards of one run and returns
// the part of each shard 0..K-1. Given the shard of every part, the parts'
// names, and `mismatch(i)`: how part i is not from the same run as part 0
// (part_mismatch, empty when it is). Refuses, with one error in `diagnostics`
// (no location): no parts, the first mismatch, two parts of one shard ("A and
// B are both shard 2/3 (overlapping parts)") and missing shards ("missing
// shards 0/8, 5/8: got 6 of 8 parts"). Shared by every merge of partial results.
std::optional<std::vector<std::size_t>> order_parts(
    const std::vector<ShardSpec>& shards, const std::vector<std::string>& names,
    const std::function<std::string(std::size_t part)>& mismatch, Diagnostics& diagnostics);

// --- MPI ------------------------------------------------------------------------

// True when this build has the MPI driver (CMake option DEPLOYSIM_WITH_MPI).
bool mpi_enabled();

// The part of an MPI run that this process sees.
struct MpiOutcome {
  int rank = 0;
  int size = 1;
  // On rank 0, the whole run (equal to run_montecarlo's but for wall_seconds);
  // elsewhere the rank's own share, for diagnostics only.
  MonteCarloResult result;
};

// Initialises MPI, runs rank r's contiguous block of the replications
// (shard_range with I = r, K = the number of ranks) on options.threads
// threads (0: the cores of this node divided among the ranks on it), reduces
// the integer state onto rank 0 (MPI_Reduce with MPI_SUM of the counts and
// bucket arrays, MPI_MIN/MPI_MAX of the extremes; the cause keys, which are
// strings, are gathered), and finalises MPI. result.threads is
// unsharded_thread_count(options.threads, options.runs). An exception on any
// rank aborts the whole job (MPI_Abort) rather than leaving the others waiting.
// REQUIRES: mpi_enabled(); called at most once per process.
MpiOutcome run_montecarlo_mpi(const Scenario& scenario, const MonteCarloOptions& options);

}  // namespace deploysim
