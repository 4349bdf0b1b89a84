// What the commands share for output: their streams, output files written
// atomically, printing problems.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "deploysim/diagnostics.hpp"

namespace deploysim::cli {

// Where a command prints: results to `out`, problems and warnings to `err`.
struct Streams {
  std::ostream& out;
  std::ostream& err;
};

// Writes `content` to `path` by way of `path + ".tmp"` and a rename, so a
// reader never sees a half-written file and a failed command leaves no file.
// A device or FIFO (`-o /dev/null`) is written in place, never replaced; a
// symlink is kept and the file it points at is replaced.
// Returns false (and removes the temporary) when the file cannot be written;
// `error` then says why.
bool write_file_atomically(const std::string& path, const std::string& content, std::string& error);

// Writes a command's output: to io.out when `path` is empty (no -o), else to
// `path` with write_file_atomically. On failure prints "PATH: error: cannot
// write: WHY" to io.err and returns false (the command exits with 2).
bool write_output(Streams io, const std::string& path, const std::string& content);

// Prints each problem as one line (Problem::to_string()), in the given order
// (pass Diagnostics::sorted() for errors first).
void print_problems(std::ostream& err, const std::vector<Problem>& problems);

// Prints a problem about `file` itself (no line, no column), e.g. a missing file.
void print_file_error(std::ostream& err, const std::string& file, const std::string& message);

}  // namespace deploysim::cli
