#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "deploysim/engine.hpp"

namespace deploysim {
namespace {

using namespace std::chrono_literals;
using Trace = std::vector<std::pair<std::int64_t, std::string>>;

struct Probe {
  explicit Probe(int& live) : live_(&live) { ++*live_; }
  Probe(const Probe&) = delete;
  ~Probe() { --*live_; }
  int* live_;
};

// Waits d, then returns value; counts itself in `live` while alive.
Task<int> job(Engine& e, Duration d, int value, int& live) {
  Probe p(live);
  co_await e.timeout(d);
  co_return value;
}

TEST(GroupsTest, AllOfSuccessWaitsForEveryTask) {
  Engine e;
  int live = 0;
  GroupResult<int> result;
  std::int64_t done_at = -1;
  std::vector<std::size_t> abandoned;
  auto body = [&](Engine& e) -> Task<> {
    std::vector<Task<int>> tasks;
    tasks.push_back(job(e, 3s, 1, live));
    tasks.push_back(job(e, 1s, 2, live));
    tasks.push_back(job(e, 2s, 3, live));
    result = co_await all_of(
        e, std::move(tasks), [](int v) { return v < 0; },
        [&](std::size_t i) { abandoned.push_back(i); });
    done_at = e.now().count();
  };
  e.spawn(body(e));
  e.run();
  EXPECT_EQ(done_at, 3000);
  EXPECT_EQ(result.decisive, -1);
  ASSERT_EQ(result.values.size(), 3u);
  EXPECT_EQ(result.values[0], 1);
  EXPECT_EQ(result.values[1], 2);
  EXPECT_EQ(result.values[2], 3);
  EXPECT_TRUE(abandoned.empty());
  EXPECT_EQ(live, 0);
  EXPECT_EQ(e.frames_in_use(), 0u);
}

TEST(GroupsTest, AllOfFirstFailureCancelsTheRestInIndexOrder) {
  Engine e;
  int live = 0;
  GroupResult<int> result;
  std::int64_t done_at = -1;
  std::vector<std::pair<std::size_t, int>> abandoned;  // (index, live probes at the call)
  auto body = [&](Engine& e) -> Task<> {
    std::vector<Task<int>> tasks;
    tasks.push_back(job(e, 10s, 1, live));
    tasks.push_back(job(e, 1s, 2, live));
    tasks.push_back(job(e, 4s, -3, live));  // the failure
    tasks.push_back(job(e, 6s, -4, live));  // would fail too, later
    tasks.push_back(job(e, 8s, 5, live));
    result = co_await all_of(
        e, std::move(tasks), [](int v) { return v < 0; },
        [&](std::size_t i) { abandoned.emplace_back(i, live); });
    done_at = e.now().count();
  };
  e.spawn(body(e));
  e.run();
  EXPECT_EQ(done_at, 4000);
  EXPECT_EQ(result.decisive, 2);
  EXPECT_EQ(result.values[0], std::nullopt);
  EXPECT_EQ(result.values[1], 2);
  EXPECT_EQ(result.values[2], -3);
  EXPECT_EQ(result.values[3], std::nullopt);
  EXPECT_EQ(result.values[4], std::nullopt);
  // Called before each frame is destroyed: 3 probes live, then 2, then 1.
  EXPECT_EQ(abandoned, (std::vector<std::pair<std::size_t, int>>{{0, 3}, {3, 2}, {4, 1}}));
  EXPECT_EQ(live, 0);
  EXPECT_EQ(e.pending_events(), 0u);
  EXPECT_EQ(e.now(), 4s);  // the cancelled timers never fired
}

TEST(GroupsTest, AllOfFailureAtStartCancelsUnstartedOnes) {
  Engine e;
  int live = 0;
  int started_late = 0;
  std::vector<std::size_t> abandoned;
  GroupResult<int> result;
  auto immediate_fail = [](Engine&) -> Task<int> { co_return -1; };
  auto late = [&](Engine& e) -> Task<int> {
    ++started_late;
    co_await e.timeout(1s);
    co_return 1;
  };
  auto body = [&](Engine& e) -> Task<> {
    std::vector<Task<int>> tasks;
    tasks.push_back(job(e, 1s, 1, live));
    tasks.push_back(immediate_fail(e));
    tasks.push_back(late(e));
    result = co_await all_of(
        e, std::move(tasks), [](int v) { return v < 0; },
        [&](std::size_t i) { abandoned.push_back(i); });
  };
  e.spawn(body(e));
  e.run();
  EXPECT_EQ(result.decisive, 1);
  EXPECT_EQ(started_late, 0);
  EXPECT_EQ(abandoned, (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(live, 0);
  EXPECT_EQ(e.now(), 0ms);
}

TEST(GroupsTest, EmptyGroupCompletesAtOnce) {
  Engine e;
  std::optional<int> all_decisive;
  std::optional<int> any_decisive;
  auto body = [&](Engine& e) -> Task<> {
    auto r1 = co_await all_of(e, std::vector<Task<int>>{}, [](int) { return true; });
    all_decisive = r1.decisive;
    auto r2 = co_await any_of(e, std::vector<Task<int>>{});
    any_decisive = r2.decisive;
    EXPECT_TRUE(r2.values.empty());
  };
  e.spawn(body(e));
  e.run();
  EXPECT_EQ(all_decisive, -1);
  EXPECT_EQ(any_decisive, -1);
  EXPECT_EQ(e.now(), 0ms);
  EXPECT_EQ(e.events_processed(), 1u);
}

TEST(GroupsTest, AnyOfFirstFinisherWins) {
  Engine e;
  int live = 0;
  GroupResult<int> result;
  std::vector<std::size_t> abandoned;
  std::int64_t done_at = -1;
  auto body = [&](Engine& e) -> Task<> {
    std::vector<Task<int>> tasks;
    tasks.push_back(job(e, 5s, 10, live));
    tasks.push_back(job(e, 2s, 20, live));
    tasks.push_back(job(e, 2s, 30, live));  // same time, scheduled later: loses the tie
    result = co_await any_of(e, std::move(tasks), [&](std::size_t i) { abandoned.push_back(i); });
    done_at = e.now().count();
  };
  e.spawn(body(e));
  e.run();
  EXPECT_EQ(done_at, 2000);
  EXPECT_EQ(result.decisive, 1);
  EXPECT_EQ(result.values[1], 20);
  EXPECT_EQ(result.values[0], std::nullopt);
  EXPECT_EQ(result.values[2], std::nullopt);
  EXPECT_EQ(abandoned, (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(live, 0);
  EXPECT_EQ(e.pending_events(), 0u);
}

TEST(GroupsTest, AnyOfVoidTasksAndSignals) {
  Engine e;
  Signal<std::string> callback(e);
  GroupResult<void> result;
  auto wait_callback = [&](Engine&) -> Task<> { co_await callback; };
  auto deadline = [](Engine& e) -> Task<> { co_await e.timeout(10min); };
  auto body = [&](Engine& e) -> Task<> {
    std::vector<Task<>> tasks;
    tasks.push_back(wait_callback(e));
    tasks.push_back(deadline(e));
    result = co_await any_of(e, std::move(tasks));
  };
  auto webhook = [&](Engine& e) -> Task<> {
    co_await e.timeout(3min);
    callback.trigger("SUCCESS");
  };
  e.spawn(body(e));
  e.spawn(webhook(e));
  e.run();
  EXPECT_EQ(result.decisive, 0);
  EXPECT_TRUE(result.values[0].has_value());
  EXPECT_EQ(e.now(), 3min);
}

TEST(GroupsTest, WithTimeoutTaskWins) {
  Engine e;
  int live = 0;
  std::optional<int> got;
  auto body = [&](Engine& e) -> Task<> { got = co_await with_timeout(e, job(e, 2s, 7, live), 5s); };
  e.spawn(body(e));
  e.run();
  EXPECT_EQ(got, 7);
  EXPECT_EQ(e.now(), 2s);
  EXPECT_EQ(live, 0);
}

TEST(GroupsTest, WithTimeoutTimerWinsAndCancelsTask) {
  Engine e;
  int live = 0;
  std::optional<int> got = 99;
  std::int64_t done_at = -1;
  auto body = [&](Engine& e) -> Task<> {
    got = co_await with_timeout(e, job(e, 1h, 7, live), 5s);
    done_at = e.now().count();
  };
  e.spawn(body(e));
  e.run();
  EXPECT_EQ(got, std::nullopt);
  EXPECT_EQ(done_at, 5000);
  EXPECT_EQ(e.now(), 5s);  // the task's 1h timer was cancelled
  EXPECT_EQ(live, 0);
}

TEST(GroupsTest, WithTimeoutTieGoesToTheTask) {
  Engine e;
  int live = 0;
  std::optional<int> got;
  auto body = [&](Engine& e) -> Task<> { got = co_await with_timeout(e, job(e, 5s, 1, live), 5s); };
  e.spawn(body(e));
  e.run();
  EXPECT_EQ(got, 1);
}

TEST(GroupsTest, CancellingTheGroupCancelsMembersWithoutOnAbandoned) {
  Engine e;
  int live = 0;
  int abandoned = 0;
  auto body = [&](Engine& e) -> Task<> {
    std::vector<Task<int>> tasks;
    tasks.push_back(job(e, 1h, 1, live));
    tasks.push_back(job(e, 2h, 2, live));
    co_await all_of(
        e, std::move(tasks), [](int) { return false; }, [&](std::size_t) { ++abandoned; });
  };
  ProcessId id = e.spawn(body(e));
  e.run_until(1min);
  EXPECT_EQ(live, 2);
  e.cancel(id);
  EXPECT_EQ(live, 0);
  EXPECT_EQ(abandoned, 0);
  EXPECT_EQ(e.pending_events(), 0u);
}

TEST(GroupsTest, NestedGroupsAreDeterministic) {
  auto run_once = [](Trace& trace) {
    Engine e;
    int live = 0;
    auto leaf = [&](Engine& e, std::string name, Duration d) -> Task<int> {
      co_await e.timeout(d);
      trace.emplace_back(e.now().count(), name);
      co_return static_cast<int>(d.count());
    };
    auto inner = [&](Engine& e, std::string name) -> Task<int> {
      std::vector<Task<int>> tasks;
      tasks.push_back(leaf(e, name + ".a", 1s));
      tasks.push_back(leaf(e, name + ".b", 1s));
      auto r = co_await all_of(e, std::move(tasks), [](int) { return false; });
      co_return *r.values[0] + *r.values[1];
    };
    auto outer = [&](Engine& e) -> Task<> {
      std::vector<Task<int>> tasks;
      tasks.push_back(inner(e, "x"));
      tasks.push_back(inner(e, "y"));
      auto r = co_await any_of(e, std::move(tasks));
      trace.emplace_back(e.now().count(), "winner " + std::to_string(r.decisive));
    };
    e.spawn(outer(e));
    e.run();
    EXPECT_EQ(live, 0);
    EXPECT_EQ(e.frames_in_use(), 0u);
  };
  Trace a;
  Trace b;
  run_once(a);
  run_once(b);
  // x schedules both its leaves before y does, so x finishes first and y is cancelled.
  EXPECT_EQ(a, (Trace{{1000, "x.a"}, {1000, "x.b"}, {1000, "winner 0"}}));
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace deploysim
