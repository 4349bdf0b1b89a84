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

struct Options {
  std::uint64_t changes = 1000;  // changes that arrive; at least 1
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
  unsigned threads = 1;  // threads actually used
  std::uint64_t changes = 0;
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
  bool unrestored = false;       // the stream ended in a failure episode
  SimTime end{0};                // the last arrival or pipeline end
  Throughput throughput;
  double wall_seconds = 0;  // elapsed real time (not in JSON: it varies)
};

// Plays the stream. REQUIRES: scenario.releases is set (the loader checks its
// names) and options.changes >= 1. Exceptions of a pipeline thread are
// rethrown here.
Result run_stream(const Scenario& scenario, const Options& options);

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

}  // namespace deploysim::stream
