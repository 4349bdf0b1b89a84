#include "deploysim/engine.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace deploysim {
namespace {

using namespace std::chrono_literals;

// (time in ms, label) pairs in the order things happened.
using Trace = std::vector<std::pair<std::int64_t, std::string>>;

void record(Engine& e, Trace& trace, std::string label) {
  trace.emplace_back(e.now().count(), std::move(label));
}

// Counts live instances; the destructor is the cancellation probe.
struct Probe {
  explicit Probe(int& live) : live_(&live) { ++*live_; }
  Probe(const Probe&) = delete;
  ~Probe() { --*live_; }
  int* live_;
};

Task<> sleeper(Engine& e, Trace& trace, std::string name, Duration d) {
  co_await e.timeout(d);
  record(e, trace, name);
}

TEST(EngineTest, StartsEmpty) {
  Engine e;
  EXPECT_EQ(e.now(), 0ms);
  EXPECT_EQ(e.pending_events(), 0u);
  EXPECT_EQ(e.events_processed(), 0u);
  e.run();
  EXPECT_EQ(e.now(), 0ms);
}

TEST(EngineTest, TimeoutsResumeAtExactTimes) {
  Engine e;
  Trace trace;
  e.spawn(sleeper(e, trace, "c", 3s));
  e.spawn(sleeper(e, trace, "a", 1s));
  e.spawn(sleeper(e, trace, "b", 2500ms));
  e.run();
  EXPECT_EQ(trace, (Trace{{1000, "a"}, {2500, "b"}, {3000, "c"}}));
  EXPECT_EQ(e.now(), 3s);
  EXPECT_EQ(e.process_count(), 0u);
  EXPECT_EQ(e.events_processed(), 6u);  // 3 starts + 3 wake-ups
}

TEST(EngineTest, NextEventTimeSkipsCancelledTimers) {
  Engine e;
  EXPECT_EQ(e.next_event_time(), std::nullopt);
  auto noop = [](void*, std::uint64_t) {};
  const TimerId early = e.schedule(1s, noop, nullptr, 0);
  e.schedule(4s, noop, nullptr, 0);
  EXPECT_EQ(e.next_event_time(), std::optional<SimTime>(1s));
  e.cancel_timer(early);
  EXPECT_EQ(e.next_event_time(), std::optional<SimTime>(4s));
  EXPECT_EQ(e.now(), 0ms);  // a peek moves nothing
  EXPECT_EQ(e.events_processed(), 0u);
  e.schedule(0s, noop, nullptr, 0);  // the zero-delay ring
  EXPECT_EQ(e.next_event_time(), std::optional<SimTime>(0s));
  e.run();
  EXPECT_EQ(e.next_event_time(), std::nullopt);
  EXPECT_EQ(e.now(), 4s);
}

TEST(EngineTest, TiesResolvedBySchedulingOrder) {
  Engine e;
  Trace trace;
  for (int i = 0; i < 5; ++i) e.spawn(sleeper(e, trace, "p" + std::to_string(i), 10s));
  e.run();
  ASSERT_EQ(trace.size(), 5u);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(trace[i], (std::pair<std::int64_t, std::string>{10000, "p" + std::to_string(i)}));
}

TEST(EngineTest, SpawnRunsBodyLaterInFifoOrder) {
  Engine e;
  Trace trace;
  auto body = [](Engine& e, Trace& trace, std::string name) -> Task<> {
    record(e, trace, name);
    co_return;
  };
  e.spawn(body(e, trace, "first"));
  e.spawn(body(e, trace, "second"));
  EXPECT_TRUE(trace.empty());  // never inside spawn()
  EXPECT_EQ(e.pending_events(), 2u);
  e.run();
  EXPECT_EQ(trace, (Trace{{0, "first"}, {0, "second"}}));
}

TEST(EngineTest, SpawnFromProcessRunsAfterAlreadyScheduledEvents) {
  Engine e;
  Trace trace;
  auto child = [](Engine& e, Trace& trace) -> Task<> {
    record(e, trace, "child");
    co_return;
  };
  auto parent = [&](Engine& e, Trace& trace) -> Task<> {
    co_await e.timeout(5s);
    e.spawn(child(e, trace));
    record(e, trace, "parent");
    co_await e.timeout(0ms);
    record(e, trace, "parent-after-yield");
  };
  e.spawn(parent(e, trace));
  e.run();
  EXPECT_EQ(trace, (Trace{{5000, "parent"}, {5000, "child"}, {5000, "parent-after-yield"}}));
}

TEST(EngineTest, ZeroDelayIsFifoAndNeverRecursive) {
  Engine e;
  Trace trace;
  auto yielder = [](Engine& e, Trace& trace, std::string name) -> Task<> {
    for (int i = 0; i < 3; ++i) {
      record(e, trace, name + std::to_string(i));
      co_await e.timeout(0ms);
    }
  };
  e.spawn(yielder(e, trace, "a"));
  e.spawn(yielder(e, trace, "b"));
  e.run();
  EXPECT_EQ(trace, (Trace{{0, "a0"}, {0, "b0"}, {0, "a1"}, {0, "b1"}, {0, "a2"}, {0, "b2"}}));
}

TEST(EngineTest, ZeroDelayMergesWithHeapEventsAtSameTime) {
  Engine e;
  std::vector<int> order;
  auto cb = [](void* ctx, std::uint64_t arg) {
    static_cast<std::vector<int>*>(ctx)->push_back(static_cast<int>(arg));
  };
  struct Ctx {
    Engine* e;
    std::vector<int>* order;
  } ctx{&e, &order};
  // At t=10: event 1 (heap, scheduled first) schedules a zero-delay event 3;
  // event 2 (heap, same time, scheduled before 3) must run before 3.
  e.schedule(
      10ms,
      [](void* c, std::uint64_t) {
        auto* x = static_cast<Ctx*>(c);
        x->order->push_back(1);
        x->e->schedule(
            0ms, [](void* o, std::uint64_t) { static_cast<std::vector<int>*>(o)->push_back(3); },
            x->order, 0);
      },
      &ctx, 0);
  e.schedule(10ms, cb, &order, 2);
  e.schedule(11ms, cb, &order, 4);
  e.run();
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3, 4}));
  EXPECT_EQ(e.now(), 11ms);
}

TEST(EngineTest, CallbackEventsAndCancelTimer) {
  Engine e;
  std::vector<std::pair<std::int64_t, std::uint64_t>> fired;
  struct Ctx {
    Engine* e;
    std::vector<std::pair<std::int64_t, std::uint64_t>>* fired;
  } ctx{&e, &fired};
  auto cb = [](void* c, std::uint64_t arg) {
    auto* x = static_cast<Ctx*>(c);
    x->fired->emplace_back(x->e->now().count(), arg);
  };
  TimerId a = e.schedule(5ms, cb, &ctx, 1);
  TimerId b = e.schedule(7ms, cb, &ctx, 2);
  TimerId c = e.schedule(0ms, cb, &ctx, 3);
  EXPECT_NE(a, 0u);
  EXPECT_EQ(e.pending_events(), 3u);
  e.cancel_timer(b);
  e.cancel_timer(c);
  EXPECT_EQ(e.pending_events(), 1u);
  e.cancel_timer(b);  // twice: no-op
  EXPECT_EQ(e.pending_events(), 1u);
  TimerId d = e.schedule(9ms, cb, &ctx, 4);  // may reuse b's slot; b stays dead
  e.cancel_timer(b);
  EXPECT_EQ(e.pending_events(), 2u);
  e.run();
  EXPECT_EQ(fired, (std::vector<std::pair<std::int64_t, std::uint64_t>>{{5, 1}, {9, 4}}));
  e.cancel_timer(a);  // fired: no-op
  e.cancel_timer(d);
  EXPECT_EQ(e.pending_events(), 0u);
  EXPECT_EQ(e.events_processed(), 2u);
}

TEST(EngineTest, AwaitChildTaskReturnsValue) {
  Engine e;
  Trace trace;
  auto child = [](Engine& e, int x) -> Task<int> {
    co_await e.timeout(2s);
    co_return x * 2;
  };
  auto parent = [&](Engine& e) -> Task<> {
    int a = co_await child(e, 21);
    Task<int> t = child(e, 5);
    int b = co_await t;
    EXPECT_TRUE(t.done());
    record(e, trace, std::to_string(a) + "," + std::to_string(b));
  };
  e.spawn(parent(e));
  e.run();
  EXPECT_EQ(trace, (Trace{{4000, "42,10"}}));
}

TEST(EngineTest, ChildThatNeverSuspendsCompletesSynchronously) {
  Engine e;
  int got = 0;
  auto child = [](Engine&) -> Task<int> { co_return 7; };
  auto parent = [&](Engine& e) -> Task<> {
    for (int i = 0; i < 10000; ++i) got += co_await child(e);  // no stack growth
  };
  e.spawn(parent(e));
  e.run();
  EXPECT_EQ(got, 70000);
  EXPECT_EQ(e.events_processed(), 1u);
}

TEST(EngineTest, CancelMidWaitRunsDestructorsOfLocalsAndChildren) {
  Engine e;
  int live = 0;
  bool reached_end = false;
  auto grandchild = [&](Engine& e) -> Task<int> {
    Probe p(live);
    co_await e.timeout(1h);
    co_return 1;
  };
  auto child = [&](Engine& e) -> Task<int> {
    Probe p(live);
    co_return co_await grandchild(e);
  };
  auto parent = [&](Engine& e) -> Task<> {
    Probe p(live);
    co_await child(e);
    reached_end = true;
  };
  ProcessId id = e.spawn(parent(e));
  EXPECT_TRUE(e.alive(id));
  EXPECT_TRUE(e.run_until(10min));
  EXPECT_EQ(live, 3);
  EXPECT_EQ(e.pending_events(), 1u);
  e.cancel(id);
  EXPECT_EQ(live, 0);
  EXPECT_FALSE(e.alive(id));
  EXPECT_EQ(e.pending_events(), 0u);  // the grandchild's timer was cancelled
  e.cancel(id);                       // no-op
  e.run();
  EXPECT_FALSE(reached_end);
  EXPECT_EQ(e.now(), 10min);
}

TEST(EngineTest, CancelBeforeStartNeverRunsBody) {
  Engine e;
  bool ran = false;
  auto body = [&](Engine&) -> Task<> {
    ran = true;
    co_return;
  };
  ProcessId id = e.spawn(body(e));
  e.cancel(id);
  EXPECT_EQ(e.pending_events(), 0u);
  e.run();
  EXPECT_FALSE(ran);
  EXPECT_EQ(e.events_processed(), 0u);
}

TEST(EngineTest, ProcessCancelsAnotherProcess) {
  Engine e;
  int live = 0;
  Trace trace;
  auto victim = [&](Engine& e) -> Task<> {
    Probe p(live);
    co_await e.timeout(1h);
    record(e, trace, "victim");
  };
  ProcessId v = e.spawn(victim(e));
  auto killer = [&](Engine& e) -> Task<> {
    co_await e.timeout(1min);
    e.cancel(v);
    record(e, trace, "killer");
  };
  e.spawn(killer(e));
  e.run();
  EXPECT_EQ(trace, (Trace{{60000, "killer"}}));
  EXPECT_EQ(live, 0);
  EXPECT_EQ(e.now(), 1min);
}

TEST(EngineTest, AliveUntilFinishedThenIdIsStale) {
  Engine e;
  Trace trace;
  ProcessId a = e.spawn(sleeper(e, trace, "a", 1s));
  e.run();
  EXPECT_FALSE(e.alive(a));
  ProcessId b = e.spawn(sleeper(e, trace, "b", 1s));  // reuses the slot
  EXPECT_NE(a, b);
  EXPECT_FALSE(e.alive(a));
  EXPECT_TRUE(e.alive(b));
  e.cancel(a);  // stale: must not kill b
  EXPECT_TRUE(e.alive(b));
  e.run();
  EXPECT_EQ(trace, (Trace{{1000, "a"}, {2000, "b"}}));
}

TEST(EngineTest, SignalTriggeredAfterWaitWakesWaitersInOrderThroughFifo) {
  Engine e;
  Trace trace;
  Signal<std::string> sig(e);
  auto waiter = [&](Engine& e, std::string name) -> Task<> {
    std::string v = co_await sig;
    record(e, trace, name + "=" + v);
  };
  auto trigger = [&](Engine& e) -> Task<> {
    co_await e.timeout(30s);
    sig.trigger("ok");
    record(e, trace, "triggered");
    sig.trigger("ignored");
  };
  e.spawn(waiter(e, "w1"));
  e.spawn(waiter(e, "w2"));
  e.spawn(trigger(e));
  e.run();
  EXPECT_EQ(trace, (Trace{{30000, "triggered"}, {30000, "w1=ok"}, {30000, "w2=ok"}}));
  EXPECT_TRUE(sig.triggered());
  EXPECT_EQ(sig.value(), "ok");
}

TEST(EngineTest, SignalTriggeredBeforeWaitDoesNotSuspend) {
  Engine e;
  Trace trace;
  Signal<int> sig(e);
  sig.trigger(5);
  auto waiter = [&](Engine& e) -> Task<> {
    co_await e.timeout(1s);
    int v = co_await sig;
    record(e, trace, std::to_string(v));
  };
  e.spawn(waiter(e));
  e.run();
  EXPECT_EQ(trace, (Trace{{1000, "5"}}));
  EXPECT_EQ(e.events_processed(), 2u);  // start + timeout, no wake-up event
  sig.reset();
  EXPECT_FALSE(sig.triggered());
}

TEST(EngineTest, CancelledSignalWaiterIsUnlinked) {
  Engine e;
  Trace trace;
  int live = 0;
  Signal<int> sig(e);
  auto waiter = [&](Engine& e, std::string name) -> Task<> {
    Probe p(live);
    int v = co_await sig;
    record(e, trace, name + std::to_string(v));
  };
  ProcessId a = e.spawn(waiter(e, "a"));
  ProcessId b = e.spawn(waiter(e, "b"));
  ProcessId c = e.spawn(waiter(e, "c"));
  e.run();
  EXPECT_EQ(live, 3);
  e.cancel(b);
  EXPECT_EQ(live, 2);
  sig.trigger(1);
  e.cancel(c);  // triggered but not yet resumed: its wake-up is cancelled
  EXPECT_EQ(e.pending_events(), 1u);
  e.run();
  EXPECT_EQ(trace, (Trace{{0, "a1"}}));
  EXPECT_EQ(live, 0);
  EXPECT_FALSE(e.alive(a));
}

TEST(EngineTest, RunUntilStopsAtHorizonThenReset) {
  Engine e;
  Trace trace;
  int live = 0;
  auto looper = [&](Engine& e) -> Task<> {
    Probe p(live);
    for (;;) {
      co_await e.timeout(7min);
      record(e, trace, "tick");
    }
  };
  e.spawn(looper(e));
  EXPECT_TRUE(e.run_until(20min));
  EXPECT_EQ(e.now(), 20min);
  EXPECT_EQ(trace, (Trace{{420000, "tick"}, {840000, "tick"}}));
  EXPECT_EQ(e.process_count(), 1u);
  EXPECT_TRUE(e.run_until(21min));  // exactly the next tick time is included
  EXPECT_EQ(trace.size(), 3u);
  EXPECT_EQ(trace.back().first, 1260000);
  EXPECT_EQ(e.now(), 21min);
  e.reset();
  EXPECT_EQ(live, 0);
  EXPECT_EQ(e.now(), 0ms);
  EXPECT_EQ(e.pending_events(), 0u);
  EXPECT_EQ(e.events_processed(), 0u);
  EXPECT_EQ(e.process_count(), 0u);
  EXPECT_FALSE(e.run_until(1h));
  EXPECT_EQ(e.now(), 0ms);
}

TEST(EngineTest, RunUntilReturnsFalseWhenDrained) {
  Engine e;
  Trace trace;
  e.spawn(sleeper(e, trace, "a", 3s));
  EXPECT_FALSE(e.run_until(1h));
  EXPECT_EQ(e.now(), 3s);
}

TEST(EngineTest, RunUntilIgnoresCancelledEvents) {
  Engine e;
  TimerId t = e.schedule(
      5s, [](void*, std::uint64_t) {}, nullptr, 0);
  e.cancel_timer(t);
  EXPECT_FALSE(e.run_until(1s));
  EXPECT_EQ(e.now(), 0ms);
}

std::vector<std::pair<std::int64_t, std::string>> scenario_trace(Engine& e) {
  Trace trace;
  Signal<int> approval(e);
  auto worker = [&](Engine& e, int id) -> Task<> {
    for (int i = 0; i < 4; ++i) {
      co_await e.timeout(Duration((id * 37 + i * 11) % 5 * 1000));
      record(e, trace, "w" + std::to_string(id) + "." + std::to_string(i));
    }
    if (id == 2) approval.trigger(id);
    int v = co_await approval;
    record(e, trace, "w" + std::to_string(id) + " approved by " + std::to_string(v));
  };
  for (int id = 0; id < 6; ++id) e.spawn(worker(e, id));
  e.run();
  return trace;
}

TEST(EngineTest, DeterministicTraceAcrossRunsAndReset) {
  Engine a;
  Engine b;
  const Trace first = scenario_trace(a);
  const Trace second = scenario_trace(b);
  EXPECT_EQ(first.size(), 6u * 5u);
  EXPECT_EQ(first, second);
  a.reset();
  EXPECT_EQ(scenario_trace(a), first);  // reuse after reset
}

TEST(EngineTest, MillionPendingTimers) {
  Engine e;
  struct Ctx {
    Engine* e;
    std::uint64_t count = 0;
    std::int64_t last = -1;
    bool ordered = true;
  } ctx{&e};
  auto cb = [](void* c, std::uint64_t) {
    auto* x = static_cast<Ctx*>(c);
    ++x->count;
    if (x->e->now().count() < x->last) x->ordered = false;
    x->last = x->e->now().count();
  };
  std::uint64_t state = 12345;
  for (int i = 0; i < 1'000'000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    e.schedule(Duration(static_cast<std::int64_t>(state >> 44)), cb, &ctx, 0);
  }
  EXPECT_EQ(e.pending_events(), 1'000'000u);
  e.run();
  EXPECT_EQ(ctx.count, 1'000'000u);
  EXPECT_TRUE(ctx.ordered);
  EXPECT_EQ(e.events_processed(), 1'000'000u);
  EXPECT_EQ(e.pending_events(), 0u);
}

Task<> short_lived(Engine& e, int& finished) {
  co_await e.timeout(1ms);
  ++finished;
}

TEST(EngineTest, FramePoolReusesFrames) {
  Engine e;
  int finished = 0;
  for (int i = 0; i < 10; ++i) e.spawn(short_lived(e, finished));
  e.run();
  const std::size_t after_warmup = e.frames_allocated();
  EXPECT_GE(after_warmup, 1u);
  EXPECT_EQ(e.frames_in_use(), 0u);
  for (int round = 0; round < 1000; ++round) {
    for (int i = 0; i < 10; ++i) e.spawn(short_lived(e, finished));
    e.run();
  }
  EXPECT_EQ(finished, 10010);
  EXPECT_EQ(e.frames_allocated(), after_warmup);
  EXPECT_EQ(e.frames_in_use(), 0u);
}

struct Model {
  Engine& engine() { return *engine_; }
  Task<int> member(int x) {
    co_await engine_->timeout(1s);
    co_return x + 1;
  }
  Engine* engine_;
};

TEST(EngineTest, MemberCoroutinesUseThePool) {
  Engine e;
  Model m{&e};
  int got = 0;
  auto parent = [&](Engine&) -> Task<> { got = co_await m.member(41); };
  {
    Task<int> t = m.member(1);
    EXPECT_EQ(e.frames_in_use(), 1u);
  }
  EXPECT_EQ(e.frames_in_use(), 0u);
  e.spawn(parent(e));
  e.run();
  EXPECT_EQ(got, 42);
  EXPECT_EQ(e.frames_in_use(), 0u);
}

TEST(EngineTest, LambdaWithEngineFirstParameterUsesThePool) {
  Engine e;
  auto body = [](Engine& e, int& out) -> Task<> {
    co_await e.timeout(1s);
    out = 1;
  };
  int out = 0;
  Task<> t = body(e, out);
  EXPECT_EQ(e.frames_in_use(), 1u);
  e.spawn(std::move(t));
  e.run();
  EXPECT_EQ(out, 1);
  EXPECT_EQ(e.frames_in_use(), 0u);
}

TEST(EngineTest, SignalMayDieBeforeItsWokenWaiterIsCancelled) {
  Engine e;
  auto sig = std::make_unique<Signal<int>>(e);
  auto waiter = [&](Engine&) -> Task<> { co_await *sig; };
  ProcessId id = e.spawn(waiter(e));
  e.run();
  sig->trigger(1);
  sig.reset();
  e.cancel(id);
  EXPECT_EQ(e.pending_events(), 0u);
  e.run();
  EXPECT_EQ(e.events_processed(), 1u);
}

TEST(EngineTest, DestroyingUnstartedTaskIsFine) {
  Engine e;
  int live = 0;
  auto body = [&](Engine& e) -> Task<int> {
    Probe p(live);
    co_await e.timeout(1s);
    co_return 1;
  };
  { Task<int> t = body(e); }
  EXPECT_EQ(live, 0);
  EXPECT_EQ(e.frames_in_use(), 0u);
}

TEST(EngineTest, EngineDestructorCancelsLiveProcesses) {
  int live = 0;
  {
    Engine e;
    auto body = [&](Engine& e) -> Task<> {
      Probe p(live);
      co_await e.timeout(1h);
    };
    e.spawn(body(e));
    e.spawn(body(e));
    e.run_until(1min);
    EXPECT_EQ(live, 2);
  }
  EXPECT_EQ(live, 0);
}

}  // namespace
}  // namespace deploysim
