// C2: the items of one list (constraints, blue/green conditions) start
// together and run in parallel; the list passes when all pass and fails at
// the first failure, abandoning the rest (B2 uses the same rule).
#include "model.hpp"

namespace deploysim::model {

Task<StepResult> Model::run_list(int t, const StepList& list) {
  // C5: an empty list passes at once. A single item needs no group (and no
  // allocation); it behaves exactly like a group of one.
  if (list.items.empty()) co_return StepResult{};
  if (list.items.size() == 1) co_return co_await run_item(t, list.items[0]);

  std::vector<Task<StepResult>> items;
  items.reserve(list.items.size());
  for (const StepInfo& step : list.items) items.push_back(run_item(t, step));
  // Abandoned items clean up through their own guards (a webhook in flight
  // records ABANDONED when its frame is destroyed), so no on_abandoned hook.
  GroupResult<StepResult> group = co_await all_of<StepResult>(
      engine_, std::move(items), [](const StepResult& r) { return !r.ok(); });
  if (group.decisive >= 0) co_return *group.values[group.decisive];
  co_return StepResult{};
}

Task<StepResult> Model::run_item(int t, const StepInfo& step) {
  switch (step.kind) {
    case StepKind::kTimedPause:
      return run_pause(t, step);
    case StepKind::kApproval:
      return run_approval(t, step);
    case StepKind::kWebhook:
      return run_webhook(t, step);
    case StepKind::kAnalysis:
      return run_analysis(t, step);
    case StepKind::kSetWeight:  // canary.cpp handles it; never in a parallel list
    case StepKind::kExposeServices:
    case StepKind::kIgnored:
      break;
  }
  return expose_services(t, step);
}

// K4: passes at once; defines armory.preview.<service> for later steps and
// afterDeployment. Ignored items pass the same way.
Task<StepResult> Model::expose_services(int t, const StepInfo& step) {
  if (step.kind == StepKind::kExposeServices) {
    for (int s : step.services) exposed_[static_cast<std::size_t>(t) * services_.size() + s] = 1;
    if (tracing_) trace(t, "step.end", {{"step", step.cause}, {"result", "ok"}});
  }
  co_return StepResult{};
}

}  // namespace deploysim::model
