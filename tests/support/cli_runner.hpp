// Runs the command line in-process, the way a user's shell would run
// `deploysim ARGS...`, and captures what it printed and its exit code.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "deploysim/cli.hpp"

namespace test_support {

struct CliOutput {
  int code = -1;  // the exit code (exit_code.hpp)
  std::string out;
  std::string err;
};

// Runs `deploysim args...` (args without the program name) through run_cli().
inline CliOutput cli(std::vector<std::string> args) {
  args.insert(args.begin(), "deploysim");
  std::ostringstream out, err;
  const int code = deploysim::run_cli(args, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace test_support
