#include "text_table.hpp"

#include <algorithm>

namespace deploysim::report {
namespace {

// Display width: counts UTF-8 code points, not bytes.
std::size_t width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

TextTable::TextTable(std::vector<std::string> header)
    : header_(std::move(header)), right_(header_.size(), false) {}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(header_.size());
  rows_.push_back(std::move(cells));
}

void TextTable::align_right(std::size_t column) {
  if (column < right_.size()) right_[column] = true;
}

void TextTable::align_figures() {
  for (std::size_t c = 1; c < right_.size(); ++c) right_[c] = true;
}

void TextTable::write(std::ostream& out, const std::string& indent) const {
  std::vector<std::size_t> widths(header_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], width(row[c]));
  };
  measure(header_);
  for (const auto& row : rows_) measure(row);

  auto write_row = [&](const std::vector<std::string>& row) {
    std::string line = indent;
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) line += "  ";
      const std::string pad(widths[c] - width(row[c]), ' ');
      line += right_[c] ? pad + row[c] : row[c] + pad;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  write_row(header_);
  if (rule_) {
    std::size_t total = 0;
    for (std::size_t w : widths) total += w;
    total += 2 * (widths.empty() ? 0 : widths.size() - 1);
    out << indent << std::string(total, '-') << '\n';
  }
  for (const auto& row : rows_) write_row(row);
}

}  // namespace deploysim::report
