// The options that montecarlo, compare and stream declare alike (--seed,
// --threads, --format, -o, --html, --horizon, --strict) and the --sweep that
// montecarlo and stream share, declared and read in one place so the commands
// cannot drift apart.
//
//   ReportOptions report_;                       // a member of the command
//   add_report_options(*sub, report_, {.seed = "Random seed (default: the scenario's seed)",
//                                      .threads = "Worker threads ..."});
//   ...
//   options.seed = report_.seed_or(scenario->seed);
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "deploysim/loader.hpp"
#include "deploysim/scenario.hpp"
#include "deploysim/sweep.hpp"

namespace deploysim::cli {

struct ReportOptions {
  std::uint64_t seed = 0;
  CLI::Option* seed_option = nullptr;  // set by add_report_options
  unsigned threads = 0;
  std::string format = "text";
  std::string output;
  std::string html;
  std::string horizon;
  bool strict = false;

  // --seed when it was given, else `scenario_seed`.
  std::uint64_t seed_or(std::uint64_t scenario_seed) const {
    return seed_option != nullptr && seed_option->count() > 0 ? seed : scenario_seed;
  }
};

// The help texts that differ between the commands.
struct ReportOptionHelp {
  const char* seed = "Random seed (default: the scenario's seed)";
  const char* threads = "Worker threads (default: the number of cores; at most 256)";
};

// Declares --seed, --threads (0..kMaxThreads), --format text|json, -o/--output
// and --html on `sub`, in that order, bound to `options`.
void add_report_options(CLI::App& sub, ReportOptions& options, const ReportOptionHelp& help);

// Declares --horizon and --strict on `sub`, bound to `options`.
void add_horizon_and_strict(CLI::App& sub, ReportOptions& options, const char* horizon_help,
                            const char* strict_help);

// Declares `--sweep PATH=V1,V2,...` (repeatable) on `sub`; `example` is a
// path=values of the command's own kind, shown in the help.
void add_sweep_option(CLI::App& sub, std::vector<std::string>& sweeps, std::string_view example);

// The points of a sweep, each loaded and checked before anything runs.
struct SweepVariants {
  std::vector<std::string> paths;                // in --sweep order
  std::vector<std::vector<std::string>> values;  // per point, sweep_grid order
  std::vector<Scenario> scenarios;               // per point
};

// Parses every --sweep text (parse_sweep); on a malformed one prints
// "deploysim COMMAND: MESSAGE" to `err` and returns nullopt.
std::optional<std::vector<SweepSpec>> parse_sweep_flags(std::string_view command,
                                                        const std::vector<std::string>& texts,
                                                        std::ostream& err);

// Loads `file` once per point of the grid of `sweeps`, with the point's
// values set in its YAML (load_scenario_with_settings: the loader's own
// checks, messages prefixed "--sweep PATH=VALUE: "). Prints the problems of
// the first point that does not load and returns nullopt. No sweeps: no points.
std::optional<SweepVariants> load_sweep_variants(const std::string& file,
                                                 const LoadOptions& options,
                                                 const std::vector<SweepSpec>& sweeps,
                                                 std::ostream& err);

}  // namespace deploysim::cli
