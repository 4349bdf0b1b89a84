// Helpers the commands share: atomic output files, printing problems.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "deploysim/diagnostics.hpp"

namespace deploysim::cli {

// Writes `content` to `path` by way of `path + ".tmp"` and a rename, so a
// reader never sees a half-written file and a failed command leaves no file.
// A device or FIFO (`-o /dev/null`) is written in place, never replaced; a
// symlink is kept and the file it points at is replaced.
// Returns false (and removes the temporary) when the file cannot be written;
// `error` then says why.
bool write_file_atomically(const std::string& path, const std::string& content, std::string& error);

// Prints each problem as one line (Problem::to_string()), in the given order
// (pass Diagnostics::sorted() for errors first).
void print_problems(std::ostream& err, const std::vector<Problem>& problems);

// Prints a problem about `file` itself (no line, no column), e.g. a missing file.
void print_file_error(std::ostream& err, const std::string& file, const std::string& message);

}  // namespace deploysim::cli
