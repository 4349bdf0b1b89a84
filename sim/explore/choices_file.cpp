// `run --choices`: reading a choices file (JSON, read with yaml-cpp for its
// line and column marks) and answering a run's choices from it by key.
#include <yaml-cpp/yaml.h>
#include <algorithm>
#include <fstream>
#include <tuple>

#include "choice_words.hpp"
#include "deploysim/explore.hpp"
#include "path_script.hpp"

namespace deploysim::explore {
namespace {

auto key_tuple(const DrawKey& k) {
  return std::make_tuple(k.site, static_cast<int>(k.purpose), k.invocation, k.index);
}

struct BadEntry {
  YAML::Mark mark;
  std::string message;
};

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  SourceLocation at(const YAML::Mark& m) const {
    return SourceLocation{file_, m.line + 1, m.column + 1};
  }
  SourceLocation at(const YAML::Node& n) const { return at(n.Mark()); }

  void only_keys(const YAML::Node& map, std::initializer_list<std::string_view> keys,
                 std::string_view what) const {
    for (const auto& item : map) {
      const std::string key = item.first.as<std::string>();
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        std::string list;
        for (std::string_view k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
        throw BadEntry{item.first.Mark(),
                       "unknown key '" + key + "' (" + std::string(what) + " has " + list + ")"};
      }
    }
  }

  YAML::Node required(const YAML::Node& map, const char* key, std::string_view what) const {
    const YAML::Node n = map[key];
    if (!n) throw BadEntry{map.Mark(), std::string(what) + " needs '" + key + "'"};
    return n;
  }

  template <typename T>
  T number(const YAML::Node& n, const char* what) const {
    if (!n.IsScalar()) throw BadEntry{n.Mark(), std::string(what) + " must be a number"};
    try {
      return n.as<T>();
    } catch (const YAML::Exception&) {
      throw BadEntry{n.Mark(),
                     std::string(what) + " must be a whole number >= 0, got '" + n.Scalar() + "'"};
    }
  }

  ScriptedChoice choice(const YAML::Node& n) const {
    if (!n.IsMap()) throw BadEntry{n.Mark(), "a choice must be an object"};
    only_keys(n, {"what", "key", "chosen", "probability"}, "a choice");
    ScriptedChoice c;
    c.location = at(n);
    if (const YAML::Node what = n["what"]) {
      if (!what.IsScalar()) throw BadEntry{what.Mark(), "'what' must be a string"};
      c.what = what.Scalar();
    }
    const YAML::Node key = required(n, "key", "a choice");
    if (!key.IsMap()) throw BadEntry{key.Mark(), "'key' must be an object"};
    only_keys(key, {"site", "purpose", "invocation", "index"}, "a key");
    const YAML::Node site = required(key, "site", "a key");
    const std::string digits = site.IsScalar() ? site.Scalar() : std::string();
    if (digits.empty() || digits.size() > 16 ||
        digits.find_first_not_of("0123456789abcdef") != std::string::npos) {
      throw BadEntry{site.Mark(), "'site' must be up to 16 lowercase hex digits"};
    }
    c.key.site = std::stoull(digits, nullptr, 16);
    const YAML::Node purpose = required(key, "purpose", "a key");
    const std::optional<DrawPurpose> p =
        purpose.IsScalar() ? parse_purpose_word(purpose.Scalar()) : std::nullopt;
    if (!p) {
      throw BadEntry{purpose.Mark(),
                     "unknown purpose '" + (purpose.IsScalar() ? purpose.Scalar() : "") + "'"};
    }
    c.key.purpose = *p;
    if (const YAML::Node i = key["invocation"])
      c.key.invocation = number<std::uint32_t>(i, "'invocation'");
    if (const YAML::Node i = key["index"]) c.key.index = number<std::uint32_t>(i, "'index'");
    const YAML::Node chosen = required(n, "chosen", "a choice");
    c.chosen = number<std::uint32_t>(chosen, "'chosen'");
    c.chosen_location = at(chosen);
    return c;
  }

  ChoicesFile file(const YAML::Node& root) const {
    if (!root.IsMap()) throw BadEntry{root.Mark(), "a choices file is a JSON object"};
    only_keys(
        root,
        {"schemaVersion", "scenario", "property", "kind", "reduction", "probability", "choices"},
        "a choices file");
    const YAML::Node version = required(root, "schemaVersion", "a choices file");
    if (number<int>(version, "'schemaVersion'") != 1) {
      throw BadEntry{version.Mark(), "unsupported schemaVersion (this deploysim reads 1)"};
    }
    const YAML::Node list = required(root, "choices", "a choices file");
    if (!list.IsSequence()) throw BadEntry{list.Mark(), "'choices' must be an array"};
    ChoicesFile f;
    f.file = file_;
    f.choices_location = at(list);
    for (const YAML::Node& n : list) {
      ScriptedChoice c = choice(n);
      for (const ScriptedChoice& before : f.choices) {
        if (key_tuple(before.key) == key_tuple(c.key)) {
          throw BadEntry{n.Mark(), "this key is chosen twice (first at line " +
                                       std::to_string(before.location.line) + ")"};
        }
      }
      f.choices.push_back(std::move(c));
    }
    return f;
  }

 private:
  std::string file_;
};

}  // namespace

std::optional<ChoicesFile> read_choices(const std::string& path, Diagnostics& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.error(SourceLocation{path, 0, 0}, "cannot read the choices file");
    return std::nullopt;
  }
  const Reader reader(path);
  try {
    return reader.file(YAML::Load(in));
  } catch (const BadEntry& e) {
    diagnostics.error(reader.at(e.mark), e.message);
  } catch (const YAML::Exception& e) {
    diagnostics.error(reader.at(e.mark), "not a JSON choices file: " + e.msg);
  }
  return std::nullopt;
}

ReplayedChoices::ReplayedChoices(const ChoicesFile& file)
    : file_(&file), asked_(file.choices.size(), false) {
  by_key_.resize(file.choices.size());
  for (std::size_t i = 0; i < by_key_.size(); ++i) by_key_[i] = i;
  std::sort(by_key_.begin(), by_key_.end(), [&](std::size_t a, std::size_t b) {
    return key_tuple(file.choices[a].key) < key_tuple(file.choices[b].key);
  });
}

std::size_t ReplayedChoices::choose(const DrawKey& key, std::span<const double> weights,
                                    const ChoiceLabel& label) {
  const auto [alternatives, first] = nonzero_alternatives(weights);
  const auto found =
      std::lower_bound(by_key_.begin(), by_key_.end(), key, [&](std::size_t i, const DrawKey& k) {
        return key_tuple(file_->choices[i].key) < key_tuple(k);
      });
  if (found == by_key_.end() || key_tuple(file_->choices[*found].key) != key_tuple(key)) {
    if (alternatives > 1) {
      problems_.push_back(Problem{
          Severity::kError, file_->choices_location,
          "the run asks for a choice the file does not make: " + describe_question(label, key) +
              " (purpose " + std::string(purpose_word(key.purpose)) + ")"});
    }
    return first;
  }
  asked_[*found] = true;
  const ScriptedChoice& c = file_->choices[*found];
  if (c.chosen >= weights.size()) {
    problems_.push_back(Problem{Severity::kError, c.chosen_location,
                                "chosen " + std::to_string(c.chosen) +
                                    " is out of range: " + describe_question(label, key) + " has " +
                                    std::to_string(weights.size()) + " alternatives (0-" +
                                    std::to_string(weights.size() - 1) + ")"});
    return first;
  }
  if (!(weights[c.chosen] > 0)) {
    problems_.push_back(
        Problem{Severity::kError, c.chosen_location,
                "chosen " + std::to_string(c.chosen) +
                    " has probability 0 in this run: " + describe_choice(label, key, c.chosen)});
    return first;
  }
  return c.chosen;
}

bool ReplayedChoices::check(Diagnostics& diagnostics) const {
  bool ok = problems_.empty();
  for (const Problem& p : problems_) diagnostics.error(p.location, p.message);
  for (std::size_t i = 0; i < asked_.size(); ++i) {
    if (asked_[i]) continue;
    ok = false;
    const ScriptedChoice& c = file_->choices[i];
    diagnostics.error(c.location, "the run never asks for this choice" +
                                      (c.what.empty() ? std::string() : " (" + c.what + ")"));
  }
  return ok;
}

}  // namespace deploysim::explore
