// The tape: the exact line written, reading it back, and FILE:LINE:COL errors.
#include <gtest/gtest.h>

#include "deploysim/tape.hpp"

namespace deploysim::live {
namespace {

using namespace std::chrono_literals;

TapeEntry entry() {
  TapeEntry e;
  e.webhook = "Run-Integration-Tests";
  e.target = "staging";
  e.where = WebhookWhere::kAfterDeployment;
  e.invocation = "ab12cd-3";
  e.attempts = 3;
  HttpRequest shown{"POST",
                    "https://ci.example/hook?key=***",
                    {{"Authorization", "token ***"}, {"Content-Type", "application/json"}},
                    R"({"callbackUri": "http://127.0.0.1:5000/callbacks/ab12cd-3/callback"})"};
  e.requests.push_back({shown, std::nullopt});
  e.requests.push_back({shown, 500});
  e.requests.push_back({shown, 200});
  e.callback = TapeCallback{90500ms, 0.1234, true, "all green"};
  e.result = WebhookResult::kSuccess;
  e.contract.push_back({ContractCheck::kContentType, 200, "no Content-Type"});
  return e;
}

constexpr char kLine[] =
    R"({"webhook":"Run-Integration-Tests","target":"staging","where":"afterDeployment",)"
    R"("invocation":"ab12cd-3","attempts":3,"requests":[)"
    R"({"method":"POST","url":"https://ci.example/hook?key=***","headers":[{"name":"Authorization",)"
    R"("value":"token ***"},{"name":"Content-Type","value":"application/json"}],)"
    R"("body":"{\"callbackUri\": \"http://127.0.0.1:5000/callbacks/ab12cd-3/callback\"}","status":null},)"
    R"({"method":"POST","url":"https://ci.example/hook?key=***","headers":[{"name":"Authorization",)"
    R"("value":"token ***"},{"name":"Content-Type","value":"application/json"}],)"
    R"("body":"{\"callbackUri\": \"http://127.0.0.1:5000/callbacks/ab12cd-3/callback\"}","status":500},)"
    R"({"method":"POST","url":"https://ci.example/hook?key=***","headers":[{"name":"Authorization",)"
    R"("value":"token ***"},{"name":"Content-Type","value":"application/json"}],)"
    R"("body":"{\"callbackUri\": \"http://127.0.0.1:5000/callbacks/ab12cd-3/callback\"}","status":200}],)"
    R"("callback":{"after":90.5,"wallSeconds":0.123,"success":true,"mdMessage":"all green"},)"
    R"("result":"SUCCESS","contract":[{"check":"contentType","status":200,"message":"no Content-Type"}]})";

std::vector<std::string> errors(const std::string& text) {
  Diagnostics d;
  EXPECT_FALSE(read_tape_from_string(text, "t.jsonl", d).has_value());
  std::vector<std::string> out;
  for (const Problem& p : d.problems()) out.push_back(p.to_string());
  return out;
}

// kLine with `from` replaced by `to` (once).
std::string edited(const std::string& from, const std::string& to) {
  std::string line = kLine;
  const std::size_t at = line.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return line.replace(at, from.size(), to);
}

TEST(Tape, TheLineHasTheKeysOfCommandsMdInOrder) { EXPECT_EQ(tape_line(entry()), kLine); }

TEST(Tape, NoCallbackIsNullAndAnEmptyBodyIsNull) {
  TapeEntry e = entry();
  e.callback.reset();
  e.requests[0].request.body.clear();
  e.result = WebhookResult::kTimeout;
  const std::string line = tape_line(e);
  EXPECT_NE(line.find(R"("body":null,"status":null})"), std::string::npos);
  EXPECT_NE(line.find(R"("callback":null,"result":"TIMEOUT")"), std::string::npos);
}

TEST(Tape, ReadsBackWhatItWrote) {
  TapeEntry other = entry();
  other.webhook = "security-scan";
  other.where = WebhookWhere::kRedirectTrafficAfter;
  other.callback->md_message.reset();
  other.callback->success = false;
  other.result = WebhookResult::kFailure;
  other.contract.clear();
  const std::string text = tape_line(entry()) + "\n\n  \n" + tape_line(other) + "\r\n";
  Diagnostics d;
  const auto tape = read_tape_from_string(text, "t.jsonl", d);
  ASSERT_TRUE(tape.has_value());
  EXPECT_TRUE(d.problems().empty());
  ASSERT_EQ(tape->size(), 2u);
  EXPECT_EQ(tape_line((*tape)[0]), tape_line(entry()));
  EXPECT_EQ(tape_line((*tape)[1]), tape_line(other));
  EXPECT_EQ((*tape)[0].location.line, 1);
  EXPECT_EQ((*tape)[1].location.line, 4);
  EXPECT_EQ((*tape)[1].location.file, "t.jsonl");
  EXPECT_EQ((*tape)[0].callback->after, 90500ms);
  EXPECT_EQ((*tape)[0].requests[0].request.headers[1].name, "Content-Type");
  EXPECT_FALSE((*tape)[1].callback->md_message.has_value());
}

TEST(Tape, AnEmptyTapeHasNoEntries) {
  Diagnostics d;
  const auto tape = read_tape_from_string("\n", "t.jsonl", d);
  ASSERT_TRUE(tape.has_value());
  EXPECT_TRUE(tape->empty());
}

TEST(Tape, ASyntaxErrorPointsAtItsByte) {
  const std::vector<std::string> e = errors(std::string(kLine) + "\n{\"webhook\": x}\n");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].substr(0, 40), "t.jsonl:2:13: error: not a JSON line: sy");
}

TEST(Tape, FieldErrorsPointAtTheirKeyOnTheirLine) {
  const std::string line = kLine;
  EXPECT_EQ(errors(line + "\n" + edited(R"("where":"afterDeployment")", R"("where":"after")")),
            std::vector<std::string>{
                "t.jsonl:2:" + std::to_string(line.find("\"where\"") + 1) +
                ": error: where: 'after' is not one of beforeDeployment, "
                "afterDeployment, canary, redirectTrafficAfter, shutDownOldVersionAfter"});
  EXPECT_EQ(errors(edited(R"("attempts":3)", R"("attempts":2)")),
            std::vector<std::string>{"t.jsonl:1:" + std::to_string(line.find("\"attempts\"") + 1) +
                                     ": error: attempts: 2 is fewer than the 3 requests"});
  EXPECT_EQ(errors(edited(R"("status":500)", R"("status":42)")),
            std::vector<std::string>{"t.jsonl:1:" + std::to_string(line.find("\"requests\"") + 1) +
                                     ": error: requests[1].status: 42 is not in 100..599"});
  EXPECT_EQ(errors(edited(R"("result":"SUCCESS")", R"("result":"success")")),
            std::vector<std::string>{
                "t.jsonl:1:" + std::to_string(line.find("\"result\"") + 1) +
                ": error: result: 'success' is not one of SUCCESS, FAILURE, TIMEOUT, UNREACHABLE, "
                "ABANDONED, PENDING"});
  EXPECT_EQ(
      errors(edited(R"("after":90.5)", R"("after":-1)")),
      std::vector<std::string>{"t.jsonl:1:" + std::to_string(line.find("\"callback\"") + 1) +
                               ": error: callback.after: -1 is not a number of seconds >= 0"});
  EXPECT_EQ(errors(edited(R"("check":"contentType")", R"("check":"typo")")),
            std::vector<std::string>{"t.jsonl:1:" + std::to_string(line.find("\"contract\"") + 1) +
                                     ": error: contract[0].check: unknown contract check 'typo'"});
  EXPECT_EQ(
      errors(edited(R"("success":true)", R"("success":"true")")),
      std::vector<std::string>{"t.jsonl:1:" + std::to_string(line.find("\"callback\"") + 1) +
                               ": error: callback.success: expected true or false, got string"});
}

TEST(Tape, KeysMustBeExactlyThoseOfTheContract) {
  EXPECT_EQ(errors(edited(R"("attempts":3,)", R"("attempts":3,"extra":1,)")),
            std::vector<std::string>{
                "t.jsonl:1:" + std::to_string(std::string(kLine).find("\"attempts\"") + 14) +
                ": error: unknown key 'extra' (a tape line has webhook, target, where, invocation, "
                "attempts, requests, callback, result, contract)"});
  EXPECT_EQ(errors(edited(R"("invocation":"ab12cd-3",)", "")),
            std::vector<std::string>{"t.jsonl:1:1: error: missing key 'invocation'"});
  EXPECT_EQ(errors("[1, 2]"),
            std::vector<std::string>{"t.jsonl:1:1: error: a tape line must be a JSON object"});
}

TEST(Tape, EveryBadLineIsReported) {
  const std::vector<std::string> e = errors("[]\n" + std::string(kLine) + "\n{}\n");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].substr(0, 10), "t.jsonl:1:");
  EXPECT_EQ(e[1].substr(0, 10), "t.jsonl:3:");
}

TEST(Tape, AMissingFileIsAnError) {
  Diagnostics d;
  EXPECT_FALSE(read_tape("/nonexistent/tape.jsonl", d).has_value());
  ASSERT_EQ(d.problems().size(), 1u);
  EXPECT_EQ(d.problems()[0].to_string(), "/nonexistent/tape.jsonl: error: cannot read the tape");
}

}  // namespace
}  // namespace deploysim::live
