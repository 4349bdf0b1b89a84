// read_scenario_header (loader.hpp): the few top-level keys `deploysim test`
// needs before a load, read from the parsed YAML tree, whatever the rest of
// the file says.
#include "deploysim/loader.hpp"

#include "yaml_reader.hpp"
#include "yaml_source.hpp"

namespace deploysim {

std::optional<ScenarioHeader> read_scenario_header(const std::string& text, const std::string& path,
                                                   Diagnostics& diagnostics) {
  const std::optional<config::yaml::Document> document =
      config::parse_yaml_text(text, path, diagnostics);
  if (!document) return std::nullopt;
  ScenarioHeader header;
  const config::yaml::Node root = document->root();
  if (!root.IsMap()) return header;
  if (const config::yaml::Node strict = root["strict"]; strict.IsScalar()) {
    header.strict = config::to_lower(strict.Scalar()) == "true";
  }
  header.has_properties = static_cast<bool>(root["properties"]);
  if (const config::yaml::Node expect = root["expect"]) {
    header.has_expect = true;
    if (expect.IsMap()) {
      if (const config::yaml::Node error = expect["error"]; error.IsScalar()) {
        header.expected_error = error.Scalar();
      }
    }
  }
  return header;
}

}  // namespace deploysim
