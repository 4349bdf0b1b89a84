// The scale-out branch of `deploysim montecarlo`: --shard I/K (write a
// partial result for `deploysim merge`) and --mpi (split the runs over the
// MPI ranks). montecarlo_command.cpp loads the scenario and the options and
// hands over here; see docs/SCALE-OUT.md.
#pragma once

#include <string>

#include "command.hpp"
#include "deploysim/montecarlo.hpp"

namespace deploysim::cli {

// What the montecarlo command line asked for, beyond MonteCarloOptions.
struct ScaleOutRequest {
  std::string shard;   // --shard text; empty when not given
  bool mpi = false;    // --mpi
  bool sweep = false;  // --sweep was given (it cannot be combined with either)
  std::string format;  // "text" or "json"; --mpi only (a partial is always JSON)
  std::string output;  // -o; empty: stdout
  std::string html;    // --html; --mpi only
};

// True when the request is for this branch.
inline bool wants_scale_out(const ScaleOutRequest& r) { return !r.shard.empty() || r.mpi; }

// Runs the request and writes its output. Returns the exit code: 2 for a
// combination of options it refuses, an unset auto index, or --mpi in a
// build without MPI. REQUIRES: wants_scale_out(request); `options` holds the
// runs, seed, threads, stop flag and the RunOptions of the command line.
int run_scale_out(Streams io, const Scenario& scenario, const MonteCarloOptions& options,
                  const ScaleOutRequest& request);

}  // namespace deploysim::cli
