// Helpers for driving run_cli() in tests: a scratch directory per test and a
// runner that captures stdout, stderr and the exit code.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/cli_runner.hpp"

namespace deploysim::testing {

using CliResult = test_support::CliOutput;

// Runs `deploysim args...` in-process.
CliResult deploysim(const std::vector<std::string>& args);

// The path of a file under tests/data.
std::string data_file(const std::string& name);

// Reads a whole file ("" when it does not exist).
std::string read_file(const std::filesystem::path& path);

// A fixture with a fresh scratch directory named after the running test, so
// tests may run in parallel processes.
class CliTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Writes `text` to dir_/name and returns the path.
  std::string write(const std::string& name, const std::string& text);

  std::filesystem::path dir_;
};

// A scenario with one target that is SUCCEEDED at 60 s; `finished_at` is what
// its expect block claims.
std::string one_target_scenario(int finished_at);

}  // namespace deploysim::testing
