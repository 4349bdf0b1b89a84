// read_history: reads a file, finds out what it is (unless --source says),
// hands it to its reader and merges the runs only when the whole file was good.
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "readers.hpp"

namespace deploysim::calibrate {
namespace {

using Json = nlohmann::json;

// Stops at the first top-level key that tells a JSON source apart, or at the
// end of the first top-level object.
class PeekHandler {
 public:
  std::optional<Source> found;

  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(Json::number_integer_t) { return true; }
  bool number_unsigned(Json::number_unsigned_t) { return true; }
  bool number_float(Json::number_float_t, const Json::string_t&) { return true; }
  bool string(Json::string_t&) { return true; }
  bool binary(Json::binary_t&) { return true; }
  bool start_object(std::size_t) {
    ++depth_;
    return true;
  }
  bool start_array(std::size_t) {
    ++depth_;
    return true;
  }
  bool end_object() { return --depth_ > 0; }
  bool end_array() { return --depth_ > 0; }
  bool key(Json::string_t& k) {
    if (depth_ != 1) return true;
    if (k == "workflow_runs") found = Source::kGithub;
    if (k == "allBuilds" || k == "builds") found = Source::kJenkins;
    if (k == "webhook") found = Source::kTape;
    return !found.has_value();
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    return false;
  }

 private:
  int depth_ = 0;
};

std::string_view without_bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

std::string_view skip_bom_and_space(std::string_view text) {
  text = without_bom(text);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' ||
                           text.front() == '\n')) {
    text.remove_prefix(1);
  }
  return text;
}

}  // namespace

std::string_view to_string(Source source) {
  switch (source) {
    case Source::kGithub:
      return "github";
    case Source::kJenkins:
      return "jenkins";
    case Source::kTape:
      return "tape";
    case Source::kCsv:
      return "csv";
  }
  return "?";
}

std::optional<Source> parse_source(std::string_view word) {
  for (Source s : {Source::kGithub, Source::kJenkins, Source::kTape, Source::kCsv}) {
    if (to_string(s) == word) return s;
  }
  return std::nullopt;
}

SourceLocation location_at(std::string_view text, std::size_t offset, const std::string& path) {
  offset = std::min(offset, text.size());
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {path, line, static_cast<int>(offset - line_start) + 1};
}

std::optional<Source> detect_source(std::string_view text) {
  const std::string_view body = skip_bom_and_space(text);
  if (body.empty()) return std::nullopt;
  if (body.front() == '[') return Source::kGithub;  // gh run list --json
  if (body.front() == '{') {
    PeekHandler peek;
    Json::sax_parse(body, &peek);
    return peek.found;
  }
  // A CSV names its columns on the first line.
  const std::string_view header = body.substr(0, body.find('\n'));
  if (header.find("duration") != std::string_view::npos ||
      header.find("decision") != std::string_view::npos) {
    return Source::kCsv;
  }
  return std::nullopt;
}

bool read_history_text(std::string_view text, const std::string& path, const ReadOptions& options,
                       History& history, Diagnostics& diagnostics) {
  if (skip_bom_and_space(text).empty()) {
    diagnostics.error({path, 0, 0}, "empty file: no history in it");
    return false;
  }
  std::optional<Source> source = options.source;
  if (!source) source = detect_source(text);
  if (!source) {
    diagnostics.error(
        {path, 1, 1},
        "not a history calibrate knows: expected a GitHub answer (workflow_runs, or the array "
        "of gh run list --json), a Jenkins answer (allBuilds or builds), a tape of deploysim "
        "live, or a CSV with the header duration,result (approvals: requested,answered,decision)");
    return false;
  }
  if (options.subject == Subject::kApproval && *source != Source::kCsv) {
    diagnostics.error({path, 0, 0},
                      "approvals are read from a CSV with the header requested,answered,decision "
                      "(or duration,decision); this is " +
                          std::string(to_string(*source)) + " history");
    return false;
  }
  HistoryBuilder builder(options.timeout_seconds);
  bool ok = false;
  switch (*source) {
    case Source::kGithub:
    case Source::kJenkins:
      ok = read_json_history(without_bom(text), path, *source, options, builder, diagnostics);
      break;
    case Source::kTape:
      ok = read_tape_history(text, path, options, builder, diagnostics);
      break;
    case Source::kCsv:
      ok = read_csv_history(text, path, options, builder, diagnostics);
      break;
  }
  if (!ok) return false;

  History& read = builder.history();
  history.runs.insert(history.runs.end(), read.runs.begin(), read.runs.end());
  for (const auto& [reason, count] : read.excluded) history.excluded[reason] += count;
  for (const auto& [reason, count] : read.censored) history.censored[reason] += count;
  for (const auto& [name, count] : read.workflows) history.workflows[name] += count;
  history.ignored += read.ignored;
  history.files.push_back(path + " (" + std::string(to_string(*source)) + ")");
  return true;
}

bool read_history(const std::string& path, const ReadOptions& options, History& history,
                  Diagnostics& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.error({path, 0, 0}, "cannot read this file");
    return false;
  }
  // One allocation of the file's size: a million runs of JSON is 100 MB.
  std::string text;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size > 0) {
    text.resize(static_cast<std::size_t>(size));
    in.read(text.data(), size);
  } else {
    in.clear();  // a pipe or special file: no size to ask for
    std::ostringstream stream;
    stream << in.rdbuf();
    text = stream.str();
  }
  if (in.bad() || (size > 0 && in.gcount() != size)) {
    diagnostics.error({path, 0, 0}, "cannot read this file");
    return false;
  }
  return read_history_text(text, path, options, history, diagnostics);
}

}  // namespace deploysim::calibrate
