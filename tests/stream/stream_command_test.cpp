// `deploysim stream`: the scenario key `releases` (FILE:LINE:COL errors, exit
// 2, nothing written), the report's keys, -o and --html.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../cli/cli_fixture.hpp"
#include "stream_scenario.hpp"

namespace deploysim::testing {
namespace {

using Json = nlohmann::json;

const std::string kDeployment =
    "deployment:\n"
    "  version: v1\n  kind: kubernetes\n  application: app\n"
    "  targets:\n"
    "    staging: {account: c, namespace: s}\n"
    "    prod: {account: c, namespace: p, constraints: {dependsOn: [staging]}}\n"
    "  manifests: [{path: app.yml}]\n";

class StreamCommand : public CliTest {};

TEST_F(StreamCommand, ReleasesErrorsHaveAPlace) {
  struct Case {
    std::string releases;
    std::string error;
  };
  const std::vector<Case> cases = {
      {"releases: {measureAt: [prod]}\n",
       ":9:11: error: releases: 'arrivals' is required (the time between changes, a DIST)"},
      {"releases: {arrivals: 30m, measureAt: [prdo]}\n",
       ":9:39: error: releases.measureAt: 'prdo' names no target of the deployment"},
      {"releases: {arrivals: 30m, measureAt: [prod, prod]}\n",
       ":9:45: error: releases.measureAt: 'prod' is listed twice"},
      {"releases: {arrivals: 30m, measureAt: []}\n",
       ":9:38: error: releases.measureAt: expected at least one target name"},
      {"releases: {arrivals: 0}\n",
       ":9:22: error: releases.arrivals: expected a positive time between changes, got 0"},
      {"releases: {arrivals: {exponential: {mean: 0s}}}\n",
       ":9:43: error: releases.arrivals.exponential.mean must be positive"},
      {"releases: {arrivals: 30m, measureAt: [prod], arrival: 5m}\n",
       ":9:46: error: unknown key 'arrival' in releases"},
  };
  for (const Case& c : cases) {
    const std::string file = write("bad.yml", kDeployment + c.releases);
    const std::string out = (dir_ / "out.json").string();
    const CliResult r = deploysim({"stream", file, "--changes", "10", "-o", out});
    EXPECT_EQ(r.code, 2) << c.releases;
    EXPECT_NE(r.err.find(file + c.error), std::string::npos) << c.releases << r.err;
    EXPECT_FALSE(std::filesystem::exists(out));
  }
}

TEST_F(StreamCommand, AScenarioWithoutReleasesIsBadInput) {
  const std::string file = write("plain.yml", kDeployment);
  const CliResult r = deploysim({"stream", file, "--changes", "10"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, file +
                       ": error: stream: the scenario has no `releases` block (releases: "
                       "{arrivals: DIST, measureAt: [targets]}, COMMANDS.md stream)\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(StreamCommand, JsonHasTheContractKeys) {
  const std::string file =
      write("s.yml", kDeployment +
                         "deploy: {readyAfter: {uniform: {min: 5m, max: 15m}}}\n"
                         "releases: {arrivals: {exponential: {mean: 30m}}}\n");
  const std::string html = (dir_ / "s.html").string();
  const CliResult r = deploysim(
      {"stream", file, "--changes", "2000", "--seed", "3", "--format", "json", "--html", html});
  ASSERT_EQ(r.code, 0) << r.err;
  const Json j = Json::parse(r.out);
  for (const char* key :
       {"changes", "rejected", "superseded", "pipelines", "deploymentFrequency", "leadTime",
        "changeFailRate", "timeToRestore", "waitForSlot", "undelivered", "notes"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["changes"], 2000);
  EXPECT_EQ(j["seed"], 3);
  EXPECT_EQ(j["ifDeploymentInProgress"], "reject");
  EXPECT_EQ(j["measureAt"], Json::array({"prod"}));
  // reject: every request either started a pipeline or was refused.
  EXPECT_EQ(j["rejected"]["count"].get<int>() + j["pipelines"]["count"].get<int>(), 2000);
  EXPECT_EQ(j["superseded"]["count"], 0);
  EXPECT_EQ(j["changeFailRate"], 0.0);
  EXPECT_EQ(j["pipelines"]["status"]["SUCCEEDED"], 1.0);
  EXPECT_EQ(j["timeToRestore"]["episodes"], 0);
  EXPECT_TRUE(j["timeToRestore"]["mean"].is_null());
  EXPECT_GT(j["leadTime"]["p90"].get<double>(), j["leadTime"]["p50"].get<double>());
  EXPECT_GT(j["deploymentFrequency"].get<double>(), 0);
  const std::string page = read_file(html);
  EXPECT_NE(page.find("id=\"lead-time\""), std::string::npos);
  EXPECT_NE(page.find("class=\"throughput-bar\""), std::string::npos);
  EXPECT_NE(page.find("<li>A defect that reaches production"), std::string::npos);
}

TEST_F(StreamCommand, TextNamesTheKeysAndTheNotes) {
  const std::string text = StreamScenario("enqueueOne", "10m", "25m").text();
  const std::string scenario = write("q.yml", text);
  const CliResult r = deploysim({"stream", scenario, "--changes", "9"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("ifDeploymentInProgress enqueueOne"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  superseded              4 (44.4 %)\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  change fail rate        0.0 %  (0 of 5 pipelines)\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("What the simulator can know"), std::string::npos);
}

}  // namespace
}  // namespace deploysim::testing
