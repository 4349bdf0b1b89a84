#include "yaml_source.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include <yaml-cpp/exceptions.h>

namespace deploysim::config {

namespace {

SourceLocation at_line(const std::string& file, int line, int column) {
  return SourceLocation{file, line, column};
}

// Returns the byte offset of the first NUL, or npos.
std::size_t find_nul(const std::string& text) { return text.find('\0'); }

// Returns the offset of the first byte that is not part of valid UTF-8, or npos.
std::size_t find_invalid_utf8(const std::string& text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    int extra = 0;
    unsigned int cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + static_cast<std::size_t>(extra) >= n) return i;
    for (int k = 1; k <= extra; ++k) {
      unsigned char cc = s[i + k];
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return i;
    }
    i += static_cast<std::size_t>(extra) + 1;
  }
  return std::string::npos;
}

// 1-based line and column (in bytes) of `offset`.
std::pair<int, int> line_col(const std::string& text, std::size_t offset) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(offset - line_start) + 1};
}

// A cheap over-estimate of the nesting depth yaml-cpp would recurse to:
// block indentation levels (a "- " counts as one) plus open flow brackets.
// Returns the 1-based line where `limit` is first exceeded, or 0.
int find_too_deep(const std::string& text, int limit) {
  std::vector<int> indents;
  int flow = 0;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    ++line_no;
    std::size_t i = pos;
    int col = 0;
    while (i < end && text[i] == ' ') {
      ++i;
      ++col;
    }
    bool blank = i >= end || text[i] == '#' || text[i] == '\r';
    if (!blank && flow == 0) {
      while (!indents.empty() && indents.back() > col) indents.pop_back();
      if (indents.empty() || indents.back() < col) indents.push_back(col);
      // Compact nested sequences "- - - x" open one level per dash.
      while (i + 1 < end && text[i] == '-' && (text[i + 1] == ' ' || text[i + 1] == '\t')) {
        i += 2;
        col += 2;
        while (i < end && text[i] == ' ') {
          ++i;
          ++col;
        }
        if (indents.back() < col) indents.push_back(col);
      }
    }
    char quote = 0;
    for (std::size_t k = i; k < end; ++k) {
      char c = text[k];
      if (quote != 0) {
        if (c == quote) quote = 0;
        continue;
      }
      if (c == '"' || c == '\'') {
        // A quote opens a string only at the start of a scalar.
        if (k == i || text[k - 1] == ' ' || text[k - 1] == '[' || text[k - 1] == '{' ||
            text[k - 1] == ',' || text[k - 1] == ':') {
          quote = c;
        }
        continue;
      }
      if (c == '#' && (k == i || text[k - 1] == ' ' || text[k - 1] == '\t')) break;
      if (c == '[' || c == '{') ++flow;
      if ((c == ']' || c == '}') && flow > 0) --flow;
      if (static_cast<int>(indents.size()) + flow > limit) return line_no;
    }
    if (static_cast<int>(indents.size()) + flow > limit) return line_no;
    pos = end + 1;
  }
  return 0;
}

// What yaml-cpp 0.7 stops at when it cannot read on (parse_all: a document
// that begins where the last one began; upstream jbeder/yaml-cpp#1040): a
// flow indicator outside any flow collection. Names it after yaml-cpp's words.
std::string stray_token_message(const std::string& text, int pos, const std::string& what) {
  if (pos < 0 || static_cast<std::size_t>(pos) >= text.size()) return what;
  switch (text[static_cast<std::size_t>(pos)]) {
    case ',':
      return what +
             ": a stray ',' outside any [ ] or { } (a comma separates entries of a "
             "flow collection only)";
    case ']':
    case '}':
      return what + ": a stray '" + text[static_cast<std::size_t>(pos)] + "' closes no [ or {";
    default:
      return what;
  }
}

bool only_markers_and_comments(const yaml::Node& root) {
  return !root.IsDefined() || root.IsNull();
}

}  // namespace

SourceLocation location_of(const yaml::Node& node, const std::string& file) {
  SourceLocation loc{file, 0, 0};
  if (!node.IsDefined()) return loc;
  yaml::Mark m = node.Mark();
  if (m.line >= 0 && m.column >= 0 && !m.is_null()) {
    loc.line = m.line + 1;
    loc.column = m.column + 1;
  }
  return loc;
}

std::optional<std::string> read_input_file(const std::string& path, Diagnostics& diagnostics) {
  namespace fs = std::filesystem;
  SourceLocation where{path, 0, 0};
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    diagnostics.error(where, "cannot read file: no such file");
    return std::nullopt;
  }
  if (fs::is_directory(status)) {
    diagnostics.error(where, "cannot read file: it is a directory, not a YAML file");
    return std::nullopt;
  }
  if (fs::is_regular_file(status)) {
    std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > kMaxInputBytes) {
      diagnostics.error(where, "file too large: " + std::to_string(size) + " bytes (the limit is " +
                                   std::to_string(kMaxInputBytes) + ")");
      return std::nullopt;
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.error(where, "cannot read file: permission denied or unreadable");
    return std::nullopt;
  }
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxInputBytes) {
      diagnostics.error(where,
                        "file too large: more than " + std::to_string(kMaxInputBytes) + " bytes");
      return std::nullopt;
    }
  }
  return text;
}

std::optional<yaml::Document> parse_yaml_text(const std::string& text, const std::string& path,
                                              Diagnostics& diagnostics) {
  if (text.size() > kMaxInputBytes) {
    diagnostics.error(at_line(path, 0, 0), "input too large: " + std::to_string(text.size()) +
                                               " bytes (the limit is " +
                                               std::to_string(kMaxInputBytes) + ")");
    return std::nullopt;
  }
  if (std::size_t nul = find_nul(text); nul != std::string::npos) {
    auto [line, col] = line_col(text, nul);
    diagnostics.error(at_line(path, line, col), "binary data (a NUL byte): expected YAML text");
    return std::nullopt;
  }
  if (std::size_t bad = find_invalid_utf8(text); bad != std::string::npos) {
    auto [line, col] = line_col(text, bad);
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[bad]));
    diagnostics.error(at_line(path, line, col),
                      std::string("invalid UTF-8 (byte ") + hex + "): expected UTF-8 text");
    return std::nullopt;
  }
  if (int line = find_too_deep(text, kMaxNestingDepth); line != 0) {
    diagnostics.error(
        at_line(path, line, 1),
        "nesting deeper than " + std::to_string(kMaxNestingDepth) + " levels: refusing to parse");
    return std::nullopt;
  }
  try {
    std::vector<yaml::Document> docs = yaml::Document::parse_all(text);
    if (docs.empty() || only_markers_and_comments(docs.front().root())) {
      // 1:1 so that every load error has a place an editor can jump to.
      diagnostics.error(at_line(path, 1, 1), "empty file: expected a YAML mapping");
      return std::nullopt;
    }
    if (docs.size() > 1) {
      // A trailing "---" after the document yields an extra null document: fine.
      for (std::size_t i = 1; i < docs.size(); ++i) {
        if (!docs[i].root().IsNull()) {
          diagnostics.error(location_of(docs[i].root(), path),
                            "a second YAML document: expected exactly one");
          return std::nullopt;
        }
      }
    }
    return std::move(docs.front());
  } catch (const YAML::ParserException& e) {
    SourceLocation loc{path, e.mark.line >= 0 ? e.mark.line + 1 : 1,
                       e.mark.column >= 0 ? e.mark.column + 1 : 1};
    diagnostics.error(loc, "YAML syntax error: " + stray_token_message(text, e.mark.pos, e.msg));
  } catch (const YAML::Exception& e) {
    SourceLocation loc{path, e.mark.line >= 0 ? e.mark.line + 1 : 0,
                       e.mark.column >= 0 ? e.mark.column + 1 : 0};
    diagnostics.error(loc, "YAML error: " + e.msg);
  } catch (const std::exception& e) {
    diagnostics.error(at_line(path, 0, 0), std::string("cannot parse YAML: ") + e.what());
  }
  return std::nullopt;
}

}  // namespace deploysim::config
