// Pieces the two JSON Schemas (deploy_schema.cpp, scenario_schema.cpp) are
// made of. Every mapping the loader checks with a key table is built with
// SchemaBuilder::object from that same table, which refuses (std::logic_error)
// when the schema's properties and the table's keys differ.
//
// The loader reads every YAML scalar as text and converts it itself, so the
// scalar types here accept what it accepts: a "string" field takes any
// scalar, an integer field also takes a quoted integer, a boolean field takes
// true/false in any case.
//
// Private to sim/config.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "key_tables.hpp"

namespace deploysim::config {

using Json = nlohmann::ordered_json;

// One key of a mapping and the schema of its value.
struct Property {
  std::string_view key;
  Json schema;
};

// A key the contract (SCENARIO.md second edition, COMMANDS.md) defines where
// the loader's table has none: the loader still rejects it as unknown.
struct AheadKey {
  std::string place;  // the table's place
  std::string key;
};

class SchemaBuilder {
 public:
  // A mapping that holds exactly the keys of `table`, described by
  // `properties` (one per key, in the order given), and nothing else;
  // `required` lists keys it must have. `ahead` adds keys the contract
  // defines and the loader does not read: none may be in the table.
  Json object(const KeyTable& table, std::vector<Property> properties,
              std::vector<std::string_view> required = {}, std::vector<Property> ahead = {});

  // One word of `table` (policies, outcome words), exactly as written.
  Json word(const KeyTable& table, std::string_view description);

  // Records that the schema covers `table` some other way (each step type of
  // kStepTypes has a definition of its own).
  void covers(const KeyTable& table);

  // A mapping that only the contract defines (the value of an ahead key).
  static Json spec_object(std::vector<Property> properties,
                          std::vector<std::string_view> required = {});

  // Each table object() was called with, in first-use order.
  const std::vector<const KeyTable*>& tables_used() const { return tables_used_; }
  const std::vector<AheadKey>& ahead_keys() const { return ahead_keys_; }

 private:
  std::vector<const KeyTable*> tables_used_;
  std::vector<AheadKey> ahead_keys_;
};

// --- Values ---------------------------------------------------------------------

// `schema` with a description (and nothing else changed).
Json described(Json schema, std::string_view description);
// A reference to `$defs/name`, with a description.
Json ref(std::string_view def, std::string_view description = {});
// Any YAML scalar, read as text.
Json text(std::string_view description);
// An integer (or a quoted one) within [minimum, maximum] when given.
Json integer(std::string_view description, std::optional<long long> minimum = std::nullopt,
             std::optional<long long> maximum = std::nullopt);
// A number (or a quoted one) within [minimum, maximum] when given.
Json number(std::string_view description, std::optional<double> minimum = std::nullopt,
            std::optional<double> maximum = std::nullopt);
// true or false, in any letter case.
Json boolean(std::string_view description);
// One of `words`, exactly as written.
Json one_of_words(std::string_view description, const std::vector<std::string>& words);
// One of `words` in any letter case (completion offers them as written).
Json one_of_words_any_case(std::string_view description, const std::vector<std::string>& words);
// A list of `items`.
Json list_of(Json items, std::string_view description, std::size_t min_items = 0);
// A mapping from free names (targets, webhooks, ...) to `value`.
Json map_of(Json value, std::string_view description);
// A mapping of names to scalars (`context`, `secrets`).
Json string_map(std::string_view description);
// Marks a docs spelling the loader accepts with a warning (an error with --strict).
Json deprecated(Json schema);

// --- The schemas ---------------------------------------------------------------

// The definitions of a deploy file into `defs` (`deployFile` is the file).
void add_deploy_file_defs(SchemaBuilder& b, Json& defs);
Json build_deploy_file_schema(SchemaBuilder& b);
// The scenario schema embeds the deploy file's definitions (inline `deployment`).
Json build_scenario_file_schema(SchemaBuilder& b);

}  // namespace deploysim::config
