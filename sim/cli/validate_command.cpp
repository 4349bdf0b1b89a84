// deploysim validate FILE... [--strict] [--format text|json]
//
// Problems always go to stderr, one line each (the contract's error form);
// stdout gets a one-line verdict (text) or the JSON document (json).
#include <algorithm>

#include "command.hpp"
#include "deploysim/cli.hpp"
#include "deploysim/loader.hpp"
#include "deploysim/report.hpp"
#include "output_file.hpp"

namespace deploysim::cli {
namespace {

class ValidateCommand : public Command {
 public:
  CLI::App* add_to(CLI::App& parent) override {
    CLI::App* sub = parent.add_subcommand("validate", "Check deploy files and scenario files");
    sub->add_option("FILE", files_, "Deploy files or scenario files (json: one)")->required();
    sub->add_flag("--strict", strict_,
                  "Treat the published quirks and unknown keys as errors, not warnings");
    sub->add_option("--format", format_, "Output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    sub->footer(
        "Exit code 0 when every file is valid (warnings allowed), 2 when not.\n"
        "Example:\n"
        "  deploysim validate deploy.yml --strict --format json\n"
        "  deploysim validate deploy.yml scenarios/*.yml");
    return sub;
  }

  int run(Streams io) override {
    if (format_ == "json" && files_.size() > 1) {
      io.err << "deploysim validate: error: --format json takes one FILE\n";
      return kExitBadInput;
    }
    int code = kExitOk;
    for (const std::string& file : files_) code = std::max(code, validate(file, io));
    return code;
  }

 private:
  // Checks one file: its problems on stderr, its verdict on stdout.
  int validate(const std::string& file, Streams io) {
    Diagnostics diagnostics;
    // load_scenario accepts both kinds of file, and checks a scenario against
    // its deployment, which is what "valid" has to mean for a scenario.
    load_scenario(file, LoadOptions{.strict = strict_}, diagnostics);
    const std::vector<Problem> problems = diagnostics.sorted();
    print_problems(io.err, problems);
    const bool valid = !diagnostics.has_errors();
    if (format_ == "json") {
      write_validation_json(io.out, diagnostics);
    } else {
      std::size_t errors = 0;
      for (const Problem& p : problems) errors += p.severity == Severity::kError ? 1 : 0;
      const std::size_t warnings = problems.size() - errors;
      io.out << file << ": " << (valid ? "valid" : "invalid") << " (" << errors
             << (errors == 1 ? " error, " : " errors, ") << warnings
             << (warnings == 1 ? " warning)" : " warnings)") << '\n';
    }
    return valid ? kExitOk : kExitBadInput;
  }

  std::vector<std::string> files_;
  bool strict_ = false;
  std::string format_ = "text";
};

}  // namespace

std::unique_ptr<Command> make_validate_command() { return std::make_unique<ValidateCommand>(); }

}  // namespace deploysim::cli
