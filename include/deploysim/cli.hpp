// The deploysim command line as a library, so tests can drive it without a
// process: `deploysim validate | run | test` (../shared/spec/SCENARIO.md).
//
//   std::ostringstream out, err;
//   int code = run_cli({"deploysim", "run", "deploy.yml", "--format", "json"}, out, err);
//
// Everything the commands print goes to `out` (results) and `err` (problems,
// warnings, usage errors); files named by -o/--trace/--junit are written
// directly, atomically (a temporary file renamed on success).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "deploysim/exit_code.hpp"
#include "deploysim/version.hpp"

namespace deploysim {

// Parses argv (argv[0] is the program name) and runs the subcommand. Returns
// the exit code (exit_code.hpp); never throws. --version prints kVersionLine.
int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err);

// Same, with the arguments as strings (args[0] is the program name).
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace deploysim
