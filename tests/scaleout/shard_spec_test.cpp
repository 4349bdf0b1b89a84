// --shard I/K and auto/K, and the blocks of replications each shard runs.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "deploysim/shard.hpp"

namespace deploysim {
namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> const char* {
    const auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  };
}

std::optional<ShardSpec> parse(const std::string& text, const EnvLookup& env = env_of({})) {
  Diagnostics diagnostics;
  std::optional<ShardSpec> spec = parse_shard(text, env, diagnostics);
  EXPECT_EQ(spec.has_value(), diagnostics.problems().empty()) << text;
  return spec;
}

// The one error message of a refused --shard.
std::string error_of(const std::string& text, const EnvLookup& env = env_of({})) {
  Diagnostics diagnostics;
  EXPECT_FALSE(parse_shard(text, env, diagnostics).has_value()) << text;
  EXPECT_EQ(diagnostics.problems().size(), 1u) << text;
  return diagnostics.problems().empty() ? "" : diagnostics.problems()[0].message;
}

TEST(ParseShard, Explicit) {
  EXPECT_EQ(parse("0/3"), (ShardSpec{0, 3}));
  EXPECT_EQ(parse("2/3"), (ShardSpec{2, 3}));
  EXPECT_EQ(parse("0/1"), (ShardSpec{0, 1}));
}

TEST(ParseShard, RefusesMalformedAndOutOfRange) {
  for (const char* text :
       {"3/3", "1/0", "a/3", "1/b", "-1/3", "1/", "/3", "13", "1/3/4", " 1/3", "1/2000000"}) {
    EXPECT_FALSE(error_of(text).empty()) << text;
  }
  EXPECT_NE(error_of("3/3").find("0 to K-1"), std::string::npos);
}

TEST(ParseShard, AutoPrefersKubernetesThenSlurm) {
  EXPECT_EQ(parse("auto/4", env_of({{"JOB_COMPLETION_INDEX", "2"}})), (ShardSpec{2, 4}));
  EXPECT_EQ(parse("auto/4", env_of({{"SLURM_ARRAY_TASK_ID", "3"}})), (ShardSpec{3, 4}));
  EXPECT_EQ(parse("auto/4", env_of({{"JOB_COMPLETION_INDEX", "1"}, {"SLURM_ARRAY_TASK_ID", "3"}})),
            (ShardSpec{1, 4}));
}

TEST(ParseShard, AutoNeedsAnIndexBelowK) {
  const std::string none = error_of("auto/4");
  EXPECT_NE(none.find("JOB_COMPLETION_INDEX"), std::string::npos) << none;
  EXPECT_NE(none.find("SLURM_ARRAY_TASK_ID"), std::string::npos) << none;
  EXPECT_NE(error_of("auto/4", env_of({{"SLURM_ARRAY_TASK_ID", "4"}})).find("--array=0-3"),
            std::string::npos);
  EXPECT_FALSE(error_of("auto/4", env_of({{"JOB_COMPLETION_INDEX", "x"}})).empty());
}

TEST(ShardRange, BlocksTileTheRunsInOrder) {
  for (std::uint64_t runs : {0ull, 1ull, 2ull, 7ull, 10ull, 1000ull, 1001ull}) {
    for (std::uint64_t k : {1ull, 2ull, 3ull, 7ull, 16ull}) {
      std::uint64_t next = 0;
      for (std::uint64_t i = 0; i < k; ++i) {
        const RunRange r = shard_range(runs, {i, k});
        EXPECT_EQ(r.begin, next) << runs << " " << i << "/" << k;
        EXPECT_LE(r.begin, r.end);
        EXPECT_LE(r.size(), runs / k + 1);
        EXPECT_GE(r.size(), runs / k);
        next = r.end;
      }
      EXPECT_EQ(next, runs) << runs << " over " << k;
    }
  }
  EXPECT_EQ(shard_range(10, {0, 3}), (RunRange{0, 3}));
  EXPECT_EQ(shard_range(10, {1, 3}), (RunRange{3, 6}));
  EXPECT_EQ(shard_range(10, {2, 3}), (RunRange{6, 10}));
}

TEST(ShardRange, NoOverflowForHugeRuns) {
  const std::uint64_t runs = std::numeric_limits<std::uint64_t>::max();
  const RunRange last = shard_range(runs, {kMaxShards - 1, kMaxShards});
  EXPECT_EQ(last.end, runs);
  EXPECT_EQ(shard_range(runs, {0, kMaxShards}).end, shard_range(runs, {1, kMaxShards}).begin);
}

}  // namespace
}  // namespace deploysim
