// `run --choices`: a path of explore replayed through the real simulator,
// and every way a choices file can fail to match the run, at FILE:LINE:COL.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <regex>
#include <sstream>

#include "../cli/cli_fixture.hpp"
#include "deploysim/explore.hpp"
#include "scenarios.hpp"

namespace deploysim {
namespace {

using testing::deploysim;

class RunChoices : public testing::CliTest {
 protected:
  // Writes the scenario and a choices file of explore's most probable path
  // to the end state in which `pick` holds.
  template <typename Pick>
  std::string choices_of(const std::string& scenario_text, Pick pick) {
    scenario_ = write("scenario.yml", scenario_text);
    const Scenario s = explore_test::load(scenario_text);
    const explore::ExploreResult r = explore::explore(s, {});
    for (const explore::Outcome& o : r.outcomes) {
      if (!pick(o)) continue;
      explore::PropertyResult property;
      property.name = "picked";
      property.kind = PropertyKind::kNever;
      property.holds = false;
      property.probability = o.probability;
      property.counterexample = o.example;
      std::ostringstream text;
      explore::write_choices_json(text, s, property);
      return text.str();
    }
    ADD_FAILURE() << "no such end state";
    return {};
  }

  std::string scenario_;
};

// prod rejected by its approver; the most probable way there: dev's first
// attempt gets through.
bool rejected_after_retry(const explore::Outcome& o) {
  return o.reasons[1] == Reason::kApprovalRejected;
}

TEST_F(RunChoices, ReplaysTheChosenPathWithAFullReportAndTrace) {
  const std::string choices =
      write("cx.json", choices_of(explore_test::every_choice(), rejected_after_retry));
  EXPECT_NE(choices.find("cx.json"), std::string::npos);
  const std::string text = testing::read_file(choices);
  EXPECT_NE(text.find("\"what\":\"dev: webhook flaky attempt 1 gets through\""), std::string::npos)
      << text;
  EXPECT_NE(text.find("\"what\":\"prod: approval pause decision reject\""), std::string::npos)
      << text;
  const std::string trace = (dir_ / "events.jsonl").string();
  const testing::CliResult r =
      deploysim({"run", scenario_, "--choices", choices, "--format", "json", "--trace", trace});
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json report = nlohmann::json::parse(r.out);
  EXPECT_EQ(report["pipeline"]["status"], "CANCELLED") << r.out.substr(0, 2000);
  EXPECT_EQ(report["targets"]["prod"]["reason"], "APPROVAL_REJECTED");
  EXPECT_EQ(report["targets"]["dev"]["status"], "SUCCEEDED");
  EXPECT_EQ(report["webhooks"][0]["attempts"], 1);
  EXPECT_NE(testing::read_file(trace).find("approval.answered"), std::string::npos);
}

TEST_F(RunChoices, AnIndexOutOfRangeIsReportedAtItsLineAndColumn) {
  std::string text = choices_of(explore_test::every_choice(), rejected_after_retry);
  // The decision (line 10 of the file: one choice per line) picks 7 of 3.
  text = std::regex_replace(text, std::regex("\"chosen\":1,\"probability\":0.2"),
                            "\"chosen\":7,\"probability\":0.2");
  const std::string choices = write("cx.json", text);
  const testing::CliResult r = deploysim({"run", scenario_, "--choices", choices});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(std::regex_search(
      r.err, std::regex(std::regex_replace(choices, std::regex("[.]"), "[.]") +
                        ":1[0-9]:[0-9]+: error: chosen 7 is out of range: prod: approval pause "
                        "decision has 3 alternatives")))
      << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(RunChoices, AChoiceTheRunNeverAsksForIsAnError) {
  std::string text = choices_of(explore_test::every_choice(), rejected_after_retry);
  text = std::regex_replace(text, std::regex("\"purpose\":\"decision\""),
                            "\"purpose\":\"decision\",\"invocation\":5");
  // The file may not say invocation twice: drop the original one of that key.
  text =
      std::regex_replace(text, std::regex("\"invocation\":5,\"invocation\":0"), "\"invocation\":5");
  const std::string choices = write("cx.json", text);
  const testing::CliResult r = deploysim({"run", scenario_, "--choices", choices});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("error: the run never asks for this choice (prod: approval pause "
                       "decision reject)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("error: the run asks for a choice the file does not make: prod: "
                       "approval pause decision"),
            std::string::npos)
      << r.err;
}

TEST_F(RunChoices, ABadFileIsBadInput) {
  const std::string scenario = write("scenario.yml", explore_test::every_choice());
  const std::string choices =
      write("cx.json", "{\"schemaVersion\": 1,\n \"choices\": [{\"key\": {\"site\": \"xyz\"}}]}\n");
  const testing::CliResult r = deploysim({"run", scenario, "--choices", choices});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("cx.json:2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("'site' must be up to 16 lowercase hex digits"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace deploysim
