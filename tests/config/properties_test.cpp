// The scenario key `properties` (COMMANDS.md explore): what the loader reads
// and every way it refuses a property, each at its FILE:LINE:COL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace deploysim {
namespace {

using testing::data_path;
using ::testing::ElementsAre;
using testing::errors;
using testing::load_scenario_text;
using testing::ScenarioLoad;

const std::string kPath = data_path("s.yml");

// staging runs the webhook `tests` after it deploys; prod follows (lines 1-8).
const std::string kDeployment =
    "deployment:\n"               // 1
    "  manifests: [{path: m}]\n"  // 2
    "  targets:\n"                // 3
    "    staging: {account: a, constraints: {afterDeployment: [{runWebhook: {name: "
    "tests}}]}}\n"                                                   // 4
    "    prod: {account: a, constraints: {dependsOn: [staging]}}\n"  // 5
    "  webhooks:\n"                                                  // 6
    "    - {name: tests, uriTemplate: '{{armory.callbackUri}}'}\n"   // 7
    "properties:\n";                                                 // 8

TEST(Properties, ReadWithNamesResolved) {
  ScenarioLoad r = load_scenario_text(
      kDeployment +
      "  - name: prod-needs-tests\n"                                                        // 9
      "    never:\n"                                                                        // 10
      "      all:\n"                                                                        // 11
      "        - {target: prod, deployed: true, status: SUCCEEDED}\n"                       // 12
      "        - {webhook: tests, target: staging, result: [FAILURE, TIMEOUT]}\n"           // 13
      "        - not: {any: [{pipeline: [CANCELLED]}, {target: staging, reason: NONE}]}\n"  // 14
      "  - {name: nothing-stuck, always: {pipeline: [SUCCEEDED, FAILED, CANCELLED]}}\n"     // 15
      "  - {name: can-ship, sometimes: {pipeline: SUCCEEDED}}\n");                          // 16
  ASSERT_TRUE(r.scenario) << ::testing::PrintToString(errors(r.diagnostics));
  const std::vector<Property>& p = r.scenario->properties;
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].name, "prod-needs-tests");
  EXPECT_EQ(p[0].kind, PropertyKind::kNever);
  EXPECT_EQ(p[0].location.line, 9);
  EXPECT_EQ(p[0].location.column, 5);
  const Condition& all = p[0].condition;
  EXPECT_EQ(all.kind, Condition::Kind::kAll);
  EXPECT_EQ(all.location.line, 11);
  ASSERT_EQ(all.operands.size(), 3u);
  const Condition& target = all.operands[0];
  EXPECT_EQ(target.kind, Condition::Kind::kTarget);
  EXPECT_EQ(target.target, "prod");
  EXPECT_EQ(target.target_index, 1);
  EXPECT_EQ(target.deployed, true);
  EXPECT_EQ(target.statuses, std::vector<TargetStatus>{TargetStatus::kSucceeded});
  EXPECT_TRUE(target.reasons.empty());
  EXPECT_EQ(target.location.line, 12);
  EXPECT_EQ(target.location.column, 11);
  const Condition& webhook = all.operands[1];
  EXPECT_EQ(webhook.kind, Condition::Kind::kWebhook);
  EXPECT_EQ(webhook.webhook_index, 0);
  EXPECT_EQ(webhook.target_index, 0);
  EXPECT_EQ(webhook.results,
            (std::vector<WebhookResult>{WebhookResult::kFailure, WebhookResult::kTimeout}));
  const Condition& negation = all.operands[2];
  EXPECT_EQ(negation.kind, Condition::Kind::kNot);
  ASSERT_EQ(negation.operands.size(), 1u);
  const Condition& any = negation.operands[0];
  EXPECT_EQ(any.kind, Condition::Kind::kAny);
  ASSERT_EQ(any.operands.size(), 2u);
  EXPECT_EQ(any.operands[0].kind, Condition::Kind::kPipeline);
  EXPECT_EQ(any.operands[0].statuses, std::vector<TargetStatus>{TargetStatus::kCancelled});
  EXPECT_EQ(any.operands[1].reasons, std::vector<Reason>{Reason::kNone});
  EXPECT_EQ(any.operands[1].deployed, std::nullopt);
  EXPECT_EQ(p[1].kind, PropertyKind::kAlways);
  EXPECT_EQ(p[1].condition.statuses,
            (std::vector<TargetStatus>{TargetStatus::kSucceeded, TargetStatus::kFailed,
                                       TargetStatus::kCancelled}));
  EXPECT_EQ(p[2].kind, PropertyKind::kSometimes);
  // A single word is a list of one.
  EXPECT_EQ(p[2].condition.statuses, std::vector<TargetStatus>{TargetStatus::kSucceeded});
}

TEST(Properties, NoKeyNoProperties) {
  ScenarioLoad r = load_scenario_text(kDeployment.substr(0, kDeployment.rfind("properties:")));
  ASSERT_TRUE(r.scenario);
  EXPECT_TRUE(r.scenario->properties.empty());
}

// Every problem of every property in one pass, each where it is written.
TEST(Properties, EveryMistakeAtItsPlace) {
  ScenarioLoad r = load_scenario_text(
      kDeployment +
      "  - {name: a, always: {target: prd, status: FAILED}}\n"                  // 9
      "  - {name: b, never: {webhook: test, target: staging}}\n"                // 10
      "  - {name: c, always: {pipeline: SUCEEDED}}\n"                           // 11
      "  - {name: d, always: {pipeline: [FAILED, SKIPPED]}}\n"                  // 12
      "  - {name: e, always: {target: prod, stauts: FAILED}}\n"                 // 13
      "  - {name: f, always: {all: []}}\n"                                      // 14
      "  - {name: g, always: {target: prod, status: []}}\n"                     // 15
      "  - {name: h, always: {pipeline: FAILED}, never: {pipeline: FAILED}}\n"  // 16
      "  - {name: i}\n"                                                         // 17
      "  - {always: {pipeline: FAILED}}\n"                                      // 18
      "  - {name: j, sometimes: {target: prod, pipeline: FAILED}}\n"            // 19
      "  - {name: k, sometimes: {targte: prod}}\n"                              // 20
      "  - {name: l, sometimes: {not: [{pipeline: FAILED}]}}\n"                 // 21
      "  - {name: m, sometimes: {any: {pipeline: FAILED}}}\n"                   // 22
      "  - {name: n, sometimes: {target: prod, deployed: yes}}\n"               // 23
      "  - {name: o, sometimes: {webhook: tests}}\n"                            // 24
      "  - {name: p, sometimes: {target: prod, reason: [NONE, NONE]}}\n"        // 25
      "  - {name: q, sometimes: FAILED}\n"                                      // 26
      "  - {name: r, alway: {pipeline: FAILED}}\n"                              // 27
      "  - {name: s, never: {webhook: tests, target: staging, result: [DONE], status: "
      "FAILED}}\n"                                   // 28
      "  - {name: '', never: {pipeline: FAILED}}\n"  // 29
      "  - pipeline\n"                               // 30
  );
  EXPECT_FALSE(r.scenario);
  const std::string statuses =
      "SUCCEEDED, FAILED, ROLLED_BACK, CANCELLED, SKIPPED, NOT_STARTED, RUNNING, PAUSED, "
      "AWAITING_APPROVAL";
  const std::string kinds = "target, pipeline, webhook, all, any or not";
  EXPECT_THAT(
      errors(r.diagnostics),
      ElementsAre(
          kPath + ":9:32: error: properties[0].always.target: 'prd' names no target of the "
                  "deployment (did you mean 'prod'?)",
          kPath + ":10:32: error: properties[1].never.webhook: 'test' names no webhook of the "
                  "deployment (did you mean 'tests'?)",
          kPath + ":11:34: error: properties[2].always.pipeline: expected one of " + statuses +
              ", got 'SUCEEDED' (did you mean 'SUCCEEDED'?)",
          kPath + ":12:43: error: properties[3].always.pipeline: a pipeline is never SKIPPED (D7: "
                  "it ends SUCCEEDED, FAILED or CANCELLED, or is live at the horizon: "
                  "AWAITING_APPROVAL, PAUSED or RUNNING)",
          kPath + ":13:38: error: unknown key 'stauts' in properties[4].always (did you mean "
                  "'status'?)",
          kPath + ":14:29: error: properties[5].always.all: expected at least one condition, got "
                  "an empty list",
          kPath + ":15:46: error: properties[6].always.status: expected one of " + statuses +
              " or a list of them, got an empty list",
          kPath + ":16:43: error: properties[7]: expected exactly one of always, never or "
                  "sometimes, got both 'always' and 'never'",
          kPath + ":17:5: error: properties[8]: expected one of always, never or sometimes (with "
                  "a condition)",
          kPath + ":18:5: error: properties[9]: 'name' is required",
          kPath + ":19:41: error: properties[10].sometimes: a condition is one atom or one "
                  "combinator, got both 'target' and 'pipeline' (combine them with all: [...] or "
                  "any: [...])",
          kPath +
              ":20:26: error: properties[11].sometimes: expected a condition with one of the "
              "keys " +
              kinds + ", got the keys 'targte' (did you mean 'target'?)",
          kPath +
              ":21:32: error: properties[12].sometimes.not: expected a condition (a mapping "
              "with one of " +
              kinds + "), got a list",
          kPath + ":22:32: error: properties[13].sometimes.any: expected a list of conditions, "
                  "got a mapping",
          kPath + ":23:51: error: properties[14].sometimes.deployed: expected true or false, got "
                  "'yes'",
          kPath + ":24:26: error: properties[15].sometimes: a {webhook} condition needs 'target' "
                  "(where it was called)",
          kPath + ":25:56: error: properties[16].sometimes.reason: 'NONE' is listed twice",
          kPath +
              ":26:26: error: properties[17].sometimes: expected a condition (a mapping with "
              "one of " +
              kinds + "), got 'FAILED'",
          kPath + ":27:5: error: properties[18]: expected one of always, never or sometimes (with "
                  "a condition)",
          kPath + ":27:15: error: unknown key 'alway' in properties[18] (did you mean 'always'?)",
          kPath + ":28:65: error: properties[19].never.result: expected one of SUCCESS, FAILURE, "
                  "TIMEOUT, UNREACHABLE, ABANDONED, PENDING, got 'DONE'",
          kPath + ":28:72: error: unknown key 'status' in properties[19].never",
          kPath + ":29:12: error: properties[20].name: expected a name, got an empty string",
          kPath + ":30:5: error: properties[21]: expected a mapping, got 'pipeline'"));
}

// A webhook atom about a target that never calls the webhook could never
// hold: most likely the wrong target. A warning, the file still loads.
TEST(Properties, WebhookNeverCalledAtTheTargetWarns) {
  ScenarioLoad r = load_scenario_text(kDeployment +
                                      "  - {name: a, never: {webhook: tests, target: prod}}\n"
                                      "  - {name: b, never: {webhook: tests, target: staging}}\n");
  ASSERT_TRUE(r.scenario);
  EXPECT_THAT(testing::warnings(r.diagnostics),
              ElementsAre(kPath + ":9:22: warning: properties[0].never: target 'prod' has no "
                                  "runWebhook step of 'tests', so this condition never holds"));
}

TEST(Properties, DuplicateNames) {
  ScenarioLoad r = load_scenario_text(kDeployment +
                                      "  - {name: ships, sometimes: {pipeline: SUCCEEDED}}\n"  // 9
                                      "  - {name: stuck, never: {pipeline: RUNNING}}\n"        // 10
                                      "  - {name: ships, never: {pipeline: CANCELLED}}\n");    // 11
  EXPECT_FALSE(r.scenario);
  EXPECT_THAT(errors(r.diagnostics),
              ElementsAre(kPath + ":11:12: error: properties[2].name: 'ships' is already the name "
                                  "of the property on line 9"));
}

TEST(Properties, NotAListOrEmpty) {
  ScenarioLoad empty = load_scenario_text(kDeployment.substr(0, kDeployment.size() - 1) + " []\n");
  EXPECT_FALSE(empty.scenario);
  EXPECT_THAT(errors(empty.diagnostics),
              ElementsAre(kPath + ":8:13: error: properties: expected at least one property, got "
                                  "an empty list"));
  ScenarioLoad map = load_scenario_text(kDeployment + "  ships: {pipeline: SUCCEEDED}\n");
  EXPECT_FALSE(map.scenario);
  EXPECT_THAT(errors(map.diagnostics),
              ElementsAre(kPath + ":9:3: error: properties: expected a list, got a mapping"));
}

}  // namespace
}  // namespace deploysim
