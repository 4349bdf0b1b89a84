// Shared by the shard tests: the bundled example scenario, loaded once, and
// runs of it small enough for a unit test.
#pragma once

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "deploysim/loader.hpp"
#include "deploysim/shard.hpp"
#include "support/test_paths.hpp"

namespace deploysim::testing {

// Every problem of `diagnostics`, one per line ("" when there is none).
inline std::string messages(const Diagnostics& diagnostics) {
  std::string out;
  for (const Problem& p : diagnostics.problems()) out += p.to_string() + "\n";
  return out;
}

inline std::string source_path(const std::string& relative) {
  return test_paths::source_dir() + "/" + relative;
}

inline Scenario load_or_fail(const std::string& path) {
  Diagnostics diagnostics;
  std::optional<Scenario> s = load_scenario(path, LoadOptions{}, diagnostics);
  if (!s) ADD_FAILURE() << "cannot load " << path;
  return s ? *s : Scenario{};
}

// scenarios/examples/pipeline.yml: four targets, webhooks, approvals, analysis, canary.
inline const Scenario& pipeline_scenario() {
  static const Scenario scenario = load_or_fail(source_path("scenarios/examples/pipeline.yml"));
  return scenario;
}

inline MonteCarloOptions small_run(std::uint64_t runs, std::uint64_t seed = 7,
                                   unsigned threads = 2) {
  MonteCarloOptions o;
  o.runs = runs;
  o.seed = seed;
  o.threads = threads;
  return o;
}

// Shard `spec` of a run of the pipeline scenario, as `montecarlo --shard` makes it.
inline PartialResult pipeline_partial(const MonteCarloOptions& options, ShardSpec spec,
                                      std::uint64_t hash = 42) {
  const MonteCarloResult r =
      run_montecarlo_range(pipeline_scenario(), options, shard_range(options.runs, spec));
  return make_partial(pipeline_scenario(), hash, options, spec, r);
}

inline std::string partial_text(const PartialResult& p) {
  std::ostringstream out;
  write_partial_json(out, p);
  return out.str();
}

}  // namespace deploysim::testing
