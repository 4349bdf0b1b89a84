#include "choice_words.hpp"

#include <array>
#include <utility>

namespace deploysim::explore {
namespace {

constexpr std::array<std::pair<DrawPurpose, std::string_view>, 13> kPurposes = {{
    {DrawPurpose::kOutcome, "outcome"},
    {DrawPurpose::kAttemptFailure, "attemptFailure"},
    {DrawPurpose::kLatency, "latency"},
    {DrawPurpose::kReady, "ready"},
    {DrawPurpose::kRollback, "rollback"},
    {DrawPurpose::kDecision, "decision"},
    {DrawPurpose::kAfter, "after"},
    {DrawPurpose::kQueryValue, "queryValue"},
    {DrawPurpose::kOutageUp, "outageUp"},
    {DrawPurpose::kOutageDown, "outageDown"},
    {DrawPurpose::kOutageStartsDown, "outageStartsDown"},
    {DrawPurpose::kCalendarStart, "calendarStart"},
    {DrawPurpose::kArrival, "arrival"},
}};

// The scenario's words for the alternatives (SCENARIO.md: a webhook's
// `outcome` mix, an approval's `decision` mix).
constexpr std::array<std::string_view, 4> kOutcomeWords = {"success", "failure", "noCallback",
                                                           "unreachable"};
constexpr std::array<std::string_view, 3> kDecisionWords = {"approve", "reject", "never"};

std::string question(const DrawKey& key) {
  switch (key.purpose) {
    case DrawPurpose::kAttemptFailure:
      return "attempt " + std::to_string(key.index + 1);
    case DrawPurpose::kOutageStartsDown:
      return "starts";
    default:
      return std::string(purpose_word(key.purpose));
  }
}

std::string answer(const DrawKey& key, std::size_t chosen) {
  switch (key.purpose) {
    case DrawPurpose::kOutcome:
      if (chosen < kOutcomeWords.size()) return std::string(kOutcomeWords[chosen]);
      break;
    case DrawPurpose::kAttemptFailure:
      return chosen == 1 ? "fails" : "gets through";
    case DrawPurpose::kDecision:
      if (chosen < kDecisionWords.size()) return std::string(kDecisionWords[chosen]);
      break;
    case DrawPurpose::kOutageStartsDown:
      return chosen == 1 ? "down" : "up";
    default:
      break;
  }
  return "alternative " + std::to_string(chosen);
}

}  // namespace

std::string_view purpose_word(DrawPurpose purpose) {
  for (const auto& [p, word] : kPurposes) {
    if (p == purpose) return word;
  }
  return "unknown";
}

std::optional<DrawPurpose> parse_purpose_word(std::string_view word) {
  for (const auto& [p, w] : kPurposes) {
    if (w == word) return p;
  }
  return std::nullopt;
}

std::string describe_choice(const ChoiceLabel& label, const DrawKey& key, std::size_t chosen) {
  return describe_question(label, key) + " " + answer(key, chosen);
}

std::string describe_question(const ChoiceLabel& label, const DrawKey& key) {
  std::string s;
  if (!label.target.empty()) {
    s += label.target;
    s += ": ";
  }
  if (!label.kind.empty()) {
    s += label.kind;
    s += ' ';
  }
  if (!label.name.empty()) {
    s += label.name;
    s += ' ';
  }
  return s + question(key);
}

}  // namespace deploysim::explore
