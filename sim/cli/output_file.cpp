#include "output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <system_error>

#include "deploysim/exit_code.hpp"

namespace deploysim::cli {

namespace fs = std::filesystem;

namespace {

// Writes all of `content` to `fd`; false (errno set) on a failed write.
bool write_all(int fd, const std::string& content) {
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  return true;
}

// Writes into an existing device or FIFO, never replacing it.
WriteFailure write_in_place(const std::string& path, const std::string& content,
                            std::string& error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return WriteFailure::kBadPath;
  }
  const bool written = write_all(fd, content);
  const int write_errno = errno;
  if (::close(fd) != 0 && written) {
    error = std::strerror(errno);
    return WriteFailure::kWriteFailed;
  }
  if (!written) {
    error = std::strerror(write_errno);
    return WriteFailure::kWriteFailed;
  }
  return WriteFailure::kNone;
}

// The file `path` names once every symlink on its last component is followed
// (a dangling link gives the path it points at). nullopt on a loop.
std::optional<fs::path> follow_links(fs::path path) {
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(path, ec))) return path;
    const fs::path to = fs::read_symlink(path, ec);
    if (ec) return path;
    path = to.is_absolute() ? to : path.parent_path() / to;
  }
  return std::nullopt;
}

// A new, exclusively created file next to `target` (O_EXCL | O_NOFOLLOW: an
// existing name, a symlink included, is never opened). Sets `tmp`.
int create_temporary(const fs::path& target, std::string& tmp) {
  static std::atomic<unsigned> counter{0};
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  for (int attempt = 0; attempt < 100; ++attempt) {
    tmp = (folder / ("." + target.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
                     std::to_string(counter++)))
              .string();
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  errno = EEXIST;
  return -1;
}

}  // namespace

WriteFailure write_file_atomically(const std::string& path, const std::string& content,
                                   std::string& error) {
  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode)) {
    if (S_ISDIR(existing.st_mode)) {
      error = "it is a directory";
      return WriteFailure::kBadPath;
    }
    // A device, FIFO or socket (-o /dev/null): written in place. Renaming a
    // temporary file over it would replace the device node itself.
    return write_in_place(path, content, error);
  }
  const std::optional<fs::path> target = follow_links(path);
  if (!target) {
    error = "too many levels of symbolic links";
    return WriteFailure::kBadPath;
  }
  const bool replacing = ::lstat(target->c_str(), &existing) == 0;
  // Mode bits as well as access(): root may write anything, but a file
  // someone made read-only is still not one to replace silently.
  if (replacing && S_ISREG(existing.st_mode) &&
      ((existing.st_mode & 0222) == 0 || ::access(target->c_str(), W_OK) != 0)) {
    error = "the file is read-only: refusing to replace it";
    return WriteFailure::kBadPath;
  }
  std::string tmp;
  const int fd = create_temporary(*target, tmp);
  if (fd < 0) {
    error = std::strerror(errno);
    return WriteFailure::kBadPath;
  }
  bool written = write_all(fd, content);
  int failure = errno;
  if (written && replacing) {
    // The new file keeps the old one's permissions (a rename would otherwise
    // turn a 0600 report into 0644).
    ::fchmod(fd, existing.st_mode & 07777);
  }
  if (::close(fd) != 0 && written) {
    written = false;
    failure = errno;
  }
  if (!written) {
    ::unlink(tmp.c_str());
    error = std::strerror(failure);
    return WriteFailure::kWriteFailed;
  }
  if (::rename(tmp.c_str(), target->c_str()) != 0) {
    failure = errno;
    ::unlink(tmp.c_str());
    error = std::strerror(failure);
    return WriteFailure::kBadPath;
  }
  return WriteFailure::kNone;
}

int write_output(Streams io, const std::string& path, const std::string& content) {
  if (path.empty()) {
    io.out << content;
    return kExitOk;
  }
  std::string error;
  const WriteFailure failure = write_file_atomically(path, content, error);
  if (failure == WriteFailure::kNone) return kExitOk;
  print_file_error(io.err, path, "cannot write: " + error);
  return failure == WriteFailure::kBadPath ? kExitBadInput : kExitInternal;
}

int write_output(Streams io, const std::string& path, const std::ostringstream& content) {
  if (!content) {
    print_file_error(io.err, path.empty() ? std::string("deploysim") : path,
                     "cannot write: the output could not be built in memory (too large); "
                     "nothing written");
    return kExitInternal;
  }
  return write_output(io, path, content.str());
}

namespace {

// The identity of the file `path` names (through symlinks), or of the file a
// dangling link or a new name would create: device+inode when it exists,
// else its absolute, link-free path.
struct Identity {
  bool exists = false;
  bool special = false;  // a device, FIFO or socket: may be named twice
  dev_t device = 0;
  ino_t inode = 0;
  std::string where;
  bool operator==(const Identity& o) const {
    if (exists != o.exists) return false;
    return exists ? device == o.device && inode == o.inode : where == o.where;
  }
};

Identity identify(const std::string& path) {
  Identity id;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    id.exists = true;
    id.special = !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
    id.device = st.st_dev;
    id.inode = st.st_ino;
    return id;
  }
  std::error_code ec;
  const fs::path target = follow_links(path).value_or(fs::path(path));
  id.where = fs::weakly_canonical(fs::absolute(target, ec), ec).string();
  return id;
}

}  // namespace

void OutputFiles::input(const std::string& path) {
  if (!path.empty()) inputs_.push_back({"", path});
}

void OutputFiles::output(std::string_view flag, const std::string& path) {
  if (!path.empty()) outputs_.push_back({std::string(flag), path});
}

bool OutputFiles::check(std::ostream& err) const {
  std::vector<Identity> inputs;
  for (const File& f : inputs_) inputs.push_back(identify(f.path));
  std::vector<Identity> outputs;
  for (const File& f : outputs_) outputs.push_back(identify(f.path));
  for (std::size_t i = 0; i < outputs_.size(); ++i) {
    if (outputs[i].special) continue;
    for (std::size_t k = 0; k < inputs_.size(); ++k) {
      if (outputs[i] == inputs[k]) {
        print_file_error(err, outputs_[i].path,
                         outputs_[i].flag + " names an input of this command (" + inputs_[k].path +
                             "): refusing to overwrite it");
        return false;
      }
    }
    for (std::size_t k = 0; k < i; ++k) {
      if (outputs[i] == outputs[k]) {
        print_file_error(err, outputs_[i].path,
                         outputs_[i].flag + " and " + outputs_[k].flag +
                             " name the same file: each output needs its own");
        return false;
      }
    }
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
