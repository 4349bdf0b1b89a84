#include "key_tables.hpp"

namespace deploysim::config {

std::string word_list(const KeyTable& table) {
  std::string out;
  const std::size_t n = table.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += i + 1 == n ? " or " : ", ";
    out += table.keys()[i];
  }
  return out;
}

std::vector<std::string> key_names(const KeyTable& table) {
  return {table.keys().begin(), table.keys().end()};
}

}  // namespace deploysim::config
