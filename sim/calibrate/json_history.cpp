// GitHub and Jenkins answers, read with nlohmann's SAX interface: a history of
// a million runs is parsed in one pass and never held as a JSON tree. Only the
// scalar fields of each run object that the rules need are kept, with the
// byte offset of their key for FILE:LINE:COL messages.
//
// GitHub (COMMANDS.md): duration = updated_at - run_started_at (gh:
// updatedAt - startedAt); conclusion success -> success, failure -> failure,
// timed_out -> censored at its duration; cancelled, skipped, neutral, any
// other conclusion and runs not `completed` -> excluded.
// Jenkins: duration in ms; SUCCESS -> success; FAILURE, UNSTABLE -> failure;
// ABORTED, NOT_BUILT and `building: true` -> excluded.
#include <array>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "config/timestamp.hpp"
#include "readers.hpp"

namespace deploysim::calibrate {
namespace {

using Json = nlohmann::json;

// A char iterator that publishes how far the parser has read, so the SAX
// callbacks know the byte offset of what they are handed.
class TrackedChars {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackedChars(const char* p, const char** cursor) : p_(p), cursor_(cursor) {}
  reference operator*() const { return *p_; }
  TrackedChars& operator++() {
    *cursor_ = ++p_;
    return *this;
  }
  TrackedChars operator++(int) {
    TrackedChars before = *this;
    ++*this;
    return before;
  }
  bool operator==(const TrackedChars& other) const { return p_ == other.p_; }

 private:
  const char* p_;
  const char** cursor_;
};

// Which array of which answer holds the runs.
enum class Layout { kNone, kGithubRest, kGhArray, kJenkins };

constexpr std::array<const char*, 6> kGithubRestFields = {
    "status", "conclusion", "run_started_at", "updated_at", "name", "path"};
constexpr std::array<const char*, 6> kGhFields = {"status",    "conclusion", "startedAt",
                                                  "updatedAt", "name",       "workflowName"};
enum GithubField { kStatus, kConclusion, kStarted, kUpdated, kName, kWorkflowPath };
constexpr std::array<const char*, 3> kJenkinsFields = {"result", "duration", "building"};
enum JenkinsField { kResult, kDuration, kBuilding };
constexpr std::size_t kMaxFields = 6;

// One scalar field of a run object as the parser saw it.
struct FieldValue {
  enum class Type { kMissing, kNull, kBool, kNumber, kString, kComposite };
  Type type = Type::kMissing;
  std::string text;
  double number = 0;
  bool boolean = false;
  std::size_t key_offset = 0;  // byte offset of the key's opening quote
};

std::string_view type_name(FieldValue::Type t) {
  switch (t) {
    case FieldValue::Type::kMissing:
      return "nothing";
    case FieldValue::Type::kNull:
      return "null";
    case FieldValue::Type::kBool:
      return "a boolean";
    case FieldValue::Type::kNumber:
      return "a number";
    case FieldValue::Type::kString:
      return "a string";
    case FieldValue::Type::kComposite:
      return "an object or array";
  }
  return "?";
}

class RunsHandler {
 public:
  RunsHandler(std::string_view text, const std::string& path, const char** cursor, Source expected,
              const ReadOptions& options, HistoryBuilder& builder, Diagnostics& diagnostics)
      : text_(text),
        path_(path),
        cursor_(cursor),
        expected_(expected),
        options_(options),
        builder_(builder),
        diagnostics_(diagnostics) {}

  // --- nlohmann SAX interface ---
  bool null() { return scalar(FieldValue::Type::kNull, {}, 0, false); }
  bool boolean(bool v) { return scalar(FieldValue::Type::kBool, {}, 0, v); }
  bool number_integer(Json::number_integer_t v) {
    return scalar(FieldValue::Type::kNumber, {}, static_cast<double>(v), false);
  }
  bool number_unsigned(Json::number_unsigned_t v) {
    return scalar(FieldValue::Type::kNumber, {}, static_cast<double>(v), false);
  }
  bool number_float(Json::number_float_t v, const Json::string_t&) {
    return scalar(FieldValue::Type::kNumber, {}, v, false);
  }
  bool string(Json::string_t& v) { return scalar(FieldValue::Type::kString, v, 0, false); }
  bool binary(Json::binary_t&) { return scalar(FieldValue::Type::kComposite, {}, 0, false); }

  bool start_object(std::size_t) { return open(false); }
  bool start_array(std::size_t) { return open(true); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(Json::string_t& k) {
    const std::size_t end = offset();
    previous_end_ = end;
    const std::size_t start = end >= k.size() + 2 ? end - k.size() - 2 : 0;
    if (depth_ == 1) {
      root_key_ = k;
      root_key_offset_ = start;
    } else if (run_depth_ != 0 && depth_ == run_depth_) {
      field_ = field_index(k);
      if (field_ >= 0) fields_[static_cast<std::size_t>(field_)].key_offset = start;
    }
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) {
    // nlohmann's message reads "[json.exception.parse_error.101] parse error at
    // line 1, column 5: syntax error while parsing ..."; keep what follows the place.
    std::string message = e.what();
    const std::size_t column = message.find(", column ");
    if (column != std::string::npos) {
      const std::size_t colon = message.find(": ", column);
      if (colon != std::string::npos) message = message.substr(colon + 2);
    }
    error_at(position > 0 ? position - 1 : 0, "invalid JSON: " + message);
    return false;
  }

  // After the parse: checks that a runs array was found.
  bool finish() {
    if (failed_) return false;
    if (layout_ == Layout::kNone) {
      diagnostics_.error({path_, 0, 0},
                         expected_ == Source::kJenkins
                             ? "no allBuilds or builds array: expected the answer of Jenkins' "
                               "api/json?tree=allBuilds[number,result,timestamp,duration,building]"
                             : "no workflow_runs array: expected the answer of GET "
                               "/repos/{owner}/{repo}/actions/runs or of gh run list --json "
                               "databaseId,name,conclusion,status,createdAt,startedAt,updatedAt");
      return false;
    }
    return true;
  }

 private:
  std::size_t offset() const { return static_cast<std::size_t>(*cursor_ - text_.data()); }

  // Where the value now being reported starts: past the separators after the
  // previous event (the parser reads a number one character too far, so the
  // cursor alone would point past it).
  std::size_t value_start() const {
    std::size_t i = previous_end_;
    while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\n' ||
                                text_[i] == '\r' || text_[i] == ',' || text_[i] == ':')) {
      ++i;
    }
    return i;
  }

  void error_at(std::size_t offset, const std::string& message) {
    diagnostics_.error(location_at(text_, offset, path_), message);
    failed_ = true;
  }

  // "workflow_runs[3]" or "[3]" (gh) or "allBuilds[3]".
  std::string run_path() const { return runs_name_ + "[" + std::to_string(run_index_) + "]"; }

  int field_index(std::string_view k) const {
    const auto match = [&](const auto& names) {
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (k == names[i]) return static_cast<int>(i);
      }
      return -1;
    };
    switch (layout_) {
      case Layout::kGithubRest:
        return match(kGithubRestFields);
      case Layout::kGhArray:
        return match(kGhFields);
      case Layout::kJenkins:
        return match(kJenkinsFields);
      case Layout::kNone:
        break;
    }
    return -1;
  }

  const char* field_name(int i) const {
    switch (layout_) {
      case Layout::kGithubRest:
        return kGithubRestFields[static_cast<std::size_t>(i)];
      case Layout::kGhArray:
        return kGhFields[static_cast<std::size_t>(i)];
      default:
        return kJenkinsFields[static_cast<std::size_t>(i)];
    }
  }

  bool open(bool is_array) {
    previous_end_ = offset();
    if (run_depth_ != 0 && depth_ == run_depth_ && field_ >= 0) {
      fields_[static_cast<std::size_t>(field_)].type = FieldValue::Type::kComposite;
      field_ = -1;
    }
    ++depth_;
    if (depth_ == 1) {
      if (is_array) return begin_runs(Layout::kGhArray, "", 0);
      return true;
    }
    if (depth_ == 2 && runs_depth_ == 0) {
      const bool github = root_key_ == "workflow_runs";
      const bool jenkins = root_key_ == "allBuilds" || root_key_ == "builds";
      if (github || jenkins) {
        if (!is_array) {
          error_at(root_key_offset_, root_key_ + ": expected an array of runs");
          return false;
        }
        return begin_runs(github ? Layout::kGithubRest : Layout::kJenkins, root_key_,
                          root_key_offset_);
      }
      return true;
    }
    if (runs_depth_ != 0 && depth_ == runs_depth_ + 1) {
      if (is_array) {
        error_at(offset() - 1, run_path() + ": expected an object (one run), got an array");
        return false;
      }
      run_depth_ = depth_;
      run_start_ = offset() - 1;
      field_ = -1;
      for (FieldValue& f : fields_) f = FieldValue{};
    }
    return true;
  }

  bool begin_runs(Layout layout, const std::string& name, std::size_t key_offset) {
    if (layout_ != Layout::kNone) {
      error_at(key_offset, "both " + runs_name_ + " and " + name +
                               ": ask for one of them (allBuilds has every build)");
      return false;
    }
    const Source source = layout == Layout::kJenkins ? Source::kJenkins : Source::kGithub;
    if (source != expected_) {
      error_at(key_offset, std::string("this is ") +
                               (source == Source::kJenkins ? "a Jenkins" : "a GitHub") +
                               " answer, not " + std::string(to_string(expected_)) +
                               " history (--source " + std::string(to_string(expected_)) + ")");
      return false;
    }
    layout_ = layout;
    runs_name_ = name;
    runs_depth_ = depth_;
    return true;
  }

  bool close() {
    previous_end_ = offset();
    if (run_depth_ != 0 && depth_ == run_depth_) {
      run_depth_ = 0;
      const bool ok = layout_ == Layout::kJenkins ? jenkins_run() : github_run();
      ++run_index_;
      if (!ok) return false;
    } else if (runs_depth_ != 0 && depth_ == runs_depth_) {
      runs_depth_ = 0;
    }
    --depth_;
    return true;
  }

  bool scalar(FieldValue::Type type, const std::string& text, double number, bool boolean) {
    const std::size_t start = value_start();
    previous_end_ = offset();
    if (runs_depth_ != 0 && depth_ == runs_depth_) {
      error_at(start,
               run_path() + ": expected an object (one run), got " + std::string(type_name(type)));
      return false;
    }
    if (run_depth_ == 0 || depth_ != run_depth_ || field_ < 0) return true;
    FieldValue& f = fields_[static_cast<std::size_t>(field_)];
    f.type = type;
    f.text = text;
    f.number = number;
    f.boolean = boolean;
    field_ = -1;
    return true;
  }

  // --- the rules of each source ---

  const FieldValue& field(int i) const { return fields_[static_cast<std::size_t>(i)]; }

  bool wrong_type(int i, std::string_view expected) {
    const FieldValue& f = field(i);
    error_at(f.type == FieldValue::Type::kMissing ? run_offset_hint() : f.key_offset,
             run_path() + "." + field_name(i) + ": expected " + std::string(expected) + ", got " +
                 (f.type == FieldValue::Type::kMissing ? std::string("no such field")
                                                       : std::string(type_name(f.type))));
    return false;
  }

  // Where to point when a field is missing: the run object's opening brace.
  std::size_t run_offset_hint() const { return run_start_; }

  std::optional<std::int64_t> timestamp(int i) {
    const FieldValue& f = field(i);
    if (f.type != FieldValue::Type::kString) {
      wrong_type(i, "an ISO 8601 timestamp");
      return std::nullopt;
    }
    auto ms = config::parse_iso8601_ms(f.text);
    if (!ms) {
      error_at(f.key_offset, run_path() + "." + field_name(i) +
                                 ": expected an ISO 8601 timestamp such as "
                                 "2026-03-01T10:00:00Z, got '" +
                                 f.text + "'");
    }
    return ms;
  }

  bool github_run() {
    const FieldValue& name = field(kName);
    const FieldValue& workflow_path = field(kWorkflowPath);
    const std::string workflow = name.type == FieldValue::Type::kString ? name.text : "";
    if (options_.workflow) {
      const bool path_matches = workflow_path.type == FieldValue::Type::kString &&
                                workflow_path.text == *options_.workflow;
      if (workflow != *options_.workflow && !path_matches) {
        builder_.ignore();
        return true;
      }
    }
    builder_.count_workflow(workflow);
    const FieldValue& status = field(kStatus);
    if (status.type != FieldValue::Type::kString) return wrong_type(kStatus, "a string");
    if (status.text != "completed") {
      builder_.add({RunReport::Ending::kExcluded, std::nullopt,
                    status.text.empty() ? std::string_view("no status") : status.text, false});
      return true;
    }
    const FieldValue& conclusion = field(kConclusion);
    if (conclusion.type != FieldValue::Type::kString &&
        conclusion.type != FieldValue::Type::kNull) {
      return wrong_type(kConclusion, "a string or null");
    }
    const std::string_view word = conclusion.type == FieldValue::Type::kString
                                      ? std::string_view(conclusion.text)
                                      : std::string_view();
    RunReport run;
    if (word == "success") {
      run.ending = RunReport::Ending::kSuccess;
    } else if (word == "failure") {
      run.ending = RunReport::Ending::kFailure;
    } else if (word == "timed_out") {
      run.ending = RunReport::Ending::kCensored;
      run.reason = "timed_out";
    } else {
      run.ending = RunReport::Ending::kExcluded;
      run.reason = word.empty() ? std::string_view("completed without a conclusion") : word;
      run.stopped_early = word == "cancelled";
    }
    const bool needs_duration = run.ending != RunReport::Ending::kExcluded;
    const bool has_times = field(kStarted).type == FieldValue::Type::kString &&
                           field(kUpdated).type == FieldValue::Type::kString;
    if (needs_duration || (run.stopped_early && has_times)) {
      const auto started = timestamp(kStarted);
      if (!started) return false;
      const auto updated = timestamp(kUpdated);
      if (!updated) return false;
      if (*updated < *started) {
        error_at(field(kUpdated).key_offset,
                 run_path() + "." + field_name(kUpdated) + " (" + field(kUpdated).text +
                     ") is before " + field_name(kStarted) + " (" + field(kStarted).text + ")");
        return false;
      }
      run.seconds = static_cast<double>(*updated - *started) / 1000.0;
    }
    builder_.add(run);
    return true;
  }

  bool jenkins_run() {
    const FieldValue& building = field(kBuilding);
    if (building.type != FieldValue::Type::kMissing && building.type != FieldValue::Type::kBool) {
      return wrong_type(kBuilding, "a boolean");
    }
    if (building.type == FieldValue::Type::kBool && building.boolean) {
      builder_.add({RunReport::Ending::kExcluded, std::nullopt, "building", false});
      return true;
    }
    const FieldValue& result = field(kResult);
    if (result.type == FieldValue::Type::kMissing) {
      error_at(run_offset_hint(),
               run_path() +
                   ": no 'result': ask Jenkins for "
                   "api/json?tree=allBuilds[number,result,timestamp,duration,building]");
      return false;
    }
    if (result.type == FieldValue::Type::kNull) {
      builder_.add({RunReport::Ending::kExcluded, std::nullopt, "no result", false});
      return true;
    }
    if (result.type != FieldValue::Type::kString) return wrong_type(kResult, "a string or null");
    RunReport run;
    const std::string& word = result.text;
    if (word == "SUCCESS") {
      run.ending = RunReport::Ending::kSuccess;
    } else if (word == "FAILURE" || word == "UNSTABLE") {
      run.ending = RunReport::Ending::kFailure;
    } else if (word == "ABORTED" || word == "NOT_BUILT") {
      run.ending = RunReport::Ending::kExcluded;
      run.reason = word;
      run.stopped_early = word == "ABORTED";
    } else {
      error_at(result.key_offset,
               run_path() +
                   ".result: expected SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED or "
                   "null, got '" +
                   word + "'");
      return false;
    }
    const FieldValue& duration = field(kDuration);
    if (duration.type != FieldValue::Type::kNumber) {
      if (run.ending == RunReport::Ending::kExcluded &&
          duration.type == FieldValue::Type::kMissing) {
        builder_.add(run);
        return true;
      }
      return wrong_type(kDuration, "a number of milliseconds");
    }
    if (duration.number < 0) {
      error_at(duration.key_offset,
               run_path() + ".duration: negative (" + std::to_string(duration.number) + " ms)");
      return false;
    }
    run.seconds = duration.number / 1000.0;
    builder_.add(run);
    return true;
  }

  std::string_view text_;
  const std::string& path_;
  const char** cursor_;
  Source expected_;
  const ReadOptions& options_;
  HistoryBuilder& builder_;
  Diagnostics& diagnostics_;

  int depth_ = 0;
  std::string root_key_;
  std::size_t root_key_offset_ = 0;
  Layout layout_ = Layout::kNone;
  std::string runs_name_;
  int runs_depth_ = 0;            // depth of the runs array while inside it, else 0
  int run_depth_ = 0;             // depth of the run object while inside it, else 0
  std::size_t run_start_ = 0;     // byte offset of the run object's '{'
  std::size_t previous_end_ = 0;  // the cursor after the previous event
  std::size_t run_index_ = 0;
  int field_ = -1;  // the kept field whose value comes next, or -1
  std::array<FieldValue, kMaxFields> fields_;
  bool failed_ = false;
};

}  // namespace

bool read_json_history(std::string_view text, const std::string& path, Source expected,
                       const ReadOptions& options, HistoryBuilder& builder,
                       Diagnostics& diagnostics) {
  const char* cursor = text.data();
  RunsHandler handler(text, path, &cursor, expected, options, builder, diagnostics);
  const bool parsed = Json::sax_parse(TrackedChars(text.data(), &cursor),
                                      TrackedChars(text.data() + text.size(), &cursor), &handler);
  if (!parsed) {
    if (!diagnostics.has_errors()) diagnostics.error({path, 0, 0}, "invalid JSON");
    return false;
  }
  return handler.finish();
}

}  // namespace deploysim::calibrate
