// What a replication writes besides the outcomes, only when asked:
// RunResult::trace (every state change with record_trace; the compact
// timeline with record_details), the webhook calls with their rendered
// requests, and W2 template rendering with secrets redacted.
#include <string>

#include "model.hpp"
#include "template.hpp"

namespace deploysim::model {
namespace {

constexpr std::string_view kSecretMask = "***";

const std::string* find_in(const ContextMap* map, std::string_view key) {
  if (map == nullptr) return nullptr;
  auto it = map->find(std::string(key));
  return it == map->end() ? nullptr : &it->second;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

void Model::trace(int t, std::string_view kind,
                  std::vector<std::pair<std::string, std::string>> fields) {
  out_->trace.push_back(TraceEvent{engine_.now(), t, std::string(kind), std::move(fields)});
}

void Model::warn_unknown(std::string_view variable, const SourceLocation& where) {
  // Unknown context and secrets are the loader's lint warnings (they depend
  // on nothing the run decides), so `validate` and `run` print the same ones
  // and a run does not print them twice.
  if (starts_with(variable, "context.") || starts_with(variable, "secrets.")) return;
  if (!warned_.emplace(variable).second) return;
  out_->warnings.push_back(
      Problem{Severity::kWarning, where,
              "unknown template variable '" + std::string(variable) + "' renders empty"});
}

// W2: the value of one variable. Context precedence: --add-context (and the
// deploy file's contextOverrides, the form the CLI writes it in) > scenario
// context > step context > deploy-file context. Secrets are
// rendered as *** (nothing recorded or printed may carry them).
std::string Model::render(std::string_view text, const TemplateScope& scope) {
  const TargetInfo& info = targets_[scope.target];
  auto lookup = [&](std::string_view name) -> std::optional<std::string> {
    if (starts_with(name, "context.")) {
      const std::string_view key = name.substr(8);
      for (const ContextMap* map : {&options_->add_context, &deployment_.context_overrides,
                                    &scenario_.context, scope.step_context, &deployment_.context}) {
        if (const std::string* v = find_in(map, key)) return *v;
      }
      return std::nullopt;
    }
    if (starts_with(name, "secrets.")) {
      const std::string* secret = find_in(&scenario_.secrets, name.substr(8));
      if (secret == nullptr) return std::nullopt;
      return scope.reveal_secrets ? *secret : std::string(kSecretMask);
    }
    if (!starts_with(name, "armory.")) return std::nullopt;
    const std::string_view key = name.substr(7);
    if (key == "applicationName") return deployment_.application;
    if (key == "deploymentId") return info.deployment_id;
    if (key == "environmentName") return info.target->name;
    if (key == "replicaSetName") return info.replica_set_name;
    if (key == "accountName") return info.target->account;
    if (key == "namespace") return info.target->namespace_name;
    if (key == "callbackUri") {
      // MODEL 20; webhooks only.
      if (scope.callback_n <= 0) return std::nullopt;
      if (scope.callback_uri != nullptr) return *scope.callback_uri;
      return "https://callbacks.deploysim.invalid/" + info.deployment_id + "/" +
             std::to_string(scope.callback_n);
    }
    if (starts_with(key, "preview.")) {
      // K4: defined by an earlier exposeServices; scoped to the strategy and
      // afterDeployment.
      if (scope.list == StepListKind::kBeforeDeployment) return std::nullopt;
      const std::string_view service = key.substr(8);
      for (std::size_t s = 0; s < services_.size(); ++s) {
        if (services_[s] == service &&
            exposed_[static_cast<std::size_t>(scope.target) * services_.size() + s]) {
          return "https://preview.deploysim.invalid/" + info.target->name + "/" +
                 std::string(service);
        }
      }
      return std::nullopt;
    }
    if (scope.query != nullptr) {
      // Ref §2.3: the current query interval, in the pipeline's calendar.
      const std::int64_t epoch_ms = kPipelineEpochSeconds * 1000;
      const std::int64_t start = epoch_ms + scope.window_start.count();
      const std::int64_t end = epoch_ms + scope.window_end.count();
      const std::int64_t interval = scope.window_end.count() - scope.window_start.count();
      if (key == "startTimeIso8601") return iso8601(start);
      if (key == "startTimeEpochSeconds") return std::to_string(start / 1000);
      if (key == "startTimeEpochMillis") return std::to_string(start);
      if (key == "endTimeIso8601") return iso8601(end);
      if (key == "endTimeEpochSeconds") return std::to_string(end / 1000);
      if (key == "endTimeEpochMillis") return std::to_string(end);
      if (key == "intervalSeconds") return std::to_string(interval / 1000);
      if (key == "intervalMillis") return std::to_string(interval);
      if (key == "promQlStepInterval") return std::to_string(interval / 1000) + "s";
    }
    return std::nullopt;
  };
  return render_template(text, lookup,
                         [&](std::string_view name) { warn_unknown(name, scope.location); });
}

void Model::record_webhook_call(int t, const StepInfo& step, int callback_n, WebhookCall& call,
                                const std::string* real_uri) {
  const Webhook& hook = deployment_.webhooks[step.webhook];
  TemplateScope scope;
  scope.target = t;
  scope.list = step.list;
  scope.step_context = &step.webhook_step->context;
  scope.callback_n = callback_n;
  scope.location = step.step->location;
  scope.callback_uri = real_uri;
  call.webhook = step.webhook;
  call.target = t;
  call.where = where_of(step.list);
  call.called_at = engine_.now();
  call.real = real_uri != nullptr;
  call.callback_uri = real_uri != nullptr
                          ? *real_uri
                          : "https://callbacks.deploysim.invalid/" + targets_[t].deployment_id +
                                "/" + std::to_string(callback_n);
  call.uri = render(hook.uri_template, scope);
  if (hook.body_template) call.body = render(*hook.body_template, scope);
  for (const Header& h : hook.headers) call.headers.emplace_back(h.key, render(h.value, scope));
  if (tracing_) {
    trace(t, "webhook.call",
          {{"webhook", hook.name},
           {"where", std::string(to_string(call.where))},
           {"method", hook.method},
           {"uri", call.uri},
           {"callbackUri", call.callback_uri}});
  }
}

WebhookRequest Model::render_request(int t, const StepInfo& step, int callback_n,
                                     const std::string& callback_uri, bool reveal) {
  const Webhook& hook = deployment_.webhooks[step.webhook];
  TemplateScope scope;
  scope.target = t;
  scope.list = step.list;
  scope.step_context = &step.webhook_step->context;
  scope.callback_n = callback_n;
  scope.location = step.step->location;
  scope.callback_uri = &callback_uri;
  scope.reveal_secrets = reveal;
  WebhookRequest request;
  request.method = hook.method;
  request.url = render(hook.uri_template, scope);
  for (const Header& h : hook.headers) request.headers.emplace_back(h.key, render(h.value, scope));
  if (hook.body_template) request.body = render(*hook.body_template, scope);
  return request;
}

std::string Model::render_query(int query, const TemplateScope& scope) {
  return render(deployment_.analysis.queries[query].query_template, scope);
}

}  // namespace deploysim::model
