// `deploysim stream --sweep`: each point is the file with the swept values
// set in its YAML and loaded again (the loader's own checks), points in grid
// order; the rejected share meets Erlang's B at every point.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "../cli/cli_fixture.hpp"
#include "stream_scenario.hpp"

namespace deploysim::testing {
namespace {

using Json = nlohmann::json;

class StreamSweep : public CliTest {};

// reject, Poisson arrivals of mean m, a constant pipeline duration D = 20m:
// at every point the rejected share is rho / (1 + rho), rho = D / m.
// Between two idle periods a stream sees one started pipeline and a
// Poisson(rho) number of refusals X, so over C ~ N / (1 + rho) such cycles the
// share sum(X) / sum(1 + X) has standard error (1 - r) sqrt(rho / C) / (1 + rho)
// (delta method, r = rho / (1 + rho)); the test allows 5 of them.
TEST_F(StreamSweep, RejectedShareIsErlangBAtEveryPoint) {
  const std::string file =
      write("s.yml", StreamScenario("reject", "{exponential: {mean: 30m}}", "20m").text());
  constexpr double kChanges = 100'000;
  const CliResult r =
      deploysim({"stream", file, "--changes", "100000", "--threads", "1", "--sweep",
                 "releases.arrivals.exponential.mean=10m,20m,30m,60m", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const Json j = Json::parse(r.out);
  EXPECT_EQ(j["schemaVersion"], 1);
  EXPECT_EQ(j["sweep"], Json::array({"releases.arrivals.exponential.mean"}));
  ASSERT_EQ(j["points"].size(), 4u);
  const double means[] = {10, 20, 30, 60};
  for (std::size_t i = 0; i < 4; ++i) {
    const Json& point = j["points"][i];
    const double rho = 20 / means[i];
    const double expected = rho / (1 + rho);
    const double cycles = kChanges / (1 + rho);
    const double se = (1 - expected) * std::sqrt(rho / cycles) / (1 + rho);
    EXPECT_EQ(point["values"]["releases.arrivals.exponential.mean"],
              std::to_string(static_cast<int>(means[i])) + "m");
    EXPECT_EQ(point["report"]["changes"], 100000);
    EXPECT_NEAR(point["report"]["rejected"]["share"].get<double>(), expected, 5 * se)
        << "mean " << means[i] << "m, rho " << rho;
    EXPECT_EQ(point["report"]["superseded"]["count"], 0);
  }
}

// A point's report is the report of the file with that value written in it:
// the 30m point of a file that says 45m is the plain run of a file that says 30m.
TEST_F(StreamSweep, APointIsTheFileWithTheValueSet) {
  const std::string swept = write(
      "swept.yml",
      StreamScenario("enqueueOne", "{exponential: {mean: 45m}}", "{uniform: {min: 10m, max: 40m}}")
          .text());
  const std::string plain = write(
      "plain.yml",
      StreamScenario("enqueueOne", "{exponential: {mean: 30m}}", "{uniform: {min: 10m, max: 40m}}")
          .text());
  const CliResult sweep = deploysim({"stream", swept, "--changes", "3000", "--format", "json",
                                     "--sweep", "releases.arrivals.exponential.mean=15m,30m"});
  ASSERT_EQ(sweep.code, 0) << sweep.err;
  const CliResult one = deploysim({"stream", plain, "--changes", "3000", "--format", "json"});
  ASSERT_EQ(one.code, 0) << one.err;
  const Json j = Json::parse(sweep.out);
  ASSERT_EQ(j["points"].size(), 2u);
  EXPECT_EQ(j["points"][1]["report"], Json::parse(one.out));
  EXPECT_NE(j["points"][0]["report"], Json::parse(one.out));
}

// Two --sweep flags: every combination, the first path slowest; text has one
// row per point.
TEST_F(StreamSweep, GridOrderAndTextRows) {
  const std::string file =
      write("s.yml", StreamScenario("reject", "{exponential: {mean: 30m}}", "20m").text());
  const std::vector<std::string> args = {"stream",    file,
                                         "--changes", "500",
                                         "--sweep",   "releases.arrivals.exponential.mean=20m,40m",
                                         "--sweep",   "deploy.readyAfter=5m,10m,15m"};
  std::vector<std::string> json_args = args;
  json_args.insert(json_args.end(), {"--format", "json"});
  const CliResult r = deploysim(json_args);
  ASSERT_EQ(r.code, 0) << r.err;
  const Json j = Json::parse(r.out);
  ASSERT_EQ(j["points"].size(), 6u);
  const char* means[] = {"20m", "20m", "20m", "40m", "40m", "40m"};
  const char* durations[] = {"5m", "10m", "15m", "5m", "10m", "15m"};
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(j["points"][i]["values"]["releases.arrivals.exponential.mean"], means[i]);
    EXPECT_EQ(j["points"][i]["values"]["deploy.readyAfter"], durations[i]);
    EXPECT_EQ(j["points"][i]["report"]["pipelines"]["duration"]["p50"],
              60.0 * std::stoi(durations[i]));
  }
  const CliResult text = deploysim(args);
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("sweep of releases.arrivals.exponential.mean deploy.readyAfter, 500 "
                          "changes per point, seed 1, ifDeploymentInProgress reject\n"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("  releases.arrivals.exponential.mean  deploy.readyAfter  rejected"),
            std::string::npos)
      << text.out;
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_NE(text.out.find("\n  " + std::string(means[i]) + "  "), std::string::npos);
  }
}

TEST_F(StreamSweep, TheLoadersErrorsNameTheSweptValue) {
  const std::string file =
      write("s.yml", StreamScenario("reject", "{exponential: {mean: 30m}}", "20m").text());
  const std::string out = (dir_ / "out.json").string();
  const std::string html = (dir_ / "out.html").string();
  const CliResult r =
      deploysim({"stream", file, "--changes", "100", "--sweep",
                 "releases.arrivals.exponential.mean=10m,0s", "-o", out, "--html", html});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--sweep releases.arrivals.exponential.mean=0s: "), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("releases.arrivals.exponential.mean must be positive"), std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_FALSE(std::filesystem::exists(html));

  const CliResult malformed =
      deploysim({"stream", file, "--changes", "100", "--sweep", "releases.arrivals"});
  EXPECT_EQ(malformed.code, 2);
  EXPECT_EQ(malformed.err,
            "deploysim stream: --sweep 'releases.arrivals': expected PATH=V1,V2,...\n");

  const CliResult sharded = deploysim({"stream", file, "--changes", "100", "--sweep",
                                       "releases.arrivals.exponential.mean=10m", "--shard", "0/2"});
  EXPECT_EQ(sharded.code, 2);
  EXPECT_EQ(sharded.err, "deploysim stream: error: --sweep cannot be combined with --shard\n");
}

TEST_F(StreamSweep, HtmlPageHasTheLines) {
  const std::string file =
      write("s.yml", StreamScenario("reject", "{exponential: {mean: 30m}}", "20m").text());
  const std::string html = (dir_ / "sweep.html").string();
  const CliResult r = deploysim({"stream", file, "--changes", "2000", "--sweep",
                                 "releases.arrivals.exponential.mean=10m,30m,60m", "--html", html});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string page = read_file(html);
  EXPECT_NE(page.find("id=\"sweep-shares\""), std::string::npos);
  EXPECT_NE(page.find("id=\"sweep-lead-time\""), std::string::npos);
  EXPECT_NE(page.find("class=\"sweep-line\""), std::string::npos);
  EXPECT_NE(page.find("<td class=\"l\">60m</td><td class=\"l\">reject</td>"), std::string::npos);
}

}  // namespace
}  // namespace deploysim::testing
