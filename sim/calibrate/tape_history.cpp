// Tapes of `deploysim live --record` (COMMANDS.md live, "Tape"): one JSON
// object per line, {"webhook", "target", "where", "invocation", "attempts",
// "requests", "callback": {"after", "wallSeconds", "success", "mdMessage"} |
// null, "result", "contract"}.
//
// Only the invocations of the named webhook count. A callback gives the
// latency (`after`, virtual seconds since the call) and the result; no
// callback and result TIMEOUT is right-censored at --timeout (the tape does
// not carry the callback timeout, so --timeout must say it); UNREACHABLE and
// ABANDONED take no part in the latency.
#include <nlohmann/json.hpp>
#include <set>

#include "readers.hpp"

namespace deploysim::calibrate {
namespace {

using Json = nlohmann::json;

std::string describe(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    default:
      return "a number";
  }
}

}  // namespace

bool read_tape_history(std::string_view text, const std::string& path, const ReadOptions& options,
                       HistoryBuilder& builder, Diagnostics& diagnostics) {
  std::set<std::string> webhooks;
  std::uint64_t mine = 0;
  int line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    ++line_number;
    const std::size_t line_start = start;
    start = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;

    const auto error = [&](int column, const std::string& message) {
      diagnostics.error({path, line_number, column}, message);
      return false;
    };
    Json j;
    try {
      j = Json::parse(line);
    } catch (const Json::parse_error& e) {
      std::string message = e.what();
      const std::size_t column = message.find(", column ");
      const std::size_t colon = column == std::string::npos ? column : message.find(": ", column);
      if (colon != std::string::npos) message = message.substr(colon + 2);
      const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
      return error(location_at(text, line_start + at, path).column, "invalid JSON: " + message);
    }
    if (!j.is_object()) return error(1, "expected one JSON object per line (a tape of live)");
    const auto webhook = j.find("webhook");
    if (webhook == j.end() || !webhook->is_string()) {
      return error(1, "webhook: expected the webhook's name, got " +
                          (webhook == j.end() ? std::string("no such field") : describe(*webhook)));
    }
    const std::string name = webhook->get<std::string>();
    if (name != options.subject_name) {
      webhooks.insert(name);
      builder.ignore();
      continue;
    }
    ++mine;
    const auto callback = j.find("callback");
    const auto result = j.find("result");
    if (result == j.end() || !result->is_string()) {
      return error(1, "result: expected SUCCESS, FAILURE, TIMEOUT, UNREACHABLE or ABANDONED, got " +
                          (result == j.end() ? std::string("no such field") : describe(*result)));
    }
    const std::string word = result->get<std::string>();
    if (callback != j.end() && callback->is_object()) {
      const auto after = callback->find("after");
      if (after == callback->end() || !after->is_number() || after->get<double>() < 0) {
        return error(
            1,
            "callback.after: expected the virtual seconds from the call to the "
            "callback (a number, not negative), got " +
                (after == callback->end() ? std::string("no such field") : describe(*after)));
      }
      const auto success = callback->find("success");
      if (success == callback->end() || !success->is_boolean()) {
        return error(1, "callback.success: expected true or false, got " +
                            (success == callback->end() ? std::string("no such field")
                                                        : describe(*success)));
      }
      builder.add({success->get<bool>() ? RunReport::Ending::kSuccess : RunReport::Ending::kFailure,
                   after->get<double>(),
                   {},
                   false});
      continue;
    }
    if (callback == j.end() || !callback->is_null()) {
      return error(1,
                   "callback: expected an object or null, got " +
                       (callback == j.end() ? std::string("no such field") : describe(*callback)));
    }
    if (word == "TIMEOUT") {
      if (!options.timeout_seconds) {
        return error(1, "invocation of " + name +
                            " timed out without a callback: give --timeout (the callback "
                            "timeout of the live run) so that it counts as censored there");
      }
      builder.add({RunReport::Ending::kCensored, *options.timeout_seconds, "TIMEOUT", false});
    } else if (word == "UNREACHABLE" || word == "ABANDONED") {
      builder.add({RunReport::Ending::kExcluded, std::nullopt, word, false});
    } else {
      return error(1, "result " + word +
                          " without a callback: expected TIMEOUT, UNREACHABLE or "
                          "ABANDONED (or a callback object)");
    }
  }
  if (mine == 0) {
    std::string names;
    for (const std::string& n : webhooks) names += (names.empty() ? "" : ", ") + n;
    diagnostics.error({path, 0, 0}, "no invocation of webhook '" + options.subject_name +
                                        "' in this tape" +
                                        (names.empty() ? "" : " (it has: " + names + ")"));
    return false;
  }
  return true;
}

}  // namespace deploysim::calibrate
