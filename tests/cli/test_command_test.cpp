#include <gtest/gtest.h>

#include "cli/property_verdicts.hpp"
#include "cli_fixture.hpp"
#include "deploysim/loader.hpp"

namespace deploysim {
namespace {

using testing::deploysim;
using testing::read_file;

class TestCommandTest : public testing::CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    write("suite/b-pass.yml", testing::one_target_scenario(60));
    write("suite/a-fail.yml", testing::one_target_scenario(61));
    write("suite/sub/c-load-error.yaml",
          "deployment:\n  targets:\n    dev: {constraints: {dependsOn: [dev]}}\n"
          "expect:\n  error: \"no such thing in any message\"\n");
    write("suite/no-expect.yml", "this: is not a scenario\n");
    write("suite/readme.md", "expect: nothing\n");
  }
};

TEST_F(TestCommandTest, ReportsEachScenarioSortedAndSummarises) {
  const auto r = deploysim({"test", (dir_ / "suite").string()});
  EXPECT_EQ(r.code, 1);
  const std::string suite = (dir_ / "suite").string();
  EXPECT_EQ(r.out.rfind("FAIL " + suite + "/a-fail.yml:\n    ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("PASS " + suite + "/b-pass.yml\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("FAIL " + suite + "/sub/c-load-error.yaml:\n    expected a load error"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("SKIP " + suite + "/no-expect.yml (no expect block)\n"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1),
            "1 passed, 2 failed, 1 skipped\n")
      << r.out;
}

// Issue 12: a file without `expect` is not silently "0 passed, 0 failed".
TEST_F(TestCommandTest, FileWithoutExpectIsNamedAsSkipped) {
  const std::string file = (dir_ / "suite" / "no-expect.yml").string();
  const auto r = deploysim({"test", file});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out, "SKIP " + file + " (no expect block)\n0 passed, 0 failed, 1 skipped\n");
}

TEST_F(TestCommandTest, ExpectedLoadErrorPasses) {
  const std::string file = write("d1.yml",
                                 "deployment:\n"
                                 "  version: v1\n"
                                 "  kind: kubernetes\n"
                                 "  application: app\n"
                                 "  targets:\n"
                                 "    selfish: {account: a, namespace: n, constraints: {dependsOn: "
                                 "[selfish]}}\n"
                                 "  manifests: [{path: app.yml}]\n"
                                 "expect: {error: 'selfish'}\n");
  const auto r = deploysim({"test", file});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out, "PASS " + file + "\n1 passed, 0 failed\n");
}

TEST_F(TestCommandTest, ExpectedLoadErrorFailsWhenTheFileLoads) {
  const std::string file =
      write("loads.yml", testing::one_target_scenario(60) + "  error: \"dependsOn cycle\"\n");
  const auto r = deploysim({"test", file});
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_EQ(r.out, "FAIL " + file +
                       ":\n    expected a load error containing \"dependsOn cycle\", but the "
                       "file loaded\n0 passed, 1 failed\n");
}

TEST_F(TestCommandTest, TextThatIsNotYamlIsSkippedWithAWarning) {
  const std::string file = write("broken.yml", "expect: {pipeline: SUCCEEDED}\nname: [a\n");
  const auto r = deploysim({"test", file});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out, "SKIP " + file + " (not YAML)\n0 passed, 0 failed, 1 skipped\n");
  EXPECT_EQ(r.err.rfind(file + ":3:1: warning: skipped, not YAML: YAML syntax error: ", 0), 0u)
      << r.err;
}

TEST_F(TestCommandTest, AllPassExitsZero) {
  const auto r = deploysim({"test", (dir_ / "suite" / "b-pass.yml").string()});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1), "1 passed, 0 failed\n");
}

TEST_F(TestCommandTest, JunitFileIsWritten) {
  const std::string xml = (dir_ / "out.xml").string();
  const auto r = deploysim({"test", (dir_ / "suite").string(), "--junit", xml});
  EXPECT_EQ(r.code, 1);
  const std::string text = read_file(xml);
  EXPECT_EQ(text.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0u) << text;
  EXPECT_NE(text.find("tests=\"3\" failures=\"2\""), std::string::npos) << text;
  EXPECT_NE(text.find("<failure message="), std::string::npos) << text;
}

// Issue 18: a scenario's properties are checked on every path (explore.hpp):
// staging's tests fail with probability 0.1 and gate prod.
std::string gated_scenario(const std::string& properties) {
  return "name: gated\n"
         "deployment:\n"
         "  version: v1\n"
         "  kind: kubernetes\n"
         "  application: app\n"
         "  targets:\n"
         "    staging: {account: c, constraints: {afterDeployment: [{runWebhook: {name: "
         "tests}}]}}\n"
         "    prod: {account: c, constraints: {dependsOn: [staging]}}\n"
         "  manifests: [{path: app.yml}]\n"
         "  webhooks:\n"
         "    - {name: tests, method: POST, uriTemplate: 'https://ci.example.com/run', "
         "bodyTemplate: {inline: '{{armory.callbackUri}}'}}\n"
         "webhooks: {tests: {outcome: {success: 0.9, failure: 0.1}}}\n"
         "properties:\n" +
         properties;
}

TEST_F(TestCommandTest, PropertiesThatHoldOnEveryPathPassWithoutExpect) {
  const std::string file =
      write("holds.yml", gated_scenario("  - name: prod-needs-tests\n"
                                        "    never: {all: [{target: prod, deployed: true}, "
                                        "{webhook: tests, target: staging, result: FAILURE}]}\n"
                                        "  - {name: can-ship, sometimes: {pipeline: SUCCEEDED}}\n"
                                        "  - {name: nothing-stuck, always: {pipeline: [SUCCEEDED, "
                                        "FAILED, CANCELLED]}}\n"));
  const auto r = deploysim({"test", file});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out, "PASS " + file + "\n1 passed, 0 failed\n");
}

TEST_F(TestCommandTest, ABrokenPropertyIsAFailureWithItsProbabilityAndPath) {
  const std::string file = write(
      "breaks.yml",
      gated_scenario("  - {name: staging-never-fails, never: {target: staging, status: FAILED}}\n"
                     "  - {name: can-ship, sometimes: {pipeline: SUCCEEDED}}\n"
                     "  - {name: prod-rolls-back, sometimes: {target: prod, status: ROLLED_BACK}}\n"
                     "  - {name: always-ships, always: {pipeline: SUCCEEDED}}\n"));
  const std::string xml = (dir_ / "properties.xml").string();
  const auto r = deploysim({"test", file, "--junit", xml});
  EXPECT_EQ(r.code, 1) << r.out;
  const std::string violated =
      "    property staging-never-fails (never) violated with probability 0.1: most probable "
      "path: ";
  EXPECT_EQ(r.out.rfind("FAIL " + file + ":\n" + violated, 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\n    property prod-rolls-back (sometimes) holds on no path\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\n    property always-ships (always) violated with probability 0.1: most "
                       "probable path: "),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("can-ship"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1), "0 passed, 1 failed\n");
  const std::string text = read_file(xml);
  EXPECT_NE(text.find("tests=\"1\" failures=\"1\""), std::string::npos) << text;
  EXPECT_NE(text.find("<failure message=\"property staging-never-fails (never) violated with "
                      "probability 0.1"),
            std::string::npos)
      << text;
}

// An exploration stopped by its path limit proves nothing about the paths
// it did not play: a failure line that says so.
TEST(PropertyVerdicts, APartialExplorationIsAFailureThatSaysSo) {
  Diagnostics diagnostics;
  const std::optional<Scenario> scenario = load_scenario_from_string(
      gated_scenario("  - {name: can-ship, sometimes: {pipeline: SUCCEEDED}}\n"), "gated.yml",
      LoadOptions{}, diagnostics);
  ASSERT_TRUE(scenario);
  explore::ExploreOptions options;
  options.max_paths = 1;
  const explore::ExploreResult result = explore::explore(*scenario, options);
  ASSERT_TRUE(result.partial);
  ASSERT_EQ(result.paths, 1u);
  const std::vector<std::string> lines = cli::property_failures(*scenario, result);
  // Depth-first, the first alternative first: the tests' success (0.9); the
  // one path ships, so can-ship holds and the only line is the partial one.
  EXPECT_EQ(lines, std::vector<std::string>{"properties of gated not proven: the exploration "
                                            "stopped at its limit of 1 path (probability 0.9 "
                                            "explored)"});
  EXPECT_TRUE(cli::property_failures(*scenario, explore::explore(*scenario, {})).empty());
}

TEST_F(TestCommandTest, MissingPathExitsTwo) {
  const auto r = deploysim({"test", (dir_ / "nowhere").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("nowhere"), std::string::npos);
}

}  // namespace
}  // namespace deploysim
