#include "report_fixture.hpp"

namespace deploysim::testing {

using std::chrono::milliseconds;

Scenario example_scenario() {
  Scenario s;
  s.name = "staging-tests-flaky";
  s.source_file = "scenario.yml";
  Deployment& d = s.deployment;
  d.application = "app";
  Target staging;
  staging.name = "staging";
  Target prod;
  prod.name = "prod";
  prod.constraints.depends_on = {"staging"};
  prod.depends_on_indices = {0};
  d.targets = {staging, prod};
  Webhook hook;
  hook.name = "Run-Integration-Tests";
  hook.method = "POST";
  d.webhooks = {hook};
  Query q;
  q.name = "avgCPUUsage-pass";
  q.lower_limit = 0;
  q.upper_limit = 80;
  d.analysis.present = true;
  d.analysis.queries = {q};
  s.seed = 7;
  return s;
}

RunResult example_result() {
  RunResult r;
  r.seed = 7;
  r.pipeline = TargetStatus::kFailed;
  r.finished_at = milliseconds(4'210'500);

  TargetOutcome staging;
  staging.status = TargetStatus::kFailed;
  staging.reason = Reason::kWebhookFailed;
  staging.deployed = true;
  staging.started_at = milliseconds(60'000);
  staging.finished_at = milliseconds(4'210'500);
  staging.cause = Cause{Phase::kAfterDeployment, "runWebhook Run-Integration-Tests", 0, ""};
  staging.weight = 100;
  staging.time.webhooks = milliseconds(600'000);

  TargetOutcome prod;
  prod.status = TargetStatus::kCancelled;
  prod.reason = Reason::kUpstreamFailed;
  prod.finished_at = milliseconds(4'210'500);
  prod.cause = Cause{Phase::kDependsOn, "", 0, ""};
  r.targets = {staging, prod};

  WebhookCall call;
  call.webhook = 0;
  call.target = 0;
  call.where = WebhookWhere::kAfterDeployment;
  call.attempts = 1;
  call.result = WebhookResult::kFailure;
  call.called_at = milliseconds(3'610'500);
  call.finished_at = milliseconds(4'210'500);
  call.callback_uri = "https://callbacks.deploysim.invalid/app-staging/1";
  call.uri = "https://ci.example/run?token=***";
  call.headers = {{"Authorization", "Bearer ***"}};
  r.webhooks = {call};

  AnalysisRecord a;
  a.target = 0;
  a.phase = Phase::kStrategy;
  a.where = "canary step 2";
  a.started_at = milliseconds(120'000);
  a.finished_at = milliseconds(300'000);
  a.queries = {QueryRun{0, {40, 95, 97}, 77.5, true, "avg(cpu)"}};
  a.passed = true;
  r.analyses = {a};

  r.weights = {WeightChange{0, milliseconds(90'000), 25}};
  // A pipeline-level event (target -1), two milestones and one event only
  // --trace records (the text timeline leaves it out).
  r.trace = {
      TraceEvent{milliseconds(0), -1, "pipeline.start", {}},
      TraceEvent{milliseconds(60'000), 0, "phase", {{"phase", "beforeDeployment"}}},
      TraceEvent{milliseconds(3'610'500),
                 0,
                 "webhook.attempt",
                 {{"webhook", "Run-Integration-Tests"}, {"attempt", "1"}}},
      TraceEvent{milliseconds(4'210'500), 1, "cancel", {{"cause", "staging"}}},
  };
  r.warnings = {Problem{Severity::kWarning, {"deploy.yml", 12, 5}, "unknown variable context.x"}};
  return r;
}

}  // namespace deploysim::testing
