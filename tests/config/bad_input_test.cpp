// Bad input never crashes, hangs or overflows the stack: one clear error each.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "test_util.hpp"

namespace deploysim {
namespace {

using ::testing::ElementsAre;
using testing::errors;
using ::testing::HasSubstr;
using testing::load_text;

namespace fs = std::filesystem;

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("deploysim_config_bad_input_" +
            std::to_string(::testing::UnitTest::GetInstance()->current_test_info()->line()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& content) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  std::vector<std::string> load_errors(const std::string& path) {
    Diagnostics d;
    EXPECT_FALSE(load_deployment(path, LoadOptions{}, d));
    Diagnostics s;
    EXPECT_FALSE(load_scenario(path, LoadOptions{}, s));
    EXPECT_EQ(errors(d), errors(s));
    return errors(d);
  }

  fs::path dir_;
};

TEST_F(BadInput, MissingFile) {
  std::string path = (dir_ / "nope.yml").string();
  EXPECT_THAT(load_errors(path), ElementsAre(path + ": error: cannot read file: no such file"));
}

TEST_F(BadInput, Directory) {
  EXPECT_THAT(
      load_errors(dir_.string()),
      ElementsAre(dir_.string() + ": error: cannot read file: it is a directory, not a YAML file"));
}

TEST_F(BadInput, EmptyAndCommentOnlyFiles) {
  std::string empty = write("empty.yml", "");
  EXPECT_THAT(load_errors(empty),
              ElementsAre(empty + ":1:1: error: empty file: expected a YAML mapping"));
  std::string comments = write("comments.yml", "# nothing\n---\n...\n");
  EXPECT_THAT(load_errors(comments),
              ElementsAre(comments + ":1:1: error: empty file: expected a YAML mapping"));
}

TEST_F(BadInput, BinaryGarbage) {
  std::string garbage(
      "targets:\n  a: b\n\x7f"
      "ELF\0\0\x01\x02",
      21);
  std::string path = write("garbage.bin", garbage);
  EXPECT_THAT(load_errors(path),
              ElementsAre(path + ":3:5: error: binary data (a NUL byte): expected YAML text"));
}

TEST_F(BadInput, NotUtf8) {
  std::string path = write("latin1.yml", "targets:\n  caf\xe9: {account: a}\n");
  EXPECT_THAT(load_errors(path),
              ElementsAre(path + ":2:6: error: invalid UTF-8 (byte 0xE9): expected UTF-8 text"));
  // An overlong encoding and a lone continuation byte are invalid too.
  EXPECT_THAT(errors(load_text("a: \xc0\xaf\n").diagnostics),
              ElementsAre("t.yml:1:4: error: invalid UTF-8 (byte 0xC0): expected UTF-8 text"));
  EXPECT_THAT(errors(load_text("a: \x80\n").diagnostics),
              ElementsAre("t.yml:1:4: error: invalid UTF-8 (byte 0x80): expected UTF-8 text"));
  // Valid multi-byte text is fine.
  EXPECT_TRUE(load_text("manifests: [{path: m}]\ntargets:\n  caf\xc3\xa9 \xf0\x9f\x9a\x80: "
                        "{account: a}\n")
                  .deployment);
}

TEST_F(BadInput, YamlSyntaxError) {
  std::string path = write("syntax.yml", "targets:\n  dev: {account: a\nmanifests: []\n");
  std::vector<std::string> e = load_errors(path);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_THAT(e[0], HasSubstr(path + ":3:"));
  EXPECT_THAT(e[0], HasSubstr("error: YAML syntax error: "));
  // A tab used for indentation, an unquoted {{ }} value (armory-reference 12.6).
  std::vector<std::string> e2 =
      errors(load_text("webhooks:\n  - headers:\n      - value: {{armory.callbackUri}}/callback\n")
                 .diagnostics);
  ASSERT_EQ(e2.size(), 1u);
  EXPECT_THAT(e2[0], HasSubstr("t.yml:3:"));
}

TEST_F(BadInput, SecondDocument) {
  EXPECT_THAT(errors(load_text("targets: {}\n---\ntargets: {}\n").diagnostics),
              ElementsAre("t.yml:3:1: error: a second YAML document: expected exactly one"));
}

TEST_F(BadInput, DeeplyNestedFlowAndBlock) {
  auto start = std::chrono::steady_clock::now();
  std::string flow = std::string(5000, '[') + std::string(5000, ']') + "\n";
  std::string path = write("deep-flow.yml", "targets: " + flow);
  EXPECT_THAT(load_errors(path),
              ElementsAre(path + ":1:1: error: nesting deeper than 256 levels: refusing to parse"));
  std::string mixed = "a: ";
  for (int i = 0; i < 5000; ++i) mixed += "{b: ";
  EXPECT_THAT(errors(load_text(mixed + "\n").diagnostics),
              ElementsAre("t.yml:1:1: error: nesting deeper than 256 levels: refusing to parse"));

  std::string block;
  for (int i = 0; i < 5000; ++i) block += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  std::string block_path = write("deep-block.yml", block);
  EXPECT_THAT(
      load_errors(block_path),
      ElementsAre(block_path + ":257:1: error: nesting deeper than 256 levels: refusing to parse"));
  std::string dashes;
  for (int i = 0; i < 5000; ++i) dashes += "- ";
  EXPECT_THAT(errors(load_text(dashes + "x\n").diagnostics),
              ElementsAre("t.yml:1:1: error: nesting deeper than 256 levels: refusing to parse"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST_F(BadInput, ModerateNestingStillParses) {
  // 100 levels is below the limit: yaml-cpp parses it, and the loader reports a type error.
  std::string flow = std::string(100, '[') + std::string(100, ']');
  EXPECT_THAT(errors(load_text("manifests: [{path: m}]\ntargets: " + flow + "\n").diagnostics),
              ElementsAre("t.yml:2:10: error: targets: expected a mapping, got a list"));
}

TEST_F(BadInput, HugeFileIsRejectedBeforeReading) {
  std::string path = (dir_ / "huge.yml").string();
  {
    std::ofstream out(path, std::ios::binary);
    std::string line = "# " + std::string(1021, 'x') + "\n";
    for (int i = 0; i < 50 * 1024; ++i) out << line;  // 50 MiB
  }
  auto start = std::chrono::steady_clock::now();
  EXPECT_THAT(load_errors(path),
              ElementsAre(path + ": error: file too large: 52428800 bytes (the limit "
                                 "is 16777216)"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  std::string text(17 * 1024 * 1024, ' ');
  EXPECT_THAT(errors(load_text(text).diagnostics),
              ElementsAre("t.yml: error: input too large: 17825792 bytes (the limit is "
                          "16777216)"));
}

TEST_F(BadInput, ScalarOrListRoot) {
  EXPECT_THAT(errors(load_text("just a string\n").diagnostics),
              ElementsAre("t.yml:1:1: error: expected a deploy file (a mapping with 'targets'), "
                          "got 'just a string'"));
}

}  // namespace
}  // namespace deploysim
