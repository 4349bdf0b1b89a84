#include "output_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace deploysim::cli {

bool write_file_atomically(const std::string& path, const std::string& content,
                           std::string& error) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
    if (!file) {
      error = std::strerror(errno);
      return false;
    }
    file << content;
    file.flush();
    if (!file) {
      error = "write failed";
      file.close();
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    error = ec.message();
    std::filesystem::remove(tmp, ec);
    return false;
  }
  return true;
}

void print_problems(std::ostream& err, const std::vector<Problem>& problems) {
  for (const Problem& p : problems) err << p.to_string() << '\n';
}

void print_file_error(std::ostream& err, const std::string& file, const std::string& message) {
  err << Problem{Severity::kError, {file, 0, 0}, message}.to_string() << '\n';
}

}  // namespace deploysim::cli
