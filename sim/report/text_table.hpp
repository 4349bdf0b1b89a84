// TextTable: columns aligned with spaces, for the text reports (`run
// --format text`, `montecarlo --format text`).
//
//   TextTable t({"TARGET", "STATUS"});
//   t.add_row({"prod", "SUCCEEDED"});
//   t.write(out, "  ");
//
// Columns are two spaces apart, trailing spaces are trimmed, and widths count
// UTF-8 code points (so "–" or "…" take one column). Private to sim/report.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace deploysim::report {

class TextTable {
 public:
  // Every column is left-justified until align_right() or align_figures().
  explicit TextTable(std::vector<std::string> header);

  // Adds a row; missing cells are empty, extra cells are dropped.
  void add_row(std::vector<std::string> cells);

  // Right-justifies column `column` (numbers and times read better that way).
  void align_right(std::size_t column);

  // Right-justifies every column but the first: a row name, then figures.
  void align_figures();

  // Draws a rule of '-' under the header, as wide as the table.
  void rule_under_header() { rule_ = true; }

  bool empty() const { return rows_.empty(); }

  // Writes the header (and the rule) and every row, each line prefixed with `indent`.
  void write(std::ostream& out, const std::string& indent = "  ") const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<bool> right_;
  bool rule_ = false;
};

}  // namespace deploysim::report
