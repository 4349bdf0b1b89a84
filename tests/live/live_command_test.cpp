// `deploysim live` end to end, in-process (run_cli) against real receiver
// processes over 127.0.0.1: the run ends as the rules say, the contract is
// checked, secrets stay on the wire, the tape replays to the same run, and
// nothing stays listening.
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "../cli/cli_fixture.hpp"
#include "live_fixture.hpp"

namespace deploysim {
namespace {

using Json = nlohmann::json;
using live::testing::kSecret;
using live::testing::port_accepts;
using live::testing::ReceiverProcess;
using testing::deploysim;
using testing::read_file;
using Strings = std::vector<std::string>;

// staging calls hook-a (the callback URI in the body, the secret in a header
// and the body); prod, after staging, calls hook-b (the URI in the query).
std::string pipeline(const std::string& url_a, const std::string& url_b,
                     const std::string& timeouts) {
  return "name: live-two-webhooks\n"
         "deployment:\n"
         "  version: v1\n"
         "  kind: kubernetes\n"
         "  application: app\n"
         "  targets:\n"
         "    staging:\n"
         "      account: cluster\n"
         "      namespace: staging\n"
         "      constraints:\n"
         "        beforeDeployment:\n"
         "          - runWebhook: {name: hook-a}\n"
         "    prod:\n"
         "      account: cluster\n"
         "      namespace: prod\n"
         "      constraints:\n"
         "        dependsOn: [staging]\n"
         "        beforeDeployment:\n"
         "          - runWebhook: {name: hook-b}\n"
         "  manifests: [{path: app.yml}]\n"
         "  webhooks:\n"
         "    - name: hook-a\n"
         "      method: POST\n"
         "      uriTemplate: " +
         url_a +
         "/hook\n"
         "      headers: [{key: Authorization, value: 'token {{secrets.token}}'}]\n"
         "      bodyTemplate: {inline: '{\"callbackUri\": \"{{armory.callbackUri}}/callback\", "
         "\"token\": \"{{secrets.token}}\"}'}\n"
         "    - name: hook-b\n"
         "      method: POST\n"
         "      uriTemplate: " +
         url_b +
         "/hook?callbackUri={{armory.callbackUri}}/callback\n"
         "secrets: {token: " +
         kSecret +
         "}\n"
         "deploy:\n"
         "  readyAfter: 1m\n" +
         timeouts;
}

struct LiveRun {
  testing::CliResult cli;
  Json report;
  std::uint16_t port = 0;
};

class LiveCommandTest : public testing::CliTest {
 protected:
  // Runs `deploysim live FILE --format json args...`; the harness's port must
  // be closed once it returns.
  LiveRun live(const std::string& file, Strings args) {
    Strings all = {"live", file, "--format", "json"};
    all.insert(all.end(), args.begin(), args.end());
    LiveRun r;
    r.cli = deploysim(all);
    std::smatch m;
    if (std::regex_search(r.cli.err, m, std::regex(R"(listening on http://127\.0\.0\.1:(\d+))"))) {
      r.port = static_cast<std::uint16_t>(std::stoi(m[1]));
      EXPECT_FALSE(port_accepts(r.port)) << "the harness still listens on " << r.port;
    } else {
      ADD_FAILURE() << "no 'listening on' line: " << r.cli.err;
    }
    r.report = Json::parse(r.cli.out, nullptr, false);
    return r;
  }

  static Json target(const Json& report, const std::string& name) {
    return report.at("targets").at(name);
  }
};

// A report's instant (seconds) in milliseconds, exactly.
std::int64_t ms(const Json& seconds) { return std::llround(seconds.get<double>() * 1000); }

// What a report says happened, instants included, as one comparable value.
Json outcome_of(const Json& report) {
  Json out;
  out["pipeline"] = report.at("pipeline");
  for (const auto& [name, t] : report.at("targets").items()) {
    out["targets"][name] = {t.at("status"), t.at("reason"), t.at("finishedAt")};
  }
  for (const Json& w : report.at("webhooks")) {
    out["webhooks"].push_back({w.at("name"), w.at("target"), w.at("attempts"), w.at("result"),
                               w.at("calledAt"), w.at("finishedAt")});
  }
  return out;
}

TEST_F(LiveCommandTest, TwoRealWebhooksEndByTheRulesAndTheTapeReplays) {
  ReceiverProcess a({"--uri-from", "body", "--uri-key", "callbackUri", "--success", "true",
                     "--message", "all green"});
  ReceiverProcess b({"--uri-from", "query", "--uri-key", "callbackUri", "--success", "false",
                     "--message", "tests failed"});
  const std::string file = write("pipeline.yml", pipeline(a.url(), b.url(), ""));
  const std::string tape = (dir_ / "tape.jsonl").string();
  const LiveRun r = live(file, {"--record", tape});
  ASSERT_EQ(r.cli.code, 0) << r.cli.err;
  ASSERT_FALSE(r.report.is_discarded()) << r.cli.out;
  EXPECT_EQ(a.wait_exit(), 0);
  EXPECT_EQ(b.wait_exit(), 0);

  // W5: staging's callback says success, prod's failure; D4/C3 do the rest.
  const Json& report = r.report;
  EXPECT_EQ(report["pipeline"]["status"], "FAILED");
  EXPECT_EQ(target(report, "staging")["status"], "SUCCEEDED");
  EXPECT_EQ(target(report, "prod")["status"], "FAILED");
  EXPECT_EQ(target(report, "prod")["reason"], "WEBHOOK_FAILED");
  ASSERT_EQ(report["webhooks"].size(), 2u);
  const Json& hook_a = report["webhooks"][0];
  const Json& hook_b = report["webhooks"][1];
  EXPECT_EQ(hook_a["result"], "SUCCESS");
  EXPECT_EQ(hook_b["result"], "FAILURE");
  EXPECT_EQ(hook_a["attempts"], 1);
  EXPECT_EQ(hook_a["contract"], Json::array());
  EXPECT_EQ(hook_b["contract"], Json::array());
  // The callback's instant is real latency; what follows is exact: staging is
  // ready readyAfter (60 s) after its webhook, prod calls hook-b then.
  EXPECT_EQ(hook_a["calledAt"], 0.0);
  EXPECT_EQ(ms(target(report, "staging")["finishedAt"]), ms(hook_a["finishedAt"]) + 60'000);
  EXPECT_EQ(hook_b["calledAt"], target(report, "staging")["finishedAt"]);
  EXPECT_EQ(target(report, "prod")["finishedAt"], hook_b["finishedAt"]);
  EXPECT_TRUE(hook_a["callbackUri"].get<std::string>().rfind("http://127.0.0.1:", 0) == 0)
      << hook_a["callbackUri"];

  // The secret reached the receiver (header and body) and nothing else.
  const Strings requests = a.lines_of("request");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_NE(requests[0].find(std::string("token ") + kSecret), std::string::npos) << requests[0];
  const std::string taped = read_file(tape);
  for (const std::string* text : {&r.cli.out, &r.cli.err, &taped}) {
    EXPECT_EQ(text->find(kSecret), std::string::npos) << *text;
  }
  EXPECT_NE(r.cli.out.find("token ***"), std::string::npos);

  // The tape: one line per real invocation, in call order.
  std::istringstream lines(taped);
  Strings tape_lines;
  for (std::string line; std::getline(lines, line);) tape_lines.push_back(line);
  ASSERT_EQ(tape_lines.size(), 2u) << taped;
  const Json first = Json::parse(tape_lines[0]);
  EXPECT_EQ(first["webhook"], "hook-a");
  EXPECT_EQ(first["result"], "SUCCESS");
  EXPECT_EQ(first["callback"]["mdMessage"], "all green");
  EXPECT_EQ(Json::parse(tape_lines[1])["callback"]["success"], false);

  // run --replay: the same statuses and instants, with no network.
  const auto replayed = deploysim({"run", file, "--replay", tape, "--format", "json"});
  ASSERT_EQ(replayed.code, 0) << replayed.err;
  EXPECT_EQ(outcome_of(Json::parse(replayed.out)), outcome_of(report));
}

TEST_F(LiveCommandTest, EmptyCallbackIsRefusedAndTheStepTimesOut) {
  // The callback helper that posts {}: answered 400, recorded, and the step
  // keeps waiting until the callback timeout (10 min of virtual time, 600 ms of
  // wall time at K = 1000).
  ReceiverProcess a({"--uri-from", "body", "--uri-key", "callbackUri", "--body", "empty-object"});
  ReceiverProcess b({"--uri-from", "query", "--uri-key", "callbackUri"});
  const std::string file =
      write("pipeline.yml", pipeline(a.url(), b.url(), "timeouts: {webhookCallback: 10m}\n"));
  const LiveRun r = live(file, {"--webhook", "hook-a", "--time-scale", "1000"});
  ASSERT_EQ(r.cli.code, 0) << r.cli.err;
  EXPECT_EQ(a.wait_exit(), 0);

  const Json& hook_a = r.report["webhooks"][0];
  EXPECT_EQ(hook_a["result"], "TIMEOUT");
  EXPECT_EQ(hook_a["finishedAt"], 600.0);  // W6: the deadline, from the first attempt
  EXPECT_EQ(target(r.report, "staging")["status"], "FAILED");
  EXPECT_EQ(target(r.report, "staging")["reason"], "WEBHOOK_TIMEOUT");
  EXPECT_EQ(target(r.report, "prod")["status"], "CANCELLED");
  ASSERT_EQ(hook_a["contract"].size(), 2u) << hook_a;
  EXPECT_EQ(hook_a["contract"][0]["check"], "success");
  EXPECT_EQ(hook_a["contract"][0]["status"], 400);
  EXPECT_EQ(hook_a["contract"][1]["check"], "mdMessage");
  EXPECT_NE(r.cli.err.find("live: warning: webhook hook-a at staging: the callback body has no "
                           "\"success\"; it must be true or false (contract check success, "
                           "answered 400)"),
            std::string::npos)
      << r.cli.err;
  // hook-b was not selected: simulated, never sent (its receiver saw nothing).
  EXPECT_EQ(r.report["webhooks"].size(), 1u);
  EXPECT_TRUE(b.lines_of("request").empty());
}

TEST_F(LiveCommandTest, CtrlCEndsTheRunLikeTheHorizon) {
  // The receiver answers and never calls back: the step would wait 24 h of
  // wall time. SIGINT, once the request has reached the receiver, ends the
  // run there: a report with staging still live, the invocation taped
  // PENDING, and the port closed (checked by live()).
  ReceiverProcess a({"--uri-from", "body", "--uri-key", "callbackUri", "--callbacks", "0"});
  const std::string file = write("pipeline.yml", pipeline(a.url(), "http://127.0.0.1:9", ""));
  const std::string tape = (dir_ / "tape.jsonl").string();
  std::thread interrupter([&a] {
    if (a.wait_exit(std::chrono::seconds(10)) == 0) ::kill(::getpid(), SIGINT);
  });
  const LiveRun r = live(file, {"--webhook", "hook-a", "--record", tape});
  interrupter.join();
  ASSERT_EQ(r.cli.code, 0) << r.cli.err;
  EXPECT_NE(r.cli.err.find("deploysim live: interrupted"), std::string::npos) << r.cli.err;
  EXPECT_EQ(r.report["pipeline"]["status"], "RUNNING") << r.cli.out;
  EXPECT_EQ(target(r.report, "staging")["status"], "RUNNING");
  EXPECT_EQ(r.report["webhooks"][0]["result"], "PENDING");
  EXPECT_EQ(Json::parse(read_file(tape))["result"], "PENDING");
}

TEST_F(LiveCommandTest, BadFlagsAreRefusedBeforeListening) {
  const std::string file =
      write("pipeline.yml", pipeline("http://127.0.0.1:9", "http://127.0.0.1:9", ""));
  auto r = deploysim({"live", file, "--webhook", "hook-z"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, file + ": error: --webhook hook-z: the deploy file has no such webhook\n");
  r = deploysim({"live", file, "--listen", "localhost"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "deploysim live: --listen: expected HOST:PORT, got \"localhost\"\n");
  r = deploysim({"live", file, "--time-scale", "0"});
  EXPECT_EQ(r.code, 2);
}

}  // namespace
}  // namespace deploysim
