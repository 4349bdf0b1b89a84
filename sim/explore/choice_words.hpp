// The words of a choice: its purpose in a choices file ("outcome",
// "attemptFailure", ...) and the sentence a person reads ("staging: webhook
// Run-Integration-Tests outcome failure"). Private to sim/explore.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "deploysim/random.hpp"

namespace deploysim::explore {

// The word of every DrawPurpose ("outcome", "attemptFailure", "decision",
// "outageStartsDown", ...), and back.
std::string_view purpose_word(DrawPurpose purpose);
std::optional<DrawPurpose> parse_purpose_word(std::string_view word);

// "staging: webhook Run-Integration-Tests outcome failure",
// "staging: webhook Run-Integration-Tests attempt 2 fails",
// "prod: approval pause decision reject", "agent prod-agent starts down".
std::string describe_choice(const ChoiceLabel& label, const DrawKey& key, std::size_t chosen);
// The same without the answer: "staging: webhook Run-Integration-Tests outcome".
std::string describe_question(const ChoiceLabel& label, const DrawKey& key);

}  // namespace deploysim::explore
