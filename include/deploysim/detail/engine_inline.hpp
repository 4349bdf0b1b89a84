// The inline and template definitions behind engine.hpp: the event queue's
// hot path (scheduling into the 4-ary heap or the zero-delay ring, lazy
// cancellation), the timeout awaiter, and the machinery of the parallel
// groups. Included at the end of engine.hpp; include that header, not this one.
#pragma once

#include "deploysim/engine.hpp"

namespace deploysim {

namespace engine_detail {

inline void resume_callback(void* frame, std::uint64_t) {
  std::coroutine_handle<>::from_address(frame).resume();
}

// Returned by Engine::timeout(). Cancels its timer if destroyed while waiting.
class TimeoutAwaiter {
 public:
  TimeoutAwaiter(Engine& engine, Duration d) : engine_(&engine), delay_(d) {}
  TimeoutAwaiter(const TimeoutAwaiter&) = delete;
  TimeoutAwaiter& operator=(const TimeoutAwaiter&) = delete;
  ~TimeoutAwaiter() {
    if (timer_ != 0) engine_->cancel_timer(timer_);
  }
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    timer_ = engine_->schedule(delay_, &resume_callback, h.address(), 0);
  }
  void await_resume() noexcept { timer_ = 0; }

 private:
  Engine* engine_;
  Duration delay_;
  TimerId timer_ = 0;
};

}  // namespace engine_detail

inline engine_detail::TimeoutAwaiter Engine::timeout(Duration d) {
  assert(d.count() >= 0);
  return engine_detail::TimeoutAwaiter(*this, d);
}

inline TimerId Engine::schedule(Duration delay, Callback fn, void* context,
                                std::uint64_t argument) {
  const std::int64_t delay_ms = delay.count();
  assert(delay_ms >= 0);
  std::uint32_t slot = free_slot_;
  if (slot == kNoSlot) {
    slot = new_event_slot();
  } else {
    free_slot_ = slots_[slot].next_free;
  }
  EventSlot& s = slots_[slot];
  s.fn = fn;
  s.context = context;
  s.argument = argument;
  ++live_events_;
  // Saturating: an event past the end of int64 time waits at its end.
  const QueueEntry e{saturating_add(now_, delay_ms), seq_++, slot, s.generation};
  if (delay_ms == 0) {
    ring_push(e);
  } else if (top_live_) {
    top_live_ = false;
    heap_replace_top(e);
  } else {
    heap_push(e);
  }
  return make_id(slot, s.generation);
}

inline void Engine::cancel_timer(TimerId id) {
  const auto slot = static_cast<std::uint32_t>(id);
  const auto generation = static_cast<std::uint32_t>(id >> 32);
  if (slot >= slots_.size() || generation == 0) return;
  EventSlot& s = slots_[slot];
  if (s.generation != generation) return;
  s.generation = next_generation(s.generation);
  s.next_free = free_slot_;
  free_slot_ = slot;
  --live_events_;
}

inline void Engine::heap_push(const QueueEntry& e) {
  std::size_t i = heap_.size();
  heap_.push_back(e);
  QueueEntry* a = heap_.data();
  while (i > 0) {
    const std::size_t p = (i - 1) >> 2;
    if (!before(e, a[p])) break;
    a[i] = a[p];
    i = p;
  }
  a[i] = e;
}

inline void Engine::heap_replace_top(const QueueEntry& e) { sift_down_from_root(e); }

inline void Engine::sift_down_from_root(const QueueEntry& e) {
  QueueEntry* a = heap_.data();
  const std::size_t n = heap_.size();
  std::size_t i = 0;
  for (;;) {
    const std::size_t c = 4 * i + 1;
    if (c >= n) break;
    std::size_t best = c;
    const std::size_t end = c + 4 < n ? c + 4 : n;
    for (std::size_t k = c + 1; k < end; ++k) {
      if (before(a[k], a[best])) best = k;
    }
    if (!before(a[best], e)) break;
    a[i] = a[best];
    i = best;
  }
  a[i] = e;
}

inline void Engine::ring_push(const QueueEntry& e) {
  if (ring_size_ == ring_.size()) ring_grow();
  ring_[(ring_head_ + ring_size_) & (ring_.size() - 1)] = e;
  ++ring_size_;
}

namespace engine_detail {

template <class T>
struct GroupState {
  GroupResult<T> result;
  std::vector<Task<void>> members;
  std::size_t remaining = 0;
  bool decided = false;
  std::coroutine_handle<> waiter;  // the group's coroutine once it suspended

  template <class Decide>
  void finish(std::size_t index, GroupValue<T>&& value, Decide& decide) {
    if (decided) return;
    result.values[index].emplace(std::move(value));
    --remaining;
    if (decide(*result.values[index])) {
      result.decisive = static_cast<int>(index);
      decided = true;
    } else if (remaining == 0) {
      decided = true;
    }
    // The finishing member hands control back to the group when it returns,
    // so the group never destroys a frame that is still running.
    if (decided && waiter) TaskAccess::handle(members[index]).promise().continuation_ = waiter;
  }
};

template <class T>
struct GroupWait {
  GroupState<T>* state;
  bool await_ready() const noexcept { return state->decided; }
  void await_suspend(std::coroutine_handle<> h) noexcept { state->waiter = h; }
  void await_resume() const noexcept {}
};

template <class T, class Decide>
Task<void> group_member(Engine&, GroupState<T>& state, Task<T> task, std::size_t index,
                        Decide& decide) {
  if constexpr (std::is_void_v<T>) {
    co_await std::move(task);
    state.finish(index, std::monostate{}, decide);
  } else {
    state.finish(index, co_await std::move(task), decide);
  }
}

template <class T, class Decide>
Task<GroupResult<T>> run_group(Engine& engine, std::vector<Task<T>> tasks, Decide decide,
                               std::function<void(std::size_t)> on_abandoned) {
  GroupState<T> state;
  const std::size_t n = tasks.size();
  state.result.values.resize(n);
  state.remaining = n;
  if (n == 0) co_return std::move(state.result);
  state.members.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    state.members.push_back(group_member<T, Decide>(engine, state, std::move(tasks[i]), i, decide));
  }
  for (std::size_t i = 0; i < n && !state.decided; ++i) {
    TaskAccess::handle(state.members[i]).resume();
  }
  co_await GroupWait<T>{&state};
  for (std::size_t i = 0; i < n; ++i) {
    if (!state.result.values[i]) {
      if (on_abandoned) on_abandoned(i);
      state.members[i] = Task<void>();
    }
  }
  co_return std::move(state.result);
}

template <class T>
Task<std::optional<GroupValue<T>>> optional_of(Engine&, Task<T> task) {
  if constexpr (std::is_void_v<T>) {
    co_await std::move(task);
    co_return std::monostate{};
  } else {
    co_return co_await std::move(task);
  }
}

template <class V>
Task<std::optional<V>> sleep_then_nullopt(Engine& engine, Duration limit) {
  co_await engine.timeout(limit);
  co_return std::nullopt;
}

}  // namespace engine_detail

template <class T, class IsFailure>
Task<GroupResult<T>> all_of(Engine& e, std::vector<Task<T>> tasks, IsFailure is_failure,
                            std::function<void(std::size_t)> on_abandoned) {
  auto decide = [is_failure = std::move(is_failure)](const GroupValue<T>& v) mutable {
    return static_cast<bool>(is_failure(v));
  };
  return engine_detail::run_group<T>(e, std::move(tasks), std::move(decide),
                                     std::move(on_abandoned));
}

template <class T>
Task<GroupResult<T>> any_of(Engine& e, std::vector<Task<T>> tasks,
                            std::function<void(std::size_t)> on_abandoned) {
  auto decide = [](const GroupValue<T>&) { return true; };
  return engine_detail::run_group<T>(e, std::move(tasks), decide, std::move(on_abandoned));
}

template <class T>
Task<std::optional<GroupValue<T>>> with_timeout(Engine& e, Task<T> task, Duration limit) {
  using V = GroupValue<T>;
  std::vector<Task<std::optional<V>>> racers;
  racers.reserve(2);
  racers.push_back(engine_detail::optional_of<T>(e, std::move(task)));
  racers.push_back(engine_detail::sleep_then_nullopt<V>(e, limit));
  GroupResult<std::optional<V>> r = co_await any_of<std::optional<V>>(e, std::move(racers));
  if (r.decisive == 0) co_return std::move(*r.values[0]);
  co_return std::nullopt;
}

}  // namespace deploysim
