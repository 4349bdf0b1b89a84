#include "schema_builder.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

namespace deploysim::config {

namespace {

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// "[Tt][Rr][Uu][Ee]": a letter-case-blind regular expression that every
// JSON Schema validator reads (ECMA-262 has no inline (?i)).
std::string any_case(std::string_view word) {
  std::string out;
  for (char c : word) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u)) {
      out += '[';
      out += static_cast<char>(std::toupper(u));
      out += static_cast<char>(std::tolower(u));
      out += ']';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

Json SchemaBuilder::object(const KeyTable& table, std::vector<Property> properties,
                           std::vector<std::string_view> required, std::vector<Property> ahead) {
  const std::string where = "schema of " + quoted(table.place());
  std::set<std::string_view> described;
  for (const Property& p : properties) {
    if (!table.contains(p.key)) {
      throw std::logic_error(where + " describes " + quoted(p.key) +
                             ", which the loader's key table does not accept");
    }
    if (!described.insert(p.key).second) {
      throw std::logic_error(where + " describes " + quoted(p.key) + " twice");
    }
  }
  for (std::string_view key : table.keys()) {
    if (described.count(key) == 0) {
      throw std::logic_error(where + " has no entry for " + quoted(key) +
                             ", which the loader accepts");
    }
  }
  for (const Property& p : ahead) {
    if (table.contains(p.key)) {
      throw std::logic_error(where + ": " + quoted(p.key) +
                             " is read by the loader now; list it with the table's keys");
    }
    if (!described.insert(p.key).second) {
      throw std::logic_error(where + " describes " + quoted(p.key) + " twice");
    }
    ahead_keys_.push_back(AheadKey{std::string(table.place()), std::string(p.key)});
  }
  for (std::string_view key : required) {
    if (described.count(key) == 0) {
      throw std::logic_error(where + " requires " + quoted(key) + ", which it does not describe");
    }
  }
  covers(table);
  for (Property& p : ahead) {
    p.schema["description"] = p.schema.value("description", std::string()) +
                              " (This version of deploysim does not read this key yet and "
                              "reports it as unknown.)";
    properties.push_back(std::move(p));
  }
  return spec_object(std::move(properties), std::move(required));
}

Json SchemaBuilder::word(const KeyTable& table, std::string_view description) {
  covers(table);
  return one_of_words(description, key_names(table));
}

void SchemaBuilder::covers(const KeyTable& table) {
  if (std::find(tables_used_.begin(), tables_used_.end(), &table) == tables_used_.end()) {
    tables_used_.push_back(&table);
  }
}

Json SchemaBuilder::spec_object(std::vector<Property> properties,
                                std::vector<std::string_view> required) {
  Json schema = {{"type", "object"}};
  Json props = Json::object();
  for (Property& p : properties) props[std::string(p.key)] = std::move(p.schema);
  schema["properties"] = std::move(props);
  if (!required.empty()) {
    Json list = Json::array();
    for (std::string_view key : required) list.push_back(std::string(key));
    schema["required"] = std::move(list);
  }
  schema["additionalProperties"] = false;
  return schema;
}

Json described(Json schema, std::string_view description) {
  if (!description.empty()) schema["description"] = std::string(description);
  return schema;
}

Json ref(std::string_view def, std::string_view description) {
  return described({{"$ref", "#/$defs/" + std::string(def)}}, description);
}

Json text(std::string_view description) {
  return described({{"type", {"string", "number", "boolean"}}}, description);
}

Json integer(std::string_view description, std::optional<long long> minimum,
             std::optional<long long> maximum) {
  Json schema = {{"type", {"integer", "string"}}, {"pattern", "^[-+]?[0-9]{1,15}$"}};
  if (minimum) schema["minimum"] = *minimum;
  if (maximum) schema["maximum"] = *maximum;
  return described(std::move(schema), description);
}

Json number(std::string_view description, std::optional<double> minimum,
            std::optional<double> maximum) {
  Json schema = {{"type", {"number", "string"}},
                 {"pattern", "^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$"}};
  if (minimum) schema["minimum"] = *minimum;
  if (maximum) schema["maximum"] = *maximum;
  return described(std::move(schema), description);
}

Json boolean(std::string_view description) {
  return described({{"type", {"boolean", "string"}},
                    {"pattern", "^(" + any_case("true") + "|" + any_case("false") + ")$"}},
                   description);
}

Json one_of_words(std::string_view description, const std::vector<std::string>& words) {
  return described({{"enum", words}}, description);
}

Json one_of_words_any_case(std::string_view description, const std::vector<std::string>& words) {
  std::string alternatives;
  for (const std::string& w : words)
    alternatives += (alternatives.empty() ? "" : "|") + any_case(w);
  return described(
      {{"anyOf",
        {{{"enum", words}}, {{"type", "string"}, {"pattern", "^(" + alternatives + ")$"}}}}},
      description);
}

Json list_of(Json items, std::string_view description, std::size_t min_items) {
  Json schema = {{"type", "array"}, {"items", std::move(items)}};
  if (min_items > 0) schema["minItems"] = min_items;
  return described(std::move(schema), description);
}

Json map_of(Json value, std::string_view description) {
  return described({{"type", "object"}, {"additionalProperties", std::move(value)}}, description);
}

Json string_map(std::string_view description) {
  return map_of(text("A value; any scalar is read as text."), description);
}

Json deprecated(Json schema) {
  schema["deprecated"] = true;
  return schema;
}

}  // namespace deploysim::config
