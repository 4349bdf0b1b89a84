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

namespace deploysim {

// Exit codes of the contract.
inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;  // `test` or `run --check` found a difference
inline constexpr int kExitBadInput = 2;     // usage error, missing file, load error
inline constexpr int kExitInternal = 3;     // an exception escaped a command

// The version line printed by --version.
inline constexpr const char* kVersionLine = "deploysim 0.1.0";

// Parses argv (argv[0] is the program name) and runs the subcommand. Returns
// the exit code; never throws.
int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err);

// Same, with the arguments as strings (args[0] is the program name).
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace deploysim
