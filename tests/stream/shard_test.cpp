// Several streams and shards of them: stream s has keyed draws of its own (so
// stream 0 is the single stream), and `deploysim merge` of K shards writes the
// unsharded report byte for byte, whatever K.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "../cli/cli_fixture.hpp"
#include "deploysim/stream.hpp"
#include "deploysim/stream_shard.hpp"
#include "stream_scenario.hpp"

namespace deploysim::testing {
namespace {

// Pipelines that fail now and then, so every figure is exercised.
const StreamScenario kFlaky("enqueueOne", "{exponential: {mean: 20m}}",
                            "{lognormal: {median: 5m, sigma: 0.8}}",
                            "{latency: {exponential: {mean: 10m}}, outcome: "
                            "{success: 0.8, failure: 0.15, noCallback: 0.05}}");

std::string json_of(const Scenario& s, const stream::Result& r) {
  std::ostringstream out;
  stream::write_json(out, s, r);
  return out.str();
}

TEST(StreamStreams, StreamZeroIsTheSingleStreamAndStreamsAreIndependent) {
  const Scenario s = kFlaky.load();
  stream::Options options;
  options.changes = 2000;
  options.seed = 5;
  const std::string single = json_of(s, stream::run_stream(s, options));
  EXPECT_EQ(json_of(s, stream::run_streams(s, options, 0, 1)), single);
  const stream::Result second = stream::run_streams(s, options, 1, 1);
  EXPECT_NE(json_of(s, second), single);
  EXPECT_EQ(second.changes, 2000u);

  // Three streams are the sum of streams 0, 1 and 2, in any grouping.
  options.streams = 3;
  const stream::Result three = stream::run_stream(s, options);
  EXPECT_EQ(three.streams, 3u);
  EXPECT_EQ(three.changes, 6000u);
  stream::Result grouped = stream::run_streams(s, options, 2, 1);
  stream::merge(grouped, stream::run_streams(s, options, 0, 2));
  EXPECT_EQ(json_of(s, grouped), json_of(s, three));
  EXPECT_NE(json_of(s, three).find("\"streams\": 3"), std::string::npos);
  // Any number of threads gives the same streams.
  options.threads = 3;
  EXPECT_EQ(json_of(s, stream::run_stream(s, options)), json_of(s, three));
}

class StreamShards : public CliTest {
 protected:
  std::string scenario_ = "";
  void SetUp() override {
    CliTest::SetUp();
    scenario_ = write("flaky.yml", kFlaky.text());
  }
  // The partial files of K shards of --streams 6.
  std::vector<std::string> shards(int k) {
    std::vector<std::string> parts;
    for (int i = 0; i < k; ++i) {
      const std::string part =
          (dir_ / ("part-" + std::to_string(i) + "-of-" + std::to_string(k) + ".json")).string();
      const CliResult r =
          deploysim({"stream", scenario_, "--changes", "1500", "--streams", "6", "--seed", "9",
                     "--shard", std::to_string(i) + "/" + std::to_string(k), "-o", part});
      EXPECT_EQ(r.code, 0) << r.err;
      parts.push_back(part);
    }
    return parts;
  }
};

TEST_F(StreamShards, MergedReportIsTheUnshardedOneForAnySplit) {
  const std::vector<std::string> common = {"stream",    scenario_, "--changes", "1500",
                                           "--streams", "6",       "--seed",    "9"};
  std::vector<std::string> json_args = common;
  json_args.insert(json_args.end(), {"--format", "json"});
  const CliResult json = deploysim(json_args);
  ASSERT_EQ(json.code, 0) << json.err;
  const CliResult text = deploysim(common);
  ASSERT_EQ(text.code, 0) << text.err;
  const std::string html = (dir_ / "unsharded.html").string();
  std::vector<std::string> html_args = common;
  html_args.insert(html_args.end(), {"--html", html, "-o", (dir_ / "x.txt").string()});
  ASSERT_EQ(deploysim(html_args).code, 0);
  EXPECT_NE(text.out.find("6 streams of 1500 changes"), std::string::npos) << text.out;

  for (int k : {1, 2, 3, 6}) {
    std::vector<std::string> parts = shards(k);
    std::reverse(parts.begin(), parts.end());  // any order
    std::vector<std::string> merge = {"merge"};
    merge.insert(merge.end(), parts.begin(), parts.end());
    std::vector<std::string> merge_json = merge;
    merge_json.insert(merge_json.end(), {"--format", "json"});
    const CliResult mj = deploysim(merge_json);
    ASSERT_EQ(mj.code, 0) << mj.err;
    EXPECT_EQ(mj.out, json.out) << k << " shards";
    const std::string merged_html = (dir_ / ("merged-" + std::to_string(k) + ".html")).string();
    std::vector<std::string> merge_text = merge;
    merge_text.insert(merge_text.end(), {"--html", merged_html});
    const CliResult mt = deploysim(merge_text);
    ASSERT_EQ(mt.code, 0) << mt.err;
    EXPECT_EQ(mt.out, text.out) << k << " shards";
    EXPECT_EQ(read_file(merged_html), read_file(html)) << k << " shards";
  }
}

TEST_F(StreamShards, MergeRefusesPartsThatDoNotFit) {
  const std::vector<std::string> parts = shards(3);
  const CliResult missing = deploysim({"merge", parts[0], parts[2]});
  EXPECT_EQ(missing.code, 2);
  EXPECT_EQ(missing.err, "deploysim merge: error: missing shard 1/3: got 2 of 3 parts\n");

  const std::string other = (dir_ / "other.json").string();
  ASSERT_EQ(deploysim({"stream", scenario_, "--changes", "1000", "--streams", "6", "--seed", "9",
                       "--shard", "1/3", "-o", other})
                .code,
            0);
  const CliResult changes = deploysim({"merge", parts[0], other, parts[2]});
  EXPECT_EQ(changes.code, 2);
  EXPECT_NE(changes.err.find("come from different --changes (1500 vs 1000)"), std::string::npos)
      << changes.err;

  const std::string policy = (dir_ / "policy.json").string();
  ASSERT_EQ(deploysim({"stream", scenario_, "--changes", "1500", "--streams", "6", "--seed", "9",
                       "--shard", "1/3", "--if-deployment-in-progress", "reject", "-o", policy})
                .code,
            0);
  const CliResult inputs = deploysim({"merge", parts[0], policy, parts[2]});
  EXPECT_EQ(inputs.code, 2);
  EXPECT_NE(inputs.err.find("come from different inputs"), std::string::npos) << inputs.err;

  // A montecarlo partial among stream partials.
  const std::string mc = (dir_ / "mc.json").string();
  ASSERT_EQ(deploysim({"montecarlo", scenario_, "--runs", "30", "--shard", "1/3", "-o", mc}).code,
            0);
  const CliResult mixed = deploysim({"merge", parts[0], mc, parts[2]});
  EXPECT_EQ(mixed.code, 2);
  EXPECT_EQ(mixed.err, mc + ": error: not a deploysim stream partial result (no \"kind\": "
                            "\"deploysim-stream-partial\")\n");

  // A tampered count.
  std::string text = read_file(parts[1]);
  const std::size_t at = text.find("\"delivered\": ");
  ASSERT_NE(at, std::string::npos);
  text.insert(at + 13, "1");
  const std::string bad = write("bad.json", text);
  const CliResult tampered = deploysim({"merge", parts[0], bad, parts[2]});
  EXPECT_EQ(tampered.code, 2);
  EXPECT_NE(tampered.err.find(bad + ": error: result: the counts do not fit together"),
            std::string::npos)
      << tampered.err;

  const CliResult html = deploysim({"stream", scenario_, "--changes", "10", "--shard", "0/2",
                                    "--html", (dir_ / "p.html").string()});
  EXPECT_EQ(html.code, 2);
  EXPECT_NE(html.err.find("--html with --shard"), std::string::npos);
}

}  // namespace
}  // namespace deploysim::testing
