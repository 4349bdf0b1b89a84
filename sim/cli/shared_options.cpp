#include "shared_options.hpp"

#include "deploysim/montecarlo.hpp"
#include "output_file.hpp"

namespace deploysim::cli {

void add_report_options(CLI::App& sub, ReportOptions& options, const ReportOptionHelp& help) {
  options.seed_option = sub.add_option("--seed", options.seed, help.seed);
  sub.add_option("--threads", options.threads, help.threads)->check(CLI::Range(0u, kMaxThreads));
  sub.add_option("--format", options.format, "Report format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub.add_option("-o,--output", options.output, "Write the report to this file instead of stdout");
  sub.add_option("--html", options.html, "Also write a self-contained HTML report to this file");
}

void add_horizon_and_strict(CLI::App& sub, ReportOptions& options, const char* horizon_help,
                            const char* strict_help) {
  sub.add_option("--horizon", options.horizon, horizon_help);
  sub.add_flag("--strict", options.strict, strict_help);
}

void add_sweep_option(CLI::App& sub, std::vector<std::string>& sweeps, std::string_view example) {
  sub.add_option("--sweep", sweeps,
                 "Run once per value of any scalar of the scenario: PATH=V1,V2,... (e.g. " +
                     std::string(example) + "); repeat it for every combination")
      ->allow_extra_args(false);
}

std::optional<std::vector<SweepSpec>> parse_sweep_flags(std::string_view command,
                                                        const std::vector<std::string>& texts,
                                                        std::ostream& err) {
  std::vector<SweepSpec> sweeps;
  for (const std::string& text : texts) {
    Diagnostics problems;
    std::optional<SweepSpec> sweep = parse_sweep(text, problems);
    if (!sweep) {
      for (const Problem& p : problems.problems()) {
        err << "deploysim " << command << ": " << p.message << '\n';
      }
      return std::nullopt;
    }
    sweeps.push_back(std::move(*sweep));
  }
  return sweeps;
}

std::optional<SweepVariants> load_sweep_variants(const std::string& file,
                                                 const LoadOptions& options,
                                                 const std::vector<SweepSpec>& sweeps,
                                                 std::ostream& err) {
  SweepVariants out;
  if (sweeps.empty()) return out;
  for (const SweepSpec& sweep : sweeps) out.paths.push_back(sweep.path);
  out.values = sweep_grid(sweeps);
  for (const std::vector<std::string>& values : out.values) {
    std::vector<ScenarioSetting> settings;
    for (std::size_t i = 0; i < out.paths.size(); ++i)
      settings.push_back({out.paths[i], values[i]});
    Diagnostics problems;
    std::optional<Scenario> variant =
        load_scenario_with_settings(file, options, settings, problems);
    if (!variant) {
      print_problems(err, problems.sorted());
      return std::nullopt;
    }
    out.scenarios.push_back(std::move(*variant));
  }
  return out;
}

}  // namespace deploysim::cli
