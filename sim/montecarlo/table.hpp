// A plain text table: columns padded with spaces, the first left-aligned and
// the others right-aligned (numbers), one header row and a rule under it.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace deploysim::mc {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) { rows_.push_back(std::move(header)); }
  void add_row(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  // Column i > 0 is left-aligned too (for text columns).
  void align_left(std::size_t column) { left_.push_back(column); }
  void write(std::ostream& out, const std::string& indent = "  ") const;

 private:
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::size_t> left_;
};

}  // namespace deploysim::mc
