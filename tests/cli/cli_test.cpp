// The command line as a whole: version, help, usage errors.
#include <gtest/gtest.h>

#include "cli_fixture.hpp"

namespace deploysim {
namespace {

using testing::deploysim;

TEST(CliTest, VersionPrintsTheVersionLine) {
  const auto r = deploysim({"--version"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "deploysim 0.1.0\n");
}

TEST(CliTest, HelpListsTheSubcommands) {
  const auto r = deploysim({"--help"});
  EXPECT_EQ(r.code, 0);
  for (const char* sub : {"validate", "run", "test"}) {
    EXPECT_NE(r.out.find(sub), std::string::npos) << sub;
  }
}

TEST(CliTest, EverySubcommandHelpHasAnExample) {
  for (const char* sub : {"validate", "run", "test"}) {
    const auto r = deploysim({sub, "--help"});
    EXPECT_EQ(r.code, 0) << sub;
    EXPECT_NE(r.out.find("Example:\n  deploysim " + std::string(sub)), std::string::npos) << r.out;
  }
}

TEST(CliTest, UsageErrorsExitTwo) {
  const std::vector<std::vector<std::string>> cases = {
      {},                                       // no subcommand
      {"frobnicate"},                           // unknown subcommand
      {"run"},                                  // missing FILE
      {"run", "x.yml", "--no-such-flag"},       // unknown option
      {"run", "x.yml", "--format", "xml"},      // bad choice
      {"run", "x.yml", "--seed", "minus-one"},  // not a number
      {"validate", testing::data_file("01-potato-facts-canary-bluegreen-analysis.yaml"), "--format",
       "yaml"},
      {"test"},  // missing PATH
  };
  for (const auto& args : cases) {
    const auto r = deploysim(args);
    EXPECT_EQ(r.code, 2) << ::testing::PrintToString(args);
    EXPECT_FALSE(r.err.empty()) << ::testing::PrintToString(args);
  }
}

}  // namespace
}  // namespace deploysim
