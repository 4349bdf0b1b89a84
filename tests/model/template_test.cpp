// W2: template rendering, context precedence, secrets and unknown variables.
#include "model/template.hpp"

#include <gtest/gtest.h>

#include "model_test_util.hpp"

namespace deploysim::testing {
namespace {

TEST(Template, RendersWithWhitespaceInsideBraces) {
  auto lookup = [](std::string_view name) -> std::optional<std::string> {
    if (name == "armory.namespace") return "prod";
    return std::nullopt;
  };
  std::vector<std::string> unknown;
  const std::string out = model::render_template(
      "a {{armory.namespace}} b {{ armory.namespace }} c {{\tarmory.namespace\t}} d {{x.y}} {{ "
      "broken }",
      lookup, [&](std::string_view n) { unknown.emplace_back(n); });
  EXPECT_EQ(out, "a prod b prod c prod d  {{ broken }");
  EXPECT_EQ(unknown, (std::vector<std::string>{"x.y"}));
}

TEST(Template, FindsReferences) {
  EXPECT_TRUE(model::template_references("x {{ armory.callbackUri }}/cb", "armory.callbackUri"));
  EXPECT_FALSE(model::template_references("x {armory.callbackUri}", "armory.callbackUri"));
}

TEST(Template, Iso8601) {
  EXPECT_EQ(model::iso8601(1767225600000), "2026-01-01T00:00:00Z");
  EXPECT_EQ(model::iso8601(1767225600000 + 86400000LL * 59 + 3723250), "2026-03-01T01:02:03.250Z");
}

Scenario templated() {
  Scenario s = make_scenario();
  s.deployment.context = {{"env", "file"}, {"only_file", "f"}};
  add_target(s, "prod").constraints.before_deployment = {
      run_webhook("h", {{"env", "step"}, {"only_step", "s"}})};
  s.deployment.targets[0].account = "prod-cluster";
  Webhook& h = add_webhook(s, "h");
  h.uri_template =
      "https://x/{{ armory.environmentName }}/{{context.env}}?t={{secrets.token}}"
      "&m={{context.missing}}&m2={{context.missing}}&s={{secrets.nope}}";
  h.headers = {{"Authorization", "Bearer {{secrets.token}}"},
               {"X-Ids",
                "{{armory.applicationName}} {{armory.deploymentId}} "
                "{{armory.accountName}} {{armory.namespace}}"}};
  h.body_template = R"({"cb": "{{armory.callbackUri}}", "f": "{{context.only_file}}", )"
                    R"("s": "{{context.only_step}}", "rs": "{{armory.replicaSetName}}", )"
                    R"("x": "{{armory.bogus}}{{armory.bogus}}"})";
  s.secrets = {{"token", "s3cr3t"}};
  finish(s);
  return s;
}

TEST(Template, ContextPrecedenceSecretsAndUnknownVariables) {
  Scenario s = templated();
  s.context = {{"env", "scenario"}};
  RunOptions options;
  options.add_context = {{"env", "cli"}};
  RunResult r = run(s, options);
  ASSERT_EQ(r.webhooks.size(), 1u);
  const WebhookCall& call = r.webhooks[0];
  EXPECT_EQ(call.uri, "https://x/prod/cli?t=***&m=&m2=&s=");
  EXPECT_EQ(call.headers[0].second, "Bearer ***");
  EXPECT_EQ(call.headers[1].second, "app app-prod prod-cluster prod");
  EXPECT_NE(call.body.find(R"("cb": "https://callbacks.deploysim.invalid/app-prod/1")"),
            std::string::npos);
  EXPECT_NE(call.body.find(R"("f": "f", "s": "s")"), std::string::npos);
  EXPECT_NE(call.body.find(R"("rs": "app-prod-)"), std::string::npos);
  // One warning per unknown variable per run, naming it. Unknown context
  // and secrets (context.missing, secrets.nope) are the loader's lint
  // warnings (lint_test.cpp), so `validate` prints them too: not repeated here.
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].message.find("armory.bogus"), std::string::npos);
  EXPECT_EQ(r.warnings[0].severity, Severity::kWarning);

  options.add_context.clear();
  EXPECT_EQ(run(s, options).webhooks[0].uri.substr(0, 19), "https://x/prod/scen");
  s.context.clear();
  EXPECT_EQ(run(s, options).webhooks[0].uri.substr(0, 19), "https://x/prod/step");
}

TEST(Template, SecretsNeverAppearInAnyOutput) {
  const Scenario s = templated();
  RunOptions options;
  options.record_trace = true;
  const RunResult r = run(s, options);
  EXPECT_EQ(describe(r).find("s3cr3t"), std::string::npos);
  for (const auto& [k, v] : r.webhooks[0].headers) EXPECT_EQ(v.find("s3cr3t"), std::string::npos);
}

TEST(Template, ReplicaSetNameIsDeterministic) {
  const Scenario s = templated();
  RunOptions a;
  RunOptions b;
  b.seed = 99;
  EXPECT_EQ(run(s, a).webhooks[0].body, run(s, b).webhooks[0].body);
}

}  // namespace
}  // namespace deploysim::testing
