// run_cli: builds the CLI11 app from the commands, parses, dispatches, and
// maps every way out to an exit code of the contract.
#include "deploysim/cli.hpp"

#include <exception>

#include <CLI/CLI.hpp>

#include "command.hpp"

namespace deploysim {
namespace {

// The one place a new subcommand is listed.
std::vector<std::unique_ptr<cli::Command>> make_commands() {
  std::vector<std::unique_ptr<cli::Command>> commands;
  commands.push_back(cli::make_validate_command());
  commands.push_back(cli::make_run_command());
  commands.push_back(cli::make_test_command());
  commands.push_back(cli::make_montecarlo_command());
  commands.push_back(cli::make_merge_command());
  commands.push_back(cli::make_schema_command());
  commands.push_back(cli::make_calibrate_command());
  commands.push_back(cli::make_stream_command());
  commands.push_back(cli::make_live_command());
  commands.push_back(cli::make_compare_command());
  commands.push_back(cli::make_explore_command());
  return commands;
}

}  // namespace

int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  try {
    CLI::App app("deploysim: plays CD-as-a-Service deploy files out on a virtual clock",
                 "deploysim");
    app.set_version_flag("--version", kVersionLine);
    app.require_subcommand(1);
    app.footer(
        "Examples:\n"
        "  deploysim validate deploy.yml --strict\n"
        "  deploysim run scenario.yml --seed 7 --format json -o report.json\n"
        "  deploysim test scenarios/ --junit results.xml");

    std::vector<std::unique_ptr<cli::Command>> commands = make_commands();
    std::vector<CLI::App*> subcommands;
    for (auto& command : commands) subcommands.push_back(command->add_to(app));

    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      // --help and --version are "errors" with exit code 0 in CLI11.
      const int code = app.exit(e, out, err);
      return code == 0 ? kExitOk : kExitBadInput;
    }

    for (std::size_t i = 0; i < commands.size(); ++i) {
      if (!subcommands[i]->parsed()) continue;
      const int code = commands[i]->run({out, err});
      // A report to a full disk or a closed pipe (> /dev/full) is not done.
      out.flush();
      if (!out) {
        err << "deploysim: error: cannot write to standard output: the output is incomplete\n";
        return kExitInternal;
      }
      return code;
    }
    return kExitBadInput;  // unreachable: require_subcommand(1)
  } catch (const std::exception& e) {
    err << "deploysim: internal error: " << e.what() << '\n';
  } catch (...) {
    err << "deploysim: internal error: unknown exception\n";
  }
  return kExitInternal;
}

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::vector<std::string> copy = args;  // argv must be mutable
  std::vector<char*> argv;
  argv.reserve(copy.size() + 1);
  for (std::string& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  return run_cli(static_cast<int>(copy.size()), argv.data(), out, err);
}

}  // namespace deploysim
