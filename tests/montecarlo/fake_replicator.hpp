// A Replicator that makes up a RunResult from (seed, replication) alone, so
// the driver and the writers can be tested without the model: three targets
// a -> b -> c; each fails its afterDeployment webhook with probability 0.1.
#pragma once

#include "deploysim/montecarlo.hpp"
#include "deploysim/random.hpp"

namespace deploysim::testing {

class FakeReplicator final : public Replicator {
 public:
  void run(const RunOptions& options, RunResult& out) override {
    const Draws draws(options.seed, options.replication);
    out = RunResult{};
    out.seed = options.seed;
    out.replication = options.replication;
    out.targets.resize(3);
    SimTime now{0};
    int failed_at = -1;
    for (int i = 0; i < 3; ++i) {
      TargetOutcome& t = out.targets[static_cast<std::size_t>(i)];
      if (failed_at >= 0) {
        t.status = TargetStatus::kCancelled;
        t.reason = Reason::kUpstreamFailed;
        t.finished_at = now;
        t.cause = Cause{Phase::kDependsOn, "", failed_at, ""};
        continue;
      }
      t.started_at = now;
      const auto latency = Duration(
          static_cast<std::int64_t>(draws.uniform(DrawKey{name_key("fake"), DrawPurpose::kLatency,
                                                          0, static_cast<std::uint32_t>(i)}) *
                                    600000));
      t.time.webhooks = latency;
      t.time.readiness = Duration(60000);
      now += latency + Duration(60000);
      t.finished_at = now;
      t.deployed = true;
      if (draws.bernoulli(
              DrawKey{name_key("fake"), DrawPurpose::kOutcome, 0, static_cast<std::uint32_t>(i)},
              0.1)) {
        t.status = TargetStatus::kFailed;
        t.reason = Reason::kWebhookFailed;
        t.cause = Cause{Phase::kAfterDeployment, "runWebhook tests", i, ""};
        failed_at = i;
      } else {
        t.status = TargetStatus::kSucceeded;
      }
    }
    out.pipeline = failed_at >= 0 ? TargetStatus::kFailed : TargetStatus::kSucceeded;
    out.finished_at = now;
  }
};

inline Scenario fake_scenario() {
  Scenario s;
  s.name = "fake";
  for (const char* name : {"a", "b", "c"}) {
    Target t;
    t.name = name;
    s.deployment.targets.push_back(t);
  }
  return s;
}

inline MonteCarloResult run_fake(std::uint64_t runs, unsigned threads, std::uint64_t seed = 7,
                                 std::uint64_t chunk = 64) {
  MonteCarloOptions o;
  o.runs = runs;
  o.threads = threads;
  o.seed = seed;
  o.chunk = chunk;
  return run_montecarlo_with(
      3, [] { return std::make_unique<FakeReplicator>(); }, o);
}

}  // namespace deploysim::testing
