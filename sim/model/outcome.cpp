#include "deploysim/outcome.hpp"

#include <array>

namespace deploysim {
namespace {

constexpr std::array<std::string_view, kTargetStatusCount> kStatusWords = {
    "SUCCEEDED",   "FAILED",  "ROLLED_BACK", "CANCELLED",         "SKIPPED",
    "NOT_STARTED", "RUNNING", "PAUSED",      "AWAITING_APPROVAL",
};
constexpr std::array<std::string_view, kReasonCount> kReasonWords = {
    "NONE",
    "WEBHOOK_FAILED",
    "WEBHOOK_TIMEOUT",
    "WEBHOOK_UNREACHABLE",
    "ANALYSIS_FAILED",
    "APPROVAL_EXPIRED",
    "APPROVAL_REJECTED",
    "READINESS_TIMEOUT",
    "UPSTREAM_FAILED",
    "HORIZON",
};
constexpr std::array<std::string_view, kPhaseCount> kPhaseWords = {"beforeDeployment", "strategy",
                                                                   "afterDeployment", "dependsOn"};
constexpr std::array<std::string_view, 5> kWhereWords = {"beforeDeployment", "afterDeployment",
                                                         "canary", "redirectTrafficAfter",
                                                         "shutDownOldVersionAfter"};
constexpr std::array<std::string_view, 6> kWebhookResultWords = {
    "SUCCESS", "FAILURE", "TIMEOUT", "UNREACHABLE", "ABANDONED", "PENDING"};
constexpr std::array<std::string_view, 5> kApprovalResultWords = {"APPROVED", "REJECTED", "EXPIRED",
                                                                  "ABANDONED", "PENDING"};

template <class Enum, std::size_t N>
std::optional<Enum> parse_word(const std::array<std::string_view, N>& words,
                               std::string_view word) {
  for (std::size_t i = 0; i < N; ++i) {
    if (words[i] == word) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

bool is_terminal(TargetStatus s) {
  switch (s) {
    case TargetStatus::kSucceeded:
    case TargetStatus::kFailed:
    case TargetStatus::kRolledBack:
    case TargetStatus::kCancelled:
    case TargetStatus::kSkipped:
      return true;
    default:
      return false;
  }
}

namespace {
// The D7 order of pipeline_join (0 for a status a pipeline never has).
int d7_rank(TargetStatus s) {
  switch (s) {
    case TargetStatus::kCancelled:
      return 1;
    case TargetStatus::kFailed:
      return 2;
    case TargetStatus::kRunning:
      return 3;
    case TargetStatus::kPaused:
      return 4;
    case TargetStatus::kAwaitingApproval:
      return 5;
    default:
      return 0;
  }
}
}  // namespace

TargetStatus pipeline_of(TargetStatus target) {
  switch (target) {
    case TargetStatus::kNotStarted:
      return TargetStatus::kRunning;
    case TargetStatus::kRolledBack:
      return TargetStatus::kFailed;
    case TargetStatus::kSkipped:
      return TargetStatus::kSucceeded;
    default:
      return target;
  }
}

TargetStatus pipeline_join(TargetStatus a, TargetStatus b) {
  a = pipeline_of(a);
  b = pipeline_of(b);
  return d7_rank(b) > d7_rank(a) ? b : a;
}

std::string_view to_string(TargetStatus s) { return kStatusWords[static_cast<int>(s)]; }
std::string_view to_string(Reason r) { return kReasonWords[static_cast<int>(r)]; }
std::string_view to_string(Phase p) { return kPhaseWords[static_cast<int>(p)]; }
std::string_view to_string(WebhookWhere w) { return kWhereWords[static_cast<int>(w)]; }
std::string_view to_string(WebhookResult r) { return kWebhookResultWords[static_cast<int>(r)]; }
std::string_view to_string(ApprovalResult r) { return kApprovalResultWords[static_cast<int>(r)]; }

std::optional<TargetStatus> parse_target_status(std::string_view word) {
  return parse_word<TargetStatus>(kStatusWords, word);
}
std::optional<Reason> parse_reason(std::string_view word) {
  return parse_word<Reason>(kReasonWords, word);
}
std::optional<Phase> parse_phase(std::string_view word) {
  return parse_word<Phase>(kPhaseWords, word);
}
std::optional<WebhookResult> parse_webhook_result(std::string_view word) {
  return parse_word<WebhookResult>(kWebhookResultWords, word);
}
std::optional<ApprovalResult> parse_approval_result(std::string_view word) {
  return parse_word<ApprovalResult>(kApprovalResultWords, word);
}

}  // namespace deploysim
