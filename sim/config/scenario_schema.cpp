// The JSON Schema of a scenario file (SCENARIO.md, first and second editions,
// and the scenario keys of COMMANDS.md), built from the loader's key tables;
// the deploy file's definitions are embedded for an inline `deployment`.
// Unknown keys are errors in scenario files, in the schema as in the loader.

#include <string>
#include <vector>

#include "deploysim/outcome.hpp"
#include "deploysim/schema.hpp"
#include "schema_builder.hpp"

namespace deploysim::config {

namespace {

// The report words of an enum with `count` values (R1/R2 statuses, reasons, ...).
template <typename E>
std::vector<std::string> report_words(int count) {
  std::vector<std::string> words;
  for (int i = 0; i < count; ++i) words.emplace_back(to_string(static_cast<E>(i)));
  return words;
}

constexpr int kWebhookResultCount = static_cast<int>(WebhookResult::kPending) + 1;
constexpr int kApprovalResultCount = static_cast<int>(ApprovalResult::kPending) + 1;

// An instant an expectation checks: a duration, or null for "expected null".
Json instant_or_null(std::string_view description) {
  return described({{"anyOf", {ref("duration"), {{"type", "null"}}}}}, description);
}

constexpr std::string_view kDurationDoc =
    "A duration: 250ms, 90s, 5m, 2h, 1d, or a bare number of seconds. Time is kept in integer "
    "milliseconds.";

// DIST over durations (`durationDistribution`) or plain numbers (`numberDistribution`).
Json distribution_def(SchemaBuilder& b, bool durations) {
  const std::string value = durations ? "duration" : "number";
  auto param = [&](std::string_view description) {
    return durations ? ref("duration", description) : number(description);
  };
  Json kinds = b.object(
      kDistributionKinds,
      {{"exponential",
        b.object(kExponentialKeys, {{"mean", param("The mean; positive.")}}, {"mean"})},
       {"uniform", b.object(kUniformKeys,
                            {{"min", param("The lowest value.")},
                             {"max", param("The highest value; not below min.")}},
                            {"min", "max"})},
       {"normal", b.object(kNormalKeys,
                           {{"mean", durations ? ref("signedDuration",
                                                     "The mean (may be "
                                                     "negative; draws below "
                                                     "zero count as zero).")
                                               : number("The mean.")},
                            {"stddev", param("The standard deviation; not negative.")}},
                           {"mean", "stddev"})},
       {"lognormal", b.object(kLognormalKeys,
                              {{"median", param("The median; positive.")},
                               {"sigma", number("The sigma of the underlying normal; not "
                                                "negative.",
                                                0)}},
                              {"median", "sigma"})},
       {"gamma", b.object(kGammaKeys,
                          {{"shape", number("The shape k; positive.", 0)},
                           {"scale", param("The scale (mean = shape * scale); positive.")}},
                          {"shape", "scale"})},
       {"weibull", b.object(kWeibullKeys,
                            {{"shape", number("The shape k; positive.", 0)},
                             {"scale", param("The scale: P(X > x) = exp(-(x / scale)^shape); "
                                             "positive.")}},
                            {"shape", "scale"})},
       {"empirical", list_of(param("One value; each is equally likely."),
                             "Values drawn with equal probability.", 1)}});
  kinds["minProperties"] = 1;
  kinds["maxProperties"] = 1;
  return {{"description",
           "DIST: a constant " + value +
               ", or one of {exponential: {mean}}, {uniform: {min, max}}, {normal: {mean, "
               "stddev}} (durations truncated at 0), {lognormal: {median, sigma}}, {gamma: "
               "{shape, scale}}, {weibull: {shape, scale}}, {empirical: [v, ...]}."},
          {"anyOf", {durations ? ref("duration") : number({}), std::move(kinds)}}};
}

// One word of `table`, or a mapping of its words to probabilities that sum to 1.
Json mix_def(SchemaBuilder& b, const KeyTable& table, std::string_view description) {
  std::vector<Property> shares;
  for (std::string_view word : table.keys()) {
    shares.push_back({word, ref("probability")});
  }
  Json mix = b.object(table, std::move(shares));
  mix["minProperties"] = 1;
  mix["description"] = "A mix: each outcome's probability; they must sum to 1.";
  return {{"description", std::string(description)},
          {"anyOf", {b.word(table, {}), std::move(mix)}}};
}

Json webhook_layer(SchemaBuilder& b, const KeyTable& table) {
  std::vector<Property> keys = {
      {"latency", ref("durationDistribution",
                      "DIST: from the attempt that got through to the callback. Built-in: 0s.")},
      {"outcome", ref("webhookOutcome")},
      {"attemptFailure", ref("probability",
                             "Each trigger attempt fails independently with this probability "
                             "(W4). Built-in: 0.")},
      {"sequence",
       list_of(ref("webhookCall"),
               "Scripted invocations, in order (the n-th call at a target takes the n-th "
               "entry); then the model above applies.")}};
  if (table.contains("targets")) {
    keys.push_back({"targets", map_of(ref("webhookModelLayer"),
                                      "Per-target overrides of any key above, by target name.")});
  }
  return b.object(table, std::move(keys));
}

Json working_hours(SchemaBuilder& b) {
  return described(
      b.object(
          kWorkingHoursKeys,
          {{"days", list_of(b.word(kWeekdays, {}), "The working days (local).", 1)},
           {"from", described({{"type", "string"}, {"pattern", "^([01][0-9]|2[0-3]):[0-5][0-9]$"}},
                              "Start of the working day, HH:MM (local).")},
           {"to",
            described({{"type", "string"}, {"pattern", "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"}},
                      "End of the working day, HH:MM (local, exclusive); after from.")},
           {"utcOffset", described({{"type", "string"}, {"pattern", "^[-+][0-9]{2}:[0-5][0-9]$"}},
                                   "Fixed offset of the local clock from UTC, e.g. +01:00 "
                                   "(no daylight saving; at most 18:00). Default +00:00.")}},
          {"days", "from", "to"}),
      "SCENARIO.md second edition: `after` is working time and elapses only inside these hours "
      "(a person answers after that much working time); placed on the wall clock by "
      "calendar.start.");
}

Json approval_layer(SchemaBuilder& b, bool with_where) {
  std::vector<Property> properties = {
      {"after", ref("durationDistribution",
                    "DIST: from the moment the approval is asked for. Built-in: 0s.")},
      {"workingHours", working_hours(b)},
      {"decision", ref("decision")},
      {"sequence", list_of(ref("decisionEntry"),
                           "Scripted answers, in order: the n-th question at a target "
                           "answered by a model that takes its sequence from this layer takes "
                           "the n-th entry; then the model above applies.")}};
  if (with_where) {
    properties.push_back({"where", ref("approvalsWhere",
                                       "SCENARIO.md second edition: per kind of gate for this "
                                       "target; wins over every other layer.")});
  }
  Json layer =
      b.object(with_where ? kTargetApprovalModelKeys : kApprovalModelKeys, std::move(properties));
  layer["description"] =
      "How people answer manual judgments (pauses with untilApproved) and the manual decisions "
      "of analysis.";
  return layer;
}

Json approvals(SchemaBuilder& b, Json& defs) {
  defs["approvalModel"] = approval_layer(b, false);
  defs["targetApprovalModel"] = approval_layer(b, true);
  defs["approvalsWhere"] = described(
      b.object(
          kApprovalGates,
          {{"beforeDeployment", ref("approvalModel", "Pauses in beforeDeployment lists.")},
           {"afterDeployment", ref("approvalModel", "Pauses in afterDeployment lists.")},
           {"strategy", ref("approvalModel", "Pauses in a canary or in redirectTrafficAfter.")},
           {"shutdown", ref("approvalModel", "Items of shutDownOldVersionAfter.")},
           {"analysis", ref("approvalModel",
                            "The manual decisions of analysis, wherever they "
                            "are.")}}),
      "Approval models by the kind of gate (SCENARIO.md second edition).");
  Json section = b.object(
      kApprovalsKeys,
      {{"default", ref("approvalModel", "For every approval without a more specific model.")},
       {"targets", map_of(ref("targetApprovalModel"), "Per target, by target name.")},
       {"where", ref("approvalsWhere",
                     "SCENARIO.md second edition: by the kind of gate, for every target.")},
       {"roles", map_of(ref("approvalModel"),
                        "SCENARIO.md second edition: by the requiresRoles of the pause (P4); the "
                        "first listed role with a model applies.")}});
  section["description"] =
      "How people answer approvals. Precedence: targets.<t>.where.<w> > targets.<t> > "
      "roles.<r> > where.<w> > default > built-in (after 0s, decision approve).";
  return section;
}

Json outages(SchemaBuilder& b) {
  return described(
      b.object(kOutagesKeys,
               {{"every",
                 ref("durationDistribution", "DIST: up time between outages (a positive mean).")},
                {"lasting", ref("durationDistribution",
                                "DIST: how long one outage lasts (a positive mean).")}},
               {"every", "lasting"}),
      "SCENARIO.md second edition: an alternating up/down process per replication, stationary "
      "from t = 0 (down then with probability mean(lasting) / (mean(every) + mean(lasting))); "
      "down windows add to it.");
}

Json faults(SchemaBuilder& b) {
  Json window = b.object(kDownWindowKeys,
                         {{"from", ref("duration", "Start of the window (inclusive).")},
                          {"to", ref("duration", "End of the window (exclusive); after from.")}},
                         {"from", "to"});
  Json agent =
      b.object(kAgentFaultsKeys,
               {{"down", list_of(std::move(window),
                                 "Fixed windows [from, to) in which the agent is down (W9, W11).")},
                {"outages", outages(b)}});
  Json webhook = described(
      b.object(kWebhookFaultsKeys, {{"outages", outages(b)}}),
      "The receiver itself is unreachable during its outages: every attempt to reach it fails.");
  Json section = b.object(
      kFaultsKeys,
      {{"agents", map_of(std::move(agent),
                         "By agent identifier: a target's account or a webhook's "
                         "agentIdentifier. Targets that share an account share its agent.")},
       {"webhooks", map_of(std::move(webhook),
                           "SCENARIO.md second edition: by webhook "
                           "name.")}});
  section["description"] = "Outages of Remote Network Agents and webhook receivers.";
  return section;
}

Json expect(SchemaBuilder& b) {
  const auto statuses = report_words<TargetStatus>(kTargetStatusCount);
  Json status = one_of_words("An R1 status.", statuses);
  Json target = b.object(
      kTargetExpectationKeys,
      {{"status", status},
       {"deployed", boolean("The report's deployed.")},
       {"rolledBack", boolean("The report's rolledBack.")},
       {"reason", one_of_words("An R2 reason.", report_words<Reason>(kReasonCount))},
       {"causeTarget", text("The report's cause.target: a target name.")},
       {"causePhase", one_of_words("The report's cause.phase.", report_words<Phase>(kPhaseCount))},
       {"causeStep", text("The report's cause.step, e.g. `runWebhook gate`, `pause`, "
                          "`setWeight 25`, `deploy`.")},
       {"causeAgent", text("The report's cause.agent (W11: an agent outage made a readiness "
                           "wait time out); empty: none.")},
       {"startedAt", instant_or_null("When the target started, since the pipeline start; null: "
                                     "it never started.")},
       {"finishedAt", instant_or_null("When the target finished, since the pipeline start; null: "
                                      "it did not (skipped, or live at the horizon).")},
       {"weight", integer("The new version's final traffic share, 0..100.", 0, 100)},
       {"waitingOn", list_of(text("\"<phase>: <step>\" or \"dependsOn: <target>\", as the text "
                                  "report writes it."),
                             "R3: what a live target waits on, in report order.")}});
  Json query = b.object(
      kQueryExpectationKeys,
      {{"values", list_of(number("A sampled value."), "Every value sampled, in run order.")},
       {"mean", described({{"anyOf", {number({}), {{"type", "null"}}}}},
                          "The mean of the values (compared to 1e-9); null: never judged (A7).")},
       {"passed", described({{"anyOf", {boolean({}), {{"type", "null"}}}}},
                            "The query's verdict; null: never judged (A7).")}});
  Json analysis =
      b.object(kAnalysisExpectationKeys,
               {{"target", text("The target it ran at.")},
                {"index", integer("0-based, among the analyses of that target. Default 0.", 0)},
                {"result", b.word(kAnalysisVerdicts, "The verdict, as the text report writes it.")},
                {"aborted", boolean("abortOnFailedJudgment ended it early (A5).")},
                {"startedAt", instant_or_null("When it started.")},
                {"finishedAt", instant_or_null("When it ended; null: live at the horizon.")},
                {"queries", map_of(std::move(query), "By query name: what to check.")}},
               {"target"});
  Json approval = b.object(
      kApprovalExpectationKeys,
      {{"target", text("The target it was asked at.")},
       {"index", integer("0-based, among the questions put to a person at that target. "
                         "Default 0.",
                         0)},
       {"step", text("`pause`, `analysis rollBack` or `analysis rollForward`.")},
       {"requiresRoles", list_of(text("A role."), "P4: the pause's requiresRoles, in order.")},
       {"result",
        one_of_words("How it ended.", report_words<ApprovalResult>(kApprovalResultCount))},
       {"askedAt", instant_or_null("When it was asked.")},
       {"finishedAt", instant_or_null("When it ended; null: still pending at the horizon.")}},
      {"target"});
  Json webhook = b.object(
      kWebhookExpectationKeys,
      {{"name", text("The webhook's name.")},
       {"target", text("The target it was called for.")},
       {"index", integer("0-based, among the calls of that webhook at that target, in call "
                         "order. Default 0.",
                         0)},
       {"attempts", integer("Trigger attempts made.", 0)},
       {"result",
        one_of_words("The call's result.", report_words<WebhookResult>(kWebhookResultCount))},
       {"calledAt", ref("duration", "The first attempt, since the pipeline start.")},
       {"finishedAt", ref("duration", "When the call ended, since the pipeline start.")}},
      {"name", "target"});
  Json section = b.object(
      kExpectKeys,
      {{"pipeline",
        one_of_words("The pipeline's status (AWAITING_APPROVAL, PAUSED or RUNNING: a target was "
                     "still live at the horizon, D7).",
                     statuses)},
       {"finishedAt", instant_or_null("When the last target became terminal; null: a target was "
                                      "still live at the horizon (D7).")},
       {"targets", map_of({{"anyOf", {status, std::move(target)}}},
                          "By target name: a status word, or the keys to check.")},
       {"webhooks", list_of(std::move(webhook), "Calls to check.")},
       {"analyses", list_of(std::move(analysis), "This project's extension: analyses to check.")},
       {"approvals",
        list_of(std::move(approval), "This project's extension: questions put to people (P4).")},
       {"warnings", list_of(text("A text some warning contains."),
                            "This project's extension: each must be part of some warning of the "
                            "load or the run.")},
       {"error", text("This project's extension: the file is expected NOT to load; `deploysim "
                      "test` passes when loading fails with an error containing this text.")}});
  section["description"] =
      "What `deploysim test` and `run --check` compare with the report; only the keys given are "
      "checked. Times are durations since the pipeline start, compared exactly.";
  return section;
}

Json predicate_def(SchemaBuilder& b) {
  const auto statuses = report_words<TargetStatus>(kTargetStatusCount);
  // D7: a pipeline is never ROLLED_BACK, SKIPPED or NOT_STARTED.
  std::vector<std::string> pipeline_statuses;
  for (const std::string& s : statuses) {
    if (s != "ROLLED_BACK" && s != "SKIPPED" && s != "NOT_STARTED") pipeline_statuses.push_back(s);
  }
  // A single word is a list of one.
  auto word_or_words = [](std::string_view description, const std::vector<std::string>& words) {
    Json one = one_of_words({}, words);
    Json many = list_of(one, {}, 1);
    many["uniqueItems"] = true;
    return described({{"anyOf", {one, many}}}, description);
  };
  b.covers(kConditionKinds);
  Json target_atom = b.object(
      kTargetConditionKeys,
      {{"target", text("A target name.")},
       {"status",
        word_or_words("The target ends in one of these statuses (default: any).", statuses)},
       {"reason", word_or_words("The target ends with one of these reasons (default: any).",
                                report_words<Reason>(kReasonCount))},
       {"deployed", boolean("Whether the new version was deployed (default: not checked).")}},
      {"target"});
  Json pipeline_atom =
      b.object(kPipelineConditionKeys,
               {{"pipeline",
                 word_or_words("The pipeline ends in one of these statuses.", pipeline_statuses)}},
               {"pipeline"});
  Json webhook_atom = b.object(
      kWebhookConditionKeys,
      {{"webhook", text("A webhook name.")},
       {"target", text("The target it was called for.")},
       {"result", word_or_words("Some invocation there had one of these results (default: it "
                                "was called there at all).",
                                report_words<WebhookResult>(kWebhookResultCount))}},
      {"webhook", "target"});
  Json all = b.object(kAllConditionKeys,
                      {{"all", list_of(ref("predicate"), "Every one holds.", 1)}}, {"all"});
  Json any = b.object(kAnyConditionKeys,
                      {{"any", list_of(ref("predicate"), "At least one holds.", 1)}}, {"any"});
  Json negation =
      b.object(kNotConditionKeys, {{"not", ref("predicate", "It does not hold.")}}, {"not"});
  return {{"description",
           "COMMANDS.md (explore): an atom {target, status, reason, deployed}, {pipeline}, "
           "{webhook, target, result}, or all / any / not of predicates, evaluated on a path's "
           "end state."},
          {"anyOf",
           {std::move(target_atom), std::move(pipeline_atom), std::move(webhook_atom),
            std::move(all), std::move(any), std::move(negation)}}};
}

Json properties(SchemaBuilder& b) {
  b.covers(kPropertyKinds);
  Json property =
      b.object(kPropertyKeys,
               {{"name", text("The property's name in the reports; unique in the file.")},
                {"always", ref("predicate", "Holds at the end of every path.")},
                {"never", ref("predicate", "Holds at the end of no path.")},
                {"sometimes", ref("predicate", "Holds at the end of some path.")}},
               {"name"});
  property["oneOf"] = {
      {{"required", {"always"}}}, {{"required", {"never"}}}, {{"required", {"sometimes"}}}};
  return list_of(std::move(property),
                 "COMMANDS.md (explore): properties of the pipeline's end state, checked on "
                 "every branch by `deploysim explore` and on the scenario's run by `deploysim "
                 "test`; each has a name and exactly one of always, never, sometimes.",
                 1);
}

Json scenario_file_def(SchemaBuilder& b) {
  Json timeouts = b.object(
      kTimeoutsKeys,
      {{"webhookCallback", ref("duration",
                               "How long a webhook step waits for its callback, "
                               "from the first attempt. Default 24h.")},
       {"retryDelay", ref("duration", "The time between trigger attempts. Default 10s.")}});
  timeouts.at("properties").at("webhookCallback")["default"] = "24h";
  timeouts.at("properties").at("retryDelay")["default"] = "10s";
  Json policies = b.object(
      kPoliciesKeys,
      {{"unreachable",
        b.word(kUnreachablePolicies,
               "W4: when every attempt failed, the step fails immediately or at the callback "
               "timeout. Default immediately.")},
       {"missingCallbackUri",
        b.word(kMissingCallbackUriPolicies,
               "W8: a callback webhook whose request carries no {{armory.callbackUri}} times "
               "out, or is ignored (passes at once). Default timeout.")}});
  policies.at("properties").at("unreachable")["default"] = "immediately";
  policies.at("properties").at("missingCallbackUri")["default"] = "timeout";

  Json deploy_target =
      b.object(kDeployModelTargetKeys,
               {{"readyAfter", ref("durationDistribution", "DIST: for this target.")},
                {"rollbackAfter", ref("durationDistribution", "DIST: for this target.")}});
  Json deploy = b.object(
      kDeployModelKeys,
      {{"readyAfter", ref("durationDistribution",
                          "DIST: time for new pods to become Ready after each scale step. "
                          "Built-in: 0s.")},
       {"rollbackAfter", ref("durationDistribution", "DIST: time a rollback takes. Built-in: 0s.")},
       {"targets", map_of(std::move(deploy_target), "Per target, by target name.")}});
  deploy["description"] = "How long deployments and rollbacks take.";

  Json query_target =
      b.object(kQueryModelTargetKeys,
               {{"value", ref("numberDistribution", "DIST: for this target.")},
                {"sequence", list_of(number("A run's value."), "Scripted run values, in order.")}});
  Json query = b.object(
      kQueryModelKeys,
      {{"value", ref("numberDistribution",
                     "DIST: one sample per judgment run. Without a model a query yields the "
                     "midpoint of its limits (or its one limit).")},
       {"sequence", list_of(number("A run's value."),
                            "Scripted run values, in order; then the "
                            "value model applies.")},
       {"targets", map_of(std::move(query_target), "Per target, by target name.")}});
  Json analysis =
      b.object(kAnalysisModelKeys, {{"queries", map_of(std::move(query),
                                                       "By query name (of the deploy file's "
                                                       "analysis.queries).")}});
  analysis["description"] = "What the metric queries return.";

  Json webhooks = {
      {"type", "object"},
      {"description",
       "How webhook receivers behave, by webhook name; `default` for every webhook. "
       "Precedence: targets.<t> of the named entry > the named entry > default > built-in "
       "(latency 0s, outcome success, attemptFailure 0)."},
      {"properties", {{"default", ref("webhookModelLayer", "For every webhook.")}}},
      {"additionalProperties", ref("webhookModel")}};

  Json releases = described(
      b.object(kReleasesKeys,
               {{"arrivals",
                 ref("durationDistribution", "DIST: time between changes that are ready to ship.")},
                {"measureAt", list_of(text("A target name."),
                                      "The targets a change must reach to count as delivered. "
                                      "Default: the targets nothing depends on.",
                                      1)}},
               {"arrivals"}),
      "COMMANDS.md (stream): a stream of changes and the DORA keys. Read by `deploysim "
      "stream` only; `run`, `montecarlo` and `test` play one pipeline and ignore it.");
  Json calendar = described(
      b.object(
          kCalendarKeys,
          {{"start",
            {{"description",
              "The wall-clock instant of t = 0 (default 2026-01-05T10:00:00Z, a Monday), or "
              "weekUniform: each replication starts at a uniform instant of that week (from "
              "Monday 2026-01-05T00:00:00Z, for 7 days)."},
             {"anyOf",
              {{{"type", "string"}, {"format", "date-time"}, {"not", {{"const", "weekUniform"}}}},
               {{"const", "weekUniform"}}}}}}}),
      "SCENARIO.md second edition: places the virtual clock on the wall clock (working hours).");

  Json file = b.object(
      kScenarioFileKeys,
      {{"name", text("Shown in reports. Default: the file's name without extension.")},
       {"deployment",
        {{"description",
          "The deploy file: a path relative to this file, or an inline deploy file mapping."},
         {"anyOf", {text({}), ref("deployFile")}}}},
       {"seed", integer("The default seed; --seed wins. Default 1.", 0)},
       {"horizon", ref("duration", "When the simulation stops. Default 30d.")},
       {"firstDeployment",
        {{"description",
          "K6: true (every target) or a list of target names deploy for the first time (no "
          "strategy steps). Default false."},
         {"anyOf", {boolean({}), list_of(text("A target name."), {})}}}},
       {"context", string_map("Merged over the deploy file's context (W2).")},
       {"secrets", string_map("Values for {{secrets.X}}; printed only as ***.")},
       {"timeouts", std::move(timeouts)},
       {"policies", std::move(policies)},
       {"deploy", std::move(deploy)},
       {"webhooks", std::move(webhooks)},
       {"approvals", ref("approvals")},
       {"analysis", std::move(analysis)},
       {"faults", faults(b)},
       {"expect", expect(b)},
       {"strict", boolean("This project's extension: load the deploy file strictly, as "
                          "`validate --strict` does.")},
       {"target", list_of(text("A target name."),
                          "This project's extension: the default of --target (D6: replaces the "
                          "deploy file's targetFilters; --target wins).")},
       {"releases", std::move(releases)},
       {"calendar", std::move(calendar)},
       {"properties", properties(b)}},
      {"deployment"});
  file.at("properties").at("seed")["default"] = 1;
  file.at("properties").at("horizon")["default"] = "30d";
  file.at("properties").at("firstDeployment")["default"] = false;
  return file;
}

}  // namespace

Json build_scenario_file_schema(SchemaBuilder& b) {
  Json defs = Json::object();
  defs["scenarioFile"] = scenario_file_def(b);
  defs["duration"] = {
      {"description", std::string(kDurationDoc)},
      {"anyOf",
       {{{"type", "number"}, {"minimum", 0}},
        {{"type", "string"},
         {"pattern", R"(^\s*[+]?([0-9]+([.][0-9]*)?|[.][0-9]+)(ms|s|m|h|d)?\s*$)"}}}}};
  defs["signedDuration"] = {
      {"description", std::string(kDurationDoc) + " May be negative."},
      {"anyOf",
       {{{"type", "number"}},
        {{"type", "string"},
         {"pattern", R"(^\s*[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)(ms|s|m|h|d)?\s*$)"}}}}};
  defs["probability"] = number("A probability in [0, 1].", 0, 1);
  defs["durationDistribution"] = distribution_def(b, true);
  defs["numberDistribution"] = distribution_def(b, false);
  defs["webhookOutcome"] =
      mix_def(b, kWebhookOutcomes,
              "success, failure (callback with success: false), noCallback (the trigger "
              "succeeds and nothing answers, W6), unreachable (every attempt fails, W4), or a "
              "mix of them. Built-in: success.");
  defs["decision"] = mix_def(b, kDecisions,
                             "approve, reject or never (waits), or a mix of them. Built-in: "
                             "approve.");
  defs["webhookModel"] = webhook_layer(b, kWebhookModelKeys);
  defs["webhookModelLayer"] = webhook_layer(b, kWebhookModelLayerKeys);
  defs["webhookCall"] = {
      {"description",
       "One scripted invocation: an outcome word, or {result, after, "
       "failedAttempts}."},
      {"anyOf",
       {b.word(kWebhookOutcomes, {}),
        b.object(kWebhookCallKeys,
                 {{"result", b.word(kWebhookOutcomes, "The outcome of this invocation.")},
                  {"after", ref("durationDistribution",
                                "DIST: from the attempt that got through to the callback; "
                                "default: the layer's latency.")},
                  {"failedAttempts",
                   integer("Trigger attempts that fail before one gets through.", 0, 1000)}})}}};
  defs["decisionEntry"] = {
      {"description", "One scripted answer: a decision word, or {decision, after}."},
      {"anyOf",
       {b.word(kDecisions, {}),
        b.object(kDecisionEntryKeys, {{"decision", b.word(kDecisions, "The answer.")},
                                      {"after", ref("durationDistribution",
                                                    "DIST: from the moment the approval "
                                                    "is asked for.")}})}}};
  defs["approvals"] = approvals(b, defs);
  defs["predicate"] = predicate_def(b);
  add_deploy_file_defs(b, defs);
  return {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
          {"title", "deploysim scenario file"},
          {"description",
           "The world around a deploy file (SCENARIO.md): how long things take, how often they "
           "fail, how people answer, and what is expected to happen. Unknown keys are errors. "
           "Names that must match the deployment (targets, webhooks, queries, agents) are "
           "checked by `deploysim validate`."},
          {"$ref", "#/$defs/scenarioFile"},
          {"$defs", std::move(defs)}};
}

}  // namespace deploysim::config

namespace deploysim {

std::string scenario_file_schema() {
  config::SchemaBuilder builder;
  return config::build_scenario_file_schema(builder).dump(2) + "\n";
}

}  // namespace deploysim
