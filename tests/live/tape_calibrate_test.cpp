// The tape written here is read by `deploysim calibrate` (sim/calibrate has
// its own reader): the two must agree on the fields of COMMANDS.md.
#include <gtest/gtest.h>

#include "deploysim/calibrate.hpp"
#include "deploysim/tape.hpp"

namespace deploysim::live {
namespace {

using namespace std::chrono_literals;

TapeEntry invocation(const std::string& webhook, WebhookResult result,
                     std::optional<TapeCallback> callback) {
  TapeEntry e;
  e.webhook = webhook;
  e.target = "staging";
  e.where = WebhookWhere::kAfterDeployment;
  e.invocation = "ab12cd-" + std::to_string(static_cast<int>(result));
  e.attempts = 1;
  e.requests.push_back(
      {{"POST", "http://127.0.0.1:9/hook", {{"Authorization", "token ***"}}, ""}, 200});
  e.callback = std::move(callback);
  e.result = result;
  return e;
}

TEST(TapeForCalibrate, CallbacksAreRunsAndTimeoutsAreCensored) {
  const std::string text =
      tape_line(
          invocation("tests", WebhookResult::kSuccess, TapeCallback{90500ms, 0.09, true, "ok"})) +
      "\n" +
      tape_line(invocation("tests", WebhookResult::kFailure, TapeCallback{12s, 0.01, false, {}})) +
      "\n" +
      tape_line(invocation("other", WebhookResult::kSuccess, TapeCallback{1s, 0, true, {}})) +
      "\n" + tape_line(invocation("tests", WebhookResult::kTimeout, std::nullopt)) + "\n" +
      tape_line(invocation("tests", WebhookResult::kUnreachable, std::nullopt)) + "\n";
  calibrate::ReadOptions options;
  options.subject_name = "tests";
  options.timeout_seconds = 3600;
  calibrate::History history;
  Diagnostics diagnostics;
  ASSERT_TRUE(calibrate::read_history_text(text, "t.jsonl", options, history, diagnostics))
      << (diagnostics.problems().empty() ? "" : diagnostics.problems()[0].to_string());
  ASSERT_EQ(history.runs.size(), 3u);
  EXPECT_EQ(history.runs[0].seconds, 90.5);
  EXPECT_FALSE(history.runs[0].censored);
  EXPECT_EQ(history.runs[0].result, calibrate::RunResult::kSuccess);
  EXPECT_EQ(history.runs[1].seconds, 12.0);
  EXPECT_EQ(history.runs[1].result, calibrate::RunResult::kFailure);
  EXPECT_EQ(history.runs[2].seconds, 3600.0);
  EXPECT_TRUE(history.runs[2].censored);
  EXPECT_EQ(history.ignored, 1u);
  EXPECT_EQ(history.excluded.at("UNREACHABLE"), 1u);
  ASSERT_EQ(history.files.size(), 1u);
  EXPECT_EQ(history.files[0], "t.jsonl (tape)");
}

}  // namespace
}  // namespace deploysim::live
