// A stream of changes through one deployment (`deploysim stream`,
// ../shared/spec/COMMANDS.md "stream"): changes arrive by the scenario's
// `releases.arrivals`, each asks for a pipeline, and the deploy file's
// `deploymentConfig.ifDeploymentInProgress.strategy` decides what a request
// does while a pipeline runs. The result holds the DORA keys and what the
// policy did.
//
//   stream::Options o{.changes = 100000, .seed = 7};
//   stream::Result r = stream::run_stream(scenario, o);
//   stream::write_text(std::cout, scenario, r);
//
// Rules (COMMANDS.md; the choices the contract leaves are marked "here"):
// - One pipeline runs at a time. `reject`: a request while one runs is
//   REJECTED. `enqueueOne`: it waits in one slot; a newer request replaces the
//   waiting one (SUPERSEDED); the waiting one starts the instant the running
//   one ends. Here, a pipeline that ends at the same millisecond a change
//   arrives ends first, so that change finds the slot free.
// - A pipeline carries every change that arrived up to its request and is not
//   yet delivered. A change is delivered when a pipeline carrying it ends with
//   every `measureAt` target SUCCEEDED; lead time = delivery - arrival.
// - The k-th pipeline started (k = 0, 1, ...) is replication k of the
//   Simulator for the seed: its draws do not depend on the arrivals, so
//   changing `arrivals` leaves every pipeline's own course unchanged.
// - Here, a pipeline still live at the scenario's horizon (counted from its
//   own start) holds the slot until that horizon and then counts as failed,
//   and its changes stay undelivered until a later pipeline delivers them.
// - The stream ends when the last change has arrived and no pipeline runs or
//   waits; changes not delivered by then are `undelivered`.
//
// Memory is flat in the number of changes: quantiles come from LogHistogram,
// throughput from a fixed number of time bins, and the arrival times of
// undelivered changes are drawn again from a saved random state at delivery
// instead of being stored. The report is the same for any number of threads.
//
// Several streams (Options::streams, `--streams R`): R independent streams of
// `changes` changes each, summed into one Result (every count and histogram
// adds; the throughput bins of all streams are added over the same time axis
// from t = 0). A stream is one long sequence (what happens to change k
// depends on every earlier change), so it cannot be cut in parts; what splits
// (threads here, shards in stream_shard.hpp) is the set of streams. Stream s
// has keyed draws of its own: its k-th pipeline is replication
// s * kStreamStride + k of the seed and its arrivals are keyed by
// kArrivalsKey + s, so stream 0 is the single stream and stream s is the same
// whichever process plays it.
#pragma once

#include <array>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "deploysim/deployment.hpp"
#include "deploysim/histogram.hpp"
#include "deploysim/outcome.hpp"
#include "deploysim/scenario.hpp"
#include "deploysim/simulation.hpp"
#include "deploysim/time.hpp"

namespace deploysim::stream {

// The replication indices of stream s are [s * kStreamStride, s *
// kStreamStride + changes): above any number of changes (kMaxRuns < 2^32).
inline constexpr std::uint64_t kStreamStride = std::uint64_t{1} << 32;
// The most streams one run plays (their replication ranges stay below 2^52,
// far from the arrivals' keys).
inline constexpr std::uint64_t kMaxStreams = 1'000'000;

struct Options {
  std::uint64_t changes = 1000;  // changes that arrive in each stream; at least 1
  std::uint64_t streams = 1;     // independent streams, summed; 1..kMaxStreams
  std::uint64_t seed = 1;
  // Threads that play pipelines ahead of the queue (they do not depend on
  // the arrivals); 0: std::thread::hardware_concurrency(). Any value gives
  // the same result.
  unsigned threads = 1;
  // Passed to every pipeline (horizon, ...). seed, replication and
  // record_details are set by run_stream.
  RunOptions base;
};

// Counts per time bin over [0, end of the stream]: a fixed number of bins
// whose width doubles (neighbours merged) when the stream outgrows them, so
// memory does not grow with the number of changes.
struct Throughput {
  static constexpr std::size_t kBins = 96;
  Duration bin_width = std::chrono::hours(1);
  std::array<std::uint64_t, kBins> arrivals{};
  std::array<std::uint64_t, kBins> delivered_changes{};
  std::array<std::uint64_t, kBins> successful_pipelines{};
  std::array<std::uint64_t, kBins> failed_pipelines{};
  std::array<std::uint64_t, kBins> rejected{};
  std::array<std::uint64_t, kBins> superseded{};
  std::size_t bins_used = 0;  // bins up to the last event
};

struct Result {
  IfDeploymentInProgress policy = IfDeploymentInProgress::kReject;
  std::vector<std::string> measure_at;
  std::uint64_t seed = 0;
  unsigned threads = 1;          // threads actually used
  std::uint64_t streams = 0;     // streams summed here
  std::uint64_t changes = 0;     // over every stream
  std::uint64_t rejected = 0;    // requests refused (reject)
  std::uint64_t superseded = 0;  // waiting requests replaced by a newer one (enqueueOne)
  std::uint64_t pipelines = 0;   // pipelines started
  // Pipelines by their pipeline status (indexed by TargetStatus); one cut by
  // the horizon keeps the live status it had there (RUNNING, PAUSED, ...).
  std::array<std::uint64_t, kTargetStatusCount> pipeline_status{};
  std::uint64_t successful_pipelines = 0;  // every measureAt target SUCCEEDED
  std::uint64_t cut_by_horizon = 0;
  std::uint64_t delivered = 0;   // changes delivered
  std::uint64_t waited = 0;      // pipelines whose request waited for the slot
  LogHistogram lead_time;        // per delivered change, ms
  LogHistogram wait_for_slot;    // per pipeline: request -> start, ms (0 when it did not wait)
  LogHistogram pipeline_time;    // per pipeline: start -> end, ms
  LogHistogram time_to_restore;  // per failure episode: first failed end -> next successful end
  std::uint64_t unrestored = 0;  // streams that ended in a failure episode
  SimTime end{0};                // the last arrival or pipeline end (of the longest stream)
  Duration span{0};              // the sum over the streams of their ends
  Throughput throughput;
  double wall_seconds = 0;  // elapsed real time (not in JSON: it varies)
};

// Plays streams [0, options.streams) and sums them. REQUIRES:
// scenario.releases is set (the loader checks its names), options.changes >=
// 1 and 1 <= options.streams <= kMaxStreams. Exceptions of a pipeline thread
// are rethrown here.
Result run_stream(const Scenario& scenario, const Options& options);

// Plays streams [first, first + count) (options.streams is ignored) and sums
// them; count 0 gives an empty Result (streams 0) that adds nothing in merge().
// REQUIRES: as run_stream, and first + count <= kMaxStreams.
Result run_streams(const Scenario& scenario, const Options& options, std::uint64_t first,
                   std::uint64_t count);

// Adds `from` into `into`: counts and histograms add, the throughput bins are
// brought to the wider bin width and added, `end` is the later one and `span`
// the sum. Exact, commutative and associative, so any grouping of the same
// streams gives the same Result. REQUIRES: both from the same scenario,
// policy and seed.
void merge(Result& into, const Result& from);

// What the simulator can and cannot know about the DORA keys, one sentence
// each; every report prints them.
std::vector<std::string> notes(const Result& result);

// The report as JSON (COMMANDS.md keys: changes, rejected, superseded,
// pipelines, deploymentFrequency, leadTime, changeFailRate, timeToRestore;
// durations in seconds), as text, and as a self-contained HTML page (lead
// time distribution, throughput over time, queue and rejection shares).
void write_json(std::ostream& out, const Scenario& scenario, const Result& result);
void write_text(std::ostream& out, const Scenario& scenario, const Result& result);
void write_html(std::ostream& out, const Scenario& scenario, const Result& result);

// One point of `stream --sweep`: a value per --sweep path (in the order the
// paths were given), and the stream played there.
struct SweepPoint {
  std::vector<std::string> values;
  Result result;
};

// The sweep reports, points in sweep_grid order (sweep.hpp). JSON as
// `montecarlo --sweep` nests it: {"schemaVersion": 1, "scenario", "sweep":
// [PATH...], "points": [{"values": {PATH: v}, "report": <write_json's
// report>}]}, a value a JSON number when its text is one, else a string.
// Text: one table row per point with the policy's figures (rejected,
// superseded, deployment frequency, lead time p50/p90, change fail rate,
// undelivered). HTML: lines over the swept value of the rejected and
// superseded shares and of the lead time's p50 and p90, and the numbers
// (key elements #sweep .sweep-line #sweep-shares #sweep-lead-time #summary).
void write_sweep_json(std::ostream& out, const Scenario& scenario,
                      const std::vector<std::string>& paths, const std::vector<SweepPoint>& points);
void write_sweep_text(std::ostream& out, const Scenario& scenario,
                      const std::vector<std::string>& paths, const std::vector<SweepPoint>& points);
void write_sweep_html(std::ostream& out, const Scenario& scenario,
                      const std::vector<std::string>& paths, const std::vector<SweepPoint>& points);

}  // namespace deploysim::stream
