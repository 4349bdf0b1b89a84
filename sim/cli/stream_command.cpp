// deploysim stream FILE --changes N [--streams R] [--seed S] [--threads T]
//                       [--format text|json] [-o OUT] [--html OUT.html]
//                       [--sweep PATH=V1,V2,... ...] [--shard I/K | --shard auto/K]
//                       [--if-deployment-in-progress reject|enqueueOne]
//                       [--horizon DUR] [--strict]
//
// A stream of changes through the deployment (COMMANDS.md "stream",
// include/deploysim/stream.hpp). Loads once (and every sweep point), plays
// the stream, renders into memory and only then writes files, so bad input
// never leaves an -o file. --shard plays a block of the --streams and writes
// a partial result for `deploysim merge` (stream_shard.hpp).
#include <cstdlib>
#include <sstream>

#include "command.hpp"
#include "deploysim/cli.hpp"
#include "deploysim/loader.hpp"
#include "deploysim/montecarlo.hpp"
#include "deploysim/stream.hpp"
#include "deploysim/stream_shard.hpp"
#include "output_file.hpp"
#include "scenario_input.hpp"
#include "shared_options.hpp"

namespace deploysim::cli {
namespace {

class StreamCommand : public Command {
 public:
  CLI::App* add_to(CLI::App& parent) override {
    CLI::App* sub = parent.add_subcommand(
        "stream",
        "Play a stream of changes through the deployment: rejected and superseded requests, "
        "deployment frequency, lead time, change fail rate, time to restore");
    sub->add_option("FILE", file_, "Scenario file with a `releases` block")->required();
    sub->add_option("--changes", changes_,
                    "Number of changes that arrive in each stream (at most 10^9)")
        ->required()
        ->check(CLI::Range(std::uint64_t{1}, kMaxRuns));
    sub->add_option("--streams", streams_,
                    "Independent streams of --changes changes each, summed into one report "
                    "(stream s has keyed draws of its own; default 1)")
        ->check(CLI::Range(std::uint64_t{1}, stream::kMaxStreams));
    add_report_options(*sub, report_,
                       {.threads = "Threads that play pipelines ahead of the queue (default: the "
                                   "number of cores, at most 256; any value gives the same "
                                   "report)"});
    add_sweep_option(*sub, sweeps_, "releases.arrivals.exponential.mean=10m,20m,30m,60m");
    sub->add_option("--shard", shard_,
                    "Play only shard I of K of the --streams (I/K, or auto/K from "
                    "JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID) and write a partial result "
                    "for deploysim merge");
    sub->add_option("--if-deployment-in-progress", policy_,
                    "Play the stream with this policy instead of the deploy file's "
                    "deploymentConfig.ifDeploymentInProgress.strategy")
        ->check(CLI::IsMember({"reject", "enqueueOne"}));
    add_horizon_and_strict(*sub, report_, "Cut each pipeline at this simulated time",
                           "Load in strict mode");
    sub->footer(
        "Examples:\n"
        "  deploysim stream scenario.yml --changes 100000\n"
        "  deploysim stream scenario.yml --changes 100000 --if-deployment-in-progress "
        "enqueueOne\n"
        "  deploysim stream scenario.yml --changes 100000 --format json -o stream.json "
        "--html stream.html\n"
        "  deploysim stream scenario.yml --changes 20000 \\\n"
        "      --sweep releases.arrivals.exponential.mean=10m,20m,30m,60m --html sweep.html\n"
        "  deploysim stream scenario.yml --changes 100000 --streams 8 --shard 0/4 -o part-0.json");
    return sub;
  }

  int run(Streams io) override {
    stream::Options options;
    options.changes = changes_;
    options.streams = streams_;
    options.threads = report_.threads;
    if (!read_horizon_flag("stream", report_.horizon, options.base.horizon, io.err)) {
      return kExitBadInput;
    }
    const std::optional<std::vector<SweepSpec>> sweeps =
        parse_sweep_flags("stream", sweeps_, io.err);
    if (!sweeps) return kExitBadInput;
    if (!shard_.empty() && !sweeps->empty()) {
      return refuse(io, "--sweep cannot be combined with --shard");
    }
    if (!shard_.empty() && !report_.html.empty()) {
      return refuse(io,
                    "--html with --shard: a shard writes a partial result; render the page when "
                    "merging (deploysim merge part-*.json --html OUT.html)");
    }
    const LoadOptions load{.strict = report_.strict};
    Diagnostics diagnostics;
    std::optional<Scenario> scenario =
        load_scenario_with_targets(file_, load, {}, diagnostics, io.err);
    if (!scenario) return kExitBadInput;
    OutputFiles outputs;
    outputs.input(file_);
    outputs.input(scenario->deployment.source_file);
    outputs.output("-o", report_.output);
    outputs.output("--html", report_.html);
    if (!outputs.check(io.err)) return kExitBadInput;
    if (!scenario->releases) {
      print_file_error(io.err, file_,
                       "stream: the scenario has no `releases` block (releases: {arrivals: "
                       "DIST, measureAt: [targets]}, COMMANDS.md stream)");
      return kExitBadInput;
    }
    options.seed = report_.seed_or(scenario->seed);
    set_policy(*scenario);
    // Every point is loaded (and so checked) before anything runs.
    std::optional<SweepVariants> sweep = load_sweep_variants(file_, load, *sweeps, io.err);
    if (!sweep) return kExitBadInput;
    for (Scenario& variant : sweep->scenarios) set_policy(variant);

    if (!shard_.empty()) return run_shard(io, *scenario, options);
    std::ostringstream report;
    std::ostringstream page;
    if (sweeps->empty()) {
      const stream::Result result = stream::run_stream(*scenario, options);
      if (report_.format == "json") {
        stream::write_json(report, *scenario, result);
      } else {
        stream::write_text(report, *scenario, result);
      }
      if (!report_.html.empty()) stream::write_html(page, *scenario, result);
    } else {
      std::vector<stream::SweepPoint> points;
      for (std::size_t i = 0; i < sweep->scenarios.size(); ++i) {
        points.push_back({sweep->values[i], stream::run_stream(sweep->scenarios[i], options)});
      }
      if (report_.format == "json") {
        stream::write_sweep_json(report, *scenario, sweep->paths, points);
      } else {
        stream::write_sweep_text(report, *scenario, sweep->paths, points);
      }
      if (!report_.html.empty()) stream::write_sweep_html(page, *scenario, sweep->paths, points);
    }
    if (!report_.html.empty()) {
      if (const int code = write_output(io, report_.html, page); code != kExitOk) return code;
    }
    return write_output(io, report_.output, report);
  }

 private:
  static int refuse(Streams io, const std::string& message) {
    io.err << "deploysim stream: error: " << message << '\n';
    return kExitBadInput;
  }

  // --if-deployment-in-progress over the deploy file's strategy.
  void set_policy(Scenario& scenario) const {
    if (policy_.empty()) return;
    scenario.deployment.deployment_config.if_deployment_in_progress =
        policy_ == "reject" ? IfDeploymentInProgress::kReject : IfDeploymentInProgress::kEnqueueOne;
  }

  int run_shard(Streams io, const Scenario& scenario, const stream::Options& options) const {
    Diagnostics problems;
    const std::optional<ShardSpec> spec = parse_shard(
        shard_, [](const char* name) -> const char* { return std::getenv(name); }, problems);
    if (!spec) return refuse(io, problems.problems().front().message);
    const std::optional<std::uint64_t> hash = stream::inputs_hash(scenario, options, problems);
    if (!hash) return refuse(io, problems.problems().front().message);
    const RunRange range = shard_range(options.streams, *spec);
    const stream::Result result = stream::run_streams(scenario, options, range.begin, range.size());
    std::ostringstream partial;
    stream::write_partial_json(partial,
                               stream::make_partial(scenario, *hash, options, *spec, result));
    return write_output(io, report_.output, partial);
  }

  std::string file_;
  std::uint64_t changes_ = 0;
  std::uint64_t streams_ = 1;
  ReportOptions report_;
  std::vector<std::string> sweeps_;
  std::string shard_;
  std::string policy_;
};

}  // namespace

std::unique_ptr<Command> make_stream_command() { return std::make_unique<StreamCommand>(); }

}  // namespace deploysim::cli
