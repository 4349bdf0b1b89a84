// deploysim montecarlo FILE --runs N [--seed S] [--threads T] [--format text|json] [-o OUT]
//                           [--html OUT.html] [--sweep PATH=V1,V2,... ...] [--precision H]
//                           [--horizon DUR]
//                           [--target NAME ...] [--first-deployment] [--strict]
//                           [--shard I/K | --shard auto/K | --mpi]   (scale_out.hpp)
//
// Loads once, runs the replications (sim/montecarlo), renders into memory and
// only then writes files, so bad input never leaves an -o file.
//
// Ctrl-C (SIGINT) while the replications run (interrupt.hpp): the workers
// stop after their current replication and the report covers the completed
// runs and says so.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <sstream>

#include "command.hpp"
#include "deploysim/cli.hpp"
#include "deploysim/loader.hpp"
#include "deploysim/montecarlo.hpp"
#include "deploysim/montecarlo_report.hpp"
#include "deploysim/simulation.hpp"
#include "deploysim/sweep.hpp"
#include "interrupt.hpp"
#include "output_file.hpp"
#include "scale_out.hpp"
#include "scenario_input.hpp"
#include "shared_options.hpp"

namespace deploysim::cli {
namespace {

// "[#######.............]  35 %  35000/100000  41.2k runs/s  ETA 2s" on one
// line, redrawn in place; only when stderr is a terminal.
class ProgressBar {
 public:
  ProgressBar(std::ostream& err, std::string label) : err_(err), label_(std::move(label)) {}

  void update(std::uint64_t done, std::uint64_t total) {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
    const double fraction = total == 0 ? 1 : static_cast<double>(done) / static_cast<double>(total);
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(fraction * kWidth);
    char line[200];
    const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
    std::snprintf(line, sizeof line, "\r%s[%s%s] %3.0f %%  %llu/%llu  %.0f runs/s  ETA %.0fs\033[K",
                  label_.c_str(), std::string(static_cast<std::size_t>(filled), '#').c_str(),
                  std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(),
                  fraction * 100, static_cast<unsigned long long>(done),
                  static_cast<unsigned long long>(total), rate, eta);
    err_ << line << std::flush;
  }
  void clear() { err_ << "\r\033[K" << std::flush; }

 private:
  std::ostream& err_;
  std::string label_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

class MonteCarloCommand : public Command {
 public:
  CLI::App* add_to(CLI::App& parent) override {
    CLI::App* sub = parent.add_subcommand(
        "montecarlo", "Play a scenario out many times and summarise how each target ends");
    sub->add_option("FILE", file_, "Scenario file or bare deploy file")->required();
    sub->add_option("--runs", runs_, "Number of replications (at most 10^9)")
        ->required()
        ->check(CLI::Range(std::uint64_t{1}, kMaxRuns));
    add_report_options(*sub, report_, {});
    add_sweep_option(*sub, sweeps_, "webhooks.Run-Integration-Tests.outcome.failure=0,0.05,0.1");
    sub->add_option("--precision", precision_,
                    "Stop at the first block of 1,000 runs after which every status "
                    "probability's 95 % half-width is at most this (--runs is the cap)")
        ->check(CLI::PositiveNumber);
    sub->add_option("--target", targets_, "Deploy only these targets (others are SKIPPED)")
        ->allow_extra_args(false)
        ->delimiter(',');
    sub->add_flag("--first-deployment", first_deployment_,
                  "Treat every target as a first deployment (strategies skipped)");
    add_horizon_and_strict(*sub, report_, "Stop each replication at this simulated time",
                           "Load in strict mode");
    sub->add_option("--shard", shard_,
                    "Run only shard I of K (I/K, or auto/K from JOB_COMPLETION_INDEX or "
                    "SLURM_ARRAY_TASK_ID) and write a partial result for deploysim merge");
    sub->add_flag("--mpi", mpi_, "Split the runs over the ranks of mpirun; rank 0 reports");
    sub->footer(
        "Examples:\n"
        "  deploysim montecarlo scenario.yml --runs 100000 --html report.html\n"
        "  deploysim montecarlo scenario.yml --runs 20000 --format json -o mc.json\n"
        "  deploysim montecarlo scenario.yml --runs 20000 \\\n"
        "      --sweep webhooks.Run-Integration-Tests.outcome.failure=0,0.05,0.1,0.2\n"
        "  deploysim montecarlo scenario.yml --runs 90000 --shard 0/3 -o part-0.json\n"
        "  mpirun -n 4 deploysim montecarlo scenario.yml --runs 100000 --mpi");
    return sub;
  }

  int run(Streams io) override {
    MonteCarloOptions options;
    options.runs = runs_;
    options.threads = report_.threads;
    options.precision = precision_;
    if (!read_horizon_flag("montecarlo", report_.horizon, options.base.horizon, io.err)) {
      return kExitBadInput;
    }
    const std::optional<std::vector<SweepSpec>> sweeps =
        parse_sweep_flags("montecarlo", sweeps_, io.err);
    if (!sweeps) return kExitBadInput;

    Diagnostics diagnostics;
    const std::optional<Scenario> scenario = load_scenario_with_targets(
        file_, LoadOptions{.strict = report_.strict}, targets_, diagnostics, io.err);
    if (!scenario) return kExitBadInput;
    OutputFiles outputs;
    outputs.input(file_);
    outputs.input(scenario->deployment.source_file);
    outputs.output("-o", report_.output);
    outputs.output("--html", report_.html);
    if (!outputs.check(io.err)) return kExitBadInput;
    options.base.only_targets = targets_;
    options.base.first_deployment = first_deployment_;
    options.seed = report_.seed_or(scenario->seed);

    // Every point is loaded (and so checked) before anything runs.
    const std::optional<SweepVariants> sweep =
        load_sweep_variants(file_, LoadOptions{.strict = report_.strict}, *sweeps, io.err);
    if (!sweep) return kExitBadInput;

    // Monte Carlo replications render no templates (nothing records them), so
    // the run-time W2 warnings (an armory variable the run leaves undefined) come from
    // one recorded replication, as `deploysim run` prints them. MPI ranks would
    // print them once each: there the loader's lint warnings stand alone.
    if (!mpi_) print_problems(io.err, template_warnings(*scenario, options));

    const bool tty = isatty(STDERR_FILENO) == 1;
    SigintGuard guard;
    options.stop = guard.flag();
    const ScaleOutRequest scale_out{shard_,         mpi_,           !sweeps->empty(),
                                    report_.format, report_.output, report_.html};
    if (wants_scale_out(scale_out) && precision_ > 0) {
      io.err << "deploysim montecarlo: --precision needs the blocks in one process: it cannot be "
                "used with --shard or --mpi\n";
      return kExitBadInput;
    }
    if (wants_scale_out(scale_out)) return run_scale_out(io, *scenario, options, scale_out);

    std::ostringstream report;
    std::ostringstream page;
    if (sweeps->empty()) {
      const MonteCarloResult result = run_with_progress(io, *scenario, options, tty, "");
      if (report_.format == "json") {
        write_montecarlo_json(report, *scenario, result);
      } else {
        write_montecarlo_text(report, *scenario, result);
      }
      if (!report_.html.empty()) write_montecarlo_html(page, *scenario, result);
    } else {
      std::vector<SweepPoint> points;
      for (std::size_t i = 0; i < sweep->scenarios.size() && !guard.interrupted(); ++i) {
        SweepPoint point{sweep->values[i], {}};
        point.result = run_with_progress(io, sweep->scenarios[i], options, tty,
                                         sweep_point_label(sweep->paths, point) + " ");
        points.push_back(std::move(point));
      }
      if (points.size() < sweep->scenarios.size()) {
        io.err << "deploysim montecarlo: interrupted: the sweep covers " << points.size() << " of "
               << sweep->scenarios.size() << " points\n";
      }
      if (report_.format == "json") {
        write_sweep_json(report, *scenario, sweep->paths, points);
      } else {
        write_sweep_text(report, *scenario, sweep->paths, points);
      }
      if (!report_.html.empty()) write_sweep_html(page, *scenario, sweep->paths, points);
    }

    if (!report_.html.empty()) {
      if (const int code = write_output(io, report_.html, page); code != kExitOk) return code;
    }
    return write_output(io, report_.output, report);
  }

 private:
  static std::vector<Problem> template_warnings(const Scenario& scenario,
                                                const MonteCarloOptions& options) {
    RunOptions recorded = options.base;
    recorded.seed = options.seed;
    recorded.record_details = true;
    recorded.record_trace = false;
    Simulator simulator(scenario);
    return simulator.run(recorded).warnings;
  }

  MonteCarloResult run_with_progress(Streams io, const Scenario& scenario,
                                     MonteCarloOptions options, bool tty,
                                     const std::string& label) {
    ProgressBar bar(io.err, label);
    if (tty) options.on_progress = [&bar](std::uint64_t d, std::uint64_t t) { bar.update(d, t); };
    MonteCarloResult result = run_montecarlo(scenario, options);
    if (tty) bar.clear();
    if (result.stopped_early) {
      io.err << "deploysim montecarlo: interrupted: reporting the " << result.aggregate.runs()
             << " of " << result.runs_requested << " runs completed\n";
    }
    return result;
  }

  std::string file_;
  std::uint64_t runs_ = 0;
  ReportOptions report_;
  std::vector<std::string> sweeps_;
  double precision_ = 0;
  std::vector<std::string> targets_;
  bool first_deployment_ = false;
  std::string shard_;
  bool mpi_ = false;
};

}  // namespace

std::unique_ptr<Command> make_montecarlo_command() { return std::make_unique<MonteCarloCommand>(); }

}  // namespace deploysim::cli
