// K1-K4, MODEL 12: canary steps run strictly in order; the weight starts at
// 0 and moves when a scale step's pods are Ready; after the last step the
// new version goes to 100%.
#include "model.hpp"

namespace deploysim::model {

Task<StepResult> Model::run_canary(int t) {
  const StrategyInfo& strategy = strategies_[targets_[t].strategy];
  for (const StepInfo& step : strategy.steps.items) {
    StepResult r;
    if (step.kind == StepKind::kSetWeight) {
      r = co_await readiness_wait(t, step.weight, &step.cause, step.draw_key);  // K2
    } else {
      r = co_await run_item(t, step);
    }
    if (!r.ok()) co_return r;  // K5: the caller rolls back
  }
  // K3: the implicit last step, unless the weight is already 100.
  if (out_->targets[t].weight != 100) {
    co_return co_await readiness_wait(t, 100, &full_weight_cause_, full_weight_key_);
  }
  co_return StepResult{};
}

}  // namespace deploysim::model
