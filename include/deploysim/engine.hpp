// The discrete-event engine: a virtual clock, a pending-event set and
// coroutine processes on top of it.
//
// Why coroutines. A deployment is long sequential logic with waits in the
// middle ("call the webhook, wait for the callback or 10 minutes, retry, then
// pause for approval..."). Written as callbacks, that logic becomes a state
// machine spread over many handlers; written as C++20 coroutines (Task<T>) it
// reads top to bottom, with locals that survive the waits. The engine still
// offers a plain callback API (schedule()) for code that wants no coroutine;
// both share one event queue.
//
// How time advances. Pending events are compact records {time, seq, slot} in a
// 4-ary min-heap ordered by (time, seq); zero-delay events go to a FIFO ring
// beside the heap (OMNeT++ style) and the two are merged by (time, seq), so
// ties are resolved by scheduling order alone for timers, signals and spawns
// (SEMANTICS R5). The callback data lives in pooled slots, so steady-state
// scheduling allocates nothing; cancelling a timer bumps its slot's generation
// counter and the stale record is skipped when it surfaces (O(1), lazy).
//
// How cancellation works. Cancelling a process destroys its coroutine frame.
// Destruction runs the destructors of its locals (the cleanup mechanism), of
// the awaiter it is suspended on (a pending timeout is cancelled, a Signal wait
// is unlinked) and of the Task it awaits (recursively, since the child Task is
// an object of the parent's frame). No event is delivered to a cancelled
// process. Parallel groups (all_of, any_of, with_timeout) cancel their losers
// the same way.
//
// Determinism: nothing depends on addresses, hashing or wall-clock time.
// Threading: an Engine and everything attached to it belong to one thread;
// many engines may run in parallel on different threads.
#pragma once

#include <cassert>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "deploysim/saturating.hpp"
#include "deploysim/task.hpp"
#include "deploysim/time.hpp"

namespace deploysim {

// Identifies a spawned process. Never 0; stale ids are detected.
using ProcessId = std::uint64_t;
// Identifies a scheduled callback event. Never 0; stale ids are detected.
using TimerId = std::uint64_t;

namespace engine_detail {
class TimeoutAwaiter;
// Resumes the coroutine whose frame address is `frame` (an engine callback).
inline void resume_callback(void* frame, std::uint64_t);
}  // namespace engine_detail

class Engine {
 public:
  // A low-level event handler: fn(context, argument).
  using Callback = void (*)(void* context, std::uint64_t argument);

  Engine();
  // Destroys every live process (their locals' destructors run), then frees
  // the frame pool. REQUIRES: no Task that allocated from this engine outlives it.
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // The current simulated time. Starts at 0.
  SimTime now() const { return SimTime(now_); }

  // Awaitable: `co_await engine.timeout(5min)` resumes the awaiting task after
  // d. d == 0 resumes after the events already scheduled for now (FIFO), never
  // recursively. Destroying the awaiting task cancels the timer.
  // REQUIRES: d >= 0.
  [[nodiscard]] engine_detail::TimeoutAwaiter timeout(Duration d);

  // Starts a top-level process: its body begins at the current time, in FIFO
  // order after what is already scheduled for now (never inside spawn()). The
  // engine owns it until it finishes (then its frame is freed at once) or until
  // cancel()/reset()/~Engine(). REQUIRES: task.valid() and not started.
  ProcessId spawn(Task<void> task);

  // Destroys the process if it is still alive; no-op otherwise.
  // REQUIRES: not called by the process on itself.
  void cancel(ProcessId id);

  // True while the process has neither finished nor been cancelled.
  bool alive(ProcessId id) const;

  // Number of live processes.
  std::size_t process_count() const { return live_processes_; }

  // Schedules fn(context, argument) at now() + delay. A zero delay runs it
  // after the events already scheduled for now (FIFO). Allocates nothing in
  // steady state. REQUIRES: delay >= 0.
  inline TimerId schedule(Duration delay, Callback fn, void* context, std::uint64_t argument);

  // Cancels a scheduled event in O(1) (lazy deletion by generation counter).
  // Cancelling a fired, cancelled or unknown timer is a no-op.
  inline void cancel_timer(TimerId id);

  // Processes events until nothing is pending. REQUIRES: not re-entered from
  // inside an event.
  void run();

  // Processes every event with time <= horizon, then sets now() = horizon if
  // events remain. Returns true when events remain (processes still waiting),
  // false when the queue drained before the horizon (now() is then the time of
  // the last event). A horizon before now() processes nothing.
  bool run_until(SimTime horizon);

  // The time of the next live (not cancelled) pending event, or nullopt when
  // nothing is pending. Processes nothing (drops stale records at the front).
  // For a driver that paces the clock against something outside it (the
  // wall clock of `deploysim live`). REQUIRES: not called from inside an event.
  std::optional<SimTime> next_event_time();

  // Processes at most max_events events; returns how many it processed.
  std::uint64_t run_events(std::uint64_t max_events);

  // Destroys all processes and pending events; now() = 0, counters 0. Keeps
  // the capacity of every table and the frame pool. REQUIRES: not called from
  // inside an event.
  void reset();

  // Events dispatched since construction or reset() (timers, process starts,
  // wake-ups; cancelled events are not counted).
  std::uint64_t events_processed() const { return events_processed_; }

  // Live (not cancelled, not fired) scheduled events.
  std::size_t pending_events() const { return live_events_; }

  // Frame pool statistics: blocks ever obtained from the system for pooled
  // frames, and pooled frames currently in use.
  std::size_t frames_allocated() const { return frames_allocated_; }
  std::size_t frames_in_use() const { return frames_in_use_; }

 private:
  friend void* engine_detail::allocate_frame(Engine*, std::size_t);
  friend void engine_detail::deallocate_frame(void*) noexcept;
  friend void engine_detail::process_finished(Engine&, std::uint32_t) noexcept;

  static constexpr std::uint32_t kNoSlot = 0xffffffffu;
  static constexpr std::size_t kFrameGranule = 64;
  static constexpr std::size_t kFrameBuckets = 64;  // pooled frames up to 4 KiB

  struct QueueEntry {
    std::int64_t time;
    std::uint64_t seq;
    std::uint32_t slot;
    std::uint32_t generation;
  };
  struct EventSlot {
    Callback fn;
    void* context;
    std::uint64_t argument;
    std::uint32_t generation;
    std::uint32_t next_free;
  };
  struct ProcessSlot {
    void* frame;
    TimerId start;
    std::uint32_t generation;
    std::uint32_t next_free;
  };

  static bool before(const QueueEntry& a, const QueueEntry& b) {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
  }
  static TimerId make_id(std::uint32_t slot, std::uint32_t generation) {
    return (static_cast<std::uint64_t>(generation) << 32) | slot;
  }
  static std::uint32_t next_generation(std::uint32_t g) { return g + 1 == 0 ? 1 : g + 1; }

  std::uint32_t new_event_slot();
  void heap_push(const QueueEntry& e);
  void heap_pop();
  void heap_replace_top(const QueueEntry& e);
  void sift_down_from_root(const QueueEntry& e);
  void ring_push(const QueueEntry& e);
  void ring_grow();
  // Dispatches the next live event with time <= horizon; false if none.
  bool step(std::int64_t horizon);
  // Drops stale records at the queue fronts; true if a live event remains.
  bool has_live_front();
  void destroy_processes();
  void free_process_slot(std::uint32_t slot);

  std::int64_t now_ = 0;
  std::uint64_t seq_ = 0;
  std::uint64_t events_processed_ = 0;
  std::size_t live_events_ = 0;
  bool top_live_ = false;  // the dispatched heap root is still in place (fused pop+push)
  bool running_ = false;

  std::vector<QueueEntry> heap_;  // 4-ary min-heap by (time, seq)
  std::vector<QueueEntry> ring_;  // zero-delay FIFO, capacity a power of two
  std::size_t ring_head_ = 0;
  std::size_t ring_size_ = 0;

  std::vector<EventSlot> slots_;
  std::uint32_t free_slot_ = kNoSlot;

  std::vector<ProcessSlot> processes_;
  std::uint32_t free_process_ = kNoSlot;
  std::size_t live_processes_ = 0;

  void* free_frames_[kFrameBuckets] = {};
  std::size_t frames_allocated_ = 0;
  std::size_t frames_in_use_ = 0;
};

// A one-shot event that something else triggers later (a webhook callback, a
// person's approval), carrying a value.
template <class T>
class Signal {
 public:
  class Awaiter;

  explicit Signal(Engine& engine) : engine_(&engine) {}
  // REQUIRES: no task is waiting (cancel the waiters first).
  ~Signal() { assert(head_ == nullptr); }
  Signal(const Signal&) = delete;
  Signal& operator=(const Signal&) = delete;

  // Wakes every waiter at the current time, in the order they started
  // waiting, through the zero-delay FIFO (never inside trigger()). Each waiter
  // receives a copy of value. A second trigger is ignored.
  void trigger(T value) {
    if (value_) return;
    value_.emplace(std::move(value));
    for (Awaiter* w = head_; w != nullptr;) {
      Awaiter* next = w->next_;
      w->prev_ = w->next_ = nullptr;
      w->linked_ = false;
      w->value_.emplace(*value_);
      w->timer_ =
          engine_->schedule(Duration(0), &engine_detail::resume_callback, w->frame_.address(), 0);
      w = next;
    }
    head_ = tail_ = nullptr;
  }

  bool triggered() const { return value_.has_value(); }

  // REQUIRES: triggered().
  const T& value() const {
    assert(value_);
    return *value_;
  }

  // `T v = co_await signal;` returns the value; does not suspend when the
  // signal has already been triggered. Destroying the waiting task unlinks it.
  Awaiter operator co_await() { return Awaiter(*this); }

  // Makes the signal untriggered again. REQUIRES: nobody is waiting.
  void reset() {
    assert(head_ == nullptr);
    value_.reset();
  }

  class Awaiter {
   public:
    explicit Awaiter(Signal& s) : signal_(&s), engine_(s.engine_) {}
    Awaiter(const Awaiter&) = delete;
    Awaiter& operator=(const Awaiter&) = delete;
    ~Awaiter() {
      if (linked_) {
        (prev_ ? prev_->next_ : signal_->head_) = next_;
        (next_ ? next_->prev_ : signal_->tail_) = prev_;
      } else if (timer_ != 0) {
        engine_->cancel_timer(timer_);  // woken, not yet resumed (the signal may be gone)
      }
    }
    bool await_ready() const noexcept { return signal_->triggered(); }
    void await_suspend(std::coroutine_handle<> h) noexcept {
      frame_ = h;
      linked_ = true;
      prev_ = signal_->tail_;
      (prev_ ? prev_->next_ : signal_->head_) = this;
      signal_->tail_ = this;
    }
    T await_resume() {
      timer_ = 0;
      if (value_) return std::move(*value_);
      return *signal_->value_;
    }

   private:
    friend class Signal;
    Signal* signal_;
    Engine* engine_;
    std::coroutine_handle<> frame_;
    Awaiter* prev_ = nullptr;
    Awaiter* next_ = nullptr;
    bool linked_ = false;
    TimerId timer_ = 0;
    std::optional<T> value_;
  };

 private:
  Engine* engine_;
  std::optional<T> value_;
  Awaiter* head_ = nullptr;
  Awaiter* tail_ = nullptr;
};

// The value type a group stores for Task<T>: T, or std::monostate for void.
template <class T>
using GroupValue = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

// The outcome of all_of / any_of.
template <class T>
struct GroupResult {
  int decisive = -1;  // all_of: index of the first failed task, -1 if all passed;
                      // any_of: index of the winner (-1 only for an empty group)
  std::vector<std::optional<GroupValue<T>>> values;  // values of the tasks that finished
};

// Runs every task in parallel: all start at the current time, in index order
// (each runs until its first wait before the next starts). Done when every
// task finished (decisive = -1), or at the FIRST task whose value satisfies
// is_failure (decisive = its index): then the unfinished ones (started or
// not) are cancelled in index order, calling on_abandoned(index) for each just
// BEFORE its frame is destroyed. An empty group completes at once with
// decisive = -1. Cancelling the group itself cancels every member without
// calling on_abandoned. For Task<void>, values hold std::monostate and
// is_failure receives std::monostate.
template <class T, class IsFailure>
Task<GroupResult<T>> all_of(Engine& e, std::vector<Task<T>> tasks, IsFailure is_failure,
                            std::function<void(std::size_t)> on_abandoned = {});

// Like all_of, but done when the FIRST task finishes (decisive = its index);
// the others are cancelled the same way.
template <class T>
Task<GroupResult<T>> any_of(Engine& e, std::vector<Task<T>> tasks,
                            std::function<void(std::size_t)> on_abandoned = {});

// Races task against a timer of `limit`: the task's value, or std::nullopt
// when the timer won (the task is then cancelled). The task starts first, so
// on an exact tie the earlier-scheduled event wins (R5). For Task<void> the
// result is std::optional<std::monostate>.
template <class T>
Task<std::optional<GroupValue<T>>> with_timeout(Engine& e, Task<T> task, Duration limit);

}  // namespace deploysim

// The inline and template definitions of this header (the event queue's hot
// path, the timeout awaiter and the parallel groups).
#include "deploysim/detail/engine_inline.hpp"
