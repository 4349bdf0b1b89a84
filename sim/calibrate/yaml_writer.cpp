// The scenario fragment. For a webhook:
//   NAME:
//     latency: {lognormal: {median: 603.214, sigma: 0.8236}}   # median 10m 3s
//     outcome: {success: 0.9, failure: 0.1}
// ready to paste under `webhooks:`; for approvals the key path (default,
// targets.prod, roles.release-managers, ...) with `after` and `decision`,
// ready to paste under `approvals:`. Durations are bare seconds (SCENARIO.md
// DURATION), to the millisecond the simulator keeps.
#include <cmath>
#include <sstream>

#include "format.hpp"

namespace deploysim::calibrate {
namespace {

std::string dist_text(const Fit& fit) {
  std::ostringstream out;
  out << '{' << to_string(fit.family) << ": ";
  if (fit.family == Family::kEmpirical) {
    out << '[';
    for (std::size_t i = 0; i < fit.values.size(); ++i) {
      out << (i ? ", " : "") << number_text(std::round(fit.values[i] * 1000.0) / 1000.0);
    }
    out << "]}";
    return out.str();
  }
  out << '{';
  for (std::size_t i = 0; i < fit.parameters.size(); ++i) {
    const Parameter& p = fit.parameters[i];
    out << (i ? ", " : "") << p.name << ": " << number_text(rounded(p, p.value));
  }
  out << "}}";
  return out.str();
}

// "# median 10m 3s" for the duration parameters, for people.
std::string dist_comment(const Fit& fit) {
  std::string text;
  for (const Parameter& p : fit.parameters) {
    if (!p.is_duration) continue;
    text += (text.empty() ? "  # " : ", ") + p.name + " " + duration_text(p.value);
  }
  return text;
}

std::string mix_text(const Calibration& c) {
  const double success = rounded_share(c.success->value);
  if (c.failure->count == 0) return std::string(success_word(c.subject));
  if (c.success->count == 0) return std::string(failure_word(c.subject));
  // The two shares sum to exactly 1 in decimal, as the loader requires.
  const double failure = rounded_share(1.0 - success);
  return "{" + std::string(success_word(c.subject)) + ": " + number_text(success) + ", " +
         std::string(failure_word(c.subject)) + ": " + number_text(failure) + "}";
}

std::string counts_text(const std::map<std::string, std::uint64_t>& reasons) {
  std::string text;
  for (const auto& [reason, count] : reasons) {
    text += (text.empty() ? "" : ", ") + std::to_string(count) + " " + reason;
  }
  return text;
}

}  // namespace

void write_yaml(std::ostream& out, const Calibration& c) {
  const bool webhook = c.subject == Subject::kWebhook;
  out << "# deploysim calibrate: " << (webhook ? "webhook " : "approvals ") << c.name << " from ";
  for (std::size_t i = 0; i < c.files.size(); ++i) out << (i ? ", " : "") << c.files[i];
  out << "\n# " << c.n << ' ' << runs_word(c.subject) << " fitted, " << c.censored << " censored";
  if (c.censored > 0) out << " (" << counts_text(c.censored_by) << ")";
  out << "; " << c.excluded << " excluded";
  if (c.excluded > 0) out << " (" << counts_text(c.excluded_by) << ")";
  out << "\n# " << (webhook ? "latency" : "after") << ": " << to_string(c.latency.family);
  if (c.latency.family == Family::kEmpirical) {
    out << ", quantiles of the Kaplan-Meier estimate";
    if (c.latency.values_from_tail > 0) {
      out << " (the top " << c.latency.values_from_tail
          << " past the longest run, which was censored, from a lognormal fit)";
    }
  } else {
    out << " by maximum likelihood with right-censoring"
        << (c.chosen_by_aic ? " (lowest AIC)" : "");
  }
  out << "; KS distance to the Kaplan-Meier estimate "
      << number_text(std::round(c.latency.ks * 1e4) / 1e4) << '\n';
  if (c.timeout_seconds && webhook) {
    out << "# runs were cut at --timeout " << duration_text(*c.timeout_seconds)
        << ": with timeouts.webhookCallback at " << duration_text(*c.timeout_seconds)
        << " the simulator cuts a longer latency the same way\n";
  }
  for (const std::string& w : c.warnings) out << "# warning: " << w << '\n';

  // The key path: the webhook's name, or e.g. targets.prod for approvals.
  std::vector<std::string> keys;
  if (webhook) {
    keys.push_back(c.name);
  } else {
    std::size_t start = 0;
    while (true) {
      const std::size_t dot = c.name.find('.', start);
      keys.push_back(c.name.substr(start, dot == std::string::npos ? dot : dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
  }
  std::string indent;
  for (const std::string& key : keys) {
    out << indent << yaml_key(key) << ":\n";
    indent += "  ";
  }
  out << indent << (webhook ? "latency: " : "after: ") << dist_text(c.latency)
      << dist_comment(c.latency) << '\n';
  out << indent << (webhook ? "outcome: " : "decision: ") << mix_text(c) << '\n';
}

}  // namespace deploysim::calibrate
