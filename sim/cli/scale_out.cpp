// --shard and --mpi for `deploysim montecarlo`. Output is rendered into
// memory and written at the end, like the rest of the command, so a refused
// request leaves no file behind.
#include "scale_out.hpp"

#include <cstdlib>
#include <sstream>

#include "deploysim/cli.hpp"
#include "deploysim/montecarlo_report.hpp"
#include "deploysim/shard.hpp"
#include "output_file.hpp"

namespace deploysim::cli {
namespace {

int refuse(Streams io, const std::string& message) {
  io.err << "deploysim montecarlo: error: " << message << '\n';
  return kExitBadInput;
}

// The first error of `diagnostics` (they hold one), refused.
int refuse(Streams io, const Diagnostics& diagnostics) {
  return refuse(io, diagnostics.problems().front().message);
}

int run_shard(Streams io, const Scenario& scenario, const MonteCarloOptions& options,
              const ScaleOutRequest& request) {
  if (!request.html.empty()) {
    return refuse(io,
                  "--html with --shard: a shard writes a partial result; render the page "
                  "when merging (deploysim merge part-*.json --html OUT.html)");
  }
  Diagnostics problems;
  const std::optional<ShardSpec> spec = parse_shard(
      request.shard, [](const char* name) -> const char* { return std::getenv(name); }, problems);
  if (!spec) return refuse(io, problems);
  const std::optional<std::uint64_t> hash = inputs_hash(scenario, options.base, problems);
  if (!hash) return refuse(io, problems);

  const RunRange range = shard_range(options.runs, *spec);
  const MonteCarloResult result = run_montecarlo_range(scenario, options, range);
  if (result.stopped_early) {
    io.err << "deploysim montecarlo: interrupted: shard " << spec->index << "/" << spec->count
           << " completed " << result.aggregate.runs() << " of " << range.size()
           << " runs; deploysim merge will refuse this part\n";
  }
  std::ostringstream partial;
  write_partial_json(partial, make_partial(scenario, *hash, options, *spec, result));
  return write_output(io, request.output, partial);
}

int run_mpi(Streams io, const Scenario& scenario, const MonteCarloOptions& options,
            const ScaleOutRequest& request) {
  if (!mpi_enabled()) {
    return refuse(io,
                  "--mpi: this deploysim was built without MPI (configure with "
                  "-DDEPLOYSIM_WITH_MPI=ON and an MPI library, e.g. Debian's libopenmpi-dev)");
  }
  MonteCarloOptions mpi_options = options;
  mpi_options.on_progress = nullptr;  // R ranks drawing one bar would garble it
  const MpiOutcome outcome = run_montecarlo_mpi(scenario, mpi_options);
  if (outcome.rank != 0) return kExitOk;  // rank 0 alone reports

  const MonteCarloResult& result = outcome.result;
  if (result.stopped_early) {
    io.err << "deploysim montecarlo: interrupted: reporting the " << result.aggregate.runs()
           << " of " << result.runs_requested << " runs completed\n";
  }
  std::ostringstream report;
  if (request.format == "json") {
    write_montecarlo_json(report, scenario, result);
  } else {
    write_montecarlo_text(report, scenario, result);
  }
  if (!request.html.empty()) {
    std::ostringstream page;
    write_montecarlo_html(page, scenario, result);
    if (const int code = write_output(io, request.html, page); code != kExitOk) return code;
  }
  return write_output(io, request.output, report);
}

}  // namespace

int run_scale_out(Streams io, const Scenario& scenario, const MonteCarloOptions& options,
                  const ScaleOutRequest& request) {
  if (request.sweep) return refuse(io, "--sweep cannot be combined with --shard or --mpi");
  if (!request.shard.empty() && request.mpi) {
    return refuse(io, "--shard and --mpi are two ways to split one run; give one of them");
  }
  return request.mpi ? run_mpi(io, scenario, options, request)
                     : run_shard(io, scenario, options, request);
}

}  // namespace deploysim::cli
