#include "output_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace deploysim::cli {

namespace {

// Writes `content` into `path`, created or truncated. On failure sets `error`.
bool write_stream(const std::string& path, const std::string& content, std::string& error) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) {
    error = std::strerror(errno);
    return false;
  }
  file << content;
  file.flush();
  if (!file) {
    error = "write failed";
    return false;
  }
  return true;
}

}  // namespace

bool write_file_atomically(const std::string& path, const std::string& content,
                           std::string& error) {
  namespace fs = std::filesystem;
  std::error_code status_error;
  const fs::file_status status = fs::status(path, status_error);
  if (!status_error && fs::exists(status) && !fs::is_regular_file(status) &&
      !fs::is_directory(status)) {
    // A device, FIFO or socket (-o /dev/null): written in place. Renaming a
    // temporary file over it would replace the device node itself.
    return write_stream(path, content, error);
  }
  // A symlink stays a symlink: the file it points at is replaced.
  std::string target = path;
  if (fs::is_symlink(fs::symlink_status(path, status_error))) {
    target = fs::weakly_canonical(path, status_error).string();
    if (status_error) target = path;
  }
  const std::string tmp = target + ".tmp";
  std::error_code ec;
  if (!write_stream(tmp, content, error)) {
    if (fs::is_regular_file(tmp, ec)) fs::remove(tmp, ec);
    return false;
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    error = ec.message();
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

bool write_output(Streams io, const std::string& path, const std::string& content) {
  if (path.empty()) {
    io.out << content;
    return true;
  }
  std::string error;
  if (write_file_atomically(path, content, error)) return true;
  print_file_error(io.err, path, "cannot write: " + error);
  return false;
}

void print_problems(std::ostream& err, const std::vector<Problem>& problems) {
  for (const Problem& p : problems) err << p.to_string() << '\n';
}

void print_file_error(std::ostream& err, const std::string& file, const std::string& message) {
  err << Problem{Severity::kError, {file, 0, 0}, message}.to_string() << '\n';
}

}  // namespace deploysim::cli
