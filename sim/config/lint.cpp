// Lint warnings over a parsed deploy file: W8 (no callback URI, or only the
// legacy ${callbackUri}), webhooks that nothing runs, and {{context.X}} /
// {{secrets.X}} that nothing provides (W2). They are load-time warnings, so
// `validate` and `run` print the same ones.
//
// Templates are read by plain scanning, never std::regex: libstdc++'s regex
// recurses once per character and overflows the stack on long inputs.

#include <map>
#include <set>
#include <string_view>

#include "deploy_parse.hpp"

namespace deploysim::config {

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

// Every template of a webhook's request (URI, header values, body).
template <typename Fn>
void for_each_template(const Webhook& w, Fn&& fn) {
  fn(std::string_view(w.uri_template));
  for (const Header& h : w.headers) fn(std::string_view(h.value));
  if (w.body_template) fn(std::string_view(*w.body_template));
}

std::set<std::string> webhook_variables(const Webhook& w, std::string_view prefix) {
  std::set<std::string> vars;
  for_each_template(w, [&](std::string_view text) { variables_under(text, prefix, vars); });
  return vars;
}

bool sends_callback_uri(const Webhook& w) {
  bool found = false;
  for_each_template(w, [&](std::string_view text) {
    for_each_variable(
        text, [&](std::string_view name) { found = found || name == "armory.callbackUri"; });
  });
  return found;
}

// W8: the legacy `${callbackUri}` form (whitespace allowed inside the braces).
bool has_legacy_callback_uri(std::string_view text) {
  std::size_t i = 0;
  while ((i = text.find("${", i)) != std::string_view::npos) {
    std::size_t j = i + 2;
    while (j < text.size() && is_space(text[j])) ++j;
    if (text.substr(j, 11) == "callbackUri") {
      j += 11;
      while (j < text.size() && is_space(text[j])) ++j;
      if (j < text.size() && text[j] == '}') return true;
    }
    i += 2;
  }
  return false;
}

bool sends_legacy_callback_uri(const Webhook& w) {
  bool found = false;
  for_each_template(w,
                    [&](std::string_view text) { found = found || has_legacy_callback_uri(text); });
  return found;
}

class StepLinter {
 public:
  StepLinter(const Deployment& d, const TemplateSources& sources, YamlReader& reader)
      : d_(d), sources_(sources), reader_(reader), used_(d.webhooks.size(), false) {}

  void lint(const std::vector<Step>& steps) {
    for (const Step& step : steps) {
      if (const auto* w = std::get_if<WebhookStep>(&step.action)) {
        if (w->webhook < 0) continue;
        used_[static_cast<std::size_t>(w->webhook)] = true;
        const Webhook& hook = d_.webhooks[static_cast<std::size_t>(w->webhook)];
        for (const std::string& var : webhook_variables(hook, "context.")) {
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
          variables_under(query.query_template, "context.", vars);
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
           d_.context_overrides.count(var) != 0 || sources_.context.count(var) != 0;
  }

  void warn(const Step& step, const std::string& message) {
    // A strategy's steps are linted once per strategy, not per target: dedupe.
    auto key = std::make_tuple(step.location.line, step.location.column, message);
    if (!reported_.insert(key).second) return;
    reader_.diagnostics().warning(step.location, message);
  }

  const Deployment& d_;
  const TemplateSources& sources_;
  YamlReader& reader_;
  std::vector<bool> used_;
  std::set<std::tuple<int, int, std::string>> reported_;
};

// W2: a {{secrets.X}} the scenario does not give renders empty. One warning
// per secret, at its first use, naming every template that uses it.
void lint_secrets(const Deployment& d, const TemplateSources& sources, YamlReader& reader) {
  struct Use {
    SourceLocation first;
    std::string users;
  };
  std::map<std::string, Use> unknown;
  std::vector<std::string> order;  // first-use order, so the warnings come out in file order
  auto note = [&](const SourceLocation& where, const std::string& user,
                  const std::set<std::string>& vars) {
    for (const std::string& var : vars) {
      if (sources.secrets.count(var) != 0) continue;
      auto [it, added] = unknown.try_emplace(var, Use{where, user});
      if (added) {
        order.push_back(var);
      } else {
        it->second.users += ", " + user;
      }
    }
  };
  for (const Webhook& w : d.webhooks) {
    note(w.location, "webhook '" + w.name + "'", webhook_variables(w, "secrets."));
  }
  for (const Query& q : d.analysis.queries) {
    std::set<std::string> vars;
    variables_under(q.query_template, "secrets.", vars);
    note(q.location, "query '" + q.name + "'", vars);
  }
  for (const std::string& var : order) {
    const Use& use = unknown[var];
    reader.diagnostics().warning(use.first, "{{secrets." + excerpt(var) +
                                                "}} is not among the scenario's secrets: it "
                                                "renders empty (used by " +
                                                use.users + ")");
  }
}

}  // namespace

void lint_deployment(const DeployParse& parse, const TemplateSources& sources, YamlReader& reader) {
  const Deployment& d = parse.deployment;
  StepLinter linter(d, sources, reader);
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
  lint_secrets(d, sources, reader);
  for (std::size_t i = 0; i < d.webhooks.size(); ++i) {
    const Webhook& w = d.webhooks[i];
    if (!w.disable_callback && w.body_path.empty() && !sends_callback_uri(w)) {
      if (sends_legacy_callback_uri(w)) {
        // A quirk of older files: a warning, or an error in strict mode.
        const std::string message =
            "webhook '" + w.name +
            "' sends the legacy ${callbackUri}, which is never filled in: write "
            "{{armory.callbackUri}} instead; as written it can never be called back, every call "
            "will time out (W8)";
        if (reader.strict()) {
          reader.diagnostics().error(w.location, message);
        } else {
          reader.diagnostics().warning(w.location, message);
        }
      } else {
        reader.diagnostics().warning(
            w.location, "webhook '" + w.name +
                            "' never sends {{armory.callbackUri}}: it can never be called back, "
                            "every call will time out (W8)");
      }
    }
    if (!linter.used()[i]) {
      reader.diagnostics().warning(w.location,
                                   "webhook '" + w.name + "' is defined but never used");
    }
  }
}

}  // namespace deploysim::config
