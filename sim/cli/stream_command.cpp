// deploysim stream FILE --changes N [--seed S] [--threads T] [--format text|json] [-o OUT]
//                       [--html OUT.html] [--if-deployment-in-progress reject|enqueueOne]
//                       [--horizon DUR] [--strict]
//
// A stream of changes through the deployment (COMMANDS.md "stream",
// include/deploysim/stream.hpp). Loads once, plays the stream, renders into
// memory and only then writes files, so bad input never leaves an -o file.
#include <sstream>

#include "command.hpp"
#include "deploysim/cli.hpp"
#include "deploysim/loader.hpp"
#include "deploysim/montecarlo.hpp"
#include "deploysim/stream.hpp"
#include "output_file.hpp"
#include "scenario_input.hpp"

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
    sub->add_option("--changes", changes_, "Number of changes that arrive (at most 10^9)")
        ->required()
        ->check(CLI::Range(std::uint64_t{1}, kMaxRuns));
    seed_option_ = sub->add_option("--seed", seed_, "Random seed (default: the scenario's seed)");
    sub->add_option("--threads", threads_,
                    "Threads that play pipelines ahead of the queue (default: the number of "
                    "cores, at most 256; any value gives the same report)")
        ->check(CLI::Range(0u, kMaxThreads));
    sub->add_option("--format", format_, "Report format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    sub->add_option("-o,--output", output_, "Write the report to this file instead of stdout");
    sub->add_option("--html", html_, "Also write a self-contained HTML report to this file");
    sub->add_option("--if-deployment-in-progress", policy_,
                    "Play the stream with this policy instead of the deploy file's "
                    "deploymentConfig.ifDeploymentInProgress.strategy")
        ->check(CLI::IsMember({"reject", "enqueueOne"}));
    sub->add_option("--horizon", horizon_, "Cut each pipeline at this simulated time");
    sub->add_flag("--strict", strict_, "Load in strict mode");
    sub->footer(
        "Examples:\n"
        "  deploysim stream scenario.yml --changes 100000\n"
        "  deploysim stream scenario.yml --changes 100000 --if-deployment-in-progress "
        "enqueueOne\n"
        "  deploysim stream scenario.yml --changes 100000 --format json -o stream.json "
        "--html stream.html");
    return sub;
  }

  int run(Streams io) override {
    stream::Options options;
    options.changes = changes_;
    options.threads = threads_;
    if (!read_horizon_flag("stream", horizon_, options.base.horizon, io.err)) {
      return kExitBadInput;
    }
    Diagnostics diagnostics;
    std::optional<Scenario> scenario =
        load_scenario_with_targets(file_, LoadOptions{.strict = strict_}, {}, diagnostics, io.err);
    if (!scenario) return kExitBadInput;
    OutputFiles outputs;
    outputs.input(file_);
    outputs.input(scenario->deployment.source_file);
    outputs.output("-o", output_);
    outputs.output("--html", html_);
    if (!outputs.check(io.err)) return kExitBadInput;
    if (!scenario->releases) {
      print_file_error(io.err, file_,
                       "stream: the scenario has no `releases` block (releases: {arrivals: "
                       "DIST, measureAt: [targets]}, COMMANDS.md stream)");
      return kExitBadInput;
    }
    options.seed = seed_option_->count() > 0 ? seed_ : scenario->seed;
    if (!policy_.empty()) {
      scenario->deployment.deployment_config.if_deployment_in_progress =
          policy_ == "reject" ? IfDeploymentInProgress::kReject
                              : IfDeploymentInProgress::kEnqueueOne;
    }

    const stream::Result result = stream::run_stream(*scenario, options);
    std::ostringstream report;
    if (format_ == "json") {
      stream::write_json(report, *scenario, result);
    } else {
      stream::write_text(report, *scenario, result);
    }
    if (!html_.empty()) {
      std::ostringstream page;
      stream::write_html(page, *scenario, result);
      if (const int code = write_output(io, html_, page); code != kExitOk) return code;
    }
    return write_output(io, output_, report);
  }

 private:
  std::string file_;
  std::uint64_t changes_ = 0;
  std::uint64_t seed_ = 0;
  CLI::Option* seed_option_ = nullptr;
  unsigned threads_ = 0;
  std::string format_ = "text";
  std::string output_;
  std::string html_;
  std::string policy_;
  std::string horizon_;
  bool strict_ = false;
};

}  // namespace

std::unique_ptr<Command> make_stream_command() { return std::make_unique<StreamCommand>(); }

}  // namespace deploysim::cli
