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
  problems_.push_back({Severity::kError, std::move(where), std::move(message)});
}

void Diagnostics::warning(SourceLocation where, std::string message) {
  problems_.push_back({Severity::kWarning, std::move(where), std::move(message)});
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
