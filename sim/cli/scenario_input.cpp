#include "scenario_input.hpp"

#include "deploysim/loader.hpp"
#include "output_file.hpp"

namespace deploysim::cli {

bool read_horizon_flag(std::string_view command, const std::string& text,
                       std::optional<Duration>& horizon, std::ostream& err) {
  if (text.empty()) return true;
  const std::optional<Duration> parsed = parse_duration(text);
  if (!parsed || parsed->count() < 0) {
    err << "deploysim " << command << ": --horizon: "
        << (parsed                         ? "negative duration: "
            : is_duration_beyond_max(text) ? "beyond " + max_duration_text() + ": "
                                           : std::string("not a duration: "))
        << text << '\n';
    return false;
  }
  horizon = *parsed;
  return true;
}

std::optional<Scenario> load_scenario_with_targets(const std::string& file,
                                                   const LoadOptions& options,
                                                   const std::vector<std::string>& targets,
                                                   Diagnostics& diagnostics, std::ostream& err) {
  std::optional<Scenario> scenario = load_scenario(file, options, diagnostics);
  print_problems(err, diagnostics.sorted());
  if (!scenario || diagnostics.has_errors()) return std::nullopt;
  for (const std::string& name : targets) {
    if (scenario->deployment.find_target(name) < 0) {
      print_file_error(err, file, "--target " + name + ": the deployment has no such target");
      return std::nullopt;
    }
  }
  return scenario;
}

}  // namespace deploysim::cli
