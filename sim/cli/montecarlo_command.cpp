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
    seed_option_ = sub->add_option("--seed", seed_, "Random seed (default: the scenario's seed)");
    sub->add_option("--threads", threads_,
                    "Worker threads (default: the number of cores; at most 256)")
        ->check(CLI::Range(0u, kMaxThreads));
    sub->add_option("--format", format_, "Report format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    sub->add_option("-o,--output", output_, "Write the report to this file instead of stdout");
    sub->add_option("--html", html_, "Also write a self-contained HTML report to this file");
    sub->add_option("--sweep", sweeps_,
                    "Run once per value of any scalar of the scenario: PATH=V1,V2,... (e.g. "
                    "webhooks.Run-Integration-Tests.outcome.failure=0,0.05,0.1); repeat it for "
                    "every combination")
        ->allow_extra_args(false);
    sub->add_option("--precision", precision_,
                    "Stop at the first block of 1,000 runs after which every status "
                    "probability's 95 % half-width is at most this (--runs is the cap)")
        ->check(CLI::PositiveNumber);
    sub->add_option("--horizon", horizon_, "Stop each replication at this simulated time");
    sub->add_option("--target", targets_, "Deploy only these targets (others are SKIPPED)")
        ->allow_extra_args(false)
        ->delimiter(',');
    sub->add_flag("--first-deployment", first_deployment_,
                  "Treat every target as a first deployment (strategies skipped)");
    sub->add_flag("--strict", strict_, "Load in strict mode");
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
    options.threads = threads_;
    options.precision = precision_;
    if (!read_horizon_flag("montecarlo", horizon_, options.base.horizon, io.err)) {
      return kExitBadInput;
    }
    std::vector<SweepSpec> sweeps;
    for (const std::string& text : sweeps_) {
      Diagnostics problems;
      std::optional<SweepSpec> sweep = parse_sweep(text, problems);
      if (!sweep) {
        for (const Problem& p : problems.problems()) {
          io.err << "deploysim montecarlo: " << p.message << '\n';
        }
        return kExitBadInput;
      }
      sweeps.push_back(std::move(*sweep));
    }

    Diagnostics diagnostics;
    const std::optional<Scenario> scenario = load_scenario_with_targets(
        file_, LoadOptions{.strict = strict_}, targets_, diagnostics, io.err);
    if (!scenario) return kExitBadInput;
    OutputFiles outputs;
    outputs.input(file_);
    outputs.input(scenario->deployment.source_file);
    outputs.output("-o", output_);
    outputs.output("--html", html_);
    if (!outputs.check(io.err)) return kExitBadInput;
    options.base.only_targets = targets_;
    options.base.first_deployment = first_deployment_;
    options.seed = seed_option_->count() > 0 ? seed_ : scenario->seed;

    // Every point is loaded (and so checked) before anything runs.
    std::vector<std::string> paths;
    for (const SweepSpec& sweep : sweeps) paths.push_back(sweep.path);
    const std::vector<std::vector<std::string>> grid =
        sweeps.empty() ? std::vector<std::vector<std::string>>{} : sweep_grid(sweeps);
    std::vector<Scenario> variants;
    for (const std::vector<std::string>& values : grid) {
      std::vector<ScenarioSetting> settings;
      for (std::size_t i = 0; i < paths.size(); ++i) settings.push_back({paths[i], values[i]});
      Diagnostics problems;
      std::optional<Scenario> variant =
          load_scenario_with_settings(file_, LoadOptions{.strict = strict_}, settings, problems);
      if (!variant) {
        print_problems(io.err, problems.sorted());
        return kExitBadInput;
      }
      variants.push_back(std::move(*variant));
    }

    // Monte Carlo replications render no templates (nothing records them), so
    // the run-time W2 warnings (an armory variable the run leaves undefined) come from
    // one recorded replication, as `deploysim run` prints them. MPI ranks would
    // print them once each: there the loader's lint warnings stand alone.
    if (!mpi_) print_problems(io.err, template_warnings(*scenario, options));

    const bool tty = isatty(STDERR_FILENO) == 1;
    SigintGuard guard;
    options.stop = guard.flag();
    const ScaleOutRequest scale_out{shard_, mpi_, !sweeps.empty(), format_, output_, html_};
    if (wants_scale_out(scale_out) && precision_ > 0) {
      io.err << "deploysim montecarlo: --precision needs the blocks in one process: it cannot be "
                "used with --shard or --mpi\n";
      return kExitBadInput;
    }
    if (wants_scale_out(scale_out)) return run_scale_out(io, *scenario, options, scale_out);

    std::ostringstream report;
    std::ostringstream page;
    if (sweeps.empty()) {
      const MonteCarloResult result = run_with_progress(io, *scenario, options, tty, "");
      if (format_ == "json") {
        write_montecarlo_json(report, *scenario, result);
      } else {
        write_montecarlo_text(report, *scenario, result);
      }
      if (!html_.empty()) write_montecarlo_html(page, *scenario, result);
    } else {
      std::vector<SweepPoint> points;
      for (std::size_t i = 0; i < variants.size() && !guard.interrupted(); ++i) {
        SweepPoint point{grid[i], {}};
        point.result =
            run_with_progress(io, variants[i], options, tty, sweep_point_label(paths, point) + " ");
        points.push_back(std::move(point));
      }
      if (points.size() < variants.size()) {
        io.err << "deploysim montecarlo: interrupted: the sweep covers " << points.size() << " of "
               << variants.size() << " points\n";
      }
      if (format_ == "json") {
        write_sweep_json(report, *scenario, paths, points);
      } else {
        write_sweep_text(report, *scenario, paths, points);
      }
      if (!html_.empty()) write_sweep_html(page, *scenario, paths, points);
    }

    if (!html_.empty()) {
      if (const int code = write_output(io, html_, page); code != kExitOk) return code;
    }
    return write_output(io, output_, report);
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
  std::uint64_t seed_ = 0;
  CLI::Option* seed_option_ = nullptr;
  unsigned threads_ = 0;
  std::string format_ = "text";
  std::string output_;
  std::string html_;
  std::vector<std::string> sweeps_;
  std::string horizon_;
  double precision_ = 0;
  std::vector<std::string> targets_;
  bool first_deployment_ = false;
  bool strict_ = false;
  std::string shard_;
  bool mpi_ = false;
};

}  // namespace

std::unique_ptr<Command> make_montecarlo_command() { return std::make_unique<MonteCarloCommand>(); }

}  // namespace deploysim::cli
