// run_compare: the montecarlo driver (run_montecarlo_with) with a replicator
// that plays replication i of BASE and of WHATIF back to back on one thread
// with the same options (seed, index). The driver summarises BASE's results;
// each replicator keeps its own WHATIF summary and paired tallies, merged
// once the driver returns (integer counts, so the order does not matter).
#include <memory>
#include <mutex>

#include "deploysim/compare.hpp"
#include "deploysim/simulation.hpp"

namespace deploysim::compare {
namespace {

// What one replicator adds up besides BASE's summary.
struct SideState {
  explicit SideState(std::size_t what_if_targets, std::size_t pairs)
      : what_if(what_if_targets), targets(pairs) {}
  Aggregate what_if;
  PairedTally pipeline;
  std::vector<PairedTally> targets;  // one per pair
};

class PairedReplicator final : public Replicator {
 public:
  PairedReplicator(const Scenario& base, const Scenario& what_if,
                   const std::vector<TargetPair>& pairs, std::shared_ptr<SideState> state)
      : base_(base),
        what_if_(what_if),
        pairs_(pairs),
        state_(std::move(state)),
        what_if_adder_(state_->what_if) {}

  void run(const RunOptions& options, RunResult& out) override {
    base_.run_into(options, out);
    what_if_.run_into(options, what_if_result_);
    what_if_adder_.add(what_if_result_);
    state_->pipeline.add(out.pipeline, what_if_result_.pipeline);
    for (std::size_t p = 0; p < pairs_.size(); ++p) {
      const TargetPair& pair = pairs_[p];
      if (!pair.on_both_sides()) continue;
      state_->targets[p].add(
          out.targets[static_cast<std::size_t>(pair.base)].status,
          what_if_result_.targets[static_cast<std::size_t>(pair.what_if)].status);
    }
  }

 private:
  Simulator base_;
  Simulator what_if_;
  const std::vector<TargetPair>& pairs_;
  std::shared_ptr<SideState> state_;
  // Flushed into state_->what_if when the replicator ends, before any merge.
  AggregateAdder what_if_adder_;
  RunResult what_if_result_;
};

// Every replicator's state, kept past the replicator's end (the driver drops
// its replicators when a thread or a --precision block ends).
class States {
 public:
  std::shared_ptr<SideState> make(std::size_t what_if_targets, std::size_t pairs) {
    auto state = std::make_shared<SideState>(what_if_targets, pairs);
    std::lock_guard<std::mutex> lock(mutex_);
    states_.push_back(state);
    return state;
  }

  // The merged sum, in creation order (exact in any order). Call only while
  // no replicator runs.
  SideState merged(std::size_t what_if_targets, std::size_t pairs) const {
    SideState sum(what_if_targets, pairs);
    for (const auto& s : states_) {
      sum.what_if.merge(s->what_if);
      sum.pipeline.merge(s->pipeline);
      for (std::size_t p = 0; p < pairs; ++p) sum.targets[p].merge(s->targets[p]);
    }
    return sum;
  }

 private:
  std::mutex mutex_;
  std::vector<std::shared_ptr<SideState>> states_;
};

bool differences_within(const Aggregate& base, const SideState& side,
                        const std::vector<TargetPair>& pairs, double half_width) {
  const std::uint64_t n = base.runs();
  auto precise = [&](const OutcomeTally& b, const OutcomeTally& w, const PairedTally& paired) {
    for (int s = 0; s < kTargetStatusCount; ++s) {
      if (b.status[s] == 0 && w.status[s] == 0) continue;
      const Difference d = paired_difference(b.status[s], w.status[s], paired.only_base[s],
                                             paired.only_what_if[s], n);
      if (d.half_width() > half_width) return false;
    }
    return true;
  };
  if (!precise(base.pipeline(), side.what_if.pipeline(), side.pipeline)) return false;
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    if (!pairs[p].on_both_sides()) continue;
    if (!precise(base.targets()[static_cast<std::size_t>(pairs[p].base)],
                 side.what_if.targets()[static_cast<std::size_t>(pairs[p].what_if)],
                 side.targets[p])) {
      return false;
    }
  }
  return true;
}

}  // namespace

CompareResult run_compare(const Scenario& base, const Scenario& what_if,
                          const CompareOptions& options) {
  CompareResult r;
  r.pairs = pair_targets(base.deployment, what_if.deployment);
  const std::size_t what_if_targets = what_if.deployment.targets.size();
  const std::size_t pairs = r.pairs.size();
  States states;

  MonteCarloOptions mc = options.montecarlo;
  if (mc.precision > 0) {
    const double h = mc.precision;
    mc.precise_enough = [&, h](const Aggregate& base_so_far) {
      if (!within_precision(base_so_far, h)) return false;
      const SideState side = states.merged(what_if_targets, pairs);
      return within_precision(side.what_if, h) && differences_within(base_so_far, side, r.pairs, h);
    };
  }
  r.base = run_montecarlo_with(
      base.deployment.targets.size(),
      [&] {
        return std::make_unique<PairedReplicator>(base, what_if, r.pairs,
                                                  states.make(what_if_targets, pairs));
      },
      mc);

  SideState side = states.merged(what_if_targets, pairs);
  r.what_if = r.base;  // the same runs, seed, threads and stop
  r.what_if.aggregate = std::move(side.what_if);
  r.pipeline = side.pipeline;
  r.targets = std::move(side.targets);
  return r;
}

}  // namespace deploysim::compare
