// What the simulator can and cannot know about the DORA keys (dora.dev): the
// reports print these sentences beside the figures.
#include <string>

#include "deploysim/stream.hpp"
#include "figures.hpp"

namespace deploysim::stream {

std::vector<std::string> notes(const Result& result) {
  std::vector<std::string> out = {
      "A pipeline is a failed deployment when it ends with some measureAt target not SUCCEEDED "
      "(FAILED, ROLLED_BACK, CANCELLED, SKIPPED) or is still live at the horizon; change fail "
      "rate and time to restore count exactly those.",
      "A defect that reaches production through a pipeline that SUCCEEDED is not modelled: the "
      "real change fail rate can only be higher than this one.",
      "Time to restore runs from the end of the first failed pipeline of a failure episode to "
      "the end of the next successful one: how long the stream cannot ship, not an outage (a "
      "rolled-back target runs the previous version meanwhile).",
      "Lead time runs from a change being ready to ship (releases.arrivals) to the end of the "
      "pipeline that delivers it; review and build time before that are not in it.",
      "Deployment frequency counts successful pipelines per day from t = 0 to the stream's last "
      "event.",
      "Pipeline k plays replication k of the seed, whatever the arrivals: pipelines do not "
      "depend on their wall-clock start (no calendar).",
      "A pipeline still live at the horizon, counted from its own start, holds the slot until "
      "then and counts as failed.",
  };
  if (result.streams > 1) {
    out.push_back(
        "The figures sum " + std::to_string(result.streams) +
        " independent streams (stream s: pipeline k is replication s * 2^32 + k of the seed, "
        "arrivals keyed by s); deployment frequency divides by the streams' summed span, and the "
        "throughput chart adds the streams over one time axis from t = 0.");
  }
  if (result.policy == IfDeploymentInProgress::kReject) {
    out.push_back(
        "reject: a refused change waits for a later change's pipeline, which carries it; "
        "changes refused after the last pipeline started stay undelivered.");
  } else {
    out.push_back(
        "enqueueOne: a superseded request's changes ride with the request that replaced it.");
  }
  return out;
}

}  // namespace deploysim::stream
