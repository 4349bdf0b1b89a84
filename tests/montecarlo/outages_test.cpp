// Outage processes (SCENARIO.md second edition, docs/MODEL.md 10a) against
// closed forms: the stationary probability of being down and the two-state
// Markov answer for two attempts 30 minutes apart. Monte Carlo frequencies
// with fixed seeds, within 3.29 standard errors (99.9 %); the exact
// timelines are scenarios/rules/W9-outage-process-*.yml and friends. Also
// the calendar's weekUniform start against the share of working hours.
#include <gtest/gtest.h>

#include <cmath>

#include "deploysim/loader.hpp"
#include "deploysim/montecarlo.hpp"
#include "support/known_answers.hpp"

namespace deploysim {
namespace {

using test_support::expect_frequency;
using test_support::load_inline;

// Every target probes its agent (or a receiver) with one webhook call that
// passes at the first attempt that gets through (disableCallback), so a
// target FAILED (UNREACHABLE) exactly when every attempt met an outage.
//   at0:      agent a0, exponential up (mean 2h) / down (mean 1h), one
//             attempt at t = 0: P(down) = 1h / (2h + 1h) = 1/3.
//   at5h:     agent a5, the same process, one attempt at 5h (after `clock`):
//             still 1/3 (stationary for exponential periods).
//   constant: agent c0, up 1h / down 30m (constants), one attempt at 0:
//             30m / 90m = 1/3 (the start is stationary for any periods).
//   pair:     agent p, exponential 2h / 1h, attempts at 5h and 5h30m: both
//             down with probability pi_d (pi_d + pi_u exp(-(1/2h + 1/1h) 30m))
//             = (1/3)(1/3 + (2/3) e^-0.75).
//   receiver: no agent; the receiver of `direct` has exponential 2h / 1h
//             outages; one attempt at 0: 1/3.
constexpr const char* kOutages = R"yaml(
name: outages
deployment:
  version: v1
  kind: kubernetes
  application: app
  targets:
    clock: {account: plain, namespace: clock, constraints: {beforeDeployment: [{pause: {duration: 5, unit: hours}}]}}
    at0: {account: a0, namespace: at0, constraints: {beforeDeployment: [{runWebhook: {name: probe}}]}}
    at5h:
      account: a5
      namespace: at5h
      constraints: {dependsOn: [clock], beforeDeployment: [{runWebhook: {name: probe}}]}
    constant: {account: c0, namespace: constant, constraints: {beforeDeployment: [{runWebhook: {name: probe}}]}}
    pair:
      account: p
      namespace: pair
      constraints: {dependsOn: [clock], beforeDeployment: [{runWebhook: {name: probe-twice}}]}
    receiver: {account: plain, namespace: receiver, constraints: {beforeDeployment: [{runWebhook: {name: direct}}]}}
  manifests: [{path: app.yml}]
  webhooks:
    - {name: probe, method: POST, uriTemplate: 'https://ci/probe', networkMode: remoteNetworkAgent, disableCallback: true}
    - {name: probe-twice, method: POST, uriTemplate: 'https://ci/probe', networkMode: remoteNetworkAgent, retryCount: 1, disableCallback: true}
    - {name: direct, method: POST, uriTemplate: 'https://ci/direct', disableCallback: true}
timeouts: {retryDelay: 30m}
deploy:
  readyAfter: 0s
faults:
  agents:
    a0: {outages: {every: {exponential: {mean: 2h}}, lasting: {exponential: {mean: 1h}}}}
    a5: {outages: {every: {exponential: {mean: 2h}}, lasting: {exponential: {mean: 1h}}}}
    c0: {outages: {every: 1h, lasting: 30m}}
    p: {outages: {every: {exponential: {mean: 2h}}, lasting: {exponential: {mean: 1h}}}}
  webhooks:
    direct: {outages: {every: {exponential: {mean: 2h}}, lasting: {exponential: {mean: 1h}}}}
)yaml";

TEST(Outages, StationaryDownProbabilityAndTwoStateMarkovPair) {
  const Scenario s = load_inline(kOutages, "outages.yml");
  MonteCarloOptions o;
  o.runs = 40000;
  o.seed = 11;
  o.threads = 2;
  const MonteCarloResult r = run_montecarlo(s, o);
  const auto n = r.aggregate.runs();
  ASSERT_EQ(n, 40000u);
  auto failed = [&](int target) {
    return r.aggregate.targets()[target].status[static_cast<int>(TargetStatus::kFailed)];
  };
  const double down = 1.0 / 3;
  EXPECT_EQ(r.aggregate.targets()[0].status[static_cast<int>(TargetStatus::kSucceeded)], n);
  expect_frequency(failed(1), n, down, "at0");
  expect_frequency(failed(2), n, down, "at5h");
  expect_frequency(failed(3), n, down, "constant");
  expect_frequency(failed(4), n, down * (down + (1 - down) * std::exp(-0.75)), "pair");
  expect_frequency(failed(5), n, down, "receiver");
}

// calendar.start weekUniform: t = 0 is uniform over a week, so a question
// asked at 0 with `after: 0s` is answered at once exactly when t = 0 falls
// inside the working hours: 5 days x 8h of 168h. Otherwise the answer waits
// for the next opening and the 1s expiration cancels the target.
TEST(Calendar, WeekUniformStartFallsInWorkingHoursInProportion) {
  const Scenario s = load_inline(R"yaml(
name: week
calendar: {start: weekUniform}
deployment:
  version: v1
  kind: kubernetes
  application: app
  targets:
    prod:
      account: cluster
      namespace: prod
      constraints:
        beforeDeployment: [{pause: {untilApproved: true, approvalExpiration: {duration: 1, unit: seconds}}}]
  manifests: [{path: app.yml}]
approvals:
  default:
    after: 0s
    workingHours: {days: [Mon, Tue, Wed, Thu, Fri], from: "09:00", to: "17:00", utcOffset: "+01:00"}
)yaml",
                                 "outages.yml");
  MonteCarloOptions o;
  o.runs = 40000;
  o.seed = 3;
  o.threads = 2;
  const MonteCarloResult r = run_montecarlo(s, o);
  const auto& prod = r.aggregate.targets()[0];
  const auto n = r.aggregate.runs();
  expect_frequency(prod.status[static_cast<int>(TargetStatus::kSucceeded)], n, 40.0 / 168,
                   "answered at once");
  EXPECT_EQ(prod.status[static_cast<int>(TargetStatus::kSucceeded)] +
                prod.status[static_cast<int>(TargetStatus::kCancelled)],
            n);
}

}  // namespace
}  // namespace deploysim
