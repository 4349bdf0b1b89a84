// The deploy file (armory-reference §1) into a Deployment.

#include <set>
#include <string_view>

#include "deploy_parse.hpp"
#include "suggest.hpp"

namespace deploysim::config {

int error_count(const Diagnostics& diagnostics) {
  int n = 0;
  for (const Problem& p : diagnostics.problems()) {
    if (p.severity == Severity::kError) ++n;
  }
  return n;
}

namespace {

// A webhook's `method` is an HTTP verb (armory-reference 5.2); case is not
// checked, as the examples and Armory's docs differ on nothing but POST/GET.
bool is_http_method(std::string_view method) {
  static constexpr std::string_view kMethods[] = {"GET",    "POST", "PUT",    "PATCH",
                                                  "DELETE", "HEAD", "OPTIONS"};
  for (std::string_view known : kMethods) {
    if (known.size() != method.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < known.size() && same; ++i) {
      same = known[i] == (method[i] >= 'a' && method[i] <= 'z' ? method[i] - 'a' + 'A' : method[i]);
    }
    if (same) return true;
  }
  return false;
}

void read_string(const yaml::Node& map, const char* key, std::string& out, YamlReader& reader) {
  if (yaml::Node n = map[key]) {
    if (auto s = reader.string_value(n, key)) out = *s;
  }
}

void parse_deployment_config(const yaml::Node& node, Deployment& d, YamlReader& reader) {
  if (!reader.expect_map(node, "deploymentConfig")) return;
  reader.check_keys(node, config::kDeploymentConfigKeys, "deploymentConfig");
  if (yaml::Node n = node["timeout"]) {
    if (auto t = parse_timeout(n, "deploymentConfig.timeout", reader)) {
      if (*t < std::chrono::minutes(1)) {
        reader.error(n, "deploymentConfig.timeout must be at least 1 minute, got " +
                            std::to_string(t->count() / 1000) + "s");
      } else {
        d.deployment_config.timeout = *t;
      }
    }
  }
  if (yaml::Node n = node["keepDeploymentObject"]) {
    if (auto b = reader.bool_value(n, "keepDeploymentObject")) {
      d.deployment_config.keep_deployment_object = *b;
    }
  }
  if (yaml::Node n = node["ifDeploymentInProgress"]) {
    if (reader.expect_map(n, "ifDeploymentInProgress")) {
      reader.check_keys(n, config::kIfDeploymentInProgressKeys, "ifDeploymentInProgress");
      if (yaml::Node s = n["strategy"]) {
        if (auto word = reader.string_value(s, "ifDeploymentInProgress.strategy")) {
          if (*word == "reject") {
            d.deployment_config.if_deployment_in_progress = IfDeploymentInProgress::kReject;
          } else if (*word == "enqueueOne") {
            d.deployment_config.if_deployment_in_progress = IfDeploymentInProgress::kEnqueueOne;
          } else {
            reader.error(
                s, "ifDeploymentInProgress.strategy: expected reject or enqueueOne, got '" + *word +
                       "'");
          }
        }
      }
    }
  }
}

void parse_webhooks(const yaml::Node& node, Deployment& d, YamlReader& reader) {
  if (!reader.expect_sequence(node, "webhooks")) return;
  // W1: per name, the line of its definition so far and its index in d.webhooks.
  std::map<std::string, std::pair<int, std::size_t>> defined;
  for (const yaml::Node& item : node) {
    if (!reader.expect_map(item, "webhooks item")) continue;
    reader.check_keys(item, config::kWebhookKeys, "webhook");
    Webhook w;
    w.location = reader.at(item);
    yaml::Node name = item["name"];
    if (!name) {
      reader.error(item, "webhook has no 'name'");
      continue;
    }
    auto text = reader.string_value(name, "webhook name");
    if (!text) continue;
    w.name = *text;
    // W1: real files carry duplicates; leniently the last definition wins.
    std::optional<std::size_t> replaces;
    if (auto it = defined.find(w.name); it != defined.end()) {
      const int line = reader.at(name).line;
      if (reader.strict()) {
        reader.error(name, "duplicate webhook name '" + w.name + "' (first defined on line " +
                               std::to_string(it->second.first) + ")");
        continue;
      }
      reader.warning(name, "duplicate webhook name '" + w.name + "': defined on lines " +
                               std::to_string(it->second.first) + " and " + std::to_string(line) +
                               "; the definition on line " + std::to_string(line) + " wins (W1)");
      replaces = it->second.second;
      it->second.first = line;
    } else {
      defined[w.name] = {reader.at(name).line, d.webhooks.size()};
    }
    read_string(item, "method", w.method, reader);
    if (yaml::Node n = item["method"]; n && !w.method.empty() && !is_http_method(w.method)) {
      reader.error(n,
                   "method: expected an HTTP method (GET, POST, PUT, PATCH, DELETE, HEAD, "
                   "OPTIONS), got '" +
                       w.method + "'");
    }
    if (yaml::Node n = item["uriTemplate"]) {
      if (auto s = reader.string_value(n, "uriTemplate")) w.uri_template = *s;
    } else {
      reader.error(item, "webhook '" + w.name + "' has no 'uriTemplate'");
    }
    if (yaml::Node n = item["networkMode"]) {
      if (auto s = reader.string_value(n, "networkMode")) {
        if (*s == "direct") {
          w.network_mode = NetworkMode::kDirect;
        } else if (*s == "remoteNetworkAgent") {
          w.network_mode = NetworkMode::kRemoteNetworkAgent;
        } else {
          reader.error(n, "networkMode: expected direct or remoteNetworkAgent, got '" + *s + "'" +
                              did_you_mean(*s, {"direct", "remoteNetworkAgent"}));
        }
      }
    }
    read_string(item, "agentIdentifier", w.agent_identifier, reader);
    if (yaml::Node headers = item["headers"]) {
      if (reader.expect_sequence(headers, "headers")) {
        for (const yaml::Node& h : headers) {
          if (!reader.expect_map(h, "headers item")) continue;
          reader.check_keys(h, config::kHeaderKeys, "header");
          Header header;
          if (!h["key"]) reader.error(h, "header has no 'key'");
          read_string(h, "key", header.key, reader);
          read_string(h, "value", header.value, reader);
          w.headers.push_back(header);
        }
      }
    }
    if (yaml::Node body = item["bodyTemplate"]) {
      if (reader.expect_map(body, "bodyTemplate")) {
        reader.check_keys(body, config::kBodyTemplateKeys, "bodyTemplate");
        if (yaml::Node n = body["inline"]) {
          if (auto s = reader.string_value(n, "bodyTemplate.inline")) w.body_template = *s;
        }
        read_string(body, "path", w.body_path, reader);
      }
    }
    if (yaml::Node n = item["retryCount"]) {
      if (auto v = reader.int_value(n, "retryCount")) {
        if (*v < 0 || *v > 1000) {
          reader.error(n, "retryCount must be 0..1000, got " + std::to_string(*v));
        } else {
          w.retry_count = static_cast<int>(*v);
        }
      }
    }
    if (yaml::Node n = item["disableCallback"]) {
      if (auto b = reader.bool_value(n, "disableCallback")) w.disable_callback = *b;
    }
    if (replaces) {
      d.webhooks[*replaces] = std::move(w);  // keeps the first one's place (and index)
    } else {
      d.webhooks.push_back(std::move(w));
    }
  }
}

void parse_analysis_config(const yaml::Node& node, Deployment& d, YamlReader& reader) {
  d.analysis.present = true;
  if (!reader.expect_map(node, "analysis")) return;
  reader.check_keys(node, config::kAnalysisConfigKeys, "analysis");
  read_string(node, "defaultMetricProviderName", d.analysis.default_metric_provider_name, reader);
  yaml::Node queries = node["queries"];
  if (!queries) {
    reader.error(node, "analysis has no 'queries'");
    return;
  }
  if (!reader.expect_sequence(queries, "analysis.queries")) return;
  std::map<std::string, int> first_line;
  for (const yaml::Node& item : queries) {
    if (!reader.expect_map(item, "analysis.queries item")) continue;
    reader.check_keys(item, config::kQueryKeys, "query");
    Query q;
    q.location = reader.at(item);
    yaml::Node name = item["name"];
    if (!name) {
      reader.error(item, "query has no 'name'");
      continue;
    }
    auto text = reader.string_value(name, "query name");
    if (!text) continue;
    q.name = *text;
    if (auto it = first_line.find(q.name); it != first_line.end()) {
      reader.error(name, "duplicate query name '" + q.name + "' (first defined on line " +
                             std::to_string(it->second) + ")");
      continue;
    }
    first_line[q.name] = reader.at(name).line;
    if (yaml::Node n = item["queryTemplate"]) {
      if (auto s = reader.string_value(n, "queryTemplate")) q.query_template = *s;
    } else {
      reader.error(item, "query '" + q.name + "' has no 'queryTemplate'");
    }
    if (yaml::Node n = item["upperLimit"]) q.upper_limit = reader.number_value(n, "upperLimit");
    if (yaml::Node n = item["lowerLimit"]) q.lower_limit = reader.number_value(n, "lowerLimit");
    if (!item["upperLimit"] && !item["lowerLimit"]) {
      reader.error(item, "query '" + q.name + "' has neither 'upperLimit' nor 'lowerLimit'");
    }
    if (q.upper_limit && q.lower_limit && *q.lower_limit > *q.upper_limit) {
      reader.error(item["lowerLimit"], "query '" + q.name + "' has lowerLimit above upperLimit");
    }
    read_string(item, "metricProviderName", q.metric_provider_name, reader);
    d.analysis.queries.push_back(std::move(q));
  }
}

void parse_strategies(const yaml::Node& node, DeployParse& parse, YamlReader& reader) {
  if (!reader.expect_map(node, "strategies")) return;
  std::set<std::string> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    std::string name = key_text(it->first);
    if (!seen.insert(name).second) {
      reader.error(it->first, "duplicate strategy name '" + name + "'");
      continue;
    }
    yaml::Node body = it->second;
    Strategy strategy;
    strategy.name = name;
    strategy.location = reader.at(it->first);
    if (!reader.expect_map(body, "strategy '" + name + "'")) continue;
    reader.check_keys(body, config::kStrategyKeys, "strategy '" + name + "'");
    yaml::Node canary = body["canary"];
    yaml::Node blue_green = body["blueGreen"];
    if ((canary ? 1 : 0) + (blue_green ? 1 : 0) != 1) {
      reader.error(it->first,
                   "strategy '" + name + "' must have exactly one of 'canary' or " + "'blueGreen'");
      continue;
    }
    if (canary) {
      CanaryStrategy c;
      if (reader.expect_map(canary, "canary")) {
        reader.check_keys(canary, config::kCanaryKeys, "canary");
        if (yaml::Node steps = canary["steps"]) {
          c.steps = parse_steps(steps, StepListKind::kCanary, "canary steps", parse, reader);
        } else {
          reader.error(canary, "canary strategy '" + name + "' has no 'steps'");
        }
      }
      strategy.kind = std::move(c);
    } else {
      BlueGreenStrategy b;
      if (reader.expect_map(blue_green, "blueGreen")) {
        reader.check_keys(blue_green, config::kBlueGreenKeys, "blueGreen");
        read_string(blue_green, "activeService", b.active_service, reader);
        read_string(blue_green, "previewService", b.preview_service, reader);
        if (yaml::Node l = blue_green["redirectTrafficAfter"]) {
          b.redirect_traffic_after = parse_steps(l, StepListKind::kRedirectTrafficAfter,
                                                 "redirectTrafficAfter", parse, reader);
        }
        yaml::Node shut = blue_green["shutDownOldVersionAfter"]
                              ? blue_green["shutDownOldVersionAfter"]
                              : blue_green["shutdownOldVersionAfter"];
        if (blue_green["shutdownOldVersionAfter"]) {
          reader.quirk(key_of(blue_green, "shutdownOldVersionAfter"),
                       "'shutdownOldVersionAfter' is a docs spelling of "
                       "'shutDownOldVersionAfter'");
        }
        if (shut) {
          b.shut_down_old_version_after = parse_steps(shut, StepListKind::kShutDownOldVersionAfter,
                                                      "shutDownOldVersionAfter", parse, reader);
        }
      }
      strategy.kind = std::move(b);
    }
    parse.deployment.strategies.push_back(std::move(strategy));
  }
}

void parse_target(const std::string& name, const yaml::Node& key, const yaml::Node& body,
                  DeployParse& parse, YamlReader& reader) {
  Target t;
  t.name = name;
  t.location = reader.at(key);
  std::vector<yaml::Node> depends_nodes;
  if (reader.expect_map(body, "target '" + name + "'")) {
    reader.check_keys(body, config::kTargetKeys, "target '" + name + "'");
    if (!body["account"]) reader.error(key, "target '" + name + "' has no 'account'");
    read_string(body, "account", t.account, reader);
    read_string(body, "namespace", t.namespace_name, reader);
    read_string(body, "region", t.region, reader);
    read_string(body, "deployAsIamRole", t.deploy_as_iam_role, reader);
    if (yaml::Node s = body["strategy"]) {
      if (auto text = reader.string_value(s, "strategy")) {
        t.strategy = *text;
        t.strategy_index = parse.deployment.find_strategy(t.strategy);
        if (t.strategy_index < 0 && excerpt_omits(parse.root, "strategies")) {
          // A published excerpt (example 07) leaves `strategies` out: leniently
          // the target deploys 100 % at once, as without a strategy (K7).
          reader.quirk(s, "strategy '" + t.strategy +
                              "': the file has no 'strategies'; the target deploys 100% at "
                              "once (K7)");
        } else if (t.strategy_index < 0) {
          std::vector<std::string> names;
          for (const Strategy& st : parse.deployment.strategies) names.push_back(st.name);
          reader.error(s, "strategy '" + t.strategy + "' names no strategy" +
                              (names.empty() ? std::string(" (the file has no 'strategies')")
                                             : did_you_mean(t.strategy, names)));
        }
      }
    }
    if (yaml::Node c = body["constraints"]) {
      if (!c.IsNull() && reader.expect_map(c, "constraints")) {
        reader.check_keys(c, config::kConstraintsKeys, "constraints of target '" + name + "'");
        if (yaml::Node dep = c["dependsOn"]) {
          if (auto names = reader.string_list(dep, "dependsOn")) {
            if (names->empty()) reader.quirk(dep, "dependsOn: expected at least one target name");
            t.constraints.depends_on = *names;
            for (std::size_t i = 0; i < names->size(); ++i) depends_nodes.push_back(dep[i]);
          }
        }
        if (yaml::Node l = c["beforeDeployment"]) {
          t.constraints.before_deployment =
              parse_steps(l, StepListKind::kBeforeDeployment, "beforeDeployment", parse, reader);
        }
        if (yaml::Node l = c["afterDeployment"]) {
          t.constraints.after_deployment =
              parse_steps(l, StepListKind::kAfterDeployment, "afterDeployment", parse, reader);
        }
      }
    }
  }
  parse.deployment.targets.push_back(std::move(t));
  parse.depends_on.push_back(std::move(depends_nodes));
}

// Checks a `targets:` list of a manifest or trafficManagement entry.
std::optional<std::vector<std::string>> parse_target_refs(const yaml::Node& node,
                                                          const std::string& what,
                                                          DeployParse& parse, YamlReader& reader) {
  auto names = reader.string_list(node, what);
  if (!names) return std::nullopt;
  for (std::size_t i = 0; i < names->size(); ++i) {
    const std::string& n = (*names)[i];
    if (parse.deployment.find_target(n) < 0) {
      reader.error(node[i],
                   what + ": '" + n + "' names no target" + did_you_mean(n, parse.target_names));
    }
  }
  return names;
}

// The first template placeholder `<name>` (name: [A-Za-z0-9_.-]+) in `path`,
// as the docs' samples leave them ("<your-manifest>.yaml"); empty when none.
// A plain scan, linear in the length: std::regex recursed per character and
// overflowed the stack on long paths.
std::string_view first_placeholder(std::string_view path) {
  auto is_name_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
  };
  std::size_t i = 0;
  while ((i = path.find('<', i)) != std::string_view::npos) {
    std::size_t j = i + 1;
    while (j < path.size() && is_name_char(path[j])) ++j;
    if (j > i + 1 && j < path.size() && path[j] == '>') return path.substr(i, j + 1 - i);
    i = j;  // the name characters cannot start a placeholder: go on after them
  }
  return {};
}

// A manifest's `targets:`: a name that is no target is ignored by the real
// service's orchestration, so lenient mode warns and leaves it out; strict
// mode refuses it.
std::optional<std::vector<std::string>> parse_manifest_targets(const yaml::Node& node,
                                                               const std::string& what,
                                                               DeployParse& parse,
                                                               YamlReader& reader) {
  auto names = reader.string_list(node, what);
  if (!names) return std::nullopt;
  std::vector<std::string> known;
  for (std::size_t i = 0; i < names->size(); ++i) {
    const std::string& n = (*names)[i];
    if (parse.deployment.find_target(n) >= 0) {
      known.push_back(n);
      continue;
    }
    reader.quirk(node[i], what + ": '" + n + "' names no target" +
                              did_you_mean(n, parse.target_names) +
                              (reader.strict() ? "" : "; the manifest is not deployed there"));
  }
  return known;
}

void parse_manifests(const yaml::Node& node, DeployParse& parse, YamlReader& reader) {
  if (!reader.expect_sequence(node, "manifests")) return;
  int index = 0;
  for (const yaml::Node& item : node) {
    std::string what = "manifests[" + std::to_string(index++) + "]";
    if (!reader.expect_map(item, what)) continue;
    reader.check_keys(item, config::kManifestKeys, what);
    Manifest m;
    m.location = reader.at(item);
    if (yaml::Node p = item["path"]) {
      if (auto s = reader.string_value(p, what + ".path")) {
        m.path = *s;
        if (std::string_view placeholder = first_placeholder(m.path); !placeholder.empty()) {
          reader.error(p, "placeholder '" + excerpt(placeholder) + "' left in " + what + ".path");
        }
      }
    }
    if (yaml::Node i = item["inline"]) {
      if (auto s = reader.string_value(i, what + ".inline")) m.inline_text = *s;
    }
    if (!item["path"] && !item["inline"]) {
      reader.error(item, what + " has neither 'path' nor 'inline'");
    }
    if (yaml::Node t = item["targets"]) {
      m.targets = parse_manifest_targets(t, what + ".targets", parse, reader);
      if (m.targets && t.size() == 0) {
        reader.error(t, what +
                            ".targets is empty: name at least one target, or omit it to "
                            "deploy to every target");
      }
    }
    parse.deployment.manifests.push_back(std::move(m));
  }
}

void parse_traffic_entry(const yaml::Node& item, const std::string& what, DeployParse& parse,
                         YamlReader& reader) {
  if (!reader.expect_map(item, what)) return;
  reader.check_keys(item, config::kTrafficManagementKeys, what);
  TrafficManagement tm;
  if (yaml::Node t = item["targets"])
    tm.targets = parse_target_refs(t, what + ".targets", parse, reader);
  auto each = [&](const char* key, auto&& fn) {
    if (yaml::Node list = item[key]) {
      if (!reader.expect_sequence(list, what + "." + key)) return;
      for (const yaml::Node& e : list) {
        if (reader.expect_map(e, what + "." + key + " item")) fn(e);
      }
    }
  };
  each("smi", [&](const yaml::Node& e) {
    reader.check_keys(e, config::kSmiKeys, "smi");
    SmiRoute r;
    read_string(e, "rootServiceName", r.root_service_name, reader);
    read_string(e, "canaryServiceName", r.canary_service_name, reader);
    read_string(e, "trafficSplitName", r.traffic_split_name, reader);
    tm.smi.push_back(r);
  });
  each("kubernetes", [&](const yaml::Node& e) {
    reader.check_keys(e, config::kKubernetesServicesKeys, "kubernetes");
    KubernetesServices k;
    read_string(e, "activeService", k.active_service, reader);
    read_string(e, "previewService", k.preview_service, reader);
    tm.kubernetes.push_back(k);
  });
  each("istio", [&](const yaml::Node& e) {
    reader.check_keys(e, config::kIstioKeys, "istio");
    IstioRoute r;
    if (yaml::Node vs = e["virtualService"]; vs && reader.expect_map(vs, "virtualService")) {
      reader.check_keys(vs, config::kVirtualServiceKeys, "virtualService");
      read_string(vs, "name", r.virtual_service_name, reader);
      read_string(vs, "httpRouteName", r.http_route_name, reader);
    }
    if (yaml::Node dr = e["destinationRule"]; dr && reader.expect_map(dr, "destinationRule")) {
      reader.check_keys(dr, config::kDestinationRuleKeys, "destinationRule");
      read_string(dr, "name", r.destination_rule_name, reader);
      read_string(dr, "activeSubsetName", r.active_subset_name, reader);
      read_string(dr, "canarySubsetName", r.canary_subset_name, reader);
    }
    tm.istio.push_back(r);
  });
  each("alias", [&](const yaml::Node& e) {
    reader.check_keys(e, config::kAliasKeys, "alias");
    LambdaAlias a;
    read_string(e, "functionName", a.function_name, reader);
    read_string(e, "aliasName", a.alias_name, reader);
    tm.alias.push_back(a);
  });
  parse.deployment.traffic_management.push_back(std::move(tm));
}

void parse_traffic_management(const yaml::Node& node, DeployParse& parse, YamlReader& reader) {
  if (node.IsMap()) {
    reader.quirk(node, "trafficManagement: expected a list; a single mapping is read as one entry");
    parse_traffic_entry(node, "trafficManagement", parse, reader);
    return;
  }
  if (!reader.expect_sequence(node, "trafficManagement")) return;
  int index = 0;
  for (const yaml::Node& item : node) {
    parse_traffic_entry(item, "trafficManagement[" + std::to_string(index++) + "]", parse, reader);
  }
}

void parse_lambda_blocks(const yaml::Node& root, DeployParse& parse, YamlReader& reader) {
  Deployment& d = parse.deployment;
  if (yaml::Node artifacts = root["artifacts"]) {
    if (reader.expect_sequence(artifacts, "artifacts")) {
      for (const yaml::Node& a : artifacts) {
        if (!reader.expect_map(a, "artifacts item")) continue;
        reader.check_keys(a, config::kArtifactKeys, "artifact");
        LambdaArtifact art;
        read_string(a, "functionName", art.function_name, reader);
        read_string(a, "path", art.path, reader);
        read_string(a, "type", art.type, reader);
        d.artifacts.push_back(art);
      }
    }
  }
  if (yaml::Node options = root["providerOptions"]) {
    if (reader.expect_map(options, "providerOptions")) {
      reader.check_keys(options, config::kProviderOptionsKeys, "providerOptions");
      if (yaml::Node lambda = options["lambda"];
          lambda && reader.expect_sequence(lambda, "lambda")) {
        for (const yaml::Node& o : lambda) {
          if (!reader.expect_map(o, "providerOptions.lambda item")) continue;
          reader.check_keys(o, config::kLambdaProviderOptionKeys, "providerOptions.lambda item");
          LambdaProviderOption opt;
          read_string(o, "name", opt.name, reader);
          read_string(o, "target", opt.target, reader);
          read_string(o, "runAsIamRole", opt.run_as_iam_role, reader);
          read_string(o, "handler", opt.handler, reader);
          read_string(o, "runtime", opt.runtime, reader);
          if (!opt.target.empty() && d.find_target(opt.target) < 0) {
            reader.error(o["target"], "providerOptions.lambda target '" + opt.target +
                                          "' names no target" +
                                          did_you_mean(opt.target, parse.target_names));
          }
          d.lambda_provider_options.push_back(opt);
        }
      }
    }
  }
}

void parse_target_filters(const yaml::Node& node, DeployParse& parse, YamlReader& reader) {
  if (!reader.expect_sequence(node, "targetFilters")) return;
  for (const yaml::Node& f : node) {
    if (!reader.expect_map(f, "targetFilters item")) continue;
    reader.check_keys(f, config::kTargetFilterKeys, "targetFilters item");
    yaml::Node t = f["includeTarget"];
    if (!t) {
      reader.error(f, "targetFilters item has no 'includeTarget'");
      continue;
    }
    if (auto name = reader.string_value(t, "includeTarget")) {
      if (parse.deployment.find_target(*name) < 0) {
        reader.error(t, "includeTarget '" + *name + "' names no target" +
                            did_you_mean(*name, parse.target_names));
      }
      parse.deployment.target_filters.push_back(*name);
    }
  }
}

}  // namespace

namespace {

// The judgment runs one deployment may ask for across all its targets
// (docs/LIMITS.md). Each is a recorded measurement: 10^7 of them (100 steps of
// 100,000, issue 20) took 3.3 GB for one report.
constexpr std::int64_t kMaxJudgmentRunsPerDeployment = 1'000'000;

// Refuses, at the analysis step that crosses it, a deployment whose targets
// together ask for more than kMaxJudgmentRunsPerDeployment judgment runs.
void check_judgment_runs(const Deployment& d, Diagnostics& diagnostics) {
  std::int64_t total = 0;
  auto add = [&](const std::vector<Step>& steps) {
    for (const Step& step : steps) {
      const auto* analysis = std::get_if<AnalysisStep>(&step.action);
      if (analysis == nullptr) continue;
      total += analysis->number_of_judgment_runs;
      if (total > kMaxJudgmentRunsPerDeployment) {
        diagnostics.error(step.location,
                          "analysis: the deployment asks for more than " +
                              std::to_string(kMaxJudgmentRunsPerDeployment) +
                              " judgment runs in all (numberOfJudgmentRuns summed over every "
                              "analysis step of every target); the limit keeps one report in "
                              "memory (docs/LIMITS.md)");
        return false;
      }
    }
    return true;
  };
  for (const Target& t : d.targets) {
    if (!add(t.constraints.before_deployment) || !add(t.constraints.after_deployment)) return;
    if (t.strategy_index < 0 || t.strategy_index >= static_cast<int>(d.strategies.size())) continue;
    const Strategy& s = d.strategies[static_cast<std::size_t>(t.strategy_index)];
    if (const auto* canary = std::get_if<CanaryStrategy>(&s.kind)) {
      if (!add(canary->steps)) return;
    } else if (const auto* bg = std::get_if<BlueGreenStrategy>(&s.kind)) {
      if (!add(bg->redirect_traffic_after) || !add(bg->shut_down_old_version_after)) return;
    }
  }
}

}  // namespace

std::optional<Deployment> load_deployment_from_node(const yaml::Node& root, YamlReader& reader,
                                                    const TemplateSources& sources) {
  const int errors_before = error_count(reader.diagnostics());
  DeployParse parse;
  parse.root = root;
  Deployment& d = parse.deployment;
  d.source_file = reader.file();
  if (!root.IsMap()) {
    reader.error(root, "expected a deploy file (a mapping with 'targets'), got " +
                           YamlReader::describe(root));
    return std::nullopt;
  }
  yaml::Node targets = root["targets"];
  if (!targets) {
    reader.error(root, "no 'targets': this looks like a fragment, not a deploy file");
    return std::nullopt;
  }
  reader.check_keys(root, config::kDeployFileKeys, "the deploy file");
  read_string(root, "version", d.version, reader);
  if (!root["kind"] && (root["artifacts"] || root["providerOptions"])) {
    // Lambda excerpts (example 07) omit `kind` although their blocks say lambda.
    reader.quirk(root,
                 "no 'kind': the file has lambda blocks (artifacts, providerOptions), "
                 "so it is read as kind: lambda");
    d.kind = DeploymentKind::kLambda;
  }
  if (yaml::Node kind = root["kind"]) {
    if (auto s = reader.string_value(kind, "kind")) {
      if (*s == "kubernetes") {
        d.kind = DeploymentKind::kKubernetes;
      } else if (*s == "lambda") {
        d.kind = DeploymentKind::kLambda;
      } else {
        reader.error(kind, "kind: expected kubernetes or lambda, got '" + *s + "'" +
                               did_you_mean(*s, {"kubernetes", "lambda"}));
      }
    }
  }
  read_string(root, "application", d.application, reader);
  read_string(root, "description", d.description, reader);
  if (yaml::Node n = root["context"]) {
    if (auto m = reader.string_map(n, "context")) d.context = *m;
  }
  if (yaml::Node n = root["contextOverrides"]) {
    if (auto m = reader.string_map(n, "contextOverrides")) d.context_overrides = *m;
  }
  if (yaml::Node n = root["deploymentConfig"]) parse_deployment_config(n, d, reader);
  if (yaml::Node n = root["webhooks"]) parse_webhooks(n, d, reader);
  if (yaml::Node n = root["analysis"]) parse_analysis_config(n, d, reader);

  if (reader.expect_map(targets, "targets")) {
    std::set<std::string> seen;
    for (auto it = targets.begin(); it != targets.end(); ++it) {
      std::string name = key_text(it->first);
      if (!seen.insert(name).second) {
        reader.error(it->first, "duplicate target name '" + name + "'");
        continue;
      }
      parse.target_names.push_back(name);
    }
    if (parse.target_names.empty()) {
      reader.error(targets, "targets: expected at least one target");
    }
  }
  if (yaml::Node n = root["strategies"]) parse_strategies(n, parse, reader);
  if (targets.IsMap()) {
    d.targets.reserve(parse.target_names.size());
    parse.depends_on.reserve(parse.target_names.size());
    std::set<std::string> done;
    for (auto it = targets.begin(); it != targets.end(); ++it) {
      std::string name = key_text(it->first);
      if (!done.insert(name).second) continue;
      parse_target(name, it->first, it->second, parse, reader);
    }
  }
  if (yaml::Node n = root["manifests"]) parse_manifests(n, parse, reader);
  if (d.kind == DeploymentKind::kKubernetes && d.manifests.empty()) {
    yaml::Node manifests = root["manifests"];
    reader.error(manifests ? manifests : root,
                 "no 'manifests': a kubernetes deploy file needs at least one (the schema "
                 "requires it)");
  }
  if (yaml::Node n = root["trafficManagement"]) parse_traffic_management(n, parse, reader);
  parse_lambda_blocks(root, parse, reader);
  if (yaml::Node n = root["targetFilters"]) parse_target_filters(n, parse, reader);

  check_target_graph(parse, reader);
  check_judgment_runs(d, reader.diagnostics());
  lint_deployment(parse, sources, reader);
  if (error_count(reader.diagnostics()) > errors_before) return std::nullopt;
  resolve_references(parse.deployment);
  return std::move(parse.deployment);
}

}  // namespace deploysim::config
