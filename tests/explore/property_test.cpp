// Properties of a pipeline's end state (property.hpp): each atom, each
// combinator and each kind of property, on the end states of real runs of
// one small pipeline (staging, canary with a `check` webhook twice and an
// afterDeployment `tests` webhook; prod after staging behind an approval).
// The properties are written in YAML and read by the scenario loader, so
// the names they use are resolved as in a scenario file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "deploysim/loader.hpp"
#include "deploysim/property.hpp"
#include "deploysim/simulation.hpp"

namespace deploysim {
namespace {

const std::string kDeployment = R"(deployment:
  version: v1
  kind: kubernetes
  application: app
  targets:
    staging:
      account: cluster
      strategy: c
      constraints:
        afterDeployment: [{runWebhook: {name: tests}}]
    prod:
      account: cluster
      constraints:
        dependsOn: [staging]
        beforeDeployment: [{pause: {untilApproved: true}}]
  manifests: [{path: app.yml}]
  strategies:
    c:
      canary:
        steps:
          - setWeight: {weight: 50}
          - runWebhook: {name: check}
          - setWeight: {weight: 90}
          - runWebhook: {name: check}
  webhooks:
    - {name: tests, method: POST, uriTemplate: 'https://ci/tests', bodyTemplate: {inline: '{{armory.callbackUri}}'}}
    - {name: check, method: POST, uriTemplate: 'https://ci/check', bodyTemplate: {inline: '{{armory.callbackUri}}'}}
)";

// The worlds the tests play the pipeline in.
const std::string kAllPass = "";
const std::string kTestsFail = "webhooks: {tests: {outcome: failure}}\n";
const std::string kSecondCheckFails =
    "webhooks: {check: {sequence: [success, {result: failure, after: 1m}]}}\n";
const std::string kProdRejected = "approvals: {targets: {prod: {decision: reject}}}\n";

struct Played {
  Scenario scenario;
  RunResult result;
};

// Loads the deployment in `world` with `properties` (YAML list items) and
// runs it once.
Played play(const std::string& world, const std::string& properties) {
  Diagnostics diagnostics;
  std::optional<Scenario> s = load_scenario_from_string(
      kDeployment + world + "properties:\n" + properties, "p.yml", LoadOptions{}, diagnostics);
  if (!s) {
    std::string text;
    for (const Problem& p : diagnostics.problems()) text += p.to_string() + "\n";
    throw std::runtime_error("scenario does not load:\n" + text);
  }
  Played p{std::move(*s), {}};
  Simulator simulator(p.scenario);
  p.result = simulator.run(RunOptions{});
  return p;
}

// Whether each property's condition holds, in file order.
std::vector<bool> verdicts(const Played& p) {
  std::vector<bool> out;
  for (const Property& property : p.scenario.properties) {
    out.push_back(holds(property.condition, p.scenario, p.result));
  }
  return out;
}

using ::testing::ElementsAre;

// The end states the tests rely on, as SEMANTICS.md gives them.
TEST(Property, TheWorldsEndAsTheRulesSay) {
  const Played pass = play(kAllPass, "  - {name: x, always: {pipeline: SUCCEEDED}}\n");
  EXPECT_EQ(pass.result.pipeline, TargetStatus::kSucceeded);
  const Played fail = play(kTestsFail, "  - {name: x, always: {pipeline: SUCCEEDED}}\n");
  EXPECT_EQ(fail.result.pipeline, TargetStatus::kFailed);
  // C4: an afterDeployment failure leaves the new version live; D4 cancels prod.
  EXPECT_EQ(fail.result.targets[0].status, TargetStatus::kFailed);
  EXPECT_TRUE(fail.result.targets[0].deployed);
  EXPECT_EQ(fail.result.targets[1].status, TargetStatus::kCancelled);
  const Played rolled = play(kSecondCheckFails, "  - {name: x, always: {pipeline: SUCCEEDED}}\n");
  // W10: the canary's second check fails and rolls staging back.
  EXPECT_EQ(rolled.result.targets[0].status, TargetStatus::kRolledBack);
  EXPECT_FALSE(rolled.result.targets[0].deployed);
  const Played rejected = play(kProdRejected, "  - {name: x, always: {pipeline: SUCCEEDED}}\n");
  // C3: a rejected beforeDeployment approval cancels the target; D7: the
  // pipeline is CANCELLED, no target having FAILED.
  EXPECT_EQ(rejected.result.targets[1].status, TargetStatus::kCancelled);
  EXPECT_EQ(rejected.result.targets[1].reason, Reason::kApprovalRejected);
  EXPECT_FALSE(rejected.result.targets[1].deployed);
  EXPECT_EQ(rejected.result.pipeline, TargetStatus::kCancelled);
}

TEST(Property, TargetAtomStatusReasonAndDeployed) {
  const std::string properties =
      "  - {name: a, always: {target: staging, status: FAILED}}\n"               // one word
      "  - {name: b, always: {target: staging, status: [SUCCEEDED, FAILED]}}\n"  // a list
      "  - {name: c, always: {target: staging, status: [SUCCEEDED]}}\n"          // a list of one
      "  - {name: d, always: {target: staging, reason: WEBHOOK_FAILED}}\n"       // reason
      "  - {name: e, always: {target: staging, reason: [NONE, ANALYSIS_FAILED]}}\n"
      "  - {name: f, always: {target: staging, deployed: true}}\n"  // deployed
      "  - {name: g, always: {target: staging, deployed: false}}\n"
      "  - {name: h, always: {target: prod, status: CANCELLED, reason: UPSTREAM_FAILED, "
      "deployed: false}}\n"  // all three
      "  - {name: i, always: {target: prod, status: CANCELLED, deployed: true}}\n"
      "  - {name: j, always: {target: prod}}\n";  // nothing to check: any end
  EXPECT_THAT(verdicts(play(kTestsFail, properties)),
              ElementsAre(true, true, false, true, false, true, false, true, false, true));
  EXPECT_THAT(verdicts(play(kAllPass, properties)),
              ElementsAre(false, true, true, false, true, true, false, false, false, true));
  // Rolled back: no longer deployed.
  EXPECT_THAT(verdicts(play(kSecondCheckFails, properties)),
              ElementsAre(false, false, false, true, false, false, true, true, false, true));
}

TEST(Property, PipelineAtom) {
  const std::string properties =
      "  - {name: a, always: {pipeline: SUCCEEDED}}\n"
      "  - {name: b, always: {pipeline: [FAILED]}}\n"
      "  - {name: c, always: {pipeline: [SUCCEEDED, FAILED, CANCELLED]}}\n";
  EXPECT_THAT(verdicts(play(kAllPass, properties)), ElementsAre(true, false, true));
  EXPECT_THAT(verdicts(play(kTestsFail, properties)), ElementsAre(false, true, true));
  EXPECT_THAT(verdicts(play(kProdRejected, properties)), ElementsAre(false, false, true));
}

// A webhook atom holds when some invocation of that webhook at that target
// ended with one of the results: `check` runs twice at staging.
TEST(Property, WebhookAtomOverSeveralInvocations) {
  const std::string properties =
      "  - {name: a, always: {webhook: check, target: staging, result: FAILURE}}\n"
      "  - {name: b, always: {webhook: check, target: staging, result: [SUCCESS]}}\n"
      "  - {name: c, always: {webhook: check, target: staging, result: [TIMEOUT, UNREACHABLE]}}\n"
      "  - {name: d, always: {webhook: check, target: staging}}\n"  // called there at all
      "  - {name: e, always: {webhook: check, target: prod}}\n"     // never called at prod
      "  - {name: f, always: {webhook: tests, target: staging}}\n";
  const Played rolled = play(kSecondCheckFails, properties);
  ASSERT_EQ(rolled.result.webhooks.size(), 2u);  // the rollback skips afterDeployment
  EXPECT_THAT(verdicts(rolled), ElementsAre(true, true, false, true, false, false));
  EXPECT_THAT(verdicts(play(kAllPass, properties)),
              ElementsAre(false, true, false, true, false, true));
  // Unreachable: every attempt of the first call fails (W4) and rolls back.
  EXPECT_THAT(verdicts(play("webhooks: {check: {outcome: unreachable}}\n", properties)),
              ElementsAre(false, false, true, true, false, false));
}

TEST(Property, Combinators) {
  const std::string properties =
      "  - {name: all, always: {all: [{pipeline: FAILED}, {target: prod, deployed: false}]}}\n"
      "  - {name: any, always: {any: [{pipeline: SUCCEEDED}, {target: staging, status: "
      "ROLLED_BACK}]}}\n"
      "  - {name: not, always: {not: {pipeline: SUCCEEDED}}}\n"
      "  - {name: nested, always: {not: {all: [{target: prod, deployed: true}, "
      "{not: {webhook: tests, target: staging, result: SUCCESS}}]}}}\n"
      "  - {name: one-operand-all, always: {all: [{pipeline: SUCCEEDED}]}}\n"
      "  - {name: one-operand-any, always: {any: [{pipeline: SUCCEEDED}]}}\n";
  EXPECT_THAT(verdicts(play(kAllPass, properties)),
              ElementsAre(false, true, false, true, true, true));
  EXPECT_THAT(verdicts(play(kTestsFail, properties)),
              ElementsAre(true, false, true, true, false, false));
  EXPECT_THAT(verdicts(play(kSecondCheckFails, properties)),
              ElementsAre(true, true, true, true, false, false));
}

// all of nothing holds, any of nothing does not (the loader refuses empty
// lists; a program may build them).
TEST(Property, EmptyCombinatorsAsTheHeaderSays) {
  const Played p = play(kAllPass, "  - {name: x, always: {pipeline: SUCCEEDED}}\n");
  Condition all;
  all.kind = Condition::Kind::kAll;
  Condition any;
  any.kind = Condition::Kind::kAny;
  EXPECT_TRUE(holds(all, p.scenario, p.result));
  EXPECT_FALSE(holds(any, p.scenario, p.result));
}

TEST(Property, ViolatesByKind) {
  const std::string properties =
      "  - {name: always-ok, always: {pipeline: SUCCEEDED}}\n"
      "  - {name: always-broken, always: {pipeline: FAILED}}\n"
      "  - {name: never-ok, never: {target: prod, status: FAILED}}\n"
      "  - {name: never-broken, never: {target: prod, deployed: true}}\n"
      "  - {name: sometimes-holds, sometimes: {pipeline: SUCCEEDED}}\n"
      "  - {name: sometimes-not-here, sometimes: {pipeline: FAILED}}\n";
  const Played p = play(kAllPass, properties);
  std::vector<bool> violated;
  for (const Property& property : p.scenario.properties) {
    violated.push_back(violates(property, p.scenario, p.result));
  }
  EXPECT_THAT(violated, ElementsAre(false, true, false, true, false, false));
  EXPECT_EQ(p.scenario.properties[3].kind, PropertyKind::kNever);
  EXPECT_EQ(p.scenario.properties[4].kind, PropertyKind::kSometimes);
}

TEST(Property, KindWords) {
  EXPECT_EQ(to_string(PropertyKind::kAlways), "always");
  EXPECT_EQ(to_string(PropertyKind::kNever), "never");
  EXPECT_EQ(to_string(PropertyKind::kSometimes), "sometimes");
}

// A condition whose names were never resolved is a programming error, not a
// wrong answer.
TEST(Property, UnresolvedNamesThrow) {
  const Played p = play(kAllPass, "  - {name: x, always: {pipeline: SUCCEEDED}}\n");
  Condition target;
  target.kind = Condition::Kind::kTarget;
  target.target = "prod";
  EXPECT_THROW(holds(target, p.scenario, p.result), std::invalid_argument);
  Condition webhook;
  webhook.kind = Condition::Kind::kWebhook;
  webhook.target = "prod";
  webhook.target_index = 1;
  webhook.webhook = "tests";
  EXPECT_THROW(holds(webhook, p.scenario, p.result), std::invalid_argument);
  Condition negation;
  negation.kind = Condition::Kind::kNot;
  EXPECT_THROW(holds(negation, p.scenario, p.result), std::invalid_argument);
}

}  // namespace
}  // namespace deploysim
