#include "builder.hpp"

namespace deploysim::testing {

Step timed_pause(Duration d) {
  PauseStep p;
  p.duration = d;
  return Step{p, {}};
}

Step approval(std::optional<Duration> expiration, std::vector<std::string> roles) {
  PauseStep p;
  p.until_approved = true;
  p.approval_expiration = expiration;
  p.requires_roles = std::move(roles);
  return Step{p, {}};
}

Step run_webhook(const std::string& name, ContextMap context) {
  WebhookStep w;
  w.name = name;
  w.context = std::move(context);
  return Step{w, {}};
}

Step set_weight(int weight) { return Step{SetWeightStep{weight}, {}}; }

Step expose_services(std::vector<std::string> services) {
  ExposeServicesStep e;
  e.services = std::move(services);
  return Step{e, {}};
}

Step analysis(std::vector<std::string> queries, const AnalysisOptions& options) {
  AnalysisStep a;
  a.queries = std::move(queries);
  a.interval = static_cast<int>(options.interval.count() / 1000);
  a.units = TimeUnit::kSeconds;
  a.interval_duration = options.interval;
  a.number_of_judgment_runs = options.runs;
  a.roll_back_mode = options.roll_back;
  a.roll_forward_mode = options.roll_forward;
  a.abort_on_failed_judgment = options.abort_on_failed_judgment;
  a.context = options.context;
  return Step{a, {}};
}

Scenario make_scenario() {
  Deployment d;
  d.source_file = "test.yml";
  d.application = "app";
  Scenario s = default_scenario(std::move(d));
  s.name = "test";
  return s;
}

Target& add_target(Scenario& s, const std::string& name, std::vector<std::string> depends_on,
                   const std::string& strategy) {
  Target t;
  t.name = name;
  t.account = "cluster";
  t.namespace_name = name;
  t.strategy = strategy;
  t.constraints.depends_on = std::move(depends_on);
  s.deployment.targets.push_back(std::move(t));
  return s.deployment.targets.back();
}

Target& target(Scenario& s, const std::string& name) {
  return s.deployment.targets[s.deployment.find_target(name)];
}

Webhook& add_webhook(Scenario& s, const std::string& name, int retry_count) {
  Webhook w;
  w.name = name;
  w.method = "POST";
  w.uri_template = "https://hooks.example.com/" + name;
  w.body_template = R"({"callback": "{{armory.callbackUri}}/callback"})";
  w.retry_count = retry_count;
  s.deployment.webhooks.push_back(std::move(w));
  return s.deployment.webhooks.back();
}

Strategy& add_canary(Scenario& s, const std::string& name, std::vector<Step> steps) {
  Strategy st;
  st.name = name;
  st.kind = CanaryStrategy{std::move(steps)};
  s.deployment.strategies.push_back(std::move(st));
  return s.deployment.strategies.back();
}

Strategy& add_blue_green(Scenario& s, const std::string& name, std::vector<Step> redirect,
                         std::vector<Step> shutdown) {
  Strategy st;
  st.name = name;
  BlueGreenStrategy bg;
  bg.active_service = "app-active";
  bg.preview_service = "app-preview";
  bg.redirect_traffic_after = std::move(redirect);
  bg.shut_down_old_version_after = std::move(shutdown);
  st.kind = std::move(bg);
  s.deployment.strategies.push_back(std::move(st));
  return s.deployment.strategies.back();
}

Query& add_query(Scenario& s, const std::string& name, std::optional<double> lower,
                 std::optional<double> upper, const std::string& templ) {
  Query q;
  q.name = name;
  q.query_template = templ;
  q.lower_limit = lower;
  q.upper_limit = upper;
  s.deployment.analysis.present = true;
  s.deployment.analysis.queries.push_back(std::move(q));
  return s.deployment.analysis.queries.back();
}

Distribution constant(Duration d) { return Distribution::constant(d); }

WebhookModelLayer& webhook_model(Scenario& s, const std::string& webhook) {
  return s.webhooks.by_name[webhook].base;
}

WebhookModelLayer& webhook_model(Scenario& s, const std::string& webhook,
                                 const std::string& target) {
  return s.webhooks.by_name[webhook].targets[target];
}

WebhookOutcomeMix outcome(WebhookOutcome o) {
  WebhookOutcomeMix mix{0, 0, 0, 0};
  mix[static_cast<int>(o)] = 1;
  return mix;
}

ScriptedWebhookCall scripted(WebhookOutcome o, Duration after, int failed_attempts) {
  ScriptedWebhookCall c;
  c.result = o;
  c.after = Distribution::constant(after);
  c.failed_attempts = failed_attempts;
  return c;
}

ApprovalModelLayer& approval_model(Scenario& s) { return s.approvals.defaults; }
ApprovalModelLayer& approval_model(Scenario& s, const std::string& target) {
  return s.approvals.targets[target];
}

DecisionMix decision(Decision d) {
  DecisionMix mix{0, 0, 0};
  mix[static_cast<int>(d)] = 1;
  return mix;
}

QueryModelLayer& query_model(Scenario& s, const std::string& query) {
  return s.analysis.queries[query].base;
}

Scenario& finish(Scenario& s) {
  resolve_references(s.deployment);
  return s;
}

}  // namespace deploysim::testing
