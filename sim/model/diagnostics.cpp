#include "deploysim/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace deploysim {

std::string Problem::to_string() const {
  std::string out = location.file;
  if (location.line > 0) {
    out += ':' + std::to_string(location.line);
    if (location.column > 0) out += ':' + std::to_string(location.column);
  }
  if (!out.empty()) out += ": ";
  out += severity == Severity::kError ? "error: " : "warning: ";
  out += message;
  return out;
}

void Diagnostics::error(SourceLocation where, std::string message) {
  problems_.push_back({Severity::kError, std::move(where), redacted(std::move(message))});
}

void Diagnostics::warning(SourceLocation where, std::string message) {
  problems_.push_back({Severity::kWarning, std::move(where), redacted(std::move(message))});
}

void Diagnostics::hide(const std::string& value) {
  constexpr std::size_t kShortest = 4;
  // A message shows at most 37 characters of a long value, with line breaks
  // and tabs as spaces (config's excerpt()): hide that form too.
  std::string shown = value.size() > 40 ? value.substr(0, 37) : value;
  for (char& c : shown) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  for (const std::string& v : {value, shown}) {
    if (v.size() < kShortest) continue;
    if (std::find(hidden_.begin(), hidden_.end(), v) != hidden_.end()) continue;
    hidden_.push_back(v);
  }
  std::stable_sort(hidden_.begin(), hidden_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (Problem& p : problems_) p.message = redacted(std::move(p.message));
}

std::string Diagnostics::redacted(std::string message) const {
  for (const std::string& v : hidden_) {
    for (std::size_t at = message.find(v); at != std::string::npos; at = message.find(v, at + 8)) {
      message.replace(at, v.size(), "<secret>");
    }
  }
  return message;
}

bool Diagnostics::has_errors() const {
  return std::any_of(problems_.begin(), problems_.end(),
                     [](const Problem& p) { return p.severity == Severity::kError; });
}

std::vector<Problem> Diagnostics::sorted() const {
  std::vector<Problem> out = problems_;
  std::stable_sort(out.begin(), out.end(), [](const Problem& a, const Problem& b) {
    return std::tie(a.severity, a.location.file, a.location.line, a.location.column) <
           std::tie(b.severity, b.location.file, b.location.line, b.location.column);
  });
  return out;
}

}  // namespace deploysim
