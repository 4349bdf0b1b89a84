// Flattening the layers of a scenario's world model (SCENARIO.md
// "Precedence"): targets.<t> of the named entry > the named entry > default >
// built-in default; approvals by gate and role in the order of "Approvals by
// gate" (approval_layers).
#include "deploysim/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace deploysim {
namespace {

// Copies every field that `layer` sets over `out`.
template <class Out, class Layer>
void apply_webhook_layer(Out& out, const Layer& layer) {
  if (layer.latency) out.latency = *layer.latency;
  if (layer.outcome) out.outcome = *layer.outcome;
  if (layer.attempt_failure) out.attempt_failure = *layer.attempt_failure;
  if (layer.sequence) out.sequence = *layer.sequence;
}

void apply_approval_layer(ResolvedApprovalModel& out, const ApprovalModelLayer& layer) {
  if (layer.after) out.after = *layer.after;
  if (layer.working_hours) out.working_hours = *layer.working_hours;
  if (layer.decision) out.decision = *layer.decision;
  if (layer.sequence) out.sequence = *layer.sequence;
}

void apply_query_layer(ResolvedQueryModel& out, const QueryModelLayer& layer) {
  if (layer.value) out.value = *layer.value;
  if (layer.sequence) out.sequence = *layer.sequence;
}

void apply_deploy_layer(ResolvedDeployModel& out, const DeployModelLayer& layer) {
  if (layer.ready_after) out.ready_after = *layer.ready_after;
  if (layer.rollback_after) out.rollback_after = *layer.rollback_after;
}

// A value that passes the query: the midpoint of its limits, or its one limit.
double passing_value(const Query& query) {
  if (query.lower_limit && query.upper_limit) return (*query.lower_limit + *query.upper_limit) / 2;
  if (query.lower_limit) return *query.lower_limit;
  if (query.upper_limit) return *query.upper_limit;
  return 0;
}

}  // namespace

ResolvedWebhookModel resolve_webhook_model(const Scenario& s, const std::string& webhook,
                                           const std::string& target) {
  ResolvedWebhookModel out;
  apply_webhook_layer(out, s.webhooks.defaults);
  if (auto entry = s.webhooks.by_name.find(webhook); entry != s.webhooks.by_name.end()) {
    apply_webhook_layer(out, entry->second.base);
    if (auto t = entry->second.targets.find(target); t != entry->second.targets.end()) {
      apply_webhook_layer(out, t->second);
    }
  }
  return out;
}

std::vector<const ApprovalModelLayer*> approval_layers(const Scenario& s, const std::string& target,
                                                       ApprovalGate gate, const std::string* role) {
  const auto g = static_cast<std::size_t>(gate);
  std::vector<const ApprovalModelLayer*> layers = {&s.approvals.defaults};
  if (s.approvals.where[g]) layers.push_back(&*s.approvals.where[g]);
  if (role != nullptr) {
    if (auto r = s.approvals.roles.find(*role); r != s.approvals.roles.end()) {
      layers.push_back(&r->second);
    }
  }
  if (auto t = s.approvals.targets.find(target); t != s.approvals.targets.end()) {
    layers.push_back(&t->second);
  }
  if (auto t = s.approvals.target_where.find(target);
      t != s.approvals.target_where.end() && t->second[g]) {
    layers.push_back(&*t->second[g]);
  }
  return layers;
}

ResolvedApprovalModel resolve_approval_model(const std::vector<const ApprovalModelLayer*>& layers) {
  ResolvedApprovalModel out;
  for (const ApprovalModelLayer* layer : layers) apply_approval_layer(out, *layer);
  return out;
}

const std::string* approval_role(const Scenario& s, const std::vector<std::string>& roles) {
  for (const std::string& role : roles) {
    if (s.approvals.roles.count(role) != 0) return &role;
  }
  return nullptr;
}

ResolvedQueryModel resolve_query_model(const Scenario& s, const Query& query,
                                       const std::string& target) {
  ResolvedQueryModel out;
  out.value = Distribution::constant(passing_value(query));
  if (auto entry = s.analysis.queries.find(query.name); entry != s.analysis.queries.end()) {
    apply_query_layer(out, entry->second.base);
    if (auto t = entry->second.targets.find(target); t != entry->second.targets.end()) {
      apply_query_layer(out, t->second);
    }
  }
  return out;
}

ResolvedDeployModel resolve_deploy_model(const Scenario& s, const std::string& target) {
  ResolvedDeployModel out;
  apply_deploy_layer(out, s.deploy.defaults);
  if (auto t = s.deploy.targets.find(target); t != s.deploy.targets.end()) {
    apply_deploy_layer(out, t->second);
  }
  return out;
}

double mean_duration(const Distribution& d) {
  switch (d.kind) {
    case Distribution::Kind::kConstant:
      return std::max(d.a, 0.0);
    case Distribution::Kind::kExponential:
      return d.a;
    case Distribution::Kind::kUniform:
      // E[max(0, X)] for X uniform on [a, b].
      if (d.a >= 0) return (d.a + d.b) / 2;
      if (d.b <= 0) return 0;
      return d.b * d.b / (2 * (d.b - d.a));
    case Distribution::Kind::kNormal: {
      // E[max(0, X)] = mu Phi(mu / sigma) + sigma phi(mu / sigma).
      if (!(d.b > 0)) return std::max(d.a, 0.0);
      const double z = d.a / d.b;
      const double phi = std::exp(-z * z / 2) / std::sqrt(2 * 3.14159265358979323846);
      return d.a * 0.5 * std::erfc(-z / std::sqrt(2.0)) + d.b * phi;
    }
    case Distribution::Kind::kLognormal:
      return d.a * std::exp(d.b * d.b / 2);
    case Distribution::Kind::kGamma:
      return d.a * d.b;
    case Distribution::Kind::kWeibull:
      return d.b * std::tgamma(1 + 1 / d.a);
    case Distribution::Kind::kEmpirical: {
      if (d.values.empty()) return 0;
      double sum = 0;
      for (double v : d.values) sum += std::max(v, 0.0);
      return sum / static_cast<double>(d.values.size());
    }
  }
  return 0;
}

Scenario default_scenario(Deployment deployment) {
  Scenario s;
  s.source_file = deployment.source_file;
  s.name = std::filesystem::path(deployment.source_file).stem().string();
  s.deployment = std::move(deployment);
  return s;
}

}  // namespace deploysim
