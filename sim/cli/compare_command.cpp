// deploysim compare BASE WHATIF --runs N [--precision H] [--seed S] [--threads T]
//                               [--format text|json] [-o OUT] [--html OUT.html]
//                               [--horizon DUR] [--strict]
//
// Loads both files, runs them on the same keyed draws (sim/compare), renders
// into memory and only then writes files, so bad input never leaves a file.
// The seed is --seed, else BASE's.
#include <sstream>

#include "command.hpp"
#include "deploysim/cli.hpp"
#include "deploysim/compare.hpp"
#include "deploysim/loader.hpp"
#include "deploysim/montecarlo.hpp"
#include "interrupt.hpp"
#include "output_file.hpp"
#include "scenario_input.hpp"
#include "shared_options.hpp"

namespace deploysim::cli {
namespace {

class CompareCommand : public Command {
 public:
  CLI::App* add_to(CLI::App& parent) override {
    CLI::App* sub = parent.add_subcommand(
        "compare",
        "Play two scenarios out on the same random draws and report what changes between them");
    sub->add_option("BASE", base_file_, "The scenario (or deploy file) as it is")->required();
    sub->add_option("WHATIF", what_if_file_, "The scenario (or deploy file) with the change")
        ->required();
    sub->add_option("--runs", runs_, "Number of paired replications (the cap with --precision)")
        ->required()
        ->check(CLI::Range(std::uint64_t{1}, kMaxRuns));
    sub->add_option("--precision", precision_,
                    "Stop at the first block of 1,000 runs after which every status probability "
                    "and every difference has a 95 % half-width of at most this")
        ->check(CLI::PositiveNumber);
    add_report_options(*sub, report_, {.seed = "Random seed (default: BASE's seed)"});
    add_horizon_and_strict(*sub, report_, "Stop each replication at this simulated time",
                           "Load both files in strict mode");
    sub->footer(
        "Examples:\n"
        "  deploysim compare before.yml after.yml --runs 20000 --html compare.html\n"
        "  deploysim compare base.yml whatif.yml --runs 200000 --precision 0.002 --format json");
    return sub;
  }

  int run(Streams io) override {
    compare::CompareOptions options;
    options.montecarlo.runs = runs_;
    options.montecarlo.threads = report_.threads;
    options.montecarlo.precision = precision_;
    if (!read_horizon_flag("compare", report_.horizon, options.montecarlo.base.horizon, io.err)) {
      return kExitBadInput;
    }
    Diagnostics base_diagnostics;
    const std::optional<Scenario> base = load_scenario_with_targets(
        base_file_, LoadOptions{.strict = report_.strict}, {}, base_diagnostics, io.err);
    Diagnostics what_if_diagnostics;
    const std::optional<Scenario> what_if = load_scenario_with_targets(
        what_if_file_, LoadOptions{.strict = report_.strict}, {}, what_if_diagnostics, io.err);
    if (!base || !what_if) return kExitBadInput;
    OutputFiles outputs;  // checked before any work
    outputs.input(base_file_);
    outputs.input(base->deployment.source_file);
    outputs.input(what_if_file_);
    outputs.input(what_if->deployment.source_file);
    outputs.output("-o", report_.output);
    outputs.output("--html", report_.html);
    if (!outputs.check(io.err)) return kExitBadInput;
    Diagnostics problems;
    std::optional<std::vector<compare::AssumptionDifference>> assumptions =
        compare::differing_assumptions(base_file_, what_if_file_, problems);
    if (!assumptions) {
      print_problems(io.err, problems.sorted());
      return kExitBadInput;
    }
    options.montecarlo.seed = report_.seed_or(base->seed);

    SigintGuard guard;  // Ctrl-C: the paired runs done so far are reported
    options.montecarlo.stop = guard.flag();
    const compare::CompareResult result = compare::run_compare(*base, *what_if, options);
    if (result.base.stopped_early) {
      io.err << "deploysim compare: interrupted: reporting the " << result.runs()
             << " paired runs completed\n";
    }
    const compare::CompareInputs inputs{base_file_, what_if_file_, std::move(*assumptions)};
    std::ostringstream report;
    if (report_.format == "json") {
      compare::write_compare_json(report, *base, *what_if, result, inputs);
    } else {
      compare::write_compare_text(report, *base, *what_if, result, inputs);
    }
    if (!report_.html.empty()) {
      std::ostringstream page;
      compare::write_compare_html(page, *base, *what_if, result, inputs);
      if (const int code = write_output(io, report_.html, page); code != kExitOk) return code;
    }
    return write_output(io, report_.output, report);
  }

 private:
  std::string base_file_;
  std::string what_if_file_;
  std::uint64_t runs_ = 0;
  double precision_ = 0;
  ReportOptions report_;
};

}  // namespace

std::unique_ptr<Command> make_compare_command() { return std::make_unique<CompareCommand>(); }

}  // namespace deploysim::cli
