// deploysim run FILE [--seed N] [--format text|json] [-o OUT] [--trace OUT.jsonl]
//                    [--html OUT.html] [--add-context k=v,...] [--target NAME ...]
//                    [--first-deployment]
//                    [--horizon DUR] [--check] [--strict] [--replay TAPE.jsonl]
//                    [--choices CHOICES.json]
//
// Order of work: parse the flags that need no file, load, run, render into
// memory, and only then write files, so bad input never leaves an -o file.
#include <filesystem>
#include <sstream>

#include "command.hpp"
#include "deploysim/cli.hpp"
#include "deploysim/explore.hpp"
#include "deploysim/loader.hpp"
#include "deploysim/replay.hpp"
#include "deploysim/report.hpp"
#include "deploysim/simulation.hpp"
#include "deploysim/tape.hpp"
#include "output_file.hpp"
#include "scenario_input.hpp"

namespace deploysim::cli {
namespace {

// "k=v,k2=v2" (the flag may also be repeated). Returns false on an item
// without '=' or with an empty key.
bool parse_context(const std::vector<std::string>& items, ContextMap& context, std::string& bad) {
  for (const std::string& item : items) {
    std::stringstream pieces(item);
    for (std::string pair; std::getline(pieces, pair, ',');) {
      const std::size_t eq = pair.find('=');
      if (eq == std::string::npos || eq == 0) {
        bad = pair;
        return false;
      }
      context[pair.substr(0, eq)] = pair.substr(eq + 1);
    }
  }
  return true;
}

class RunCommand : public Command {
 public:
  CLI::App* add_to(CLI::App& parent) override {
    CLI::App* sub = parent.add_subcommand("run", "Play a deploy file or scenario out once");
    sub->add_option("FILE", file_, "Scenario file or bare deploy file")->required();
    seed_option_ = sub->add_option("--seed", seed_, "Random seed (default: the scenario's seed)");
    sub->add_option("--format", format_, "Report format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    sub->add_option("-o,--output", output_, "Write the report to this file instead of stdout");
    sub->add_option("--trace", trace_, "Write every simulation event to this JSON Lines file");
    sub->add_option("--html", html_, "Also write a self-contained HTML timeline to this file");
    sub->add_option("--add-context", add_context_,
                    "Context variables k=v,... that win over every other context source")
        ->allow_extra_args(false);
    sub->add_option("--target", targets_, "Deploy only these targets (others are SKIPPED)")
        ->allow_extra_args(false)
        ->delimiter(',');
    sub->add_flag("--first-deployment", first_deployment_,
                  "Treat every target as a first deployment (strategies skipped)");
    sub->add_option("--horizon", horizon_, "Stop the simulation at this simulated time (e.g. 30d)");
    sub->add_flag("--check", check_,
                  "Compare the run with the scenario's expect block; exit 1 on a difference");
    sub->add_flag("--strict", strict_, "Load in strict mode");
    CLI::Option* replay =
        sub->add_option("--replay", replay_,
                        "Play the invocations taped by `deploysim live --record` (no network)");
    sub->add_option("--choices", choices_,
                    "Play the path of a choices file (`deploysim explore --counterexample`): its "
                    "discrete choices, every continuous draw at its median")
        ->excludes(replay);
    sub->footer(
        "Example:\n"
        "  deploysim run scenario.yml --seed 7 --format json -o report.json --trace events.jsonl");
    return sub;
  }

  int run(Streams io) override {
    RunOptions options;
    if (!read_horizon_flag("run", horizon_, options.horizon, io.err)) return kExitBadInput;
    std::string bad;
    if (!parse_context(add_context_, options.add_context, bad)) {
      io.err << "deploysim run: --add-context: expected k=v, got \"" << bad << "\"\n";
      return kExitBadInput;
    }

    Diagnostics diagnostics;
    LoadOptions load_options{.strict = strict_};
    for (const auto& [key, value] : options.add_context) load_options.added_context.push_back(key);
    std::optional<Scenario> scenario =
        load_scenario_with_targets(file_, load_options, targets_, diagnostics, io.err);
    if (!scenario) return kExitBadInput;
    if (!replay_.empty()) {
      Diagnostics tape_diagnostics;
      const auto tape = live::read_tape(replay_, tape_diagnostics);
      if (!tape || !live::replay_tape(*scenario, *tape, tape_diagnostics)) {
        print_problems(io.err, tape_diagnostics.sorted());
        return kExitBadInput;
      }
    }
    std::optional<explore::ChoicesFile> choices;
    if (!choices_.empty()) {
      Diagnostics choice_diagnostics;
      choices = explore::read_choices(choices_, choice_diagnostics);
      if (!choices) {
        print_problems(io.err, choice_diagnostics.sorted());
        return kExitBadInput;
      }
    }
    OutputFiles outputs;
    outputs.input(file_);
    outputs.input(scenario->deployment.source_file);
    if (!replay_.empty()) outputs.input(replay_);
    if (!choices_.empty()) outputs.input(choices_);
    outputs.output("-o", output_);
    outputs.output("--trace", trace_);
    outputs.output("--html", html_);
    if (!outputs.check(io.err)) return kExitBadInput;
    options.only_targets = targets_;
    options.first_deployment = first_deployment_;
    options.seed = seed_option_->count() > 0 ? seed_ : scenario->seed;
    options.record_details = true;
    options.record_trace = !trace_.empty();

    Simulator simulator(*scenario);
    std::optional<explore::ReplayedChoices> replayed;
    if (choices) options.choices = &replayed.emplace(*choices);
    const RunResult result = simulator.run(options);
    if (replayed) {
      // A choice that does not match this run: nothing is written.
      Diagnostics mismatches;
      if (!replayed->check(mismatches)) {
        print_problems(io.err, mismatches.sorted());
        return kExitBadInput;
      }
    }
    print_problems(io.err, result.warnings);

    // The report carries the load warnings too, so it stands on its own.
    const std::vector<Problem> load_warnings = diagnostics.sorted();
    std::ostringstream report;
    if (format_ == "json") {
      write_run_report_json(report, *scenario, result, load_warnings);
    } else {
      write_run_report_text(report, *scenario, result, load_warnings);
    }
    if (!html_.empty()) {
      // The page draws steps from the full trace; replaying the same options
      // with tracing gives the same run without changing the text report.
      RunOptions traced_options = options;
      traced_options.record_trace = true;
      std::optional<explore::ReplayedChoices> replayed_again;
      if (choices) traced_options.choices = &replayed_again.emplace(*choices);
      std::ostringstream page;
      write_run_html(page, *scenario, simulator.run(traced_options));
      if (const int code = write_output(io, html_, page); code != kExitOk) return code;
    }
    if (!trace_.empty()) {
      std::ostringstream trace;
      write_trace_jsonl(trace, *scenario, result);
      if (const int code = write_output(io, trace_, trace); code != kExitOk) return code;
    }
    if (const int code = write_output(io, output_, report); code != kExitOk) return code;

    if (!check_) return kExitOk;
    return check(io, *scenario, result, load_warnings);
  }

 private:
  int check(Streams io, const Scenario& scenario, const RunResult& result,
            const std::vector<Problem>& load_warnings) {
    if (!scenario.expect.present) {
      io.err << Problem{Severity::kWarning, {file_, 0, 0}, "--check: the file has no expect block"}
                    .to_string()
             << '\n';
      return kExitOk;
    }
    std::vector<std::string> differences = check_expectations(scenario, result, load_warnings);
    if (scenario.expect.load_error) {
      differences.insert(differences.begin(), "expected a load error containing \"" +
                                                  *scenario.expect.load_error +
                                                  "\", but the file loaded");
    }
    for (const std::string& d : differences) io.err << file_ << ": check: " << d << '\n';
    return differences.empty() ? kExitOk : kExitCheckFailed;
  }

  std::string file_;
  std::uint64_t seed_ = 0;
  CLI::Option* seed_option_ = nullptr;
  std::string format_ = "text";
  std::string output_;
  std::string trace_;
  std::string html_;
  std::vector<std::string> add_context_;
  std::vector<std::string> targets_;
  bool first_deployment_ = false;
  std::string horizon_;
  bool check_ = false;
  bool strict_ = false;
  std::string replay_;
  std::string choices_;
};

}  // namespace

std::unique_ptr<Command> make_run_command() { return std::make_unique<RunCommand>(); }

}  // namespace deploysim::cli
