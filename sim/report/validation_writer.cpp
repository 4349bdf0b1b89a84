// `deploysim validate` output, text and JSON.
#include <nlohmann/json.hpp>

#include "deploysim/report.hpp"

namespace deploysim {

void write_validation_text(std::ostream& out, const Diagnostics& diagnostics) {
  for (const Problem& p : diagnostics.sorted()) out << p.to_string() << '\n';
}

void write_validation_json(std::ostream& out, const Diagnostics& diagnostics) {
  using Json = nlohmann::ordered_json;
  Json j;
  j["valid"] = !diagnostics.has_errors();
  Json problems = Json::array();
  for (const Problem& p : diagnostics.sorted()) {
    Json jp;
    jp["severity"] = p.severity == Severity::kError ? "error" : "warning";
    jp["file"] = p.location.file;
    jp["line"] = p.location.line > 0 ? Json(p.location.line) : Json(nullptr);
    jp["column"] = p.location.column > 0 ? Json(p.location.column) : Json(nullptr);
    jp["message"] = p.message;
    problems.push_back(std::move(jp));
  }
  j["problems"] = std::move(problems);
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace deploysim
