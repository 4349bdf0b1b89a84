// What the commands share for output: their streams, output files written
// atomically, printing problems.
//
// Every file a command writes goes through OutputFiles, in two steps:
//
//   OutputFiles outputs;
//   outputs.input(scenario_file);              // what must never be overwritten
//   outputs.output("-o", output_);             // every output flag, "" = unused
//   outputs.output("--html", html_);
//   if (!outputs.check(io.err)) return kExitBadInput;   // before any work
//   ...
//   return outputs.write(io, output_, report);  // an exit code
//
// check() refuses an output that is an input or another output of the same
// command; write() replaces the file atomically (see write_file_atomically).
#pragma once

#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "deploysim/diagnostics.hpp"

namespace deploysim::cli {

// Where a command prints: results to `out`, problems and warnings to `err`.
struct Streams {
  std::ostream& out;
  std::ostream& err;
};

// Why a write failed: the path cannot be written (a missing folder, no
// permission, a read-only file: bad input, exit 2) or the write itself failed
// (disk full, an I/O error: exit 3).
enum class WriteFailure { kNone, kBadPath, kWriteFailed };

// Writes `content` to `path` so that a reader never sees a half-written file
// and a failed write leaves nothing under `path`: into a new temporary file
// in the same folder (created exclusively, never through an existing name),
// then renamed over `path`. A device or FIFO (`-o /dev/null`) is written in
// place, never replaced. A symlink is kept and the file it points at is
// replaced (a dangling one: the file it names is created). An existing
// read-only file is refused, not replaced. The replaced file keeps its mode.
// Returns kNone, or the failure with `error` saying why.
WriteFailure write_file_atomically(const std::string& path, const std::string& content,
                                   std::string& error);

// Writes a command's output: to io.out when `path` is empty (no -o), else to
// `path` with write_file_atomically. Returns the exit code: kExitOk, or after
// printing "PATH: error: cannot write: WHY" kExitBadInput (the path) or
// kExitInternal (the write failed).
int write_output(Streams io, const std::string& path, const std::string& content);
// The same for text built in a string stream; a stream that failed while it
// was built (out of memory) is an internal error (exit 3), never a cut file.
int write_output(Streams io, const std::string& path, const std::ostringstream& content);

// The inputs and outputs of one command, checked together before it runs.
class OutputFiles {
 public:
  // A file the command reads (a scenario, its deploy file, a partial result):
  // no output may be it, by device and inode, also through symlinks.
  void input(const std::string& path);
  // An output file given by `flag` ("-o", "--trace", "--html"); an empty
  // path (the flag was not given) is ignored.
  void output(std::string_view flag, const std::string& path);
  // Prints "PATH: error: ..." and returns false when an output is an input
  // or two outputs are the same file; devices and FIFOs are exempt.
  bool check(std::ostream& err) const;

 private:
  struct File {
    std::string flag;  // empty for an input
    std::string path;
  };
  std::vector<File> inputs_;
  std::vector<File> outputs_;
};

// Prints each problem as one line (Problem::to_string()), in the given order
// (pass Diagnostics::sorted() for errors first).
void print_problems(std::ostream& err, const std::vector<Problem>& problems);

// Prints a problem about `file` itself (no line, no column), e.g. a missing file.
void print_file_error(std::ostream& err, const std::string& file, const std::string& message);

}  // namespace deploysim::cli
