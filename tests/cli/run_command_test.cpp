#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <regex>
#include <thread>

#include "cli_fixture.hpp"

namespace deploysim {
namespace {

using testing::data_file;
using testing::deploysim;
using testing::read_file;

class RunCommandTest : public testing::CliTest {};

TEST_F(RunCommandTest, TextReportOnStdout) {
  const auto r = deploysim({"run", data_file("13-borealis-demo-full.yml")});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("Scenario  13-borealis-demo-full\nSeed      1\nPipeline  ", 0), 0u)
      << r.out;
  EXPECT_NE(r.out.find("\nTargets\n  TARGET "), std::string::npos) << r.out;
  // Load warnings go to stderr in the contract's form.
  EXPECT_TRUE(
      std::regex_search(r.err, std::regex(R"(13-borealis-demo-full\.yml:\d+:\d+: warning: )")))
      << r.err;
}

TEST_F(RunCommandTest, JsonTwiceGivesIdenticalBytes) {
  const std::string file = data_file("01-potato-facts-canary-bluegreen-analysis.yaml");
  const auto first = deploysim({"run", file, "--format", "json", "--seed", "42"});
  const auto second = deploysim({"run", file, "--format", "json", "--seed", "42"});
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_EQ(first.out, second.out);
  EXPECT_EQ(first.out.rfind("{\n  \"schemaVersion\": 1,\n", 0), 0u) << first.out;
  EXPECT_NE(first.out.find("\"seed\": 42,"), std::string::npos);
}

TEST_F(RunCommandTest, OutputAndTraceFiles) {
  const std::string out = (dir_ / "report.json").string();
  const std::string trace = (dir_ / "trace.jsonl").string();
  const auto r = deploysim({"run", data_file("13-borealis-demo-full.yml"), "--format", "json", "-o",
                            out, "--trace", trace});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_EQ(read_file(out).rfind("{\n  \"schemaVersion\": 1,", 0), 0u);
  const std::string events = read_file(trace);
  EXPECT_EQ(events.rfind("{\"t\":", 0), 0u) << events;
  EXPECT_FALSE(std::filesystem::exists(out + ".tmp"));
}

TEST_F(RunCommandTest, BadYamlIsLocatedAndWritesNothing) {
  const std::string file = write("broken.yml", "targets:\n  dev: {account: a\n  prod: [\n");
  const std::string out = (dir_ / "report.json").string();
  const auto r = deploysim({"run", file, "--format", "json", "-o", out});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(std::regex_search(
      r.err,
      std::regex("^" + std::regex_replace(file, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                 R"(:\d+:\d+: error: )")))
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_FALSE(std::filesystem::exists(out + ".tmp"));
  EXPECT_TRUE(r.out.empty());
}

TEST_F(RunCommandTest, MissingFileExitsTwo) {
  const std::string out = (dir_ / "report.json").string();
  const auto r = deploysim({"run", (dir_ / "nope.yml").string(), "-o", out});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("error:"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(RunCommandTest, CheckPassesAndFails) {
  const auto pass =
      deploysim({"run", write("pass.yml", testing::one_target_scenario(60)), "--check"});
  EXPECT_EQ(pass.code, 0) << pass.err;
  const auto fail =
      deploysim({"run", write("fail.yml", testing::one_target_scenario(61)), "--check"});
  EXPECT_EQ(fail.code, 1);
  EXPECT_NE(fail.err.find("fail.yml: check: "), std::string::npos) << fail.err;
  EXPECT_NE(fail.err.find("dev"), std::string::npos) << fail.err;
  // Without --check the same run is a success: `run` reports, it does not judge.
  EXPECT_EQ(deploysim({"run", (dir_ / "fail.yml").string()}).code, 0);
}

TEST_F(RunCommandTest, FlagsReachTheSimulation) {
  const std::string file = write("s.yml", testing::one_target_scenario(60));
  const auto horizon = deploysim({"run", file, "--format", "json", "--horizon", "30s"});
  ASSERT_EQ(horizon.code, 0) << horizon.err;
  EXPECT_NE(horizon.out.find("\"finishedAt\": null"), std::string::npos) << horizon.out;

  const auto first = deploysim({"run", file, "--format", "json", "--first-deployment",
                                "--add-context", "a=1,b=2", "--target", "dev"});
  EXPECT_EQ(first.code, 0) << first.err;
}

TEST_F(RunCommandTest, BadFlagValuesExitTwo) {
  const std::string file = write("s.yml", testing::one_target_scenario(60));
  EXPECT_EQ(deploysim({"run", file, "--horizon", "soon"}).code, 2);
  EXPECT_EQ(deploysim({"run", file, "--add-context", "novalue"}).code, 2);
  const auto target = deploysim({"run", file, "--target", "prod"});
  EXPECT_EQ(target.code, 2);
  EXPECT_NE(target.err.find("prod"), std::string::npos) << target.err;
}

// -o onto a FIFO or device (-o /dev/null) writes into it; replacing it with a
// renamed temporary file would destroy the device node (it once did).
TEST_F(RunCommandTest, OutputIntoAFifoKeepsTheFifo) {
  const std::string fifo = (dir_ / "pipe").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  // Non-blocking, so that a writer that never comes makes the test fail, not hang.
  const int fd = open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(fd, 0);
  std::atomic<bool> command_done{false};
  auto reader = std::async(std::launch::async, [&] {
    std::string text;
    char buffer[4096];
    while (true) {
      const ssize_t got = read(fd, buffer, sizeof buffer);
      if (got > 0) {
        text.append(buffer, static_cast<std::size_t>(got));
      } else if (got == 0 && command_done.load()) {
        return text;  // the writer closed, or never came
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    }
  });
  const auto r =
      deploysim({"run", data_file("13-borealis-demo-full.yml"), "--format", "json", "-o", fifo});
  command_done = true;
  const std::string received = reader.get();
  close(fd);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(received.rfind("{\n  \"schemaVersion\": 1,", 0), 0u);
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));
  EXPECT_FALSE(std::filesystem::exists(fifo + ".tmp"));
}

TEST_F(RunCommandTest, OutputThroughASymlinkReplacesItsTarget) {
  const std::string real = write("real.json", "old");
  const std::string link = (dir_ / "link.json").string();
  std::filesystem::create_symlink(real, link);
  const auto r =
      deploysim({"run", data_file("13-borealis-demo-full.yml"), "--format", "json", "-o", link});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::is_symlink(link));
  EXPECT_EQ(read_file(real).rfind("{\n  \"schemaVersion\": 1,", 0), 0u);
}

// P4 (issue 12): requiresRoles is carried into every report, beside the approval.
TEST_F(RunCommandTest, RequiresRolesInTextJsonAndHtml) {
  const std::string file = data_file("14-demo-manifest-missing-target-duplicate-webhook.yml");
  const std::string html = (dir_ / "run.html").string();
  const auto text = deploysim({"run", file, "--html", html});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("\nApprovals\n  TARGET  WHERE             STEP   REQUIRES ROLES      "
                          "RESULT       ASKED  FINISHED\n  prod    beforeDeployment  pause  "
                          "Organization Admin  APPROVED  +0:00:00  +0:00:00\n"),
            std::string::npos)
      << text.out;
  const auto json = deploysim({"run", file, "--format", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_NE(json.out.find("\"approvals\": [\n    {\n      \"target\": \"prod\",\n      "
                          "\"phase\": \"beforeDeployment\",\n      \"where\": "
                          "\"beforeDeployment\",\n      \"step\": \"pause\",\n      "
                          "\"requiresRoles\": [\n        \"Organization Admin\"\n      ],"),
            std::string::npos)
      << json.out;
  const std::string page = read_file(html);
  EXPECT_NE(page.find("<td class=\"roles\">Organization Admin</td>"), std::string::npos);
  EXPECT_NE(page.find("approval (pause, requires Organization Admin)"), std::string::npos);
}

// Issue 12: `validate` prints the warnings `run` prints (they are the load's).
TEST_F(RunCommandTest, ValidateAndRunPrintTheSameWarnings) {
  for (const char* name : {"14-demo-manifest-missing-target-duplicate-webhook.yml",
                           "15-cli-fixture-legacy-callback-uri.yml", "13-borealis-demo-full.yml"}) {
    const std::string file = data_file(name);
    const auto validate = deploysim({"validate", file});
    const auto run = deploysim({"run", file, "-o", (dir_ / "report.txt").string()});
    EXPECT_EQ(validate.code, 0) << validate.err;
    EXPECT_EQ(run.code, 0) << run.err;
    EXPECT_FALSE(validate.err.empty()) << name;
    EXPECT_EQ(validate.err, run.err) << name;
  }
}

// D6 (issue 12): --target replaces the deploy file's targetFilters.
TEST_F(RunCommandTest, TargetFlagReplacesTargetFilters) {
  const std::string file = write("filtered.yml",
                                 "version: v1\n"
                                 "kind: kubernetes\n"
                                 "application: app\n"
                                 "targets:\n"
                                 "  staging: {account: a, namespace: s}\n"
                                 "  prod: {account: a, namespace: p}\n"
                                 "manifests: [{path: app.yml}]\n"
                                 "targetFilters: [{includeTarget: prod}]\n");
  const auto file_filter = deploysim({"run", file, "--format", "json"});
  ASSERT_EQ(file_filter.code, 0) << file_filter.err;
  EXPECT_NE(file_filter.out.find("\"staging\": {\n      \"status\": \"SKIPPED\""),
            std::string::npos)
      << file_filter.out;
  const auto flag = deploysim({"run", file, "--format", "json", "--target", "staging"});
  ASSERT_EQ(flag.code, 0) << flag.err;
  EXPECT_NE(flag.out.find("\"staging\": {\n      \"status\": \"SUCCEEDED\""), std::string::npos)
      << flag.out;
  EXPECT_NE(flag.out.find("\"prod\": {\n      \"status\": \"SKIPPED\""), std::string::npos)
      << flag.out;
}

// W2: a context variable that --add-context provides is not reported as missing.
TEST_F(RunCommandTest, AddContextProvidesContextVariables) {
  const std::string file = write(
      "context.yml",
      "version: v1\n"
      "kind: kubernetes\n"
      "application: app\n"
      "targets:\n"
      "  prod:\n"
      "    account: a\n"
      "    namespace: p\n"
      "    constraints: {beforeDeployment: [{runWebhook: {name: hook}}]}\n"
      "manifests: [{path: app.yml}]\n"
      "webhooks:\n"
      "  - {name: hook, uriTemplate: 'https://x/{{context.env}}?cb={{armory.callbackUri}}'}\n");
  const auto without = deploysim({"run", file, "-o", (dir_ / "a.txt").string()});
  EXPECT_NE(without.err.find("{{context.env}} in webhook 'hook' is provided by no context"),
            std::string::npos)
      << without.err;
  const auto with =
      deploysim({"run", file, "--add-context", "env=prod", "-o", (dir_ / "b.txt").string()});
  EXPECT_EQ(with.err, "") << with.err;
}

}  // namespace
}  // namespace deploysim
