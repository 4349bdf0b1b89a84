// The tape of `deploysim live --record`: one JSON line per real webhook
// invocation, in call order (../shared/spec/COMMANDS.md, `live`). `run
// --replay` and `calibrate` read it back.
//
// A line, keys in this order:
//   {"webhook": NAME, "target": NAME, "where": WHERE, "invocation": ID,
//    "attempts": N,
//    "requests": [{"method", "url", "headers": [{"name", "value"}, ...],
//                  "body": STRING|null, "status": HTTP_STATUS|null}, ...],
//    "callback": {"after": VIRTUAL_SECONDS_SINCE_CALL, "wallSeconds": S,
//                 "success": BOOL, "mdMessage": STRING|null} | null,
//    "result": "SUCCESS"|"FAILURE"|"TIMEOUT"|"UNREACHABLE"|"ABANDONED"|"PENDING",
//    "contract": [{"check": WORD, "status": HTTP_STATUS, "message": TEXT}, ...]}
// Headers are a list, not an object, as in the run report: names may repeat
// and their order is what was sent. Requests are what was shown, never what
// went on the wire: secrets are `***` in them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deploysim/diagnostics.hpp"
#include "deploysim/outcome.hpp"
#include "deploysim/time.hpp"

namespace deploysim::live {

struct HttpHeader {
  std::string name;
  std::string value;
};

// A rendered webhook request (W2).
struct HttpRequest {
  std::string method;  // "POST", "GET", ...
  std::string url;     // http://HOST[:PORT]/PATH?QUERY or https://...
  std::vector<HttpHeader> headers;
  std::string body;  // empty: no body (null on the tape)
};

// One trigger attempt that reached the network: the request as shown and the
// HTTP status it was answered with (nullopt: no answer, e.g. connection
// refused or no answer in time).
struct TapeRequest {
  HttpRequest request;
  std::optional<int> status;
};

// The accepted callback of an invocation.
struct TapeCallback {
  Duration after{0};        // virtual time from the call (the first attempt) to the callback
  double wall_seconds = 0;  // wall time from the first attempt to the callback, ms resolution
  bool success = false;
  std::optional<std::string> md_message;  // nullopt: the callback had no string mdMessage
};

// The contract checks of a callback request (COMMANDS.md `live`), each with
// the answer the harness gives and the word on the tape and in reports.
enum class ContractCheck {
  kMethod,             // "method": not a POST; answered 405, the invocation keeps waiting
  kContentType,        // "contentType": Content-Type is not application/json; recorded only
  kBodyNotJson,        // "bodyNotJson": answered 400, the invocation keeps waiting
  kSuccess,            // "success": missing or not a JSON boolean; 400, keeps waiting
  kMdMessage,          // "mdMessage": missing or not a string; recorded only
  kAuthorization,      // "authorization": no `Authorization: Bearer <token>`; recorded only
  kUnknownInvocation,  // "unknownInvocation": no such invocation id; 404
  kSecondCallback,     // "secondCallback": the invocation was already called back; 409
  // Beyond the list of COMMANDS.md (receiver mistakes worth naming):
  kCallbackPath,  // "callbackPath": posted to the callback URI without `/callback`; 404
  kLateCallback,  // "lateCallback": the invocation had already ended (e.g. TIMEOUT); 410
};

std::string_view to_string(ContractCheck check);
std::optional<ContractCheck> parse_contract_check(std::string_view word);

// One failed check of one callback request. `message` says what was wrong in
// words fit for a warning; it never quotes an Authorization value.
struct ContractViolation {
  ContractCheck check = ContractCheck::kMethod;
  int status = 0;  // what the harness answered that request
  std::string message;
};

struct TapeEntry {
  std::string webhook;  // Webhook::name
  std::string target;   // Target::name
  WebhookWhere where = WebhookWhere::kBeforeDeployment;
  std::string invocation;  // the harness's invocation id (the callback URI ends with it)
  int attempts = 0;        // trigger attempts made; >= requests.size() (W9: an attempt
                           // through a down agent fails without reaching the network)
  std::vector<TapeRequest> requests;
  std::optional<TapeCallback> callback;
  WebhookResult result = WebhookResult::kPending;
  std::vector<ContractViolation> contract;
  // Set by the reader: the file and line the entry came from (column 1). Not
  // written by tape_line().
  SourceLocation location;
};

// The entry as one line of compact JSON, keys in the order above, no newline.
// Times are seconds (after: ms / 1000). Invalid UTF-8 is replaced (U+FFFD).
std::string tape_line(const TapeEntry& entry);

// Reads a tape. Blank lines are skipped. Every problem is reported into
// `diagnostics` as FILE:LINE:COL (LINE: the line of the tape; COL: where the
// JSON syntax error is, else where the offending top-level key starts, else 1),
// and all lines are checked. Returns nullopt when there is an error (a file
// that cannot be read is one).
// Checked: each line is a JSON object with exactly the keys above and their
// types; `where`, `result` and `contract[].check` are known words; `attempts`
// >= number of requests; `after` and `wallSeconds` are finite and >= 0; HTTP
// statuses are 100..599.
std::optional<std::vector<TapeEntry>> read_tape(const std::string& path, Diagnostics& diagnostics);

// Same, from text in memory; `path` is used in messages.
std::optional<std::vector<TapeEntry>> read_tape_from_string(std::string_view text,
                                                            const std::string& path,
                                                            Diagnostics& diagnostics);

}  // namespace deploysim::live
