// CSV histories. The first line names the columns (in any order; others are
// ignored); lines starting with # and blank lines are skipped; a field may be
// quoted with "...".
//   webhooks:  duration,result            result: success | failure | timeout
//   approvals: requested,answered,decision   (ISO 8601 instants)
//              duration,decision             decision: approve | reject | timeout
// DURATION is SCENARIO.md's (250ms, 90s, 5m, 2h, 1d) or a bare number of
// seconds. `timeout` (also `timed_out`; `never` and `expired` for approvals)
// is right-censored at its duration; an approval with no answer yet (empty
// `answered` or duration) takes no part.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "config/timestamp.hpp"
#include "deploysim/loader.hpp"
#include "readers.hpp"

namespace deploysim::calibrate {
namespace {

struct Field {
  std::string_view text;
  int column = 1;  // 1-based byte column of the field's first character
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Splits one line at commas; strips spaces and one pair of quotes per field.
void split(std::string_view line, std::vector<Field>& fields) {
  fields.clear();
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
    std::string_view raw = line.substr(start, end - start);
    std::size_t offset = 0;
    while (offset < raw.size() && (raw[offset] == ' ' || raw[offset] == '\t')) ++offset;
    std::string_view text = trim(raw);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
      text = text.substr(1, text.size() - 2);
      ++offset;
    }
    fields.push_back({text, static_cast<int>(start + offset) + 1});
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool read_csv_history(std::string_view text, const std::string& path, const ReadOptions& options,
                      HistoryBuilder& builder, Diagnostics& diagnostics) {
  const bool approvals = options.subject == Subject::kApproval;
  std::vector<Field> fields;
  int duration_col = -1, result_col = -1, requested_col = -1, answered_col = -1;
  bool header_seen = false;
  std::size_t needed = 0;
  int line_number = 0;
  std::size_t start = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    const std::string_view content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    split(line, fields);
    const auto error = [&](int column, const std::string& message) {
      diagnostics.error({path, line_number, column}, message);
      return false;
    };

    if (!header_seen) {
      header_seen = true;
      for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string name = lower(fields[i].text);
        const int col = static_cast<int>(i);
        if (name == "duration" || name == "after") duration_col = col;
        if (name == (approvals ? "decision" : "result")) result_col = col;
        if (name == "requested") requested_col = col;
        if (name == "answered") answered_col = col;
      }
      const bool has_decision = std::any_of(
          fields.begin(), fields.end(), [](const Field& f) { return lower(f.text) == "decision"; });
      const bool has_result = std::any_of(fields.begin(), fields.end(),
                                          [](const Field& f) { return lower(f.text) == "result"; });
      if (!approvals && has_decision && !has_result) {
        return error(1,
                     "this is a history of approvals (a decision column): calibrate it with "
                     "--approvals KEY instead of --webhook");
      }
      if (approvals && has_result && !has_decision) {
        return error(1,
                     "this is a history of webhook runs (a result column): calibrate it with "
                     "--webhook NAME instead of --approvals");
      }
      const bool timed = requested_col >= 0 && answered_col >= 0;
      if (result_col < 0 || (duration_col < 0 && !(approvals && timed))) {
        return error(1, approvals ? "expected the header requested,answered,decision (or "
                                    "duration,decision)"
                                  : "expected the header duration,result");
      }
      if (approvals && timed) duration_col = -1;  // the instants win when both are given
      needed = static_cast<std::size_t>(
          std::max({duration_col, result_col, requested_col, answered_col}) + 1);
      continue;
    }

    if (fields.size() < needed) {
      return error(
          static_cast<int>(line.size()) + 1,
          "expected " + std::to_string(needed) + " fields, got " + std::to_string(fields.size()));
    }
    const Field& word_field = fields[static_cast<std::size_t>(result_col)];
    const std::string word = lower(word_field.text);

    // The duration: a DURATION column, or answered - requested.
    std::optional<double> seconds;
    bool unanswered = false;
    if (duration_col >= 0) {
      const Field& d = fields[static_cast<std::size_t>(duration_col)];
      if (d.text.empty()) {
        unanswered = true;
      } else {
        const auto parsed = parse_duration(std::string(d.text));
        if (!parsed || parsed->count() < 0) {
          return error(d.column, "expected a duration (250ms, 90s, 5m, 2h, 1d or seconds), got '" +
                                     std::string(d.text) + "'");
        }
        seconds = static_cast<double>(parsed->count()) / 1000.0;
      }
    } else {
      const Field& req = fields[static_cast<std::size_t>(requested_col)];
      const Field& ans = fields[static_cast<std::size_t>(answered_col)];
      const auto requested = config::parse_iso8601_ms(req.text);
      if (!requested) {
        return error(req.column,
                     "requested: expected an ISO 8601 timestamp such as "
                     "2026-03-01T10:00:00Z, got '" +
                         std::string(req.text) + "'");
      }
      if (ans.text.empty()) {
        unanswered = true;
      } else {
        const auto answered = config::parse_iso8601_ms(ans.text);
        if (!answered) {
          return error(ans.column,
                       "answered: expected an ISO 8601 timestamp such as "
                       "2026-03-01T10:00:00Z, got '" +
                           std::string(ans.text) + "'");
        }
        if (*answered < *requested) {
          return error(ans.column, "answered (" + std::string(ans.text) +
                                       ") is before requested (" + std::string(req.text) + ")");
        }
        seconds = static_cast<double>(*answered - *requested) / 1000.0;
      }
    }

    RunReport run;
    run.seconds = seconds;
    if (approvals) {
      if (word == "approve" || word == "approved") {
        run.ending = RunReport::Ending::kSuccess;
      } else if (word == "reject" || word == "rejected") {
        run.ending = RunReport::Ending::kFailure;
      } else if (word == "timeout" || word == "never" || word == "expired") {
        run.ending = RunReport::Ending::kCensored;
        run.reason = "no answer before it expired";
      } else if (word.empty() && unanswered) {
        run.ending = RunReport::Ending::kExcluded;
        run.reason = "not answered yet";
      } else {
        return error(word_field.column, "decision: expected approve, reject or timeout, got '" +
                                            std::string(word_field.text) + "'");
      }
    } else {
      if (word == "success") {
        run.ending = RunReport::Ending::kSuccess;
      } else if (word == "failure") {
        run.ending = RunReport::Ending::kFailure;
      } else if (word == "timeout" || word == "timed_out") {
        run.ending = RunReport::Ending::kCensored;
        run.reason = "timeout";
      } else {
        return error(word_field.column, "result: expected success, failure or timeout, got '" +
                                            std::string(word_field.text) + "'");
      }
    }
    if (unanswered && run.ending != RunReport::Ending::kExcluded) {
      if (!approvals) {
        return error(fields[static_cast<std::size_t>(duration_col)].column,
                     "expected a duration, got nothing");
      }
      run.ending = RunReport::Ending::kExcluded;
      run.reason = "not answered yet";
    }
    builder.add(run);
  }
  if (!header_seen) {
    diagnostics.error({path, 0, 0}, "no header line: expected duration,result");
    return false;
  }
  return true;
}

}  // namespace deploysim::calibrate
