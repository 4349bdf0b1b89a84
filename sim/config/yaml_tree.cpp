#include "yaml_tree.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <sstream>

namespace deploysim::config::yaml {

namespace {

const std::string kEmpty;

YAML::Mark yaml_cpp_mark(const Tree::Entry& e) {
  YAML::Mark mark;
  mark.line = e.line;
  mark.column = e.column;
  return mark;
}

}  // namespace

const std::string& Node::Scalar() const {
  if (tree_ == nullptr) return kEmpty;
  const Tree::Entry& e = entry();
  return e.kind == Tree::Kind::kScalar ? e.scalar : kEmpty;
}

yaml::Mark Node::Mark() const {
  if (tree_ == nullptr) return {};
  return {entry().line, entry().column};
}

std::size_t Node::size() const {
  if (tree_ == nullptr) return 0;
  const Tree::Entry& e = entry();
  if (e.kind == Tree::Kind::kMap) return e.child_count / 2;
  if (e.kind == Tree::Kind::kSequence) return e.child_count;
  return 0;
}

Node Node::operator[](std::string_view key) const {
  if (tree_ == nullptr) return {};
  const Tree::Entry& e = entry();
  if (e.kind == Tree::Kind::kScalar) throw YAML::BadSubscript(yaml_cpp_mark(e), std::string(key));
  if (e.kind != Tree::Kind::kMap) return {};
  const std::uint32_t* child = tree_->children.data() + e.first_child;
  for (std::uint32_t i = 0; i + 1 < e.child_count; i += 2) {
    const Tree::Entry& k = tree_->entries[child[i]];
    if (k.kind == Tree::Kind::kScalar && k.scalar == key) return Node(tree_, child[i + 1]);
  }
  return {};
}

Node Node::operator[](std::size_t index) const {
  if (tree_ == nullptr) return {};
  const Tree::Entry& e = entry();
  if (e.kind == Tree::Kind::kScalar) throw YAML::BadSubscript(yaml_cpp_mark(e), index);
  if (e.kind != Tree::Kind::kSequence || index >= e.child_count) return {};
  return Node(tree_, tree_->children[e.first_child + index]);
}

NodeIterator Node::begin() const {
  if (tree_ == nullptr) return NodeIterator(nullptr, nullptr, nullptr, false);
  const Tree::Entry& e = entry();
  const bool is_map = e.kind == Tree::Kind::kMap;
  if (!is_map && e.kind != Tree::Kind::kSequence) return end();
  const std::uint32_t* first = tree_->children.data() + e.first_child;
  return NodeIterator(tree_, first, first + e.child_count, is_map);
}

NodeIterator Node::end() const {
  if (tree_ == nullptr) return NodeIterator(nullptr, nullptr, nullptr, false);
  const Tree::Entry& e = entry();
  if (e.kind != Tree::Kind::kMap && e.kind != Tree::Kind::kSequence) {
    return NodeIterator(tree_, nullptr, nullptr, false);
  }
  const std::uint32_t* last = tree_->children.data() + e.first_child + e.child_count;
  return NodeIterator(tree_, last, last, e.kind == Tree::Kind::kMap);
}

NodeIterator::NodeIterator(const Tree* tree, const std::uint32_t* child, const std::uint32_t* end,
                           bool is_map)
    : tree_(tree), child_(child), end_(end), is_map_(is_map) {
  load();
}

NodeIterator& NodeIterator::operator++() {
  child_ += is_map_ ? 2 : 1;
  load();
  return *this;
}

void NodeIterator::load() {
  if (child_ == end_) {
    current_ = IteratorValue();
  } else if (is_map_) {
    current_ = IteratorValue(Node(), Node(tree_, child_[0]), Node(tree_, child_[1]));
  } else {
    current_ = IteratorValue(Node(tree_, *child_), Node(), Node());
  }
}

// Builds a Document from yaml-cpp's parser events, as yaml-cpp's own
// NodeBuilder does: a container is attached to its parent when it opens, its
// children are gathered on a stack and stored contiguously when it closes.
class TreeBuilder : public YAML::EventHandler {
 public:
  explicit TreeBuilder(Document& document) : document_(document), tree_(*document.tree_) {}

  // Attaches a null root when the document had no content.
  void finish() {
    if (!has_root_) document_.root_ = add_entry(Tree::Kind::kNull, YAML::Mark::null_mark());
  }

  void OnDocumentStart(const YAML::Mark& mark) override { start_ = mark; }
  // Where the document began (null_mark() before OnDocumentStart).
  const YAML::Mark& start() const { return start_; }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    place(add_entry(Tree::Kind::kNull, mark), anchor);
  }

  void OnAlias(const YAML::Mark&, YAML::anchor_t anchor) override {
    // The parser refuses unknown aliases before emitting this event.
    attach(anchor < anchors_.size() ? anchors_[anchor] : add_entry(Tree::Kind::kNull, {}));
  }

  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    const std::uint32_t index = add_entry(Tree::Kind::kScalar, mark);
    tree_.entries[index].scalar = value;
    place(index, anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(add_entry(Tree::Kind::kSequence, mark), anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(add_entry(Tree::Kind::kMap, mark), anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    std::uint32_t index;
    std::size_t first_pending;
  };

  std::uint32_t add_entry(Tree::Kind kind, const YAML::Mark& mark) {
    Tree::Entry e;
    e.kind = kind;
    e.line = mark.line;
    e.column = mark.column;
    tree_.entries.push_back(std::move(e));
    return static_cast<std::uint32_t>(tree_.entries.size() - 1);
  }

  void remember_anchor(std::uint32_t index, YAML::anchor_t anchor) {
    if (anchor == YAML::NullAnchor) return;
    if (anchors_.size() <= anchor) anchors_.resize(anchor + 1, 0);
    anchors_[anchor] = index;
  }

  void attach(std::uint32_t index) {
    if (open_.empty()) {
      document_.root_ = index;
      has_root_ = true;
    } else {
      pending_.push_back(index);
    }
  }

  void place(std::uint32_t index, YAML::anchor_t anchor) {
    remember_anchor(index, anchor);
    attach(index);
  }

  void open(std::uint32_t index, YAML::anchor_t anchor) {
    place(index, anchor);
    open_.push_back({index, pending_.size()});
  }

  void close() {
    const Open o = open_.back();
    open_.pop_back();
    // A map's children come in pairs; the parser emits a null for a missing value.
    if (tree_.entries[o.index].kind == Tree::Kind::kMap &&
        (pending_.size() - o.first_pending) % 2) {
      pending_.push_back(add_entry(Tree::Kind::kNull, YAML::Mark::null_mark()));
    }
    Tree::Entry& e = tree_.entries[o.index];
    e.first_child = static_cast<std::uint32_t>(tree_.children.size());
    e.child_count = static_cast<std::uint32_t>(pending_.size() - o.first_pending);
    tree_.children.insert(tree_.children.end(),
                          pending_.begin() + static_cast<std::ptrdiff_t>(o.first_pending),
                          pending_.end());
    pending_.resize(o.first_pending);
  }

  Document& document_;
  Tree& tree_;
  std::vector<Open> open_;
  std::vector<std::uint32_t> pending_;
  std::vector<std::uint32_t> anchors_;
  bool has_root_ = false;
  YAML::Mark start_ = YAML::Mark::null_mark();
};

std::vector<Document> Document::parse_all(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  std::vector<Document> documents;
  int previous_start = -1;
  while (true) {
    Document document;
    // Roughly one node per 8 bytes of YAML; saves regrowing the arrays.
    document.tree_->entries.reserve(text.size() / 8 + 1);
    document.tree_->children.reserve(text.size() / 8 + 1);
    TreeBuilder builder(document);
    if (!parser.HandleNextDocument(builder)) break;
    // yaml-cpp 0.7 can hand out the same document forever without reading
    // on (a stray "]" after a comment, tests/data/fuzz/deploy_file/): a
    // document that begins where the previous one began is a syntax error,
    // not an endless list of documents.
    if (!documents.empty() && builder.start().pos <= previous_start) {
      throw YAML::ParserException(builder.start(), "cannot parse past this point");
    }
    previous_start = builder.start().pos;
    builder.finish();
    document.tree_->entries.shrink_to_fit();
    document.tree_->children.shrink_to_fit();
    documents.push_back(std::move(document));
  }
  return documents;
}

}  // namespace deploysim::config::yaml
