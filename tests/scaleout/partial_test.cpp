// Partial results: the integer state survives the JSON round trip exactly,
// and anything that is not a well-formed partial is refused with a reason.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "shard_fixture.hpp"

namespace deploysim {
namespace {

using testing::partial_text;
using testing::pipeline_partial;
using testing::small_run;

using testing::messages;

// read_partial_json of `text`; its problems go to `problems`, one per line.
std::optional<PartialResult> read(const std::string& text, std::string& problems) {
  Diagnostics diagnostics;
  std::optional<PartialResult> part = read_partial_json(text, "part.json", diagnostics);
  problems = messages(diagnostics);
  return part;
}

// `edit` changes the JSON of a good partial; the reader must refuse it with
// an error containing `expected`.
void expect_refused(const std::function<void(nlohmann::json&)>& edit, const std::string& expected) {
  nlohmann::json j = nlohmann::json::parse(partial_text(pipeline_partial(small_run(90), {1, 3})));
  edit(j);
  std::string error;
  EXPECT_FALSE(read(j.dump(), error).has_value()) << j.dump().substr(0, 200);
  EXPECT_NE(error.find(expected), std::string::npos) << error;
}

TEST(LogHistogramState, RoundTrips) {
  LogHistogram h;
  EXPECT_EQ(LogHistogram::from_state(h.state()), h);
  for (std::int64_t v : {0, 3, 255, 256, 1000, 123456, 99999999, 5}) h.add(v);
  const std::optional<LogHistogram> back = LogHistogram::from_state(h.state());
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, h);
  EXPECT_EQ(back->quantile(0.5), h.quantile(0.5));
  EXPECT_EQ(back->sum(), h.sum());
}

TEST(LogHistogramState, RefusesStatesAddCannotMake) {
  LogHistogram h;
  for (std::int64_t v : {10, 1000, 5000}) h.add(v);
  const LogHistogram::State good = h.state();
  auto refused = [](LogHistogram::State s) { return !LogHistogram::from_state(s).has_value(); };
  LogHistogram::State s = good;
  s.count += 1;
  EXPECT_TRUE(refused(s));
  s = good;
  std::swap(s.buckets[0], s.buckets[1]);
  EXPECT_TRUE(refused(s));
  s = good;
  s.min = 11;  // still bucket 11, not 10's
  EXPECT_TRUE(refused(s));
  s = good;
  s.max = 1;
  EXPECT_TRUE(refused(s));
  s = good;
  s.buckets[1].second = 0;
  s.count -= 1;
  EXPECT_TRUE(refused(s));
  EXPECT_TRUE(refused(LogHistogram::State{{}, 1, 0, 0, 0}));
}

TEST(Partial, RoundTripsExactly) {
  const PartialResult p = pipeline_partial(small_run(300), {1, 3}, 0xfedcba9876543210ull);
  const std::string text = partial_text(p);
  std::string error;
  const std::optional<PartialResult> back = read(text, error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->aggregate, p.aggregate);
  EXPECT_EQ(back->inputs_hash, p.inputs_hash);
  EXPECT_EQ(back->range, (RunRange{100, 200}));
  EXPECT_EQ(back->shard, (ShardSpec{1, 3}));
  EXPECT_EQ(back->targets, p.targets);
  EXPECT_EQ(partial_text(*back), text);
  EXPECT_GT(p.aggregate.causes().size(), 0u) << "pick a run with failures";
}

TEST(Partial, HoldsIntegersOnly) {
  const nlohmann::json j =
      nlohmann::json::parse(partial_text(pipeline_partial(small_run(300), {0, 2})));
  EXPECT_EQ(j["kind"], "deploysim-partial");
  std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& v) {
    EXPECT_FALSE(v.is_number_float()) << v;
    if (v.is_structured()) {
      for (const auto& child : v) walk(child);
    }
  };
  walk(j);
}

TEST(Partial, RefusesForeignOrBrokenFiles) {
  std::string error;
  EXPECT_FALSE(read("{not json", error));
  EXPECT_NE(error.find("not JSON"), std::string::npos) << error;
  EXPECT_FALSE(read(R"({"schemaVersion": 1, "runs": 10})", error));
  EXPECT_NE(error.find("not a deploysim partial"), std::string::npos) << error;
  EXPECT_FALSE(read("[1, 2]", error));
  EXPECT_NE(error.find("not a deploysim partial"), std::string::npos) << error;
}

TEST(Partial, RefusesInconsistentContents) {
  expect_refused([](auto& j) { j["schemaVersion"] = 2; }, "schemaVersion");
  expect_refused([](auto& j) { j["generator"] = "deploysim 0.0.1"; }, "generator");
  expect_refused([](auto& j) { j["inputsHash"] = "md5:abc"; }, "inputsHash");
  expect_refused([](auto& j) { j["range"]["end"] = 61; }, "range");
  expect_refused([](auto& j) { j["shard"]["index"] = 3; }, "shard");
  expect_refused([](auto& j) { j["runs"] = -5; }, "runs");
  expect_refused([](auto& j) { j["aggregate"]["runs"] = 29; }, "aggregate.runs");
  expect_refused([](auto& j) { j["aggregate"]["pipeline"]["status"]["SUCCEEDED"] = 1; },
                 "aggregate.pipeline");
  expect_refused([](auto& j) { j["aggregate"]["targets"][0]["status"]["WINNING"] = 1; },
                 "unknown word");
  expect_refused([](auto& j) { j["aggregate"]["targets"].erase(0); }, "one tally per target");
  expect_refused([](auto& j) { j["aggregate"]["targets"][1]["finishedAtMs"]["count"] = 100000; },
                 "finishedAtMs");
  expect_refused(
      [](auto& j) {
        j["aggregate"]["causes"] = nlohmann::json::array({{{"target", 99}}});
      },
      "causes[0]");
  expect_refused([](auto& j) { j["aggregate"]["pipeline"]["timeMs"]["webhooks"] = 0.5; },
                 "expected an integer");
}

}  // namespace
}  // namespace deploysim
