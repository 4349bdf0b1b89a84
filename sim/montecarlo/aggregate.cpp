// Aggregate: the integer tallies of many runs. Everything here is a count or
// a sum of milliseconds, so add() and merge() are exact and the summary of a
// set of runs does not depend on how the runs were split between threads.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "deploysim/aggregate.hpp"
#include "deploysim/saturating.hpp"

namespace deploysim {
namespace {

// The two-sided 95 % normal quantile.
constexpr double kZ = 1.959963984540054;

void add_outcome(OutcomeTally& t, TargetStatus status, Reason reason, bool started,
                 const std::optional<SimTime>& finished_at) {
  ++t.status[static_cast<int>(status)];
  ++t.reason[static_cast<int>(reason)];
  if (started) ++t.started;
  if (status == TargetStatus::kSucceeded && finished_at) t.finished_at.add(finished_at->count());
}

}  // namespace

Interval wilson_interval(std::uint64_t k, std::uint64_t n) {
  if (n == 0) return {0, 1};
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(k) / nn;
  const double z2 = kZ * kZ;
  const double denom = 1 + z2 / nn;
  const double center = (p + z2 / (2 * nn)) / denom;
  const double half = kZ / denom * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  // At k = 0 (k = n) the bound is exactly 0 (1); say so rather than 1e-18.
  return {k == 0 ? 0.0 : std::max(0.0, center - half), k == n ? 1.0 : std::min(1.0, center + half)};
}

void OutcomeTally::merge(const OutcomeTally& o) {
  // Saturating: merge() validated partials (scaleout/merge.cpp) exactly;
  // here a sum past the int64 range stays at its bound rather than wrapping.
  for (int i = 0; i < kTargetStatusCount; ++i) status[i] = saturating_add(status[i], o.status[i]);
  for (int i = 0; i < kReasonCount; ++i) reason[i] = saturating_add(reason[i], o.reason[i]);
  started = saturating_add(started, o.started);
  deployed = saturating_add(deployed, o.deployed);
  rolled_back = saturating_add(rolled_back, o.rolled_back);
  finished_at.merge(o.finished_at);
  webhooks_ms = saturating_add(webhooks_ms, o.webhooks_ms);
  approvals_ms = saturating_add(approvals_ms, o.approvals_ms);
  analysis_ms = saturating_add(analysis_ms, o.analysis_ms);
  pauses_ms = saturating_add(pauses_ms, o.pauses_ms);
  readiness_ms = saturating_add(readiness_ms, o.readiness_ms);
  rollback_ms = saturating_add(rollback_ms, o.rollback_ms);
}

void Aggregate::add(const RunResult& result) {
  add_run(result);
  for (std::size_t i = 0; i < targets_.size() && i < result.targets.size(); ++i) {
    add_target(i, result.targets[i]);
  }
}

void Aggregate::add_run(const RunResult& result) {
  ++runs_;
  // D7: the pipeline is FAILED/CANCELLED for the same reasons as its targets;
  // its own `reason` is NONE unless the horizon stopped it.
  const Reason pipeline_reason = is_terminal(result.pipeline) ? Reason::kNone : Reason::kHorizon;
  add_outcome(pipeline_, result.pipeline, pipeline_reason, true, result.finished_at);
}

void Aggregate::add_target(std::size_t i, const TargetOutcome& o) {
  OutcomeTally& t = targets_[i];
  add_outcome(t, o.status, o.reason, o.started_at.has_value(), o.finished_at);
  if (o.deployed) ++t.deployed;
  if (o.rolled_back) ++t.rolled_back;
  if (o.started_at) {
    t.webhooks_ms = saturating_add(t.webhooks_ms, o.time.webhooks.count());
    t.approvals_ms = saturating_add(t.approvals_ms, o.time.approvals.count());
    t.analysis_ms = saturating_add(t.analysis_ms, o.time.analysis.count());
    t.pauses_ms = saturating_add(t.pauses_ms, o.time.pauses.count());
    t.readiness_ms = saturating_add(t.readiness_ms, o.time.readiness.count());
    t.rollback_ms = saturating_add(t.rollback_ms, o.time.rollback.count());
  }
  // Root failures only: a cancelled dependent's cause points at one of these.
  if (o.status == TargetStatus::kSucceeded || o.status == TargetStatus::kSkipped) return;
  if (o.reason == Reason::kUpstreamFailed) return;
  CauseKey key;
  key.target = static_cast<int>(i);
  key.reason = o.reason;
  if (o.cause) {
    key.phase = o.cause->phase;
    key.step = o.cause->step;
  }
  ++causes_[key];
}

AggregateAdder::AggregateAdder(Aggregate& into)
    : into_(&into), cancelled_(into.targets_.size(), 0) {}

void AggregateAdder::add(const RunResult& result) {
  into_->add_run(result);
  const std::size_t n = std::min(cancelled_.size(), result.targets.size());
  for (std::size_t i = 0; i < n; ++i) {
    const TargetOutcome& o = result.targets[i];
    // What add_target() would do for this outcome is exactly one status and
    // one reason count (not started: no times; UPSTREAM_FAILED: no cause).
    const bool cancelled_upstream = o.status == TargetStatus::kCancelled &&
                                    o.reason == Reason::kUpstreamFailed && !o.started_at &&
                                    !o.deployed && !o.rolled_back;
    if (cancelled_upstream && cancelled_[i] != UINT32_MAX) {
      ++cancelled_[i];
    } else {
      into_->add_target(i, o);
    }
  }
}

void AggregateAdder::flush() {
  for (std::size_t i = 0; i < cancelled_.size(); ++i) {
    if (cancelled_[i] == 0) continue;
    OutcomeTally& t = into_->targets_[i];
    t.status[static_cast<int>(TargetStatus::kCancelled)] += cancelled_[i];
    t.reason[static_cast<int>(Reason::kUpstreamFailed)] += cancelled_[i];
    cancelled_[i] = 0;
  }
}

void Aggregate::merge(const Aggregate& other) {
  if (targets_.empty()) targets_.resize(other.targets_.size());
  runs_ = saturating_add(runs_, other.runs_);
  pipeline_.merge(other.pipeline_);
  for (std::size_t i = 0; i < targets_.size() && i < other.targets_.size(); ++i) {
    targets_[i].merge(other.targets_[i]);
  }
  for (const auto& [key, count] : other.causes_) causes_[key] = saturating_add(causes_[key], count);
}

Aggregate Aggregate::from_parts(std::uint64_t runs, OutcomeTally pipeline,
                                std::vector<OutcomeTally> targets,
                                std::map<CauseKey, std::uint64_t> causes) {
  Aggregate a;
  a.runs_ = runs;
  a.pipeline_ = std::move(pipeline);
  a.targets_ = std::move(targets);
  a.causes_ = std::move(causes);
  return a;
}

}  // namespace deploysim
