// Task<T>: the coroutine type of every simulated process.
//
// A Task is lazily started, move-only, and owns its coroutine frame. It starts
// either when another task awaits it (`T v = co_await child;`, which transfers
// control to the child at once, symmetric transfer, no engine event), or when
// it is handed to Engine::spawn() as a top-level process.
//
// Cancellation is destruction: destroying a Task that has not finished
// destroys its frame, which runs the destructors of its locals (the cleanup
// mechanism), of the awaiter it is suspended on (a pending timer is cancelled
// lazily, a Signal wait is unlinked) and of the child Task it awaits (which is
// a temporary or local of its frame, so the cancellation is recursive).
//
// Exceptions: an exception escaping a task body calls std::terminate(). Model
// code reports failures through values, never through exceptions.
//
// Frames come from a per-Engine free-list pool when the coroutine can name the
// engine: its first parameter is `Engine&` (for a lambda: its first declared
// parameter), or it is a member function of a class whose `engine()` returns
// `Engine&`. A free function whose SECOND parameter is Engine& is pooled too. Other coroutines
// (lambdas, free functions without an engine) use ::operator new. Either way every Task must be
// destroyed before the Engine whose pool it may use.
#pragma once

#include <cassert>
#include <concepts>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace deploysim {

class Engine;
template <class T = void>
class Task;

namespace engine_detail {

// Frame allocation through the engine's pool (engine == nullptr: global heap).
// A 16-byte header before the returned pointer records where to give it back.
void* allocate_frame(Engine* engine, std::size_t size);
void deallocate_frame(void* frame) noexcept;

// Called by a finished top-level process: frees its slot and its frame.
void process_finished(Engine& engine, std::uint32_t slot) noexcept;

// A class whose member coroutines allocate from its engine's frame pool.
template <class T>
concept HasEngine = requires(T& t) {
  { t.engine() } -> std::same_as<Engine&>;
};

class PromiseBase {
 public:
  // Member coroutine of a class with engine(), or any coroutine whose first
  // parameter is Engine&: pooled. Otherwise: the global heap.
  template <class... Args>
  static void* operator new(std::size_t size, Engine& engine, Args&...) {
    return allocate_frame(&engine, size);
  }
  template <HasEngine Object, class... Args>
  static void* operator new(std::size_t size, Object& object, Args&...) {
    return allocate_frame(&object.engine(), size);
  }
  // A lambda (or any callable object) whose first parameter is Engine&: the
  // closure object comes first, the engine second.
  template <class Object, class... Args>
  requires(!std::same_as<Object, Engine> && !HasEngine<Object>) static void* operator new(
      std::size_t size, Object&, Engine& engine, Args&...) {
    return allocate_frame(&engine, size);
  }
  static void* operator new(std::size_t size) { return allocate_frame(nullptr, size); }
  static void operator delete(void* frame) noexcept { deallocate_frame(frame); }

  std::suspend_always initial_suspend() noexcept { return {}; }

  // On completion: resume the awaiting task (symmetric transfer); a top-level
  // process instead frees itself through the engine.
  struct FinalAwaiter {
    bool await_ready() const noexcept { return false; }
    template <class Promise>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> self) noexcept {
      PromiseBase& p = self.promise();
      if (p.continuation_) return p.continuation_;
      if (p.process_engine_ != nullptr) {
        process_finished(*p.process_engine_, p.process_slot_);  // destroys the frame
      }
      return std::noop_coroutine();
    }
    void await_resume() const noexcept {}
  };
  FinalAwaiter final_suspend() noexcept { return {}; }

  [[noreturn]] void unhandled_exception() noexcept { std::terminate(); }

  std::coroutine_handle<> continuation_;  // the awaiting task, if any
  Engine* process_engine_ = nullptr;      // set when spawned as a top-level process
  std::uint32_t process_slot_ = 0;
};

template <class T>
class Promise : public PromiseBase {
 public:
  Task<T> get_return_object() noexcept;
  template <class U>
  requires std::convertible_to<U&&, T>
  void return_value(U&& value) { value_.emplace(std::forward<U>(value)); }
  std::optional<T> value_;
};

template <>
class Promise<void> : public PromiseBase {
 public:
  Task<void> get_return_object() noexcept;
  void return_void() noexcept {}
};

class TaskAccess;  // lets the engine and the groups reach a task's handle

}  // namespace engine_detail

// A coroutine process producing a T. See the top of this file.
template <class T>
class [[nodiscard]] Task {
 public:
  using promise_type = engine_detail::Promise<T>;
  using Handle = std::coroutine_handle<promise_type>;

  // An empty task (done() is false, it cannot be awaited).
  Task() noexcept = default;
  Task(Task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;

  // Cancels the task if it has not finished (see the top of this file).
  ~Task() { destroy(); }

  // True when the task holds a coroutine.
  bool valid() const noexcept { return static_cast<bool>(handle_); }

  // True once the body has returned.
  bool done() const noexcept { return handle_ && handle_.done(); }

  // The value returned by the body. REQUIRES: done().
  template <class U = T>
  requires(!std::is_void_v<U>) U& result() {
    assert(done());
    return *handle_.promise().value_;
  }

  // `co_await task` starts the task now and resumes the awaiter when it
  // finishes, yielding its value (moved out). Awaiting a finished task does
  // not suspend. REQUIRES: valid(); the task was not started by someone else.
  auto operator co_await() & noexcept { return Awaiter{handle_}; }
  auto operator co_await() && noexcept { return Awaiter{handle_}; }

 private:
  friend class engine_detail::Promise<T>;
  friend class engine_detail::TaskAccess;

  explicit Task(Handle h) noexcept : handle_(h) {}

  void destroy() noexcept {
    if (handle_) std::exchange(handle_, {}).destroy();
  }

  struct Awaiter {
    Handle child;
    bool await_ready() const noexcept { return child.done(); }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> parent) noexcept {
      child.promise().continuation_ = parent;
      return child;
    }
    T await_resume() {
      if constexpr (!std::is_void_v<T>) return std::move(*child.promise().value_);
    }
  };

  Handle handle_;
};

namespace engine_detail {

template <class T>
Task<T> Promise<T>::get_return_object() noexcept {
  return Task<T>(std::coroutine_handle<Promise<T>>::from_promise(*this));
}
inline Task<void> Promise<void>::get_return_object() noexcept {
  return Task<void>(std::coroutine_handle<Promise<void>>::from_promise(*this));
}

class TaskAccess {
 public:
  template <class T>
  static std::coroutine_handle<Promise<T>> handle(Task<T>& task) noexcept {
    return task.handle_;
  }
  template <class T>
  static std::coroutine_handle<Promise<T>> release(Task<T>& task) noexcept {
    return std::exchange(task.handle_, {});
  }
};

}  // namespace engine_detail
}  // namespace deploysim
