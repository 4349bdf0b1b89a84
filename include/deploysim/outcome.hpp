// The words of SEMANTICS.md R1/R2 and of the report: statuses, reasons,
// phases, webhook results. Each enum has a to_string (the report word) and a
// parse (the inverse; nullopt for an unknown word).
#pragma once

#include <optional>
#include <string_view>

namespace deploysim {

// R1. Also used for the pipeline (which is never SKIPPED or NOT_STARTED; D7).
enum class TargetStatus {
  kSucceeded,
  kFailed,
  kRolledBack,
  kCancelled,
  kSkipped,
  kNotStarted,
  kRunning,
  kPaused,
  kAwaitingApproval,
};
inline constexpr int kTargetStatusCount = 9;

// R2.
enum class Reason {
  kNone,
  kWebhookFailed,
  kWebhookTimeout,
  kWebhookUnreachable,
  kAnalysisFailed,
  kApprovalExpired,
  kApprovalRejected,
  kReadinessTimeout,
  kUpstreamFailed,
  kHorizon,
};
inline constexpr int kReasonCount = 10;

// Where a cause happened (R3).
enum class Phase { kBeforeDeployment, kStrategy, kAfterDeployment, kDependsOn };
inline constexpr int kPhaseCount = 4;

// `webhooks[].where` of the report.
enum class WebhookWhere {
  kBeforeDeployment,
  kAfterDeployment,
  kCanary,
  kRedirectTrafficAfter,
  kShutDownOldVersionAfter,
};

// `webhooks[].result` of the report.
enum class WebhookResult { kSuccess, kFailure, kTimeout, kUnreachable, kAbandoned, kPending };

// `approvals[].result` of the report (P2-P4): the person's answer, the
// expiry, abandoned with its list, or still waiting at the horizon.
enum class ApprovalResult { kApproved, kRejected, kExpired, kAbandoned, kPending };

bool is_terminal(TargetStatus s);

// D7 as a fold over targets (SEMANTICS.md D7): the simulator computes a
// pipeline's status with it, and explore combines the statuses of
// independent parts of a pipeline with it (explore.hpp).
//
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

std::string_view to_string(TargetStatus s);  // "SUCCEEDED", "ROLLED_BACK", ...
std::string_view to_string(Reason r);        // "NONE", "WEBHOOK_FAILED", ...
std::string_view to_string(Phase p);         // "beforeDeployment", "strategy", ...
std::string_view to_string(WebhookWhere w);  // "beforeDeployment", "canary", ...
std::string_view to_string(
    WebhookResult r);  // "SUCCESS", ..., "PENDING" (still waiting at the horizon)
std::string_view to_string(ApprovalResult r);  // "APPROVED", ..., "PENDING"

std::optional<TargetStatus> parse_target_status(std::string_view word);
std::optional<Reason> parse_reason(std::string_view word);
std::optional<Phase> parse_phase(std::string_view word);
std::optional<WebhookResult> parse_webhook_result(std::string_view word);
std::optional<ApprovalResult> parse_approval_result(std::string_view word);

}  // namespace deploysim
