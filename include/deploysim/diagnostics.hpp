// Problems found in input, with the place they were found.
//
// The library's one error convention: a function that can fail on its input
// (a deploy or scenario file, a flag's text, a partial result, a set of
// partial results to merge) reports each problem into the Diagnostics it is
// given and returns nullopt (or false); warnings alone never stop it. Callers
// print Problem::to_string() ("FILE:LINE:COL: error: ...", the place left out
// when unknown) or the bare message after a prefix of their own.
#pragma once

#include <string>
#include <vector>

namespace deploysim {

// A place in an input file. line and column are 1-based; 0 means unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

enum class Severity { kError, kWarning };

// One problem, printed as "FILE:LINE:COL: error: MESSAGE" (or "warning:").
struct Problem {
  Severity severity = Severity::kError;
  SourceLocation location;
  std::string message;

  // The one-line form above; the line/column part is left out when unknown.
  std::string to_string() const;
};

// The problems of one load or validation, in the order they were found.
class Diagnostics {
 public:
  void error(SourceLocation where, std::string message);
  void warning(SourceLocation where, std::string message);

  bool has_errors() const;

  // Never lets `value` (a secret) appear in a message: every occurrence in
  // the problems found so far and in every later one becomes "<secret>", and
  // so does the start of it a message shows of a long value (the 37
  // characters before "...", line breaks as spaces). Values shorter than 4
  // characters are not searched for (they would mangle ordinary words); the
  // loaders never quote a value under `secrets` in the first place.
  void hide(const std::string& value);
  const std::vector<Problem>& problems() const { return problems_; }

  // Errors first, then warnings; within each, by file, line and column
  // (stable, so problems at one place keep the order they were found in).
  std::vector<Problem> sorted() const;

 private:
  // Replaces every hidden value in `message`.
  std::string redacted(std::string message) const;

  std::vector<Problem> problems_;
  std::vector<std::string> hidden_;  // longest first
};

}  // namespace deploysim
