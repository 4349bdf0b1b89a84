#include "cli/scenario_files.hpp"

#include <gtest/gtest.h>

namespace deploysim::cli {
namespace {

TEST(ScenarioFilesTest, TopLevelKeyOnlyInColumnZero) {
  EXPECT_TRUE(has_top_level_key("name: x\nexpect:\n  pipeline: FAILED\n", "expect"));
  EXPECT_TRUE(has_top_level_key("expect : {error: x}\n", "expect"));
  EXPECT_FALSE(has_top_level_key("webhooks:\n  expect: 1\n", "expect"));
  EXPECT_FALSE(has_top_level_key("expected: 1\n", "expect"));
}

TEST(ScenarioFilesTest, StrictExtension) {
  EXPECT_TRUE(wants_strict("name: a\nstrict: true\n"));
  EXPECT_TRUE(wants_strict("strict: true   # comment\n"));
  EXPECT_FALSE(wants_strict("strict: false\n"));
  EXPECT_FALSE(wants_strict("  strict: true\n"));
}

TEST(ScenarioFilesTest, ExpectedLoadErrorForms) {
  EXPECT_EQ(expected_load_error("expect:\n  error: \"dependsOn cycle\"\n"), "dependsOn cycle");
  EXPECT_EQ(expected_load_error("expect:\n  # why\n  error: 'it''s'  # c\nnext: 1\n"), "it's");
  EXPECT_EQ(expected_load_error("expect:\n  error: plain words # c\n"), "plain words");
  EXPECT_EQ(expected_load_error("expect: {error: \"names no webhook\"}\n"), "names no webhook");
  EXPECT_EQ(expected_load_error("expect: {pipeline: FAILED, error: bare}\n"), "bare");
  EXPECT_EQ(expected_load_error("expect:\n  pipeline: FAILED\nerror: not-in-expect\n"),
            std::nullopt);
  EXPECT_EQ(expected_load_error("name: x\n"), std::nullopt);
}

}  // namespace
}  // namespace deploysim::cli
