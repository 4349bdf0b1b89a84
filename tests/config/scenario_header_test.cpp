// read_scenario_header: what `deploysim test` reads before a load.
#include <gtest/gtest.h>

#include <string>

#include "deploysim/loader.hpp"
#include "test_util.hpp"

namespace deploysim {
namespace {

using testing::printed;

ScenarioHeader header_of(const std::string& text) {
  Diagnostics diagnostics;
  const std::optional<ScenarioHeader> header = read_scenario_header(text, "s.yml", diagnostics);
  EXPECT_TRUE(header) << ::testing::PrintToString(printed(diagnostics));
  return header.value_or(ScenarioHeader{});
}

TEST(ScenarioHeaderTest, ExpectIsATopLevelKey) {
  EXPECT_TRUE(header_of("name: x\nexpect:\n  pipeline: FAILED\n").has_expect);
  EXPECT_TRUE(header_of("expect : {error: x}\n").has_expect);
  EXPECT_FALSE(header_of("webhooks:\n  expect: 1\n").has_expect);
  EXPECT_FALSE(header_of("expected: 1\n").has_expect);
  EXPECT_FALSE(header_of("- expect\n").has_expect);  // not a mapping: an empty header
}

// `deploysim test` checks the properties of a file without `expect` too.
TEST(ScenarioHeaderTest, PropertiesIsATopLevelKey) {
  EXPECT_TRUE(
      header_of("properties:\n  - {name: a, sometimes: {pipeline: SUCCEEDED}}\n").has_properties);
  EXPECT_TRUE(header_of("properties: oops\n").has_properties);  // the loader says what is wrong
  EXPECT_FALSE(header_of("expect:\n  properties: 1\n").has_properties);
  EXPECT_FALSE(header_of("property: 1\n").has_properties);
  EXPECT_FALSE(header_of("- properties\n").has_properties);
}

TEST(ScenarioHeaderTest, StrictExtension) {
  EXPECT_TRUE(header_of("name: a\nstrict: true\n").strict);
  EXPECT_TRUE(header_of("strict: true   # comment\n").strict);
  EXPECT_TRUE(header_of("strict: True\n").strict);  // as the loader reads booleans
  EXPECT_FALSE(header_of("strict: false\n").strict);
  EXPECT_FALSE(header_of("a:\n  strict: true\n").strict);
  // Fuzz finding f03: a 40,000-character comment after `strict: true`
  // overflowed the stack of the std::regex line scan this replaced.
  EXPECT_TRUE(header_of("strict: true #" + std::string(40'000, 'a') + "\nexpect: {}\n").strict);
}

TEST(ScenarioHeaderTest, ExpectedLoadErrorForms) {
  EXPECT_EQ(header_of("expect:\n  error: \"dependsOn cycle\"\n").expected_error, "dependsOn cycle");
  EXPECT_EQ(header_of("expect:\n  # why\n  error: 'it''s'  # c\nnext: 1\n").expected_error, "it's");
  EXPECT_EQ(header_of("expect:\n  error: plain words # c\n").expected_error, "plain words");
  EXPECT_EQ(header_of("expect: {error: \"names no webhook\"}\n").expected_error,
            "names no webhook");
  EXPECT_EQ(header_of("expect: {pipeline: FAILED, error: bare}\n").expected_error, "bare");
  EXPECT_EQ(header_of("expect:\n  pipeline: FAILED\nerror: not-in-expect\n").expected_error,
            std::nullopt);
  EXPECT_EQ(header_of("expect:\n  error: [a, b]\n").expected_error, std::nullopt);
  EXPECT_EQ(header_of("name: x\n").expected_error, std::nullopt);
}

TEST(ScenarioHeaderTest, TextThatIsNotYamlHasNoHeader) {
  Diagnostics diagnostics;
  EXPECT_EQ(read_scenario_header("expect: {error: x}\nname: [a\n", "s.yml", diagnostics),
            std::nullopt);
  ASSERT_EQ(diagnostics.problems().size(), 1u);
  EXPECT_EQ(diagnostics.problems()[0].location.file, "s.yml");
  EXPECT_GT(diagnostics.problems()[0].location.line, 0);
}

}  // namespace
}  // namespace deploysim
