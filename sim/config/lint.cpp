// Lint warnings over a parsed deploy file: W8 (no callback URI), webhooks
// that nothing runs, and {{context.X}} that no context provides.
//
// Templates are read by plain scanning, never std::regex: libstdc++'s regex
// recurses once per character and overflows the stack on long inputs.

#include <set>
#include <string_view>

#include "deploy_parse.hpp"

namespace deploysim::internal {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

// Calls fn(name) for every `{{ name }}` in `text` (W2: whitespace allowed
// inside the braces; the same reading as the model's template renderer).
// One pass: each position is looked at a bounded number of times.
template <typename Fn>
void for_each_variable(std::string_view text, Fn&& fn) {
  std::size_t i = 0;
  while ((i = text.find("{{", i)) != std::string_view::npos) {
    std::size_t j = i + 2;
    while (j < text.size() && is_space(text[j])) ++j;
    const std::size_t name_begin = j;
    while (j < text.size() && is_name_char(text[j])) ++j;
    const std::size_t name_end = j;
    while (j < text.size() && is_space(text[j])) ++j;
    if (name_end > name_begin && text.substr(j, 2) == "}}") {
      fn(text.substr(name_begin, name_end - name_begin));
      i = j + 2;
    } else {
      ++i;  // "{{{x}}" still finds the reference that starts one later
    }
  }
}

// Keys X of every {{<prefix>X}} in `text` ("context.", "secrets.").
void variables_under(std::string_view text, std::string_view prefix, std::set<std::string>& out) {
  for_each_variable(text, [&](std::string_view name) {
    if (name.size() > prefix.size() && name.substr(0, prefix.size()) == prefix) {
      out.emplace(name.substr(prefix.size()));
    }
  });
}

// Names X of every {{context.X}} in `text`.
void context_variables(const std::string& text, std::set<std::string>& out) {
  variables_under(text, "context.", out);
}

std::set<std::string> webhook_context_variables(const Webhook& w) {
  std::set<std::string> vars;
  context_variables(w.uri_template, vars);
  for (const Header& h : w.headers) context_variables(h.value, vars);
  if (w.body_template) context_variables(*w.body_template, vars);
  return vars;
}

bool sends_callback_uri(const Webhook& w) {
  bool found = false;
  auto scan = [&](std::string_view text) {
    for_each_variable(
        text, [&](std::string_view name) { found = found || name == "armory.callbackUri"; });
  };
  scan(w.uri_template);
  for (const Header& h : w.headers) scan(h.value);
  if (w.body_template) scan(*w.body_template);
  return found;
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
            warn(step, "{{context." + excerpt(var) + "}} in webhook '" + hook.name +
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
              warn(step, "{{context." + excerpt(var) + "}} in query '" + query.name +
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
