// The compact YAML tree must read every document exactly as yaml-cpp's own
// YAML::Node does: same kinds, scalars, marks, sizes and pair order.

#include "config/yaml_tree.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include "support/test_paths.hpp"

namespace deploysim::config::yaml {
namespace {

namespace fs = std::filesystem;

// Walks both trees side by side; `path` names the node in failure messages.
void expect_same(const YAML::Node& want, const Node& got, const std::string& path) {
  SCOPED_TRACE(path);
  ASSERT_EQ(want.IsDefined(), got.IsDefined());
  if (!want.IsDefined()) return;
  ASSERT_EQ(want.IsNull(), got.IsNull());
  ASSERT_EQ(want.IsScalar(), got.IsScalar());
  ASSERT_EQ(want.IsMap(), got.IsMap());
  ASSERT_EQ(want.IsSequence(), got.IsSequence());
  EXPECT_EQ(want.Mark().line, got.Mark().line);
  EXPECT_EQ(want.Mark().column, got.Mark().column);
  if (want.IsScalar()) {
    EXPECT_EQ(want.Scalar(), got.Scalar());
  }
  ASSERT_EQ(want.size(), got.size());
  if (want.IsSequence()) {
    for (std::size_t i = 0; i < want.size(); ++i) {
      expect_same(want[i], got[i], path + "[" + std::to_string(i) + "]");
    }
  }
  if (want.IsMap()) {
    auto g = got.begin();
    for (auto w = want.begin(); w != want.end(); ++w, ++g) {
      ASSERT_NE(g, got.end());
      expect_same(w->first, g->first, path + ".<key>");
      const std::string key = w->first.IsScalar() ? w->first.Scalar() : "?";
      expect_same(w->second, g->second, path + "." + key);
      if (w->first.IsScalar()) {
        expect_same(want[key], got[key], path + "[" + key + "]");
      }
    }
    EXPECT_EQ(g, got.end());
  }
}

Node only_root(const std::vector<Document>& docs) {
  EXPECT_EQ(docs.size(), 1u);
  return docs.empty() ? Node() : docs.front().root();
}

TEST(YamlTree, MatchesYamlCppOnEveryExampleAndScenario) {
  int files = 0;
  for (const std::string& dir : {test_paths::test_data_dir(), test_paths::scenarios_dir()}) {
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      const std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".yml" && ext != ".yaml")) continue;
      // tests/data/fuzz/ holds inputs on which yaml-cpp 0.7's own LoadAll
      // never ends (a stray ','): the reference cannot read them.
      if (entry.path().parent_path().filename() == "fuzz" ||
          entry.path().parent_path().parent_path().filename() == "fuzz") {
        continue;
      }
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      std::vector<YAML::Node> want;
      try {
        want = YAML::LoadAll(text.str());
      } catch (const YAML::Exception&) {
        EXPECT_THROW(Document::parse_all(text.str()), YAML::ParserException) << entry.path();
        continue;
      }
      std::vector<Document> got = Document::parse_all(text.str());
      ASSERT_EQ(want.size(), got.size()) << entry.path();
      for (std::size_t i = 0; i < want.size(); ++i) {
        expect_same(want[i], got[i].root(), entry.path().string());
      }
      ++files;
    }
  }
  EXPECT_GT(files, 150);
}

TEST(YamlTree, AliasesShareTheAnchoredNode) {
  auto docs = Document::parse_all("base: &b {x: 1}\nuse: *b\nlist: [&s one, *s]\n");
  Node root = only_root(docs);
  EXPECT_EQ(root["use"]["x"].Scalar(), "1");
  EXPECT_EQ(root["use"].Mark().line, root["base"].Mark().line);
  EXPECT_EQ(root["list"][1].Scalar(), "one");
}

TEST(YamlTree, RepeatedKeysAreKeptAndLookupFindsTheFirst) {
  auto docs = Document::parse_all("a: 1\nb: 2\na: 3\n");
  Node root = only_root(docs);
  EXPECT_EQ(root.size(), 3u);
  EXPECT_EQ(root["a"].Scalar(), "1");
  std::string keys;
  for (auto it = root.begin(); it != root.end(); ++it) keys += it->first.Scalar();
  EXPECT_EQ(keys, "aba");
}

TEST(YamlTree, NullsEmptyValuesAndAbsentKeys) {
  auto docs = Document::parse_all("a:\nb: ~\nc: ''\nd: null\n");
  Node root = only_root(docs);
  EXPECT_TRUE(root["a"].IsNull());
  EXPECT_TRUE(static_cast<bool>(root["a"]));  // present although null
  EXPECT_TRUE(root["b"].IsNull());
  EXPECT_TRUE(root["c"].IsScalar());
  EXPECT_EQ(root["c"].Scalar(), "");
  EXPECT_TRUE(root["d"].IsNull());
  EXPECT_FALSE(root["missing"]);
  EXPECT_FALSE(root["missing"]["deeper"]);
  EXPECT_TRUE(root["missing"].Mark().is_null());
  EXPECT_FALSE(root[0]);  // a map has no index 0
  EXPECT_EQ(root["missing"].begin(), root["missing"].end());
}

TEST(YamlTree, SubscriptingAScalarThrowsLikeYamlCpp) {
  auto docs = Document::parse_all("a: text\n");
  Node root = only_root(docs);
  EXPECT_THROW(root["a"]["b"], YAML::BadSubscript);
  EXPECT_THROW(root["a"][0], YAML::BadSubscript);
}

TEST(YamlTree, SyntaxErrorsCarryTheirPosition) {
  try {
    Document::parse_all("a: [1, 2\nb: 3\n");
    FAIL() << "no exception";
  } catch (const YAML::ParserException& e) {
    EXPECT_GE(e.mark.line, 1);
  }
}

TEST(YamlTree, DocumentsAndNodesSurviveMoves) {
  std::vector<Document> docs = Document::parse_all("a: 1\n---\nb: [x, y]\n");
  ASSERT_EQ(docs.size(), 2u);
  Node b = docs[1].root()["b"];
  std::vector<Document> moved = std::move(docs);
  EXPECT_EQ(b[1].Scalar(), "y");
  EXPECT_EQ(moved[0].root()["a"].Scalar(), "1");
  EXPECT_TRUE(Document::parse_all("# only a comment\n").empty());
  EXPECT_TRUE(only_root(Document::parse_all("---\n")).IsNull());
}

}  // namespace
}  // namespace deploysim::config::yaml
