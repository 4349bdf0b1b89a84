// deploysim live FILE [--webhook NAME ...] [--listen HOST:PORT] [--public-url URL]
//                     [--time-scale K] [--record TAPE.jsonl] [--format text|json]
//                     [-o OUT] [--html OUT.html] [--seed N] [--horizon DUR] [--strict]
//
// One replication in which the selected webhooks are sent for real to the
// user's receivers (COMMANDS.md `live`). Order of work: flags, load, listen,
// run (contract breaches are printed as they happen), then the report, the
// page and the tape, each written by write_output after OutputFiles checked them. The harness is a
// local of run(): whatever ends the command (the end of the run, Ctrl-C, an error or an exception)
// closes every socket it holds.
#include <sstream>

#include "command.hpp"
#include "deploysim/cli.hpp"
#include "deploysim/live.hpp"
#include "deploysim/live_webhooks.hpp"
#include "deploysim/loader.hpp"
#include "deploysim/report.hpp"
#include "deploysim/simulation.hpp"
#include "deploysim/tape.hpp"
#include "output_file.hpp"
#include "scenario_input.hpp"

namespace deploysim::cli {
namespace {

// The tape's findings on the report's calls: real calls and tape entries are
// both in call order.
void attach_contract(RunResult& result, const std::vector<live::TapeEntry>& tape) {
  std::size_t next = 0;
  for (WebhookCall& call : result.webhooks) {
    if (!call.real || next >= tape.size()) continue;
    for (const live::ContractViolation& v : tape[next].contract) {
      call.contract.push_back(
          ContractFinding{std::string(live::to_string(v.check)), v.status, v.message});
    }
    ++next;
  }
}

class LiveCommand : public Command {
 public:
  CLI::App* add_to(CLI::App& parent) override {
    CLI::App* sub = parent.add_subcommand(
        "live", "Send the real webhooks to your receivers, serve their callbacks, check them");
    sub->add_option("FILE", file_, "Scenario file or bare deploy file")->required();
    sub->add_option("--webhook", webhooks_, "Send these webhooks for real (default: all)")
        ->allow_extra_args(false);
    sub->add_option("--listen", listen_, "Where the callbacks are served (HOST:PORT)")
        ->capture_default_str();
    sub->add_option("--public-url", public_url_,
                    "The harness's URL as the receiver reaches it (a tunnel)");
    sub->add_option("--time-scale", time_scale_,
                    "Virtual time runs K times faster than the wall clock")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    sub->add_option("--record", record_, "Write the tape of the real invocations (JSON Lines)");
    sub->add_option("--format", format_, "Report format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    sub->add_option("-o,--output", output_, "Write the report to this file instead of stdout");
    sub->add_option("--html", html_, "Also write a self-contained HTML timeline to this file");
    seed_option_ = sub->add_option("--seed", seed_, "Random seed (default: the scenario's seed)");
    sub->add_option("--horizon", horizon_, "Stop the simulation at this simulated time (e.g. 2h)");
    sub->add_flag("--strict", strict_, "Load in strict mode");
    sub->footer(
        "Example:\n"
        "  deploysim live deploy.yml --webhook Run-Integration-Tests --time-scale 60 "
        "--record tape.jsonl");
    return sub;
  }

  int run(Streams io) override {
    RunOptions options;
    if (!read_horizon_flag("live", horizon_, options.horizon, io.err)) return kExitBadInput;
    live::HarnessOptions harness_options;
    if (!live::parse_listen_address(listen_, harness_options)) {
      io.err << "deploysim live: --listen: expected HOST:PORT, got \"" << listen_ << "\"\n";
      return kExitBadInput;
    }
    harness_options.public_url = public_url_;
    harness_options.stop_on_signals = true;
    harness_options.announce = &io.err;

    Diagnostics diagnostics;
    const std::optional<Scenario> scenario =
        load_scenario_with_targets(file_, LoadOptions{.strict = strict_}, {}, diagnostics, io.err);
    if (!scenario) return kExitBadInput;
    for (const std::string& name : webhooks_) {
      if (scenario->deployment.find_webhook(name) < 0) {
        print_file_error(io.err, file_,
                         "--webhook " + name + ": the deploy file has no such webhook");
        return kExitBadInput;
      }
    }
    OutputFiles outputs;  // checked before any request goes out
    outputs.input(file_);
    outputs.input(scenario->deployment.source_file);
    outputs.output("-o", output_);
    outputs.output("--html", html_);
    outputs.output("--record", record_);
    if (!outputs.check(io.err)) return kExitBadInput;

    std::optional<live::Harness> harness;
    try {
      harness.emplace(harness_options);
    } catch (const live::HarnessError& e) {
      io.err << "deploysim live: " << e.what() << '\n';
      return kExitBadInput;
    }
    live::LiveWebhooks real(*harness, {webhooks_, time_scale_, &io.err});
    options.real_webhooks = &real;
    options.seed = seed_option_->count() > 0 ? seed_ : scenario->seed;
    options.record_details = true;
    options.record_trace = !html_.empty();  // one run: the page needs the full trace

    Simulator simulator(*scenario);
    RunResult result = simulator.run(options);
    harness->shutdown();
    if (real.interrupted()) {
      io.err << "deploysim live: interrupted; the run ends here like at the horizon\n";
    }
    print_problems(io.err, result.warnings);
    attach_contract(result, real.tape());

    const std::vector<Problem> load_warnings = diagnostics.sorted();
    std::ostringstream report;
    if (format_ == "json") {
      write_run_report_json(report, *scenario, result, load_warnings);
    } else {
      write_run_report_text(report, *scenario, result, load_warnings);
    }
    if (!html_.empty()) {
      std::ostringstream page;
      write_run_html(page, *scenario, result);
      if (const int code = write_output(io, html_, page); code != kExitOk) return code;
    }
    if (!record_.empty()) {
      std::string tape;
      for (const live::TapeEntry& entry : real.tape()) tape += live::tape_line(entry) + '\n';
      if (const int code = write_output(io, record_, tape); code != kExitOk) return code;
    }
    return write_output(io, output_, report);
  }

 private:
  std::string file_;
  std::vector<std::string> webhooks_;
  std::string listen_ = "127.0.0.1:0";
  std::string public_url_;
  double time_scale_ = 1;
  std::string record_;
  std::string format_ = "text";
  std::string output_;
  std::string html_;
  std::uint64_t seed_ = 0;
  CLI::Option* seed_option_ = nullptr;
  std::string horizon_;
  bool strict_ = false;
};

}  // namespace

std::unique_ptr<Command> make_live_command() { return std::make_unique<LiveCommand>(); }

}  // namespace deploysim::cli
