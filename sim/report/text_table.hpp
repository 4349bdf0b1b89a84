// TextTable: columns aligned with spaces, for the text report.
//
//   TextTable t({"TARGET", "STATUS"});
//   t.add_row({"prod", "SUCCEEDED"});
//   t.write(out, "  ");
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace deploysim::report {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header);

  // Adds a row; missing cells are empty, extra cells are dropped.
  void add_row(std::vector<std::string> cells);

  // Right-justifies column `column` (numbers and times read better that way).
  void align_right(std::size_t column);

  bool empty() const { return rows_.empty(); }

  // Writes the header and every row, each line prefixed with `indent`. Columns
  // are two spaces apart; trailing spaces are trimmed.
  void write(std::ostream& out, const std::string& indent) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<bool> right_;
};

}  // namespace deploysim::report
