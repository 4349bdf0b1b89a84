#include "deploysim/engine.hpp"

#include <algorithm>
#include <cstdlib>
#include <new>

namespace deploysim {

namespace {

// Placed before every coroutine frame: where the block goes back to.
struct alignas(__STDCPP_DEFAULT_NEW_ALIGNMENT__) FrameHeader {
  Engine* engine;  // nullptr: the global heap
  std::uint32_t bucket;
};
static_assert(sizeof(FrameHeader) == __STDCPP_DEFAULT_NEW_ALIGNMENT__);

// A free block of the pool: the first word links to the next one.
struct FreeBlock {
  FreeBlock* next;
};

}  // namespace

namespace engine_detail {

void* allocate_frame(Engine* engine, std::size_t size) {
  const std::size_t total = size + sizeof(FrameHeader);
  if (engine != nullptr) {
    const std::size_t bucket = (total + Engine::kFrameGranule - 1) / Engine::kFrameGranule;
    if (bucket < Engine::kFrameBuckets) {
      void* block = engine->free_frames_[bucket];
      if (block != nullptr) {
        engine->free_frames_[bucket] = static_cast<FreeBlock*>(block)->next;
      } else {
        block = ::operator new(bucket* Engine::kFrameGranule);
        ++engine->frames_allocated_;
      }
      ++engine->frames_in_use_;
      auto* header = ::new (block) FrameHeader{engine, static_cast<std::uint32_t>(bucket)};
      return header + 1;
    }
  }
  void* block = ::operator new(total);
  auto* header = ::new (block) FrameHeader{nullptr, 0};
  return header + 1;
}

void deallocate_frame(void* frame) noexcept {
  FrameHeader* header = static_cast<FrameHeader*>(frame) - 1;
  Engine* engine = header->engine;
  if (engine == nullptr) {
    ::operator delete(header);
    return;
  }
  const std::uint32_t bucket = header->bucket;
  auto* block = ::new (static_cast<void*>(header))
      FreeBlock{static_cast<FreeBlock*>(engine->free_frames_[bucket])};
  engine->free_frames_[bucket] = block;
  --engine->frames_in_use_;
}

void process_finished(Engine& engine, std::uint32_t slot) noexcept {
  void* frame = engine.processes_[slot].frame;
  engine.free_process_slot(slot);
  std::coroutine_handle<>::from_address(frame).destroy();
}

}  // namespace engine_detail

Engine::Engine() = default;

Engine::~Engine() {
  destroy_processes();
  for (void*& head : free_frames_) {
    while (head != nullptr) {
      void* next = static_cast<FreeBlock*>(head)->next;
      ::operator delete(head);
      head = next;
    }
  }
}

std::uint32_t Engine::new_event_slot() {
  const auto slot = static_cast<std::uint32_t>(slots_.size());
  assert(slot != kNoSlot);
  slots_.push_back(EventSlot{nullptr, nullptr, 0, 1, kNoSlot});
  return slot;
}

void Engine::heap_pop() {
  const QueueEntry last = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down_from_root(last);
}

void Engine::ring_grow() {
  const std::size_t old_capacity = ring_.size();
  const std::size_t capacity = old_capacity == 0 ? 64 : old_capacity * 2;
  std::vector<QueueEntry> grown(capacity);
  for (std::size_t i = 0; i < ring_size_; ++i) {
    grown[i] = ring_[(ring_head_ + i) & (old_capacity - 1)];
  }
  ring_.swap(grown);
  ring_head_ = 0;
}

bool Engine::has_live_front() {
  for (;;) {
    if (ring_size_ != 0) {
      const QueueEntry& r = ring_[ring_head_];
      if (slots_[r.slot].generation != r.generation) {
        ring_head_ = (ring_head_ + 1) & (ring_.size() - 1);
        --ring_size_;
        continue;
      }
    }
    if (!heap_.empty()) {
      const QueueEntry& h = heap_[0];
      if (slots_[h.slot].generation != h.generation) {
        heap_pop();
        continue;
      }
    }
    return ring_size_ != 0 || !heap_.empty();
  }
}

bool Engine::step(std::int64_t horizon) {
  for (;;) {
    bool from_ring;
    if (ring_size_ != 0) {
      from_ring = heap_.empty() || before(ring_[ring_head_], heap_[0]);
    } else if (!heap_.empty()) {
      from_ring = false;
    } else {
      return false;
    }
    const QueueEntry e = from_ring ? ring_[ring_head_] : heap_[0];
    EventSlot& s = slots_[e.slot];
    if (s.generation != e.generation) {  // cancelled: drop the stale record
      if (from_ring) {
        ring_head_ = (ring_head_ + 1) & (ring_.size() - 1);
        --ring_size_;
      } else {
        heap_pop();
      }
      continue;
    }
    if (e.time > horizon) return false;
    now_ = e.time;
    const Callback fn = s.fn;
    void* const context = s.context;
    const std::uint64_t argument = s.argument;
    // Free the slot before dispatch: the handler's next schedule() reuses it.
    s.generation = next_generation(s.generation);
    s.next_free = free_slot_;
    free_slot_ = e.slot;
    --live_events_;
    ++events_processed_;
    if (from_ring) {
      ring_head_ = (ring_head_ + 1) & (ring_.size() - 1);
      --ring_size_;
      fn(context, argument);
    } else {
      // Fused pop+push: the root stays in place; the handler's first
      // non-zero schedule() overwrites it with one sift-down.
      top_live_ = true;
      fn(context, argument);
      if (top_live_) {
        top_live_ = false;
        heap_pop();
      }
    }
    return true;
  }
}

void Engine::run() {
  assert(!running_);
  running_ = true;
  while (step(INT64_MAX)) {
  }
  running_ = false;
}

bool Engine::run_until(SimTime horizon) {
  assert(!running_);
  running_ = true;
  const std::int64_t h = horizon.count();
  while (step(h)) {
  }
  running_ = false;
  const bool remain = has_live_front();
  if (remain && h > now_) now_ = h;
  return remain;
}

std::optional<SimTime> Engine::next_event_time() {
  assert(!running_);
  if (!has_live_front()) return std::nullopt;
  // has_live_front() left a live record at the front of each non-empty queue.
  std::int64_t t = INT64_MAX;
  if (ring_size_ != 0) t = ring_[ring_head_].time;
  if (!heap_.empty()) t = std::min(t, heap_[0].time);
  return SimTime(t);
}

std::uint64_t Engine::run_events(std::uint64_t max_events) {
  assert(!running_);
  running_ = true;
  std::uint64_t n = 0;
  while (n < max_events && step(INT64_MAX)) ++n;
  running_ = false;
  return n;
}

ProcessId Engine::spawn(Task<void> task) {
  auto h = engine_detail::TaskAccess::release(task);
  assert(h && !h.done());
  std::uint32_t slot = free_process_;
  if (slot == kNoSlot) {
    slot = static_cast<std::uint32_t>(processes_.size());
    assert(slot != kNoSlot);
    processes_.push_back(ProcessSlot{nullptr, 0, 1, kNoSlot});
  } else {
    free_process_ = processes_[slot].next_free;
  }
  ProcessSlot& p = processes_[slot];
  p.frame = h.address();
  h.promise().process_engine_ = this;
  h.promise().process_slot_ = slot;
  ++live_processes_;
  p.start = schedule(Duration(0), &engine_detail::resume_callback, p.frame, 0);
  return make_id(slot, p.generation);
}

void Engine::free_process_slot(std::uint32_t slot) {
  ProcessSlot& p = processes_[slot];
  p.frame = nullptr;
  p.start = 0;
  p.generation = next_generation(p.generation);
  p.next_free = free_process_;
  free_process_ = slot;
  --live_processes_;
}

bool Engine::alive(ProcessId id) const {
  const auto slot = static_cast<std::uint32_t>(id);
  const auto generation = static_cast<std::uint32_t>(id >> 32);
  return slot < processes_.size() && processes_[slot].frame != nullptr &&
         processes_[slot].generation == generation;
}

void Engine::cancel(ProcessId id) {
  if (!alive(id)) return;
  const auto slot = static_cast<std::uint32_t>(id);
  void* frame = processes_[slot].frame;
  cancel_timer(processes_[slot].start);  // not started yet: drop its start event
  free_process_slot(slot);
  std::coroutine_handle<>::from_address(frame).destroy();
}

void Engine::destroy_processes() {
  for (std::uint32_t slot = 0; slot < processes_.size(); ++slot) {
    ProcessSlot& p = processes_[slot];
    if (p.frame == nullptr) continue;
    void* frame = p.frame;
    cancel_timer(p.start);
    free_process_slot(slot);
    std::coroutine_handle<>::from_address(frame).destroy();
  }
}

void Engine::reset() {
  assert(!running_);
  destroy_processes();
  heap_.clear();
  ring_head_ = 0;
  ring_size_ = 0;
  // Invalidate every outstanding TimerId and rebuild the free list in index order.
  free_slot_ = kNoSlot;
  for (std::size_t i = slots_.size(); i-- > 0;) {
    EventSlot& s = slots_[i];
    s.generation = next_generation(s.generation);
    s.next_free = free_slot_;
    free_slot_ = static_cast<std::uint32_t>(i);
  }
  now_ = 0;
  seq_ = 0;
  events_processed_ = 0;
  live_events_ = 0;
  top_live_ = false;
}

}  // namespace deploysim
