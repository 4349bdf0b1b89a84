// Lint warnings over a parsed deploy file: W8 (no callback URI), webhooks
// that nothing runs, and {{context.X}} that no context provides.

#include <regex>
#include <set>

#include "deploy_parse.hpp"

namespace deploysim::internal {

namespace {

const std::regex& callback_uri_pattern() {
  static const std::regex re(R"(\{\{\s*armory\.callbackUri\s*\}\})");
  return re;
}

// Names X of every {{context.X}} in `text`.
void context_variables(const std::string& text, std::set<std::string>& out) {
  static const std::regex re(R"(\{\{\s*context\.([A-Za-z0-9_.-]+)\s*\}\})");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
       ++it) {
    out.insert((*it)[1].str());
  }
}

std::set<std::string> webhook_context_variables(const Webhook& w) {
  std::set<std::string> vars;
  context_variables(w.uri_template, vars);
  for (const Header& h : w.headers) context_variables(h.value, vars);
  if (w.body_template) context_variables(*w.body_template, vars);
  return vars;
}

bool sends_callback_uri(const Webhook& w) {
  if (std::regex_search(w.uri_template, callback_uri_pattern())) return true;
  for (const Header& h : w.headers) {
    if (std::regex_search(h.value, callback_uri_pattern())) return true;
  }
  return w.body_template && std::regex_search(*w.body_template, callback_uri_pattern());
}

class StepLinter {
 public:
  StepLinter(const Deployment& d, const ContextMap* extra, YamlReader& reader)
      : d_(d), extra_(extra), reader_(reader), used_(d.webhooks.size(), false) {}

  void lint(const std::vector<Step>& steps) {
    for (const Step& step : steps) {
      if (const auto* w = std::get_if<WebhookStep>(&step.action)) {
        if (w->webhook < 0) continue;
        used_[static_cast<std::size_t>(w->webhook)] = true;
        const Webhook& hook = d_.webhooks[static_cast<std::size_t>(w->webhook)];
        for (const std::string& var : webhook_context_variables(hook)) {
          if (!provided(var, w->context)) {
            warn(step, "{{context." + var + "}} in webhook '" + hook.name +
                           "' is provided by no context at this step (it renders empty)");
          }
        }
      } else if (const auto* a = std::get_if<AnalysisStep>(&step.action)) {
        for (int q : a->query_indices) {
          if (q < 0) continue;
          const Query& query = d_.analysis.queries[static_cast<std::size_t>(q)];
          std::set<std::string> vars;
          context_variables(query.query_template, vars);
          for (const std::string& var : vars) {
            if (!provided(var, a->context)) {
              warn(step, "{{context." + var + "}} in query '" + query.name +
                             "' is provided by no context at this step (it renders empty)");
            }
          }
        }
      }
    }
  }

  const std::vector<bool>& used() const { return used_; }

 private:
  bool provided(const std::string& var, const ContextMap& step_context) const {
    return step_context.count(var) != 0 || d_.context.count(var) != 0 ||
           d_.context_overrides.count(var) != 0 || (extra_ != nullptr && extra_->count(var) != 0);
  }

  void warn(const Step& step, const std::string& message) {
    // A strategy's steps are linted once per strategy, not per target: dedupe.
    auto key = std::make_tuple(step.location.line, step.location.column, message);
    if (!reported_.insert(key).second) return;
    reader_.diagnostics().warning(step.location, message);
  }

  const Deployment& d_;
  const ContextMap* extra_;
  YamlReader& reader_;
  std::vector<bool> used_;
  std::set<std::tuple<int, int, std::string>> reported_;
};

}  // namespace

void lint_deployment(const DeployParse& parse, const ContextMap* extra_context,
                     YamlReader& reader) {
  const Deployment& d = parse.deployment;
  StepLinter linter(d, extra_context, reader);
  for (const Target& t : d.targets) {
    linter.lint(t.constraints.before_deployment);
    linter.lint(t.constraints.after_deployment);
  }
  for (const Strategy& s : d.strategies) {
    if (const auto* c = std::get_if<CanaryStrategy>(&s.kind)) {
      linter.lint(c->steps);
    } else if (const auto* b = std::get_if<BlueGreenStrategy>(&s.kind)) {
      linter.lint(b->redirect_traffic_after);
      linter.lint(b->shut_down_old_version_after);
    }
  }
  for (std::size_t i = 0; i < d.webhooks.size(); ++i) {
    const Webhook& w = d.webhooks[i];
    if (!w.disable_callback && w.body_path.empty() && !sends_callback_uri(w)) {
      reader.diagnostics().warning(
          w.location, "webhook '" + w.name +
                          "' never sends {{armory.callbackUri}}: it can never be called back, "
                          "every call will time out (W8)");
    }
    if (!linter.used()[i]) {
      reader.diagnostics().warning(w.location,
                                   "webhook '" + w.name + "' is defined but never used");
    }
  }
}

}  // namespace deploysim::internal
