#include "format.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "deploysim/time.hpp"

namespace deploysim::calibrate {

double rounded(const Parameter& p, double value) {
  if (!std::isfinite(value)) return value;
  if (p.is_duration) return std::round(value * 1000.0) / 1000.0;
  if (value == 0) return 0;
  const double magnitude = std::floor(std::log10(std::fabs(value)));
  const double scale = std::pow(10.0, 5 - magnitude);
  return std::round(value * scale) / scale;
}

double rounded_share(double p) { return std::round(p * 1e6) / 1e6; }

std::string number_text(double v) {
  char buf[64];
  // %.17g may show binary noise (0.82360000000000000); the shortest text that
  // reads back the same double does not.
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  std::string s = buf;
  if (s.find_first_of("eE") != std::string::npos) {
    std::snprintf(buf, sizeof buf, "%.6f", v);  // YAML and people read plain decimals
    s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  return s;
}

std::string duration_text(double seconds) {
  return format_duration(Duration(static_cast<std::int64_t>(std::llround(seconds * 1000.0))));
}

std::string_view success_word(Subject s) { return s == Subject::kWebhook ? "success" : "approve"; }
std::string_view failure_word(Subject s) { return s == Subject::kWebhook ? "failure" : "reject"; }
std::string_view runs_word(Subject s) { return s == Subject::kWebhook ? "runs" : "approvals"; }

std::string yaml_key(std::string_view key) {
  bool plain = !key.empty();
  for (char c : key) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.' || c == '/';
    if (!ok) plain = false;
  }
  if (plain && (key.front() == '-' || key == "true" || key == "false" || key == "null" ||
                key == "yes" || key == "no" || key == "on" || key == "off")) {
    plain = false;
  }
  if (plain) return std::string(key);
  std::string out = "\"";
  for (char c : key) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string reasons_text(const std::map<std::string, std::uint64_t>& reasons) {
  std::string text;
  for (const auto& [reason, count] : reasons) {
    text += (text.empty() ? "" : ", ") + std::to_string(count) + " " + reason;
  }
  return text;
}

}  // namespace deploysim::calibrate
