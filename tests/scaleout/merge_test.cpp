// The merge of K shards is the unsharded run, byte for byte, in every format;
// and every way a set of parts can fail to be one run is refused.
#include <gtest/gtest.h>

#include <algorithm>

#include "deploysim/montecarlo_report.hpp"
#include "shard_fixture.hpp"

namespace deploysim {
namespace {

using testing::pipeline_partial;
using testing::pipeline_scenario;
using testing::small_run;

struct Reports {
  std::string json, text, html;
};

Reports render(const Scenario& scenario, const MonteCarloResult& r) {
  std::ostringstream json, text, html;
  write_montecarlo_json(json, scenario, r);
  write_montecarlo_text(text, scenario, r);
  write_montecarlo_html(html, scenario, r);
  return {json.str(), text.str(), html.str()};
}

std::vector<PartialResult> shards_of(const MonteCarloOptions& options, std::uint64_t k) {
  std::vector<PartialResult> parts;
  for (std::uint64_t i = 0; i < k; ++i) parts.push_back(pipeline_partial(options, {i, k}));
  return parts;
}

std::vector<std::string> names_of(const std::vector<PartialResult>& parts) {
  std::vector<std::string> names;
  for (const PartialResult& p : parts) names.push_back("part-" + std::to_string(p.shard.index));
  return names;
}

std::string refusal(const std::vector<PartialResult>& parts) {
  Diagnostics diagnostics;
  EXPECT_FALSE(merge_partials(parts, names_of(parts), diagnostics).has_value());
  EXPECT_EQ(diagnostics.problems().size(), 1u);
  return testing::messages(diagnostics);
}

TEST(Merge, ThreeShardsAreTheWholeRunByteForByte) {
  MonteCarloOptions whole_options = small_run(300);
  whole_options.threads = 0;  // the default, as `montecarlo` without --threads
  const MonteCarloResult whole = run_montecarlo(pipeline_scenario(), whole_options);
  const Reports expected = render(pipeline_scenario(), whole);

  std::vector<PartialResult> parts = shards_of(small_run(300, 7, 1), 3);
  std::reverse(parts.begin(), parts.end());  // the order of the files does not matter
  Diagnostics diagnostics;
  const std::optional<MergedResult> merged = merge_partials(parts, names_of(parts), diagnostics);
  ASSERT_TRUE(merged) << testing::messages(diagnostics);
  EXPECT_EQ(merged->result.aggregate, whole.aggregate);
  const Reports got = render(merged->scenario, merged->result);
  EXPECT_EQ(got.json, expected.json);
  EXPECT_EQ(got.text, expected.text);
  EXPECT_EQ(got.html, expected.html);
}

TEST(Merge, AnyKGivesTheSameSummary) {
  const MonteCarloResult whole = run_montecarlo(pipeline_scenario(), small_run(50));
  for (std::uint64_t k : {1, 2, 7, 64}) {  // 64 > runs: some shards are empty
    const std::vector<PartialResult> parts = shards_of(small_run(50), k);
    Diagnostics diagnostics;
    const std::optional<MergedResult> merged = merge_partials(parts, names_of(parts), diagnostics);
    ASSERT_TRUE(merged) << testing::messages(diagnostics);
    EXPECT_EQ(merged->result.aggregate, whole.aggregate) << k;
  }
}

TEST(Merge, ThreadsFieldIsTheUnshardedDefault) {
  for (std::uint64_t runs : {1, 3, 1000}) {
    EXPECT_EQ(unsharded_thread_count(0, runs),
              run_montecarlo(pipeline_scenario(), small_run(runs, 7, 0)).threads);
    EXPECT_EQ(unsharded_thread_count(3, runs),
              run_montecarlo(pipeline_scenario(), small_run(runs, 7, 3)).threads);
  }
}

TEST(Merge, RefusesDifferentInputs) {
  std::vector<PartialResult> parts = shards_of(small_run(30), 3);
  parts[2].inputs_hash = 43;
  const std::string error = refusal(parts);
  EXPECT_NE(error.find("different inputs"), std::string::npos) << error;
  EXPECT_NE(error.find("part-2"), std::string::npos) << error;
}

TEST(Merge, RefusesDifferentRunsOrSeed) {
  std::vector<PartialResult> parts = shards_of(small_run(30), 2);
  parts[1] = pipeline_partial(small_run(40), {1, 2});
  EXPECT_NE(refusal(parts).find("different --runs (30 vs 40)"), std::string::npos);
  parts[1] = pipeline_partial(small_run(30, 8), {1, 2});
  EXPECT_NE(refusal(parts).find("different seeds (7 vs 8)"), std::string::npos);
}

TEST(Merge, RefusesMixedK) {
  std::vector<PartialResult> parts = {pipeline_partial(small_run(30), {0, 2}),
                                      pipeline_partial(small_run(30), {1, 3}),
                                      pipeline_partial(small_run(30), {2, 3})};
  const std::string error = refusal(parts);
  EXPECT_NE(error.find("same K"), std::string::npos) << error;
}

TEST(Merge, RefusesOverlappingShards) {
  std::vector<PartialResult> parts = shards_of(small_run(30), 3);
  parts.push_back(parts[1]);
  const std::string error = refusal(parts);
  EXPECT_NE(error.find("both shard 1/3"), std::string::npos) << error;
}

TEST(Merge, RefusesMissingShards) {
  std::vector<PartialResult> parts = shards_of(small_run(30), 3);
  parts.erase(parts.begin() + 1);
  EXPECT_NE(refusal(parts).find("missing shard 1/3: got 2 of 3 parts"), std::string::npos);
  parts = shards_of(small_run(30), 9);
  parts.resize(1);
  EXPECT_NE(refusal(parts).find("missing shards 1/9, 2/9, 3/9, 4/9, 5/9 and 3 more"),
            std::string::npos);
  EXPECT_NE(refusal({}).find("no partial results"), std::string::npos);
}

TEST(Merge, RefusesInterruptedShards) {
  std::vector<PartialResult> parts = shards_of(small_run(30), 2);
  parts[0].stopped_early = true;
  EXPECT_NE(refusal(parts).find("part-0: shard 0/2 was interrupted"), std::string::npos);
}

}  // namespace
}  // namespace deploysim
