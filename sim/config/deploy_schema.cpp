// The JSON Schema of a deploy file (armory-reference §1), built from the
// loader's key tables. It accepts what lenient loading accepts, the docs
// quirks of §12 included (marked deprecated); it reports unknown keys, which
// lenient loading warns about and strict loading rejects.

#include "deploysim/schema.hpp"
#include "schema_builder.hpp"

namespace deploysim::config {

namespace {

constexpr std::string_view kTimeUnitDoc =
    "seconds, minutes or hours, in any letter case (armory-reference §1.2; docs examples write "
    "both minutes and MINUTES).";

Json timeout_def(SchemaBuilder& b) {
  return b.object(
      kTimeoutKeys,
      {{"duration", integer("How many units; an integer of at least 1.", 1)},
       {"unit", ref("timeUnit", kTimeUnitDoc)},
       {"requiresRoles",
        deprecated(list_of(text("A role name."),
                           "Docs quirk (§12.4): the skeleton file nests the pause's requiresRoles "
                           "inside approvalExpiration. Read as the pause's requiresRoles, with a "
                           "warning (an error with --strict).",
                           1))}},
      {"duration", "unit"});
}

Json pause_def(SchemaBuilder& b) {
  Json pause = b.object(
      kPauseKeys,
      {{"duration", integer("Timed pause: how many units to wait (with unit). An integer of at "
                            "least 1; not together with untilApproved: true.",
                            1)},
       {"unit", ref("timeUnit", "Timed pause: the unit of duration (with duration).")},
       {"untilApproved",
        boolean("Manual judgment: wait until someone approves. Must not carry duration or unit "
                "(\"untilApproved cannot be set with both a unit and duration\").")},
       {"requiresRoles", list_of(text("A role name."),
                                 "Who may approve: any user holding any listed role (an "
                                 "Organization Admin always can). Omitted: any user with access. "
                                 "At least one role when present.",
                                 1)},
       {"approvalExpiration",
        ref("timeout",
            "How long the approval may wait; when it expires the target fails (a constraint) or "
            "rolls back (a strategy step). Omitted: it waits without limit.")},
       {"requiresRole", deprecated(list_of(text("A role name."),
                                           "Older docs' spelling of requiresRoles: read as "
                                           "requiresRoles, with a warning (an error with "
                                           "--strict).",
                                           1))},
       {"approvalDuration",
        deprecated(ref("timeout",
                       "Docs quirk (§12.2): the blue/green guide's spelling of "
                       "approvalExpiration. Read as approvalExpiration, with a warning (an error "
                       "with --strict)."))}});
  pause["description"] =
      "Timed {duration, unit}, or a manual judgment {untilApproved: true, requiresRoles?, "
      "approvalExpiration?} (armory-reference §1.8).";
  // untilApproved: true excludes duration and unit; otherwise both are needed.
  pause["if"] = {
      {"required", {"untilApproved"}},
      {"properties",
       {{"untilApproved",
         {{"anyOf",
           {{{"const", true}}, {{"type", "string"}, {"pattern", "^[Tt][Rr][Uu][Ee]$"}}}}}}}}};
  pause["then"] = {{"not", {{"anyOf", {{{"required", {"duration"}}}, {{"required", {"unit"}}}}}}}};
  pause["else"] = {{"required", {"duration", "unit"}}};
  return pause;
}

Json analysis_step_def(SchemaBuilder& b) {
  return described(
      b.object(
          kAnalysisStepKeys,
          {{"queries", list_of(text("The name of a query of the top-level analysis.queries."),
                               "The queries to run, by name; each must exist in the top-level "
                               "analysis.queries.",
                               1)},
           {"interval", integer("Length of one sample window, in units: how long each sample of "
                                "the query is summarized over. At least 1.",
                                1)},
           {"units", ref("timeUnit", "The unit of interval. Omitted: seconds.")},
           {"numberOfJudgmentRuns",
            integer("How many times every query is run (one judgment run per interval).", 1,
                    100000)},
           {"rollBackMode",
            described(ref("rollMode"),
                      "What happens when the analysis fails: automatic rolls back at once; "
                      "manual waits for a person (armory-reference §6.4).")},
           {"rollForwardMode",
            described(ref("rollMode"),
                      "What happens when the analysis passes: automatic continues at once; "
                      "manual waits for a person to continue (or roll back).")},
           {"metricProviderName",
            text("The metric provider (configured in the CD-as-a-Service UI) for these queries. "
                 "Precedence: this, then the query's, then analysis.defaultMetricProviderName.")},
           {"context", string_map("Custom {{context.X}} values for the queries of this step.")},
           {"lookbackMethod",
            one_of_words_any_case(
                "growing: run i queries the window from the analysis start (i x interval long); "
                "sliding: each run queries only the last interval. In the CUE schema and the "
                "Armory demo, undocumented (Ambiguity A7). Omitted: sliding.",
                {"growing", "sliding"})},
           {"abortOnFailedJudgment",
            boolean("true: a run whose value is out of range ends the analysis as failed at once; "
                    "false (the default): every run executes and only the average is judged "
                    "(Ambiguity A8).")},
           {"unit", deprecated(ref("timeUnit",
                                   "Docs quirk (§12.3): the blue/green snippets' spelling of "
                                   "units. Read as units, with a warning (an error with "
                                   "--strict)."))}},
          {"queries"}),
      "Runs metric queries and judges them against their limits (armory-reference §1.8).");
}

Json set_weight_def(SchemaBuilder& b) {
  Json mapping = b.object(
      kSetWeightKeys,
      {{"weight",
        integer("The share of traffic (and of replicas) for the new version, 0..100.", 0, 100)}},
      {"weight"});
  Json shorthand = deprecated(integer(
      "Docs shorthand (§12.1) `setWeight: 10` for `setWeight: {weight: 10}`: accepted with a "
      "warning (an error with --strict).",
      0, 100));
  return {{"description",
           "Canary only: scale the new version to this weight, then wait for its pods to be "
           "Ready (armory-reference §1.8)."},
          {"anyOf", {std::move(mapping), std::move(shorthand)}}};
}

Json expose_services_def(SchemaBuilder& b) {
  return described(
      b.object(kExposeServicesKeys,
               {{"services", list_of(text("A Kubernetes Service of the deployment."),
                                     "The services to expose with a temporary preview URL "
                                     "({{armory.preview.<service>}}); each must be deployed in "
                                     "the same namespace and expose one HTTP port.",
                                     1)},
                {"ttl", described(ref("timeout"),
                                  "How long the preview links live: 1 minute to 24 hours. "
                                  "Omitted: 5 minutes.")}},
               {"services"}),
      "Canary steps and blue/green lists: creates preview links; no effect on timing "
      "(armory-reference §1.8).");
}

Json run_webhook_def(SchemaBuilder& b) {
  return described(
      b.object(kRunWebhookKeys,
               {{"name", text("The name of a webhook of the top-level webhooks list.")},
                {"context", string_map("Custom {{context.X}} values for this call; they win over "
                                       "the deploy file's context.")}},
               {"name"}),
      "Calls a webhook and waits for its callback (armory-reference §1.8, §5).");
}

// A step item: a one-key mapping whose key is one of `table`'s step types.
Json step_item(SchemaBuilder& b, const KeyTable& table, std::string_view description,
               bool with_lenient_analysis = false) {
  std::vector<Property> steps;
  for (std::string_view type : table.keys()) steps.push_back({type, ref(type)});
  Json item = b.object(table, std::move(steps));
  if (with_lenient_analysis) {
    // C6: lenient loading skips an analysis step here, with a warning.
    static_assert(kStepTypes.contains("analysis") && !kBeforeDeploymentSteps.contains("analysis"));
    item["properties"]["analysis"] =
        deprecated(ref("analysis",
                       "Docs list analysis in beforeDeployment, but nothing new is deployed yet "
                       "(Ambiguity A11): the step is ignored with a warning; an error with "
                       "--strict."));
  }
  item["minProperties"] = 1;
  item["maxProperties"] = 1;
  item["description"] = std::string(description);
  return item;
}

Json step_list(std::string_view item_def, std::string_view description) {
  return described({{"type", {"array", "null"}}, {"items", ref(item_def)}}, description);
}

Json target_names(std::string_view description, std::size_t min_items) {
  return list_of(text("A target name (a key of targets)."), description, min_items);
}

Json target_def(SchemaBuilder& b) {
  Json constraints = b.object(
      kConstraintsKeys,
      {{"dependsOn",
        target_names("Targets that must finish successfully (their afterDeployment included) "
                     "before this one starts: the edges of the deployment graph. Omitted: the "
                     "target starts when the pipeline starts.",
                     0)},
       {"beforeDeployment",
        step_list("beforeDeploymentStep",
                  "Conditions that must all pass before anything is deployed to this target; "
                  "they start together. pause or runWebhook. An empty list means none.")},
       {"afterDeployment",
        step_list("afterDeploymentStep",
                  "Conditions after a successful deployment to this target, before its "
                  "dependents start; they start together. pause, runWebhook or analysis "
                  "(Kubernetes). A failure fails the target without a rollback.")}});
  constraints["type"] = {"object", "null"};
  constraints["description"] =
      "When the target may start and what must pass around its deployment (armory-reference "
      "§1.7). Omitted: it starts as soon as the pipeline starts.";
  return described(
      b.object(kTargetKeys,
               {{"account",
                 text("Kubernetes: the Remote Network Agent (agentIdentifier) of the cluster. "
                      "Lambda: an AWS account label.")},
                {"namespace", text("Kubernetes: the namespace to deploy to; overrides the "
                                   "manifests' namespaces. Optional but recommended.")},
                {"region", text("Lambda: the AWS region.")},
                {"deployAsIamRole", text("Lambda: the ARN of the role to deploy as.")},
                {"strategy", text("The name of a strategy (a key of strategies). Omitted: the "
                                  "new version gets 100% at once (K7).")},
                {"constraints", std::move(constraints)}},
               {"account"}),
      "One target (environment) of the deployment (armory-reference §1.6).");
}

Json strategy_def(SchemaBuilder& b) {
  Json canary = b.object(
      kCanaryKeys,
      {{"steps", step_list("canaryStep",
                           "In order: setWeight, pause, runWebhook, analysis, exposeServices. "
                           "After the last step the new version gets 100%.")}},
      {"steps"});
  canary["description"] = "Shift traffic to the new version in steps (armory-reference §1.9).";
  Json blue_green = b.object(
      kBlueGreenKeys,
      {{"activeService", text("The Service that routes to the live version.")},
       {"previewService", text("The Service that routes to the new version before the switch.")},
       {"redirectTrafficAfter",
        step_list("blueGreenStep",
                  "Conditions (run together) before traffic moves to the new version: pause, "
                  "runWebhook, analysis, exposeServices.")},
       {"shutDownOldVersionAfter",
        step_list("blueGreenStep",
                  "Conditions (run together) after the switch, before the old version is shut "
                  "down; a failure rolls back.")},
       {"shutdownOldVersionAfter",
        deprecated(step_list("blueGreenStep",
                             "Older docs' spelling of shutDownOldVersionAfter: read as "
                             "shutDownOldVersionAfter, with a warning (an error with "
                             "--strict)."))}});
  blue_green["description"] =
      "Start the new version beside the old one, switch traffic at once, then shut the old "
      "version down (armory-reference §1.9). Kubernetes only.";
  Json strategy = b.object(kStrategyKeys,
                           {{"canary", std::move(canary)}, {"blueGreen", std::move(blue_green)}});
  strategy["minProperties"] = 1;
  strategy["maxProperties"] = 1;
  strategy["description"] = "Exactly one of canary or blueGreen.";
  return strategy;
}

Json analysis_config_def(SchemaBuilder& b) {
  Json query = b.object(
      kQueryKeys,
      {{"name", text("Unique; analysis steps name the query by it.")},
       {"queryTemplate",
        text("The query, a template ({{armory.*}}, {{context.*}}); it must return one value.")},
       {"upperLimit", number("The highest passing value (inclusive). At least one limit.")},
       {"lowerLimit", number("The lowest passing value (inclusive). At least one limit.")},
       {"metricProviderName",
        text("The metric provider for this query; else analysis.defaultMetricProviderName.")}},
      {"name", "queryTemplate"});
  query["anyOf"] = {{{"required", {"upperLimit"}}}, {{"required", {"lowerLimit"}}}};
  query["description"] = "A metric query and its limits (armory-reference §1.10).";
  return described(
      b.object(
          kAnalysisConfigKeys,
          {{"defaultMetricProviderName", text("The metric provider of queries that name none.")},
           {"queries", list_of(std::move(query), "The queries analysis steps can run.")}},
          {"queries"}),
      "The metric queries of analysis steps (armory-reference §1.10); needed when any analysis "
      "step exists.");
}

Json webhook_def(SchemaBuilder& b) {
  Json header = b.object(
      kHeaderKeys,
      {{"key", text("The header name.")},
       {"value", text("The header value, a template ({{secrets.X}}, {{armory.callbackUri}}, "
                      "...).")}},
      {"key"});
  Json body = b.object(
      kBodyTemplateKeys,
      {{"inline", text("The body, a template; it usually carries {{armory.callbackUri}} so the "
                       "receiver can post to {{armory.callbackUri}}/callback.")},
       {"path", text("Legacy (the 2022 CLI): a file whose content is the body (Ambiguity "
                     "A13).")}});
  return described(
      b.object(kWebhookKeys,
               {{"name", text("Unique; runWebhook steps name the webhook by it.")},
                {"method", text("The HTTP method, e.g. POST.")},
                {"uriTemplate", text("The URL to call, a template.")},
                {"networkMode",
                 one_of_words("direct (the default): called from Armory's cloud over the internet; "
                              "remoteNetworkAgent: proxied through a Remote Network Agent.",
                              {"direct", "remoteNetworkAgent"})},
                {"agentIdentifier",
                 text("The Remote Network Agent that proxies the call (with remoteNetworkAgent). "
                      "Omitted: the agent of the target's account.")},
                {"headers", list_of(std::move(header), "Request headers.")},
                {"bodyTemplate", std::move(body)},
                {"retryCount",
                 integer("Extra attempts when the trigger request fails (a connection error or a "
                         "non-2xx answer).",
                         0, 1000)},
                {"disableCallback",
                 boolean("true: do not wait for a callback; the step passes once the trigger "
                         "succeeds.")}},
               {"name", "uriTemplate"}),
      "A webhook that runWebhook steps call (armory-reference §1.11).");
}

Json traffic_management_def(SchemaBuilder& b) {
  Json smi =
      b.object(kSmiKeys,
               {{"rootServiceName", text("The root Service of the SMI TrafficSplit.")},
                {"canaryServiceName", text("The canary Service. Omitted: <root>-canary, created if "
                                           "absent.")},
                {"trafficSplitName", text("The TrafficSplit's name.")}});
  Json kubernetes = b.object(
      kKubernetesServicesKeys,
      {{"activeService", text("The Service that routes to the live version (blue/green).")},
       {"previewService", text("The Service that routes to the new version before the switch.")}});
  Json virtual_service =
      b.object(kVirtualServiceKeys, {{"name", text("The Istio VirtualService.")},
                                     {"httpRouteName", text("The HTTP route within it.")}});
  Json destination_rule =
      b.object(kDestinationRuleKeys, {{"name", text("The Istio DestinationRule.")},
                                      {"activeSubsetName", text("The live version's subset.")},
                                      {"canarySubsetName", text("The new version's subset.")}});
  Json istio = b.object(kIstioKeys, {{"virtualService", std::move(virtual_service)},
                                     {"destinationRule", std::move(destination_rule)}});
  Json alias = b.object(kAliasKeys, {{"functionName", text("The Lambda function.")},
                                     {"aliasName", text("The alias that splits its traffic.")}});
  Json entry = b.object(
      kTrafficManagementKeys,
      {{"targets", target_names("The targets this entry applies to. Omitted: every target.", 0)},
       {"smi", list_of(std::move(smi), "SMI TrafficSplit routing.")},
       {"kubernetes", list_of(std::move(kubernetes), "Plain Kubernetes Services (blue/green).")},
       {"istio", list_of(std::move(istio), "Istio routing.")},
       {"alias", list_of(std::move(alias), "Lambda aliases.")}});
  entry["description"] =
      "How a weight is realised (pod ratio, mesh weights); no effect on orchestration "
      "(armory-reference §1.13).";
  return entry;
}

Json lambda_defs(SchemaBuilder& b, Json& defs) {
  defs["artifact"] =
      b.object(kArtifactKeys, {{"functionName", text("The Lambda function.")},
                               {"path", text("Where the code is, e.g. s3://bucket/app.zip.")},
                               {"type", text("The artifact type, e.g. zipFile.")}});
  Json option = b.object(kLambdaProviderOptionKeys,
                         {{"name", text("The Lambda function.")},
                          {"target", text("The target (a key of targets) these options apply to.")},
                          {"runAsIamRole", text("The ARN of the function's execution role.")},
                          {"handler", text("The function's handler.")},
                          {"runtime", text("The function's runtime, e.g. nodejs18.x.")}});
  return b.object(kProviderOptionsKeys,
                  {{"lambda", list_of(std::move(option), "Options per function and target.")}});
}

Json deploy_file_def(SchemaBuilder& b, Json provider_options) {
  Json manifest = b.object(
      kManifestKeys,
      {{"path", described({{"type", {"string", "number", "boolean"}},
                           {"not", {{"type", "string"}, {"pattern", "<[A-Za-z0-9_.-]+>"}}}},
                          "A file, a directory (every *.yaml and *.yml under it) or an "
                          "http(s) URL. A placeholder such as <your-app> left in it is an "
                          "error.")},
       {"inline", text("The manifests themselves, as YAML text.")},
       {"targets", target_names("The targets that get these manifests. Omitted: every target; "
                                "an empty list is an error.",
                                1)}});
  manifest["anyOf"] = {{{"required", {"path"}}}, {{"required", {"inline"}}}};
  manifest["description"] = "Kubernetes manifests to deploy (armory-reference §1.12).";
  Json deployment_config = b.object(
      kDeploymentConfigKeys,
      {{"timeout",
        described(ref("timeout"),
                  "Time allowed for the new pods to become Ready (each scale step) or for a "
                  "Lambda deployment to finish; exceeding it rolls the target back. At least 1 "
                  "minute. Omitted: 30 minutes.")},
       {"keepDeploymentObject",
        boolean("Kubernetes: keep the Deployment object instead of only managing ReplicaSets. "
                "No orchestration effect.")},
       {"ifDeploymentInProgress",
        b.object(kIfDeploymentInProgressKeys,
                 {{"strategy",
                   one_of_words("What happens when another deployment of the same application is "
                                "in progress: reject refuses this one; enqueueOne waits in a "
                                "single slot (a newer request replaces the waiting one).",
                                {"reject", "enqueueOne"})}})}});
  deployment_config["description"] = "Settings for every target (armory-reference §1.5).";
  deployment_config.at("properties").at("keepDeploymentObject")["default"] = false;
  deployment_config.at("properties")
      .at("ifDeploymentInProgress")
      .at("properties")
      .at("strategy")["default"] = "reject";

  Json file = b.object(
      kDeployFileKeys,
      {{"version", text("The file format version.")},
       {"kind", one_of_words("kubernetes or lambda. Omitted: kubernetes, or lambda when the file "
                             "has artifacts or providerOptions.",
                             {"kubernetes", "lambda"})},
       {"application", text("The application's name: the unit of deployment concurrency "
                            "(ifDeploymentInProgress).")},
       {"description", text("Shown in the UI only.")},
       {"context", string_map("Deployment-wide custom variables, {{context.X}} in webhooks and "
                              "queries; `--add-context k=v` entries win over them.")},
       {"contextOverrides",
        string_map("In the CUE schema only; presumably the --add-context values.")},
       {"deploymentConfig", std::move(deployment_config)},
       {"targets", map_of(ref("target"),
                          "The targets (environments), by name; at least one. "
                          "Names are free text (spaces and parentheses too).")},
       {"manifests", list_of(std::move(manifest), "What to deploy (Kubernetes: at least one).")},
       {"strategies", map_of(ref("strategy"),
                             "Deployment strategies, by name; targets name "
                             "them in `strategy`.")},
       {"analysis", ref("analysisConfig")},
       {"webhooks", list_of(ref("webhook"), "Webhooks that runWebhook steps call.")},
       {"trafficManagement",
        {{"description",
          "How traffic is split, per target (armory-reference §1.13). Docs quirk: a single "
          "mapping instead of a list is read as one entry, with a warning."},
         {"anyOf", {list_of(ref("trafficManagement"), {}), ref("trafficManagement")}}}},
       {"artifacts", list_of(ref("artifact"), "Lambda: the functions' code (§1.14).")},
       {"providerOptions", described(std::move(provider_options), "Lambda options (§1.14).")},
       {"targetFilters",
        list_of(b.object(kTargetFilterKeys,
                         {{"includeTarget", text("A target name (a key of targets).")}},
                         {"includeTarget"}),
                "Only the listed targets are deployed; the others are skipped (CLI "
                "--targetFilters).")},
       {"files", described(Json::object(),
                           "Filled by the CLI with the manifests' contents; "
                           "not read.")}},
      {"targets"});
  file.at("properties").at("version")["default"] = "v1";
  file.at("properties").at("kind")["default"] = "kubernetes";
  file.at("properties").at("targets")["minProperties"] = 1;
  // A Kubernetes file (kind kubernetes, or no kind and no lambda blocks) needs manifests.
  const Json is_kubernetes = {{"required", {"kind"}},
                              {"properties", {{"kind", {{"const", "kubernetes"}}}}}};
  const Json lambda_signs = {{"anyOf", Json::array({{{"required", {"kind"}}},
                                                    {{"required", {"artifacts"}}},
                                                    {{"required", {"providerOptions"}}}})}};
  file["if"] = {{"anyOf", Json::array({is_kubernetes, {{"not", lambda_signs}}})}};
  file["then"] = {{"required", {"manifests"}}, {"properties", {{"manifests", {{"minItems", 1}}}}}};
  return file;
}

}  // namespace

void add_deploy_file_defs(SchemaBuilder& b, Json& defs) {
  defs["deployFile"] = Json();  // first, for readers of the file
  defs["target"] = target_def(b);
  defs["strategy"] = strategy_def(b);
  defs["beforeDeploymentStep"] =
      step_item(b, kBeforeDeploymentSteps, "One condition: pause or runWebhook.", true);
  defs["afterDeploymentStep"] =
      step_item(b, kAfterDeploymentSteps, "One condition: pause, runWebhook or analysis.");
  defs["canaryStep"] = step_item(
      b, kCanarySteps, "One step: setWeight, pause, runWebhook, analysis or exposeServices.");
  defs["blueGreenStep"] = step_item(
      b, kBlueGreenSteps, "One condition: pause, runWebhook, analysis or exposeServices.");
  defs["pause"] = pause_def(b);
  defs["runWebhook"] = run_webhook_def(b);
  defs["analysis"] = analysis_step_def(b);
  defs["setWeight"] = set_weight_def(b);
  defs["exposeServices"] = expose_services_def(b);
  for (std::string_view type : kStepTypes.keys()) defs.at(std::string(type));  // one def each
  b.covers(kStepTypes);
  defs["timeout"] = timeout_def(b);
  defs["timeUnit"] = one_of_words_any_case(kTimeUnitDoc, {"seconds", "minutes", "hours"});
  defs["rollMode"] = one_of_words_any_case("automatic (the default) or manual, in any letter case.",
                                           {"automatic", "manual"});
  defs.at("rollMode")["default"] = "automatic";
  defs["analysisConfig"] = analysis_config_def(b);
  defs["webhook"] = webhook_def(b);
  defs["trafficManagement"] = traffic_management_def(b);
  Json provider_options = lambda_defs(b, defs);
  defs["deployFile"] = deploy_file_def(b, std::move(provider_options));

  // The values the loader uses when a key is left out.
  const Json thirty_minutes = {{"duration", 30}, {"unit", "minutes"}};
  const Json five_minutes = {{"duration", 5}, {"unit", "minutes"}};
  defs.at("deployFile")
      .at("properties")
      .at("deploymentConfig")
      .at("properties")
      .at("timeout")["default"] = thirty_minutes;
  defs.at("exposeServices").at("properties").at("ttl")["default"] = five_minutes;
  defs.at("webhook").at("properties").at("networkMode")["default"] = "direct";
  defs.at("webhook").at("properties").at("retryCount")["default"] = 0;
  defs.at("webhook").at("properties").at("disableCallback")["default"] = false;
  defs.at("analysis").at("properties").at("units")["default"] = "seconds";
  defs.at("analysis").at("properties").at("lookbackMethod")["default"] = "sliding";
  defs.at("analysis").at("properties").at("abortOnFailedJudgment")["default"] = false;
}

Json build_deploy_file_schema(SchemaBuilder& b) {
  Json defs = Json::object();
  add_deploy_file_defs(b, defs);
  Json schema = {
      {"$schema", "https://json-schema.org/draft/2020-12/schema"},
      {"title", "deploysim deploy file (Armory CD-as-a-Service)"},
      {"description",
       "A CD-as-a-Service deploy file as deploysim reads it (armory-reference §1): the schema "
       "accepts what `deploysim validate` accepts, the published docs quirks included "
       "(marked deprecated), and reports unknown keys, which `deploysim validate` warns about "
       "and `--strict` rejects. Names that must match (targets, strategies, webhooks, queries) "
       "and the dependsOn graph are checked by `deploysim validate`."},
      {"$ref", "#/$defs/deployFile"},
      {"$defs", std::move(defs)}};
  return schema;
}

}  // namespace deploysim::config

namespace deploysim {

std::string deploy_file_schema() {
  config::SchemaBuilder builder;
  return config::build_deploy_file_schema(builder).dump(2) + "\n";
}

}  // namespace deploysim
