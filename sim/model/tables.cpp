// Set-up once per Scenario: flat tables indexed by ints, so a replication
// never looks a name up or resolves a model layer.
#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "model.hpp"
#include "template.hpp"

namespace deploysim::model {
namespace {

// FNV-1a: a stable, platform-independent hash for replicaSetName.
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// Like Kubernetes' pod-template-hash: ten characters of [0-9a-z].
std::string short_hash(std::string_view text) {
  static constexpr char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::uint64_t h = fnv1a(text);
  std::string out(10, '0');
  for (char& c : out) {
    c = kAlphabet[h % 36];
    h /= 36;
  }
  return out;
}

bool mentions_callback_uri(const Webhook& w) {
  if (template_references(w.uri_template, "armory.callbackUri")) return true;
  for (const Header& h : w.headers) {
    if (template_references(h.value, "armory.callbackUri")) return true;
  }
  return w.body_template && template_references(*w.body_template, "armory.callbackUri");
}

// The name of a step for its draw key: what a reader would call it.
std::string draw_name(const StepInfo& info) {
  switch (info.kind) {
    case StepKind::kWebhook:
      return "webhook/" + info.webhook_step->name;
    case StepKind::kApproval:
      return "approval";
    case StepKind::kAnalysis: {
      std::string name = "analysis";
      for (const std::string& q : info.analysis->queries) name += "/" + q;
      return name;
    }
    default:
      return info.cause;  // "pause", "setWeight 25", "exposeServices"
  }
}

std::string_view list_name(StepListKind kind) {
  switch (kind) {
    case StepListKind::kBeforeDeployment:
      return "beforeDeployment";
    case StepListKind::kAfterDeployment:
      return "afterDeployment";
    case StepListKind::kCanary:
      return "canary";
    case StepListKind::kRedirectTrafficAfter:
      return "redirectTrafficAfter";
    case StepListKind::kShutDownOldVersionAfter:
      return "shutDownOldVersionAfter";
  }
  return "";
}

}  // namespace

Phase phase_of(StepListKind list) {
  switch (list) {
    case StepListKind::kBeforeDeployment:
      return Phase::kBeforeDeployment;
    case StepListKind::kAfterDeployment:
      return Phase::kAfterDeployment;
    default:
      return Phase::kStrategy;
  }
}

WebhookWhere where_of(StepListKind list) {
  switch (list) {
    case StepListKind::kBeforeDeployment:
      return WebhookWhere::kBeforeDeployment;
    case StepListKind::kAfterDeployment:
      return WebhookWhere::kAfterDeployment;
    case StepListKind::kCanary:
      return WebhookWhere::kCanary;
    case StepListKind::kRedirectTrafficAfter:
      return WebhookWhere::kRedirectTrafficAfter;
    case StepListKind::kShutDownOldVersionAfter:
      return WebhookWhere::kShutDownOldVersionAfter;
  }
  return WebhookWhere::kBeforeDeployment;
}

Reason reason_of(WebhookResult result) {
  switch (result) {
    case WebhookResult::kFailure:
      return Reason::kWebhookFailed;
    case WebhookResult::kTimeout:
      return Reason::kWebhookTimeout;
    case WebhookResult::kUnreachable:
      return Reason::kWebhookUnreachable;
    default:
      return Reason::kNone;
  }
}

Model::Model(const Scenario& scenario) : scenario_(scenario), deployment_(scenario.deployment) {
  build_tables();
}

Model::~Model() {
  // Frames hold guards that point into this object: destroy them first.
  stopping_ = true;
  engine_.reset();
}

int Model::intern_service(const std::string& name) {
  auto it = std::find(services_.begin(), services_.end(), name);
  if (it != services_.end()) return static_cast<int>(it - services_.begin());
  services_.push_back(name);
  return static_cast<int>(services_.size()) - 1;
}

void Model::build_list(StepList& list, StepListKind kind, const std::vector<Step>& steps) {
  list.kind = kind;
  list.items.clear();
  list.items.reserve(steps.size());
  int position = 0;
  for (const Step& step : steps) {
    ++position;
    StepInfo info;
    info.list = kind;
    info.step = &step;
    switch (kind) {
      case StepListKind::kBeforeDeployment:
        info.where_label = "beforeDeployment";
        break;
      case StepListKind::kAfterDeployment:
        info.where_label = "afterDeployment";
        break;
      case StepListKind::kCanary:
        info.where_label = "canary step " + std::to_string(position);
        break;
      case StepListKind::kRedirectTrafficAfter:
        info.where_label = "redirectTrafficAfter";
        break;
      case StepListKind::kShutDownOldVersionAfter:
        info.where_label = "shutDownOldVersionAfter";
        break;
    }
    if (const auto* pause = std::get_if<PauseStep>(&step.action)) {
      info.kind = pause->until_approved ? StepKind::kApproval : StepKind::kTimedPause;
      info.pause = pause;
      info.cause = "pause";
    } else if (const auto* hook = std::get_if<WebhookStep>(&step.action)) {
      info.kind = StepKind::kWebhook;
      info.webhook_step = hook;
      info.webhook = hook->webhook;
      info.cause = "runWebhook " + hook->name;
      if (info.webhook < 0) info.kind = StepKind::kIgnored;  // the loader rejects this (W1)
    } else if (const auto* analysis = std::get_if<AnalysisStep>(&step.action)) {
      // C6 lenient: analysis in beforeDeployment is ignored (nothing is deployed yet).
      info.kind =
          kind == StepListKind::kBeforeDeployment ? StepKind::kIgnored : StepKind::kAnalysis;
      info.analysis = analysis;
      info.cause = "analysis";
      info.queries = analysis->query_indices;
      info.interval = analysis->interval_duration;
      if (info.interval.count() <= 0) {
        // The loader sets interval_duration; kNone counts as seconds.
        const std::int64_t unit = analysis->units == TimeUnit::kHours     ? 3600000
                                  : analysis->units == TimeUnit::kMinutes ? 60000
                                                                          : 1000;
        info.interval = Duration{analysis->interval * unit};
      }
    } else if (const auto* weight = std::get_if<SetWeightStep>(&step.action)) {
      info.kind = kind == StepListKind::kCanary ? StepKind::kSetWeight : StepKind::kIgnored;
      info.weight = std::clamp(weight->weight, 0, 100);
      info.cause = "setWeight " + std::to_string(info.weight);
    } else if (const auto* expose = std::get_if<ExposeServicesStep>(&step.action)) {
      info.kind = StepKind::kExposeServices;
      info.expose = expose;
      info.cause = "exposeServices";
      for (const std::string& s : expose->services) info.services.push_back(intern_service(s));
    }
    // Approvals by gate and role: analysis decisions are the analysis gate
    // wherever they are; a pause takes the first of its roles with a model.
    const ApprovalGate gate =
        info.kind == StepKind::kAnalysis ? ApprovalGate::kAnalysis : approval_gate_of(kind);
    int role = -1;
    if (info.pause != nullptr) {
      if (const std::string* r = approval_role(scenario_, info.pause->requires_roles)) {
        role = static_cast<int>(std::find(role_names_.begin(), role_names_.end(), *r) -
                                role_names_.begin());
      }
    }
    info.approval_kind =
        static_cast<int>(gate) * (static_cast<int>(role_names_.size()) + 1) + role + 1;
    list.items.push_back(std::move(info));
  }
  // Keyed draws: (list kind, name, occurrence of that name in the list).
  std::vector<std::string> names;
  for (StepInfo& info : list.items) {
    std::string name = draw_name(info);
    const auto occurrence = std::count(names.begin(), names.end(), name);
    names.push_back(name);
    info.draw_key =
        name_key(std::string(list_name(kind)) + "/" + name + "#" + std::to_string(occurrence));
  }
}

// One model per distinct chain of layers of target t; one sequence position
// per distinct layer its sequence comes from.
void Model::build_approval_models(int t) {
  const std::string& name = deployment_.targets[t].name;
  const int per_gate = static_cast<int>(role_names_.size()) + 1;
  std::vector<std::vector<const ApprovalModelLayer*>> chains;  // of this target's models
  std::vector<const ApprovalModelLayer*> sequence_layers;      // of its positions
  const int first_model = static_cast<int>(approval_models_.size());
  for (int kind = 0; kind < approval_kinds_; ++kind) {
    const auto gate = static_cast<ApprovalGate>(kind / per_gate);
    const int role = kind % per_gate - 1;
    std::vector<const ApprovalModelLayer*> chain =
        approval_layers(scenario_, name, gate, role >= 0 ? &role_names_[role] : nullptr);
    auto found = std::find(chains.begin(), chains.end(), chain);
    if (found != chains.end()) {
      approval_model_of_.push_back(first_model + static_cast<int>(found - chains.begin()));
      continue;
    }
    const ApprovalModelLayer* sequence_from = nullptr;
    for (const ApprovalModelLayer* layer : chain) {
      if (layer->sequence) sequence_from = layer;
    }
    auto position = std::find(sequence_layers.begin(), sequence_layers.end(), sequence_from);
    if (position == sequence_layers.end()) {
      sequence_layers.push_back(sequence_from);
      approval_calls_.push_back(0);
      position = sequence_layers.end() - 1;
    }
    approval_counter_of_.push_back(approval_calls_begin_[t] +
                                   static_cast<int>(position - sequence_layers.begin()));
    approval_model_of_.push_back(static_cast<int>(approval_models_.size()));
    approval_models_.push_back(resolve_approval_model(chain));
    chains.push_back(std::move(chain));
  }
  approval_calls_begin_.push_back(static_cast<int>(approval_calls_.size()));
}

int Model::faulty_agent(const std::string& name) {
  auto it = scenario_.agent_faults.find(name);
  if (it == scenario_.agent_faults.end()) return -1;
  const AgentFaults& faults = it->second;
  if (faults.down.empty() && !faults.outages) return -1;
  for (std::size_t a = 0; a < agents_.size(); ++a) {
    if (agents_[a].faults == &faults) return static_cast<int>(a);
  }
  FaultyAgent& agent = agents_.emplace_back();
  agent.faults = &faults;
  if (faults.outages) {
    agent.outages.emplace(*faults.outages, name_key("outages/agent/" + name),
                          ChoiceLabel{{}, "agent", it->first});
  }
  return static_cast<int>(agents_.size()) - 1;
}

void Model::build_tables() {
  const Deployment& d = deployment_;
  n_targets_ = static_cast<int>(d.targets.size());
  const int n = n_targets_;
  for (const auto& role : scenario_.approvals.roles) role_names_.push_back(role.first);
  approval_kinds_ = kApprovalGateCount * (static_cast<int>(role_names_.size()) + 1);
  approval_calls_begin_.push_back(0);

  strategies_.resize(d.strategies.size());
  for (std::size_t i = 0; i < d.strategies.size(); ++i) {
    StrategyInfo& info = strategies_[i];
    if (const auto* canary = std::get_if<CanaryStrategy>(&d.strategies[i].kind)) {
      info.kind = StrategyKind::kCanary;
      build_list(info.steps, StepListKind::kCanary, canary->steps);
    } else if (const auto* bg = std::get_if<BlueGreenStrategy>(&d.strategies[i].kind)) {
      info.kind = StrategyKind::kBlueGreen;
      build_list(info.redirect, StepListKind::kRedirectTrafficAfter, bg->redirect_traffic_after);
      build_list(info.shutdown, StepListKind::kShutDownOldVersionAfter,
                 bg->shut_down_old_version_after);
      if (!bg->preview_service.empty()) info.preview_service = intern_service(bg->preview_service);
    }
  }

  targets_.resize(n);
  for (int t = 0; t < n; ++t) {
    const Target& target = d.targets[t];
    TargetInfo& info = targets_[t];
    info.target = &target;
    info.draw_key = name_key("target/" + target.name);
    build_list(info.before, StepListKind::kBeforeDeployment, target.constraints.before_deployment);
    build_list(info.after, StepListKind::kAfterDeployment, target.constraints.after_deployment);
    info.strategy = target.strategy_index;
    info.predecessors = target.depends_on_indices;
    // Duplicate dependsOn entries would count a predecessor twice.
    std::sort(info.predecessors.begin(), info.predecessors.end());
    info.predecessors.erase(std::unique(info.predecessors.begin(), info.predecessors.end()),
                            info.predecessors.end());
    info.deployment_id = d.application + "-" + target.name;
    info.replica_set_name =
        info.deployment_id + "-" + short_hash(d.application + "/" + target.name);
    build_approval_models(t);
    info.deploy = resolve_deploy_model(scenario_, target.name);
    // W11: deploys go through the agent named by the target's account.
    info.agent = faulty_agent(target.account);
    info.first_deployment = scenario_.first_deployment_all ||
                            std::find(scenario_.first_deployment_targets.begin(),
                                      scenario_.first_deployment_targets.end(),
                                      target.name) != scenario_.first_deployment_targets.end();
  }
  for (int t = 0; t < n; ++t) {
    for (int p : targets_[t].predecessors) targets_[p].dependents.push_back(t);
  }
  dependents_begin_.assign(1, 0);
  for (int t = 0; t < n; ++t) {
    dependents_.insert(dependents_.end(), targets_[t].dependents.begin(),
                       targets_[t].dependents.end());
    dependents_begin_.push_back(static_cast<int>(dependents_.size()));
  }

  webhooks_.resize(d.webhooks.size() * n);
  webhook_carries_callback_.resize(d.webhooks.size());
  for (std::size_t w = 0; w < d.webhooks.size(); ++w) {
    const Webhook& hook = d.webhooks[w];
    webhook_carries_callback_[w] = mentions_callback_uri(hook);
    // The receiver is one service for every target that calls it.
    int receiver = -1;
    if (auto it = scenario_.webhook_faults.find(hook.name);
        it != scenario_.webhook_faults.end() && it->second.outages) {
      receiver = static_cast<int>(receivers_.size());
      receivers_.emplace_back(*it->second.outages, name_key("outages/webhook/" + hook.name),
                              ChoiceLabel{{}, "receiver", hook.name});
    }
    for (int t = 0; t < n; ++t) {
      WebhookTable& table = webhooks_[w * n + t];
      table.model = resolve_webhook_model(scenario_, hook.name, d.targets[t].name);
      if (hook.network_mode == NetworkMode::kRemoteNetworkAgent) {
        // W9: the agent is agentIdentifier, by default the target's account.
        const std::string& agent =
            hook.agent_identifier.empty() ? d.targets[t].account : hook.agent_identifier;
        table.agent = faulty_agent(agent);
      }
      table.receiver = receiver;
    }
  }

  queries_.resize(d.analysis.queries.size() * n);
  for (std::size_t q = 0; q < d.analysis.queries.size(); ++q) {
    query_keys_.push_back(name_key("query/" + d.analysis.queries[q].name));
    for (int t = 0; t < n; ++t) {
      queries_[q * n + t] =
          resolve_query_model(scenario_, d.analysis.queries[q], d.targets[t].name);
    }
  }

  for (int t = 0; t < n; ++t) {
    const int count = static_cast<int>(targets_[t].predecessors.size());
    predecessor_count_.push_back(count);
    if (count == 0) roots_.push_back(t);
  }

  pending_preds_.resize(n);
  state_.resize(n);
  cancel_root_.resize(n);
  started_.reserve(n);
  approvals_waiting_.resize(n);
  pauses_running_.resize(n);
  webhook_calls_.resize(webhooks_.size());
  query_samples_.resize(queries_.size());
  exposed_.resize(static_cast<std::size_t>(n) * services_.size());
  walk_.resize(n);
}

}  // namespace deploysim::model

namespace deploysim {

ApprovalGate approval_gate_of(StepListKind kind) {
  switch (kind) {
    case StepListKind::kBeforeDeployment:
      return ApprovalGate::kBeforeDeployment;
    case StepListKind::kAfterDeployment:
      return ApprovalGate::kAfterDeployment;
    case StepListKind::kShutDownOldVersionAfter:
      return ApprovalGate::kShutdown;
    default:
      return ApprovalGate::kStrategy;  // canary, redirectTrafficAfter
  }
}

}  // namespace deploysim
