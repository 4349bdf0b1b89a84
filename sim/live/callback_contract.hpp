// The contract of a CD-as-a-Service callback (COMMANDS.md `live`; the seed
// page external-automation.md): what a request to /callbacks/<id>/... is
// answered and which checks it fails. Pure: no network, no clock, no state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deploysim/tape.hpp"

namespace deploysim::live {

// Where a callback request lands, as the harness's routing sees it.
enum class CallbackRoute {
  kUnknownInvocation,  // /callbacks/<id>... with an id the harness never gave
  kWrongPath,          // a known id, but not /callbacks/<id>/callback
  kOpen,               // waiting for its callback
  kCalledBack,         // a callback was already accepted
  kEnded,              // the model is done with it, no callback accepted
};

struct CallbackRequest {
  std::string_view invocation;  // the id named in the path
  std::string_view method;
  std::optional<std::string_view> content_type;   // the first Content-Type header
  std::optional<std::string_view> authorization;  // the first Authorization header
  std::string_view body;
};

struct CallbackVerdict {
  int status = 200;
  std::string response_body = "{}";  // 200: {}; otherwise {"error": "<why>"}
  std::vector<ContractViolation> violations;
  // Set when accepted (status 200).
  std::optional<bool> success;
  std::optional<std::string> md_message;
  bool accepted() const { return status == 200; }
};

// Routing problems (unknown id 404, wrong path 404, second callback 409, late
// 410) and a method other than POST (405) are answered at once, with that one
// violation. Otherwise every check applies and is recorded: Content-Type,
// Authorization: Bearer, then the body (not JSON: 400; `success` missing or not
// a JSON boolean: 400; `mdMessage` missing or not a string: recorded only).
CallbackVerdict judge_callback(CallbackRoute route, const CallbackRequest& request);

}  // namespace deploysim::live
