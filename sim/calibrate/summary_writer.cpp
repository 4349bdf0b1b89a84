// The summary on stderr: what was read, what was left out and why, what was
// censored, the fit with its intervals and how well it matches the data.
#include <cmath>
#include <cstdio>

#include "format.hpp"

namespace deploysim::calibrate {
namespace {

std::string percent(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", 100 * p);
  return buf;
}

std::string interval_text(const Parameter& p) {
  if (!std::isfinite(p.ci_low) || !std::isfinite(p.ci_high)) return "95 % CI n/a";
  return "95 % CI [" + number_text(rounded(p, p.ci_low)) + ", " +
         number_text(rounded(p, p.ci_high)) + "]";
}

}  // namespace

void write_summary(std::ostream& out, const Calibration& c) {
  const bool webhook = c.subject == Subject::kWebhook;
  out << "calibrate " << (webhook ? "webhook " : "approvals ") << c.name << " from ";
  for (std::size_t i = 0; i < c.files.size(); ++i) out << (i ? ", " : "") << c.files[i];
  out << '\n';
  out << "  n          " << c.n << ' ' << runs_word(c.subject) << " in the fit\n";
  out << "  censored   " << c.censored;
  if (c.censored > 0) out << " (" << reasons_text(c.censored_by) << ")";
  if (c.timeout_seconds) out << "; --timeout " << duration_text(*c.timeout_seconds);
  out << '\n';
  out << "  excluded   " << c.excluded;
  if (c.excluded > 0) out << " (" << reasons_text(c.excluded_by) << ")";
  out << '\n';
  if (c.ignored > 0) {
    out << "  ignored    " << c.ignored << " of other "
        << (webhook ? "webhooks or workflows" : "keys") << '\n';
  }
  if (c.success) {
    out << "  " << (webhook ? "outcome    " : "decision   ") << success_word(c.subject) << ' '
        << percent(c.success->value) << " [" << percent(c.success->ci_low) << ", "
        << percent(c.success->ci_high) << "], " << failure_word(c.subject) << ' '
        << percent(c.failure->value) << " [" << percent(c.failure->ci_low) << ", "
        << percent(c.failure->ci_high) << "] (95 % Clopper-Pearson, " << c.n - c.censored
        << " finished)\n";
  }
  out << "  " << (webhook ? "latency    " : "after      ") << to_string(c.latency.family);
  if (c.latency.family == Family::kEmpirical) {
    out << ": " << c.latency.values.size() << " Kaplan-Meier quantiles";
    if (c.latency.values_from_tail > 0) {
      out << " (" << c.latency.values_from_tail << " past the longest run from a lognormal tail)";
    }
    out << '\n';
  } else {
    out << " by maximum likelihood with right-censoring" << (c.chosen_by_aic ? ", lowest AIC" : "")
        << '\n';
    for (const Parameter& p : c.latency.parameters) {
      std::string value = number_text(rounded(p, p.value));
      if (p.is_duration) value += " s (" + duration_text(p.value) + ")";
      char line[160];
      std::snprintf(line, sizeof line, "               %-7s%-24s", p.name.c_str(), value.c_str());
      out << line << interval_text(p) << (p.is_duration ? " s" : "") << '\n';
    }
  }
  out << "  fit        KS distance between the Kaplan-Meier estimate and the "
      << (c.latency.family == Family::kEmpirical ? "empirical" : "fitted") << " CDF over [0, "
      << duration_text(c.longest_seconds)
      << "]: " << number_text(std::round(c.latency.ks * 1e4) / 1e4) << '\n';
  if (c.chosen_by_aic || c.candidates.size() > 1) {
    out << "  AIC        ";
    for (std::size_t i = 0; i < c.candidates.size(); ++i) {
      const Fit& f = c.candidates[i];
      char aic[32];
      std::snprintf(aic, sizeof aic, "%.1f", f.aic);
      out << (i ? ", " : "") << to_string(f.family) << ' ' << aic
          << (f.family == c.latency.family ? " (chosen)" : "");
    }
    out << '\n';
  }
  for (const std::string& w : c.warnings) out << "warning: " << w << '\n';
}

}  // namespace deploysim::calibrate
