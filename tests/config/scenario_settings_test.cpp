// load_scenario_with_settings: `--sweep PATH=VALUE` on the scenario's YAML.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "deploysim/loader.hpp"
#include "support/test_paths.hpp"

namespace deploysim {
namespace {

const std::string kExamplePipeline = test_paths::source_dir() + "/scenarios/examples/pipeline.yml";

std::optional<Scenario> load(const std::vector<ScenarioSetting>& settings, std::string* error,
                             const std::string& file = kExamplePipeline) {
  Diagnostics d;
  std::optional<Scenario> s = load_scenario_with_settings(file, {}, settings, d);
  if (error != nullptr) {
    *error = "";
    for (const Problem& p : d.sorted()) {
      if (p.severity == Severity::kError) *error += p.to_string() + "\n";
    }
  }
  return s;
}

TEST(ScenarioSettings, AMixIsRescaledInProportion) {
  // Run-Integration-Tests: {success: 0.93, failure: 0.05, noCallback: 0.02}.
  std::string error;
  const auto s = load({{"webhooks.Run-Integration-Tests.outcome.failure", "0.3"}}, &error);
  ASSERT_TRUE(s) << error;
  const WebhookOutcomeMix mix = *s->webhooks.by_name.at("Run-Integration-Tests").base.outcome;
  // The others (0.95 together) share 0.7 in proportion.
  EXPECT_NEAR(mix[static_cast<int>(WebhookOutcome::kFailure)], 0.3, 1e-12);
  EXPECT_NEAR(mix[static_cast<int>(WebhookOutcome::kSuccess)], 0.93 * 0.7 / 0.95, 1e-12);
  EXPECT_NEAR(mix[static_cast<int>(WebhookOutcome::kNoCallback)], 0.02 * 0.7 / 0.95, 1e-12);
}

TEST(ScenarioSettings, AOneWordMixAndMissingKeys) {
  std::string error;
  // Notify-Slack has no model in the file: the keys are created; the rest of
  // the mix goes to success.
  const auto s = load({{"webhooks.Notify-Slack.outcome.unreachable", "0.25"},
                       {"approvals.default.decision.reject", "0.5"}},
                      &error);
  ASSERT_TRUE(s) << error;
  const WebhookOutcomeMix mix = *s->webhooks.by_name.at("Notify-Slack").base.outcome;
  EXPECT_NEAR(mix[static_cast<int>(WebhookOutcome::kUnreachable)], 0.25, 1e-12);
  EXPECT_NEAR(mix[static_cast<int>(WebhookOutcome::kSuccess)], 0.75, 1e-12);
  // approvals.default.decision was {approve: 0.95, reject: 0.03, never: 0.02}.
  const DecisionMix decision = *s->approvals.defaults.decision;
  EXPECT_NEAR(decision[static_cast<int>(Decision::kReject)], 0.5, 1e-12);
  EXPECT_NEAR(decision[static_cast<int>(Decision::kApprove)], 0.95 * 0.5 / 0.97, 1e-12);
  EXPECT_NEAR(decision[static_cast<int>(Decision::kNever)], 0.02 * 0.5 / 0.97, 1e-12);
}

TEST(ScenarioSettings, AnyScalarByPath) {
  std::string error;
  const auto s =
      load({{"timeouts.webhookCallback", "2h"}, {"horizon", "3d"}, {"seed", "99"}}, &error);
  ASSERT_TRUE(s) << error;
  EXPECT_EQ(s->webhook_callback_timeout, std::chrono::hours(2));
  EXPECT_EQ(s->horizon, std::chrono::hours(72));
  EXPECT_EQ(s->seed, 99u);
}

TEST(ScenarioSettings, ErrorsAreTheLoadersOwnWithThePathNamed) {
  std::string error;
  EXPECT_FALSE(load({{"webhooks.Run-Integration-Tests.outcome.failure", "1.5"}}, &error));
  EXPECT_NE(error.find("--sweep webhooks.Run-Integration-Tests.outcome.failure=1.5: not a "
                       "probability"),
            std::string::npos)
      << error;
  EXPECT_FALSE(load({{"deploy.readyAfter", "-5m"}}, &error));
  EXPECT_NE(error.find("--sweep deploy.readyAfter=-5m: "), std::string::npos) << error;
  EXPECT_FALSE(load({{"nothing.here", "1"}}, &error));
  EXPECT_NE(error.find("--sweep nothing.here=1: "), std::string::npos) << error;
  EXPECT_NE(error.find("nothing"), std::string::npos) << error;
  EXPECT_FALSE(load({{"secrets.ci_token.deeper", "1"}}, &error));
  EXPECT_NE(error.find("'secrets.ci_token' is not a mapping"), std::string::npos) << error;
}

TEST(ScenarioSettings, ABareDeployFileIsTheDeployment) {
  const std::string deploy = test_paths::source_dir() + "/scenarios/examples/deploy.yml";
  std::string error;
  const auto s = load({{"webhooks.Check-Logs.outcome.failure", "0.4"}}, &error, deploy);
  ASSERT_TRUE(s) << error;
  EXPECT_NEAR((*s->webhooks.by_name.at("Check-Logs").base.outcome)[1], 0.4, 1e-12);
  EXPECT_EQ(s->deployment.targets.size(), 4u);
}

}  // namespace
}  // namespace deploysim
