// The inputs hash: FNV-1a 64 of the files' bytes and the options, the same
// wherever the files are, different after any edit or option change.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "shard_fixture.hpp"

namespace deploysim {
namespace {

namespace fs = std::filesystem;

TEST(Fnv1a64, KnownVectors) {
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ull);
  EXPECT_EQ(fnv1a64("bar", fnv1a64("foo")), fnv1a64("foobar"));
  EXPECT_EQ(format_inputs_hash(0xaf63dc4c8601ec8cull), "fnv1a64:af63dc4c8601ec8c");
}

class InputsHash : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("deploysim_inputs_hash_" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    for (const char* sub : {"a", "b"}) {
      fs::create_directories(dir_ / sub);
      for (const char* file : {"pipeline.yml", "deploy.yml"}) {
        fs::copy_file(testing::source_path(std::string("scenarios/examples/") + file),
                      dir_ / sub / file);
      }
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::uint64_t hash_of(const fs::path& scenario_file, const RunOptions& base = {}) {
    const Scenario s = testing::load_or_fail(scenario_file.string());
    Diagnostics diagnostics;
    const std::optional<std::uint64_t> h = inputs_hash(s, base, diagnostics);
    EXPECT_TRUE(h) << testing::messages(diagnostics);
    return h.value_or(0);
  }

  fs::path dir_;
};

TEST_F(InputsHash, SameFilesAnywhereSameHash) {
  EXPECT_EQ(hash_of(dir_ / "a/pipeline.yml"), hash_of(dir_ / "b/pipeline.yml"));
}

TEST_F(InputsHash, AnEditOfEitherFileChangesIt) {
  const std::uint64_t before = hash_of(dir_ / "a/pipeline.yml");
  std::ofstream(dir_ / "b/deploy.yml", std::ios::app) << "# a comment\n";
  EXPECT_NE(hash_of(dir_ / "b/pipeline.yml"), before);
  std::ofstream(dir_ / "a/pipeline.yml", std::ios::app) << "# a comment\n";
  EXPECT_NE(hash_of(dir_ / "a/pipeline.yml"), before);
}

// Issue 20, item 8: the hash covers the secrets' names, not their values, so
// that a partial file cannot be used to guess a low-entropy secret offline.
TEST_F(InputsHash, CoversSecretNamesNotTheirValues) {
  // pipeline.yml says `secrets: {ci_token: s3cr3t-token, ...}`.
  const auto rewrite = [&](const char* from, const char* to) {
    std::ifstream in(dir_ / "a/pipeline.yml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, std::string(from).size(), to);
    std::ofstream(dir_ / "b/pipeline.yml", std::ios::trunc) << text;
  };
  const std::uint64_t original = hash_of(dir_ / "a/pipeline.yml");
  rewrite("ci_token: s3cr3t-token", "ci_token: another-value");
  EXPECT_EQ(hash_of(dir_ / "b/pipeline.yml"), original);
  rewrite("ci_token: s3cr3t-token", "ci_key: s3cr3t-token");
  EXPECT_NE(hash_of(dir_ / "b/pipeline.yml"), original);
}

TEST_F(InputsHash, OptionsThatChangeReplicationsChangeIt) {
  const fs::path file = dir_ / "a/pipeline.yml";
  const std::uint64_t plain = hash_of(file);
  RunOptions horizon;
  horizon.horizon = Duration(3600000);
  RunOptions targets;
  targets.only_targets = {"staging"};
  RunOptions first;
  first.first_deployment = true;
  RunOptions context;
  context.add_context = {{"k", "v"}};
  for (const RunOptions& o : {horizon, targets, first, context}) EXPECT_NE(hash_of(file, o), plain);
  // seed and replication are not inputs: N and S are checked on their own.
  RunOptions seeded;
  seeded.seed = 99;
  EXPECT_EQ(hash_of(file, seeded), plain);
}

TEST_F(InputsHash, BareDeployFileIsOneFile) {
  EXPECT_NE(hash_of(dir_ / "a/deploy.yml"), hash_of(dir_ / "a/pipeline.yml"));
}

TEST_F(InputsHash, UnreadableFileIsAnError) {
  Scenario s = testing::load_or_fail((dir_ / "a/pipeline.yml").string());
  fs::remove(dir_ / "a/deploy.yml");
  Diagnostics diagnostics;
  EXPECT_FALSE(inputs_hash(s, RunOptions{}, diagnostics));
  const std::string error = testing::messages(diagnostics);
  EXPECT_NE(error.find("deploy.yml"), std::string::npos) << error;
}

}  // namespace
}  // namespace deploysim
