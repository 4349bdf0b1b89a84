// Engine benchmarks: the "hold" model of anchors/cpp_heap_limit.cpp.
//
// N entities each own one pending event; each event draws Exp(mean 1 s) and
// re-schedules its entity, so the pending set stays at N. Delays are
// round(Exp(1) * 1000) ms (integer milliseconds, the engine's time unit);
// Exp(1) is -log(u) with u uniform in (0, 1] from xoshiro256+, exactly as in
// the anchor. The prefill of N events is outside the timed loop.
// items_per_second = processed events per second.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "deploysim/engine.hpp"

namespace {

using deploysim::Duration;
using deploysim::Engine;
using deploysim::Task;

// xoshiro256+ seeded by splitmix64 (the anchor's generator).
struct Rng {
  std::uint64_t s[4];
  static std::uint64_t splitmix(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  explicit Rng(std::uint64_t seed) {
    for (auto& v : s) v = splitmix(seed);
  }
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t next() {
    const std::uint64_t r = s[0] + s[3];
    const std::uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return r;
  }
  double u01() { return static_cast<double>((next() >> 11) + 1) * 0x1.0p-53; }
  double exp1() { return -std::log(u01()); }
  // round(Exp(1) * 1000) ms
  std::int64_t delay_ms() { return static_cast<std::int64_t>(exp1() * 1000.0 + 0.5); }
};

constexpr std::uint64_t kBatch = 100'000;  // events per benchmark iteration

struct HoldContext {
  Engine* engine;
  Rng* rng;
};

void hold_handler(void* context, std::uint64_t entity) {
  auto* c = static_cast<HoldContext*>(context);
  c->engine->schedule(Duration(c->rng->delay_ms()), &hold_handler, context, entity);
}

void BM_HoldLoop(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  Engine engine;
  Rng rng(1);
  HoldContext context{&engine, &rng};
  for (std::uint64_t i = 0; i < n; ++i) {
    engine.schedule(Duration(rng.delay_ms()), &hold_handler, &context, i);
  }
  std::uint64_t events = 0;
  for (auto _ : state) {
    events += engine.run_events(kBatch);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
  state.counters["pending"] = static_cast<double>(engine.pending_events());
}
BENCHMARK(BM_HoldLoop)->Arg(1000)->Arg(10000)->Arg(100000);

Task<> holder(Engine& engine, Rng& rng) {
  for (;;) co_await engine.timeout(Duration(rng.delay_ms()));
}

void BM_ProcessHoldLoop(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  Engine engine;
  Rng rng(1);
  for (std::uint64_t i = 0; i < n; ++i) engine.spawn(holder(engine, rng));
  engine.run_events(n);  // start every process (each schedules its first timeout)
  std::uint64_t events = 0;
  for (auto _ : state) {
    events += engine.run_events(kBatch);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
}
BENCHMARK(BM_ProcessHoldLoop)->Arg(1000)->Arg(10000);

}  // namespace
