// `run --replay TAPE`: a hand-written tape plays back to exact statuses and
// instants (the scenario's expect block, checked by --check), and a bad tape
// is located.
#include <gtest/gtest.h>

#include "../cli/cli_fixture.hpp"

namespace deploysim {
namespace {

using testing::data_file;
using testing::deploysim;

class ReplayTest : public testing::CliTest {};

TEST_F(ReplayTest, TapedInvocationsPlayBackThenTheModelApplies) {
  const std::string scenario = data_file("replay/two-webhooks.yml");
  const auto replayed =
      deploysim({"run", scenario, "--replay", data_file("replay/two-webhooks.jsonl"), "--check"});
  EXPECT_EQ(replayed.code, 0) << replayed.err;
  EXPECT_EQ(replayed.err, "");

  // Without the tape the same expectations fail: the tape is what made them.
  const auto simulated = deploysim({"run", scenario, "--check"});
  EXPECT_EQ(simulated.code, 1);
  EXPECT_NE(simulated.err.find("staging: finishedAt 60s, expected 135s"), std::string::npos)
      << simulated.err;
}

TEST_F(ReplayTest, TapeOfAnotherDeployFileIsLocated) {
  const auto r = deploysim({"run", data_file("replay/two-webhooks.yml"), "--replay",
                            data_file("replay/bad.jsonl"), "-o", (dir_ / "out.txt").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, data_file("replay/bad.jsonl") +
                       ":2:1: error: webhook 'hook-z' is not in the deploy file (webhooks: "
                       "hook-a, hook-b)\n");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "out.txt"));
}

TEST_F(ReplayTest, UnreadableTapeLineIsLocated) {
  const std::string tape = write("tape.jsonl", "\n{\"webhook\": \"hook-a\",\n");
  const auto r = deploysim({"run", data_file("replay/two-webhooks.yml"), "--replay", tape});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.rfind(tape + ":2:", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(": error: "), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace deploysim
