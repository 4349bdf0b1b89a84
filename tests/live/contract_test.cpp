// judge_callback: the answer and the recorded checks of every kind of
// callback request, with no network.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "live/callback_contract.hpp"

namespace deploysim::live {
namespace {

using Strings = std::vector<std::string>;

CallbackRequest good() {
  CallbackRequest r;
  r.invocation = "ab12cd-1";
  r.method = "POST";
  r.content_type = "application/json";
  r.authorization = "Bearer 0123abcd";
  r.body = R"({"success": true, "mdMessage": "Webhook successful"})";
  return r;
}

Strings checks(const CallbackVerdict& v) {
  Strings out;
  for (const ContractViolation& c : v.violations) {
    out.push_back(std::string(to_string(c.check)) + " " + std::to_string(c.status));
  }
  return out;
}

TEST(CallbackContract, TheSeedPagesCallbackIsAccepted) {
  const CallbackVerdict v = judge_callback(CallbackRoute::kOpen, good());
  EXPECT_EQ(v.status, 200);
  EXPECT_EQ(v.response_body, "{}");
  EXPECT_TRUE(v.violations.empty());
  EXPECT_EQ(v.success, true);
  EXPECT_EQ(v.md_message, "Webhook successful");
}

TEST(CallbackContract, SuccessFalseIsAnAcceptedFailure) {
  CallbackRequest r = good();
  r.body = R"({"success": false, "mdMessage": "tests failed"})";
  const CallbackVerdict v = judge_callback(CallbackRoute::kOpen, r);
  EXPECT_EQ(v.status, 200);
  EXPECT_EQ(v.success, false);
}

TEST(CallbackContract, ContentTypeParametersAndCaseAreFine) {
  CallbackRequest r = good();
  r.content_type = "Application/JSON; charset=utf-8";
  EXPECT_TRUE(judge_callback(CallbackRoute::kOpen, r).violations.empty());
  r.content_type = "text/plain";
  const CallbackVerdict v = judge_callback(CallbackRoute::kOpen, r);
  EXPECT_EQ(checks(v), Strings{"contentType 200"});
  EXPECT_EQ(v.violations[0].message,
            "the callback's Content-Type is 'text/plain'; it must be application/json");
  EXPECT_TRUE(v.accepted());
}

TEST(CallbackContract, BearerIsCaseInsensitiveAndNeedsAToken) {
  CallbackRequest r = good();
  r.authorization = "bearer xyz";
  EXPECT_TRUE(judge_callback(CallbackRoute::kOpen, r).violations.empty());
  for (const char* bad : {"Bearer ", "Basic dXNlcjpwYXNz", "token s3cret"}) {
    r.authorization = bad;
    const CallbackVerdict v = judge_callback(CallbackRoute::kOpen, r);
    EXPECT_EQ(checks(v), Strings{"authorization 200"}) << bad;
    EXPECT_EQ(v.violations[0].message,
              "the callback's Authorization header is not 'Bearer <token>'");
    EXPECT_EQ(v.violations[0].message.find("s3cret"), std::string::npos);
  }
  r.authorization.reset();
  EXPECT_EQ(checks(judge_callback(CallbackRoute::kOpen, r)), Strings{"authorization 200"});
}

TEST(CallbackContract, SuccessMustBeAJsonBoolean) {
  CallbackRequest r = good();
  const std::pair<const char*, const char*> cases[] = {
      {R"({"success": "true", "mdMessage": "m"})",
       "\"success\" is the string \"true\", not a JSON boolean"},
      {R"({"success": 1, "mdMessage": "m"})", "\"success\" is a number, not a JSON boolean"},
      {R"({"success": null, "mdMessage": "m"})", "\"success\" is null, not a JSON boolean"},
      {R"({"mdMessage": "m"})", "the callback body has no \"success\"; it must be true or false"},
      {R"([true])",
       "the callback body is an array, not an object {\"success\": true|false, \"mdMessage\": "
       "\"...\"}"},
  };
  for (const auto& [body, message] : cases) {
    r.body = body;
    const CallbackVerdict v = judge_callback(CallbackRoute::kOpen, r);
    EXPECT_EQ(v.status, 400) << body;
    EXPECT_EQ(checks(v), Strings{"success 400"}) << body;
    EXPECT_EQ(v.violations.at(0).message, message);
    EXPECT_FALSE(v.success.has_value());
    EXPECT_EQ(v.response_body, "{\"error\":" + nlohmann::json(message).dump() + "}");
  }
}

TEST(CallbackContract, EmptyObjectFailsSuccessAndMdMessage) {
  CallbackRequest r = good();
  r.body = "{}";
  r.content_type.reset();
  const CallbackVerdict v = judge_callback(CallbackRoute::kOpen, r);
  EXPECT_EQ(v.status, 400);
  EXPECT_EQ(checks(v), (Strings{"contentType 400", "success 400", "mdMessage 400"}));
}

TEST(CallbackContract, NotJsonIs400) {
  CallbackRequest r = good();
  r.body = "success=true";
  CallbackVerdict v = judge_callback(CallbackRoute::kOpen, r);
  EXPECT_EQ(checks(v), Strings{"bodyNotJson 400"});
  EXPECT_EQ(v.violations[0].message, "the callback body is not JSON (syntax error at byte 1)");
  r.body = "";
  v = judge_callback(CallbackRoute::kOpen, r);
  EXPECT_EQ(checks(v), Strings{"bodyNotJson 400"});
  EXPECT_EQ(v.violations[0].message,
            "the callback has an empty body; it must be JSON {\"success\": true|false, "
            "\"mdMessage\": \"...\"}");
}

TEST(CallbackContract, MdMessageIsOptionalButRecorded) {
  CallbackRequest r = good();
  r.body = R"({"success": true})";
  CallbackVerdict v = judge_callback(CallbackRoute::kOpen, r);
  EXPECT_EQ(v.status, 200);
  EXPECT_EQ(checks(v), Strings{"mdMessage 200"});
  EXPECT_FALSE(v.md_message.has_value());
  r.body = R"({"success": true, "mdMessage": 5})";
  v = judge_callback(CallbackRoute::kOpen, r);
  EXPECT_EQ(v.status, 200);
  EXPECT_EQ(v.violations.at(0).message, "\"mdMessage\" is a number, not a string");
}

TEST(CallbackContract, RoutingAndMethodAnswerAtOnceWithOneViolation) {
  CallbackRequest r = good();
  r.content_type.reset();  // would be a violation, but is not looked at
  const std::tuple<CallbackRoute, int, const char*> cases[] = {
      {CallbackRoute::kUnknownInvocation, 404, "unknownInvocation 404"},
      {CallbackRoute::kWrongPath, 404, "callbackPath 404"},
      {CallbackRoute::kCalledBack, 409, "secondCallback 409"},
      {CallbackRoute::kEnded, 410, "lateCallback 410"},
  };
  for (const auto& [route, status, check] : cases) {
    const CallbackVerdict v = judge_callback(route, r);
    EXPECT_EQ(v.status, status);
    EXPECT_EQ(checks(v), Strings{check});
    EXPECT_FALSE(v.success.has_value());
  }
  EXPECT_EQ(judge_callback(CallbackRoute::kUnknownInvocation, r).violations[0].message,
            "no invocation 'ab12cd-1': the callback URI is not one this run gave out");
  r.method = "GET";
  const CallbackVerdict v = judge_callback(CallbackRoute::kOpen, r);
  EXPECT_EQ(checks(v), Strings{"method 405"});
  EXPECT_EQ(v.violations[0].message, "the callback used GET; it must be a POST");
}

TEST(CallbackContract, CheckWordsRoundTrip) {
  for (int i = 0; i <= static_cast<int>(ContractCheck::kLateCallback); ++i) {
    const auto check = static_cast<ContractCheck>(i);
    EXPECT_EQ(parse_contract_check(to_string(check)), check);
  }
  EXPECT_EQ(to_string(ContractCheck::kContentType), "contentType");
  EXPECT_FALSE(parse_contract_check("ContentType").has_value());
}

}  // namespace
}  // namespace deploysim::live
