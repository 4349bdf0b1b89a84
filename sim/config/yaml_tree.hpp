// A compact, read-only YAML document tree built from yaml-cpp's parser events.
//
// Why not YAML::Node: yaml-cpp's tree costs several hundred bytes and half a
// dozen allocations per node (shared pointers, a node set per document), and
// each `node["key"]` lookup allocates a temporary node. A 10,000-target deploy
// file took 0.4 s and 85 MB that way. Here a document is two flat arrays
// (nodes and child indices), and a Node is a (tree, index) handle.
//
// The interface is the subset of YAML::Node the loaders use, with the same
// meaning: an absent key gives an undefined node (false in a condition), a
// map keeps its pairs in file order (repeated keys included; lookup finds the
// first), aliases share their anchor's node, and subscripting a scalar throws
// YAML::BadSubscript as yaml-cpp does.
//
// Private to sim/config.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace deploysim::config::yaml {

// A position in the text, 0-based like yaml-cpp's; -1 when unknown.
struct Mark {
  int line = -1;
  int column = -1;
  bool is_null() const { return line < 0 && column < 0; }
};

// The storage of one document: every node, and the child lists side by side.
struct Tree {
  enum class Kind : std::uint8_t { kNull, kScalar, kSequence, kMap };
  struct Entry {
    Kind kind = Kind::kNull;
    int line = -1;
    int column = -1;
    std::uint32_t first_child = 0;  // into `children`
    std::uint32_t child_count = 0;  // a map's are key, value, key, value, ...
    std::string scalar;
  };
  std::vector<Entry> entries;
  std::vector<std::uint32_t> children;
};

class NodeIterator;

// A handle to one node of a Document; cheap to copy. Valid while its
// Document lives. A default-constructed Node is undefined.
class Node {
 public:
  Node() = default;
  Node(const Tree* tree, std::uint32_t index) : tree_(tree), index_(index) {}

  bool IsDefined() const { return tree_ != nullptr; }
  bool IsNull() const { return tree_ != nullptr && entry().kind == Tree::Kind::kNull; }
  bool IsScalar() const { return tree_ != nullptr && entry().kind == Tree::Kind::kScalar; }
  bool IsMap() const { return tree_ != nullptr && entry().kind == Tree::Kind::kMap; }
  bool IsSequence() const { return tree_ != nullptr && entry().kind == Tree::Kind::kSequence; }
  explicit operator bool() const { return IsDefined(); }
  bool operator!() const { return !IsDefined(); }

  // The scalar's text; empty for every other kind.
  const std::string& Scalar() const;
  yaml::Mark Mark() const;
  // Entries of a sequence or pairs of a map; 0 otherwise.
  std::size_t size() const;

  // The value of the first pair whose key is the scalar `key`; undefined when
  // there is none or this is not a map. Throws YAML::BadSubscript on a scalar.
  Node operator[](std::string_view key) const;
  Node operator[](const char* key) const { return (*this)[std::string_view(key)]; }
  Node operator[](const std::string& key) const { return (*this)[std::string_view(key)]; }
  // Entry `index` of a sequence; undefined when out of range or not a
  // sequence. Throws YAML::BadSubscript on a scalar.
  Node operator[](std::size_t index) const;
  Node operator[](int index) const { return (*this)[static_cast<std::size_t>(index)]; }

  // Iterates a sequence (each value is the entry) or a map (each value has
  // `first` and `second`); nothing for other kinds.
  NodeIterator begin() const;
  NodeIterator end() const;

 private:
  const Tree::Entry& entry() const { return tree_->entries[index_]; }

  const Tree* tree_ = nullptr;
  std::uint32_t index_ = 0;
};

// What iterating yields: for a sequence the entry itself, for a map a pair.
class IteratorValue : public Node {
 public:
  IteratorValue() = default;
  IteratorValue(Node value, Node key_node, Node value_node)
      : Node(value), first(key_node), second(value_node) {}
  Node first;
  Node second;
};

// Forward iterator over a node's children. The value it points at lives in
// the iterator: take a copy to keep it past the next increment.
class NodeIterator {
 public:
  NodeIterator(const Tree* tree, const std::uint32_t* child, const std::uint32_t* end, bool is_map);
  const IteratorValue& operator*() const { return current_; }
  const IteratorValue* operator->() const { return &current_; }
  NodeIterator& operator++();
  bool operator==(const NodeIterator& other) const { return child_ == other.child_; }
  bool operator!=(const NodeIterator& other) const { return child_ != other.child_; }

 private:
  void load();

  const Tree* tree_ = nullptr;
  const std::uint32_t* child_ = nullptr;
  const std::uint32_t* end_ = nullptr;
  bool is_map_ = false;
  IteratorValue current_;
};

// One parsed YAML document; owns every node. Movable (nodes stay valid: the
// tree sits behind a pointer), not copyable.
class Document {
 public:
  // The root node (null for a document with no content).
  Node root() const { return Node(tree_.get(), root_); }

  // Parses every document of `text`. Throws YAML::ParserException (with the
  // position) on a syntax error. A stream with no document gives none.
  static std::vector<Document> parse_all(const std::string& text);

 private:
  friend class TreeBuilder;
  Document() : tree_(std::make_unique<Tree>()) {}

  std::unique_ptr<Tree> tree_;
  std::uint32_t root_ = 0;
};

}  // namespace deploysim::config::yaml
