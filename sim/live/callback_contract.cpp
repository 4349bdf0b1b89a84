#include "callback_contract.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <nlohmann/json.hpp>

namespace deploysim::live {
namespace {

using Json = nlohmann::json;

constexpr std::array<std::string_view, 10> kCheckWords = {
    "method",        "contentType",       "bodyNotJson",    "success",      "mdMessage",
    "authorization", "unknownInvocation", "secondCallback", "callbackPath", "lateCallback",
};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "the string \"true\"", "a number", "null", ...
std::string describe(const Json& j) {
  switch (j.type()) {
    case Json::value_t::string:
      return "the string " + j.dump(-1, ' ', false, Json::error_handler_t::replace);
    case Json::value_t::null:
      return "null";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::boolean:
      return "a boolean";
    default:
      return "a number";
  }
}

CallbackVerdict reject(ContractCheck check, int status, std::string message) {
  CallbackVerdict v;
  v.status = status;
  v.response_body = Json{{"error", message}}.dump(-1, ' ', false, Json::error_handler_t::replace);
  v.violations.push_back({check, status, std::move(message)});
  return v;
}

}  // namespace

std::string_view to_string(ContractCheck check) { return kCheckWords[static_cast<int>(check)]; }

std::optional<ContractCheck> parse_contract_check(std::string_view word) {
  for (std::size_t i = 0; i < kCheckWords.size(); ++i) {
    if (kCheckWords[i] == word) return static_cast<ContractCheck>(i);
  }
  return std::nullopt;
}

CallbackVerdict judge_callback(CallbackRoute route, const CallbackRequest& request) {
  const std::string id(request.invocation);
  switch (route) {
    case CallbackRoute::kUnknownInvocation:
      return reject(ContractCheck::kUnknownInvocation, 404,
                    "no invocation '" + id + "': the callback URI is not one this run gave out");
    case CallbackRoute::kWrongPath:
      return reject(ContractCheck::kCallbackPath, 404,
                    "the callback went to the wrong path: it must be POST {{armory.callbackUri}}"
                    "/callback, i.e. /callbacks/" +
                        id + "/callback");
    case CallbackRoute::kCalledBack:
      return reject(
          ContractCheck::kSecondCallback, 409,
          "a second callback for invocation '" + id + "': the first was already accepted");
    case CallbackRoute::kEnded:
      return reject(ContractCheck::kLateCallback, 410,
                    "the callback for invocation '" + id +
                        "' came after the step had ended (e.g. the callback timeout)");
    case CallbackRoute::kOpen:
      break;
  }
  if (request.method != "POST") {
    return reject(ContractCheck::kMethod, 405,
                  "the callback used " + std::string(request.method) + "; it must be a POST");
  }

  // Recorded, not rejected: the rest of the request still counts.
  std::vector<ContractViolation> notes;
  if (!request.content_type) {
    notes.push_back({ContractCheck::kContentType, 0,
                     "the callback has no Content-Type header; it must be application/json"});
  } else {
    const std::string_view full = *request.content_type;
    const std::string media = lower(trim(full.substr(0, full.find(';'))));
    if (media != "application/json") {
      notes.push_back({ContractCheck::kContentType, 0,
                       "the callback's Content-Type is '" + std::string(trim(full)) +
                           "'; it must be application/json"});
    }
  }
  if (!request.authorization) {
    notes.push_back({ContractCheck::kAuthorization, 0,
                     "the callback has no Authorization header; it must send 'Authorization: "
                     "Bearer <token>' (a token from /oauth/token)"});
  } else {
    // RFC 7235: the scheme is case-insensitive. The value is never quoted.
    const std::string_view value = trim(*request.authorization);
    const bool bearer = value.size() > 7 && lower(value.substr(0, 7)) == "bearer " &&
                        !trim(value.substr(7)).empty();
    if (!bearer) {
      notes.push_back({ContractCheck::kAuthorization, 0,
                       "the callback's Authorization header is not 'Bearer <token>'"});
    }
  }

  CallbackVerdict verdict;
  Json body;
  try {
    body = Json::parse(request.body);
  } catch (const Json::parse_error& e) {
    verdict = reject(ContractCheck::kBodyNotJson, 400,
                     request.body.empty()
                         ? std::string("the callback has an empty body; it must be JSON "
                                       "{\"success\": true|false, \"mdMessage\": \"...\"}")
                         : "the callback body is not JSON (syntax error at byte " +
                               std::to_string(e.byte) + ")");
  }
  if (verdict.accepted()) {
    if (!body.is_object()) {
      verdict = reject(ContractCheck::kSuccess, 400,
                       "the callback body is " + describe(body) +
                           ", not an object {\"success\": true|false, \"mdMessage\": \"...\"}");
    } else {
      const auto success = body.find("success");
      if (success == body.end()) {
        verdict = reject(ContractCheck::kSuccess, 400,
                         "the callback body has no \"success\"; it must be true or false");
      } else if (!success->is_boolean()) {
        verdict = reject(ContractCheck::kSuccess, 400,
                         "\"success\" is " + describe(*success) + ", not a JSON boolean");
      } else {
        verdict.success = success->get<bool>();
      }
      const auto md = body.find("mdMessage");
      if (md == body.end()) {
        verdict.violations.push_back({ContractCheck::kMdMessage, verdict.status,
                                      "the callback body has no \"mdMessage\" (the message "
                                      "CD-as-a-Service shows)"});
      } else if (!md->is_string()) {
        verdict.violations.push_back({ContractCheck::kMdMessage, verdict.status,
                                      "\"mdMessage\" is " + describe(*md) + ", not a string"});
      } else if (verdict.accepted()) {
        verdict.md_message = md->get<std::string>();
      }
    }
  }
  if (!verdict.accepted()) verdict.success.reset();
  for (ContractViolation& note : notes) note.status = verdict.status;
  verdict.violations.insert(verdict.violations.begin(), notes.begin(), notes.end());
  return verdict;
}

}  // namespace deploysim::live
