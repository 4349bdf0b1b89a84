// The JSON Schemas and the loader's key tables (key_tables.hpp) stay one:
// every table is in a schema, every key the schema adds beyond the tables is
// one the contract defines and the loader still rejects.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "config/key_tables.hpp"
#include "config/schema_builder.hpp"
#include "deploysim/loader.hpp"
#include "deploysim/schema.hpp"
#include "support/test_paths.hpp"

namespace deploysim {
namespace {

using config::SchemaBuilder;

TEST(SchemaTest, BothSchemasBuildAsDraft202012Json) {
  for (const std::string& text : {deploy_file_schema(), scenario_file_schema()}) {
    const nlohmann::json schema = nlohmann::json::parse(text);
    EXPECT_EQ(schema.at("$schema"), "https://json-schema.org/draft/2020-12/schema");
    EXPECT_TRUE(schema.at("$defs").is_object());
    EXPECT_EQ(text.back(), '\n');
  }
}

TEST(SchemaTest, SameBytesEveryTime) {
  EXPECT_EQ(deploy_file_schema(), deploy_file_schema());
  EXPECT_EQ(scenario_file_schema(), scenario_file_schema());
}

// kAllKeyTables is written by hand: it must name every table the header defines.
TEST(SchemaTest, AllKeyTablesListsEveryTableOfTheHeader) {
  std::ifstream in(test_paths::source_dir() + "/sim/config/key_tables.hpp");
  ASSERT_TRUE(in);
  std::stringstream text;
  text << in.rdbuf();
  const std::string source = text.str();
  const std::regex declaration(R"(inline constexpr KeyTable (k\w+)\{)");
  std::size_t declared = 0;
  for (auto it = std::sregex_iterator(source.begin(), source.end(), declaration);
       it != std::sregex_iterator(); ++it) {
    ++declared;
  }
  EXPECT_EQ(declared, config::kAllKeyTables.size());
  std::set<const config::KeyTable*> distinct(config::kAllKeyTables.begin(),
                                             config::kAllKeyTables.end());
  EXPECT_EQ(distinct.size(), config::kAllKeyTables.size());
}

// Every key the loader accepts is in one of the two schemas.
TEST(SchemaTest, EveryKeyTableIsBuiltIntoASchema) {
  SchemaBuilder deploy;
  config::build_deploy_file_schema(deploy);
  SchemaBuilder scenario;
  config::build_scenario_file_schema(scenario);
  std::set<const config::KeyTable*> used(deploy.tables_used().begin(), deploy.tables_used().end());
  used.insert(scenario.tables_used().begin(), scenario.tables_used().end());
  for (const config::KeyTable* table : config::kAllKeyTables) {
    EXPECT_TRUE(used.count(table)) << "no schema is built from the table of " << table->place();
  }
}

TEST(SchemaTest, ObjectRefusesASchemaThatDiffersFromItsTable) {
  SchemaBuilder b;
  const config::KeyTable& table = config::kSetWeightKeys;  // {weight}
  EXPECT_NO_THROW(b.object(table, {{"weight", config::integer("w")}}));
  EXPECT_THROW(b.object(table, {}), std::logic_error);
  EXPECT_THROW(b.object(table, {{"weight", {}}, {"wieght", {}}}), std::logic_error);
  EXPECT_THROW(b.object(table, {{"weight", {}}}, {}, {{"weight", {}}}), std::logic_error);
  EXPECT_THROW(b.object(table, {{"weight", {}}}, {"ratio"}), std::logic_error);
}

// A scenario with `snippet` (YAML lines at the top level) around a minimal deployment.
std::string scenario_with(const std::string& snippet) {
  return "deployment:\n"
         "  version: v1\n"
         "  kind: kubernetes\n"
         "  application: app\n"
         "  targets:\n"
         "    prod: {account: prod-agent}\n"
         "  manifests: [{path: app.yml}]\n"
         "  webhooks:\n"
         "    - {name: Tests, method: POST, uriTemplate: 'https://ci/run', bodyTemplate: "
         "{inline: '{{armory.callbackUri}}'}}\n" +
         snippet;
}

// Where each mapping the ahead keys live in is, as YAML lines that end where
// the key goes (indented by the last line's depth plus two).
struct Place {
  std::string yaml;
  int indent;
};

const std::map<std::string, Place>& ahead_places() {
  static const std::map<std::string, Place> places = {
      {"the scenario file", {"", 0}},
      {"approvals", {"approvals:\n", 2}},
      {"approvals.default, approvals.where.<gate>, approvals.roles.<role>",
       {"approvals:\n  default:\n", 4}},
      {"approvals.targets.<target>", {"approvals:\n  targets:\n    prod:\n", 6}},
      {"faults", {"faults:\n", 2}},
      {"faults.agents.<agent>", {"faults:\n  agents:\n    prod-agent:\n", 6}},
  };
  return places;
}

// The keys the schema describes beyond the loader's tables (SCENARIO.md second
// edition, COMMANDS.md): the loader rejects each as unknown today. When one is
// read, its key moves into the table and out of the ahead list. (None is
// ahead now: `properties`, the last, is read since issue 18; the check stays
// for the next key a contract defines before the loader reads it.)
TEST(SchemaTest, KeysAheadOfTheLoaderAreRejectedByIt) {
  SchemaBuilder b;
  config::build_scenario_file_schema(b);
  for (const config::AheadKey& ahead : b.ahead_keys()) {
    const auto place = ahead_places().find(ahead.place);
    ASSERT_NE(place, ahead_places().end()) << "add a YAML place for " << ahead.place;
    const std::string text = scenario_with(
        place->second.yaml + std::string(place->second.indent, ' ') + ahead.key + ": {}\n");
    Diagnostics diagnostics;
    EXPECT_FALSE(load_scenario_from_string(text, "ahead.yml", LoadOptions{}, diagnostics));
    bool unknown = false;
    for (const Problem& p : diagnostics.problems()) {
      unknown = unknown || p.message.find("unknown key '" + ahead.key + "'") == 0;
    }
    EXPECT_TRUE(unknown) << ahead.place << "." << ahead.key << ":\n" << text;
  }
}

}  // namespace
}  // namespace deploysim
