// B1-B3, MODEL 13: full-size rollout without traffic, redirectTrafficAfter
// in parallel, traffic switch, shutDownOldVersionAfter in parallel, old
// version deleted. A failing item rolls back (the caller does it).
#include "model.hpp"

namespace deploysim::model {

Task<StepResult> Model::run_blue_green(int t) {
  const StrategyInfo& strategy = strategies_[targets_[t].strategy];
  // The weight stays 0: the new version takes no traffic yet.
  StepResult r = co_await readiness_wait(t, 0, &deploy_cause_, blue_green_key_);
  if (!r.ok()) co_return r;
  if (strategy.preview_service >= 0) {
    // B1, ref §7.1: the preview service now selects the new version, so
    // armory.preview.<previewService> is defined for the lists and afterDeployment.
    exposed_[static_cast<std::size_t>(t) * services_.size() +
             static_cast<std::size_t>(strategy.preview_service)] = 1;
  }
  if (tracing_) trace(t, "bluegreen.redirectTrafficAfter", {});
  r = co_await run_list(t, strategy.redirect);
  if (!r.ok()) co_return r;
  set_weight(t, 100);  // the traffic switch takes no time
  if (tracing_) trace(t, "bluegreen.shutDownOldVersionAfter", {});
  r = co_await run_list(t, strategy.shutdown);
  if (!r.ok()) co_return r;
  if (tracing_) trace(t, "bluegreen.oldVersionDeleted", {});
  co_return StepResult{};
}

}  // namespace deploysim::model
