// D7 as a fold over targets (../shared/spec/SEMANTICS.md D7): the simulator
// computes a pipeline's status with it, and explore combines the statuses
// of independent parts of a pipeline with it (explore.hpp).
#pragma once

#include "deploysim/outcome.hpp"

namespace deploysim {

// The pipeline status of the targets of two disjoint sets whose own
// pipeline statuses (D7 over each set) are a and b: the larger in the order
// SUCCEEDED < CANCELLED < FAILED < RUNNING < PAUSED < AWAITING_APPROVAL (a
// live target keeps the pipeline live, the livest wins; else a failure beats
// a cancellation). Either argument may also be one target's status
// (pipeline_of). Associative and commutative, SUCCEEDED is its identity.
TargetStatus pipeline_join(TargetStatus a, TargetStatus b);

// What one target's status says of the pipeline (D7 over that target
// alone): NOT_STARTED (at the horizon) is RUNNING, ROLLED_BACK is FAILED,
// SKIPPED is SUCCEEDED; every other status stands for itself.
TargetStatus pipeline_of(TargetStatus target);

}  // namespace deploysim
