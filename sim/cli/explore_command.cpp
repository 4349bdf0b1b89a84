// deploysim explore FILE [--max-paths N] [--format text|json] [-o OUT]
//                        [--counterexample OUT.json] [--horizon DUR] [--strict]
//
// Every branch of the pipeline with its exact probability (continuous draws
// at their medians), and the scenario's properties checked on every end
// state (sim/explore). Renders into memory and only then writes files.
// Exit 1 when a property fails (a violated always/never, a sometimes no
// path satisfies), after the reports are written.
#include <sstream>

#include "command.hpp"
#include "deploysim/cli.hpp"
#include "deploysim/explore.hpp"
#include "deploysim/loader.hpp"
#include "deploysim/montecarlo.hpp"
#include "output_file.hpp"
#include "scenario_input.hpp"

namespace deploysim::cli {
namespace {

class ExploreCommand : public Command {
 public:
  CLI::App* add_to(CLI::App& parent) override {
    CLI::App* sub = parent.add_subcommand(
        "explore",
        "Enumerate every branch of the pipeline with its exact probability (continuous draws at "
        "their medians) and check the scenario's properties on every end state");
    sub->add_option("FILE", file_, "Scenario file or bare deploy file")->required();
    sub->add_option("--max-paths", max_paths_,
                    "Stop after this many paths; the report is then marked partial")
        ->check(CLI::Range(std::uint64_t{1}, kMaxRuns))
        ->capture_default_str();
    sub->add_option("--format", format_, "Report format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    sub->add_option("-o,--output", output_, "Write the report to this file instead of stdout");
    sub->add_option("--counterexample", counterexample_,
                    "Write the most probable path that violates the first failing always/never "
                    "property to this file (replay it with `deploysim run FILE --choices`)");
    sub->add_option("--horizon", horizon_, "Stop each path at this simulated time");
    sub->add_flag("--strict", strict_, "Load in strict mode");
    sub->footer(
        "Every discrete choice (webhook outcomes of a mix, attempt failures, approval decisions\n"
        "of a mix, the state an outage process starts in) is enumerated with its probability;\n"
        "every continuous draw takes its median. Exit 1 when a property fails.\n"
        "Examples:\n"
        "  deploysim explore scenario.yml\n"
        "  deploysim explore scenario.yml --format json -o explore.json --counterexample cx.json\n"
        "  deploysim run scenario.yml --choices cx.json --trace events.jsonl");
    return sub;
  }

  int run(Streams io) override {
    explore::ExploreOptions options;
    options.max_paths = max_paths_;
    if (!read_horizon_flag("explore", horizon_, options.horizon, io.err)) return kExitBadInput;
    Diagnostics diagnostics;
    const std::optional<Scenario> scenario =
        load_scenario_with_targets(file_, LoadOptions{.strict = strict_}, {}, diagnostics, io.err);
    if (!scenario) return kExitBadInput;
    OutputFiles outputs;  // checked before any work
    outputs.input(file_);
    outputs.input(scenario->deployment.source_file);
    outputs.output("-o", output_);
    outputs.output("--counterexample", counterexample_);
    if (!outputs.check(io.err)) return kExitBadInput;

    const explore::ExploreResult result = explore::explore(*scenario, options);
    if (result.partial) {
      io.err << "deploysim explore: stopped by --max-paths " << max_paths_
             << ": the report is partial (explored probability " << result.explored_probability
             << ")\n";
    }
    std::ostringstream report;
    if (format_ == "json") {
      explore::write_explore_json(report, *scenario, result);
    } else {
      explore::write_explore_text(report, *scenario, result);
    }
    if (!counterexample_.empty()) {
      const explore::PropertyResult* violated = nullptr;
      for (const explore::PropertyResult& p : result.properties) {
        if (p.counterexample) {
          violated = &p;
          break;
        }
      }
      if (violated == nullptr) {
        io.err << "deploysim explore: no always/never property is violated: " << counterexample_
               << " is not written\n";
      } else {
        std::ostringstream choices;
        explore::write_choices_json(choices, *scenario, *violated);
        if (const int code = write_output(io, counterexample_, choices); code != kExitOk) {
          return code;
        }
      }
    }
    if (const int code = write_output(io, output_, report); code != kExitOk) return code;
    for (const explore::PropertyResult& p : result.properties) {
      if (!p.holds) return kExitCheckFailed;
    }
    return kExitOk;
  }

 private:
  std::string file_;
  std::uint64_t max_paths_ = explore::ExploreOptions{}.max_paths;
  std::string format_ = "text";
  std::string output_;
  std::string counterexample_;
  std::string horizon_;
  bool strict_ = false;
};

}  // namespace

std::unique_ptr<Command> make_explore_command() { return std::make_unique<ExploreCommand>(); }

}  // namespace deploysim::cli
