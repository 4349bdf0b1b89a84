// A subcommand of deploysim. Each lives in its own file and is listed once in
// cli.cpp (make_commands), which is all a new subcommand such as `montecarlo`
// needs.
#pragma once

#include <memory>
#include <ostream>
#include <vector>

#include <CLI/CLI.hpp>

#include "output_file.hpp"

namespace deploysim::cli {

class Command {
 public:
  virtual ~Command() = default;

  // Declares the subcommand and its options on `parent`, binding them to
  // members of this object. Returns the subcommand.
  virtual CLI::App* add_to(CLI::App& parent) = 0;

  // Runs the command after a successful parse. Returns the exit code. May
  // throw: run_cli turns an exception into exit code 3.
  virtual int run(Streams io) = 0;
};

std::unique_ptr<Command> make_validate_command();
std::unique_ptr<Command> make_run_command();
std::unique_ptr<Command> make_test_command();
std::unique_ptr<Command> make_montecarlo_command();
std::unique_ptr<Command> make_merge_command();
std::unique_ptr<Command> make_schema_command();
std::unique_ptr<Command> make_calibrate_command();
std::unique_ptr<Command> make_stream_command();
std::unique_ptr<Command> make_live_command();
std::unique_ptr<Command> make_compare_command();
std::unique_ptr<Command> make_explore_command();

}  // namespace deploysim::cli
