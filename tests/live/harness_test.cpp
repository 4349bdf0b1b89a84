// The live harness against a real receiver process over loopback: what each
// kind of receiver gets answered, what is recorded, and that nothing stays
// listening afterwards.
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <future>
#include <sstream>

#include "live_fixture.hpp"

namespace deploysim::live::testing {
namespace {

using namespace std::chrono_literals;
using Strings = std::vector<std::string>;

Strings args(Strings base, const Strings& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

Strings checks_of(const std::vector<ContractViolation>& contract) {
  Strings out;
  for (const ContractViolation& v : contract) {
    out.push_back(std::string(to_string(v.check)) + " " + std::to_string(v.status));
  }
  return out;
}

// One harness per test; at the end it must be gone from its port.
class HarnessTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (!harness_) return;
    const std::uint16_t port = harness_->port();
    harness_.reset();
    EXPECT_FALSE(port_accepts(port)) << "port " << port << " still accepts after the harness";
  }
  Harness& harness(HarnessOptions options = {}) {
    harness_ = std::make_unique<Harness>(options);
    return *harness_;
  }

  // Runs one invocation against a receiver started with `receiver_args`:
  // one attempt, then the loop until the receiver has exited.
  struct Run {
    Invocation invocation;
    std::vector<Event> events;
    int exit_code = 0;
    Strings callback_answers;  // what the receiver was answered, "STATUS BODY"
    Strings token_answers;
  };
  Run run(const Strings& receiver_args, Carrier carrier = Carrier::kBody,
          const std::string& suffix = "/callback") {
    Harness& h = harness_ ? *harness_ : harness();
    ReceiverProcess receiver(args(reading(carrier), receiver_args));
    Run r;
    r.invocation = h.start_invocation();
    h.send_attempt(r.invocation.id,
                   webhook_request(receiver.url(), r.invocation.callback_uri + suffix, carrier));
    r.events = pump_until_exit(h, receiver);
    r.exit_code = receiver.wait_exit(0ms);
    r.callback_answers = receiver.lines_of("callback");
    r.token_answers = receiver.lines_of("token");
    return r;
  }

  std::unique_ptr<Harness> harness_;
};

// --- The common receiver ---------------------------------------------------------

class CarrierTest : public HarnessTest, public ::testing::WithParamInterface<Carrier> {};

TEST_P(CarrierTest, ReadsTheCallbackUriGetsATokenAndIsAccepted) {
  const Run r = run({});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(attempts_of(r.events), Strings{"attempt 1 200"});
  EXPECT_EQ(callbacks_of(r.events), Strings{"callback true done"});
  EXPECT_EQ(r.callback_answers, Strings{"200 {}"});
  ASSERT_EQ(r.token_answers.size(), 1u);
  EXPECT_EQ(r.token_answers[0].substr(0, 22), R"(200 {"access_token": ")");
  EXPECT_EQ(r.token_answers[0].substr(22 + 32),
            R"(", "expires_in": 86400, "token_type": "Bearer"})");
  const InvocationRecord& record = harness_->record(r.invocation.id);
  ASSERT_TRUE(record.callback.has_value());
  EXPECT_TRUE(record.callback->success);
  EXPECT_EQ(record.callback->md_message, "done");
  EXPECT_GE(record.callback->wall_seconds, 0.0);
  EXPECT_TRUE(record.contract.empty());
  ASSERT_EQ(record.requests.size(), 1u);
  EXPECT_EQ(record.requests[0].status, 200);
}

std::string carrier_name(const ::testing::TestParamInfo<Carrier>& info) {
  constexpr const char* kNames[] = {"Body", "QueryParameter", "CallbackUriHeader",
                                    "LocationHeader"};
  return kNames[static_cast<int>(info.param)];
}

INSTANTIATE_TEST_SUITE_P(Carriers, CarrierTest,
                         ::testing::Values(Carrier::kBody, Carrier::kQuery,
                                           Carrier::kCallbackUriHeader, Carrier::kLocationHeader),
                         carrier_name);

TEST_F(HarnessTest, TheSecretGoesOnTheWireAndOnlyThere) {
  Harness& h = harness();
  ReceiverProcess receiver(reading(Carrier::kBody));
  const Invocation inv = h.start_invocation();
  h.send_attempt(inv.id, webhook_request(receiver.url(), inv.callback_uri + "/callback"));
  pump_until_exit(h, receiver);
  ASSERT_EQ(receiver.wait_exit(0ms), 0);
  const Strings received = receiver.lines_of("request");
  ASSERT_EQ(received.size(), 1u);
  EXPECT_NE(received[0].find(R"({"name":"Authorization","value":"token s3cret-token-value"})"),
            std::string::npos)
      << received[0];
  EXPECT_NE(received[0].find(R"("target":"/hook")"), std::string::npos) << received[0];
  const HttpRequest& shown = h.record(inv.id).requests.at(0).request;
  EXPECT_EQ(shown.headers.at(0).value, "token ***");
  EXPECT_EQ(shown.url, receiver.url() + "/hook");

  TapeEntry known;
  known.webhook = "myWebhook";
  known.target = "staging";
  known.attempts = 1;
  known.result = WebhookResult::kSuccess;
  const std::string line = tape_line(tape_entry(h.record(inv.id), known, 90s));
  EXPECT_EQ(line.find(kSecret), std::string::npos) << line;
  EXPECT_NE(line.find(R"({"name":"Authorization","value":"token ***"})"), std::string::npos);
  EXPECT_NE(line.find(R"("callback":{"after":90.0,)"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("invocation":")" + inv.id + "\""), std::string::npos) << line;
  EXPECT_NE(line.find(R"("status":200}],)"), std::string::npos) << line;
}

TEST_F(HarnessTest, AFailureCallbackIsAcceptedAsFailure) {
  const Run r = run({"--success", "false", "--message", "integration tests failed"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(callbacks_of(r.events), Strings{"callback false integration tests failed"});
  EXPECT_FALSE(harness_->record(r.invocation.id).callback->success);
}

TEST_F(HarnessTest, CallbackIdsAndUrisNameThisHarness) {
  Harness& h = harness();
  const Invocation a = h.start_invocation();
  const Invocation b = h.start_invocation();
  EXPECT_NE(a.id, b.id);
  EXPECT_EQ(a.callback_uri, h.listen_url() + "/callbacks/" + a.id);
  EXPECT_EQ(h.listen_url(), "http://127.0.0.1:" + std::to_string(h.port()));
  EXPECT_TRUE(h.has_open_invocations());
  h.end_invocation(a.id);
  EXPECT_TRUE(h.has_open_invocations());
  h.end_invocation(b.id);
  h.end_invocation(b.id);  // no-op
  EXPECT_FALSE(h.has_open_invocations());
}

TEST_F(HarnessTest, ACallbackBeforeTheAnswerComesFirst) {
  const Run r = run({"--callback-before-answer"});
  EXPECT_EQ(r.exit_code, 0);
  Strings all;
  for (const Event& e : r.events) all.push_back(describe(e));
  EXPECT_EQ(all, (Strings{"callback true done", "attempt 1 200"}));
}

// --- Receivers that break the contract ---------------------------------------------

TEST_F(HarnessTest, ArmoryHelperEmptyBodyWithoutContentTypeIs400AndKeepsWaiting) {
  const Run r = run({"--body", "empty-object", "--no-content-type"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(attempts_of(r.events), Strings{"attempt 1 200"});
  EXPECT_EQ(callbacks_of(r.events),
            (Strings{"breach contentType 400", "breach success 400", "breach mdMessage 400"}));
  ASSERT_EQ(r.callback_answers.size(), 1u);
  EXPECT_EQ(r.callback_answers[0].substr(0, 4), "400 ");
  const InvocationRecord& record = harness_->record(r.invocation.id);
  EXPECT_FALSE(record.callback.has_value());
  EXPECT_FALSE(record.ended);
  EXPECT_EQ(checks_of(record.contract),
            (Strings{"contentType 400", "success 400", "mdMessage 400"}));
  EXPECT_EQ(record.contract[1].message,
            "the callback body has no \"success\"; it must be true or false");
}

TEST_F(HarnessTest, SuccessAsAStringIs400) {
  const Run r = run({"--body", "string-success"});
  EXPECT_EQ(callbacks_of(r.events), Strings{"breach success 400"});
  const InvocationRecord& record = harness_->record(r.invocation.id);
  EXPECT_EQ(record.contract.at(0).message,
            "\"success\" is the string \"true\", not a JSON boolean");
  EXPECT_FALSE(record.callback.has_value());
}

TEST_F(HarnessTest, ABodyThatIsNotJsonIs400) {
  const Run r = run({"--body", "not-json"});
  EXPECT_EQ(callbacks_of(r.events), Strings{"breach bodyNotJson 400"});
  EXPECT_FALSE(harness_->record(r.invocation.id).callback.has_value());
}

TEST_F(HarnessTest, NoContentTypeIsRecordedButAccepted) {
  const Run r = run({"--no-content-type"});
  EXPECT_EQ(callbacks_of(r.events), (Strings{"breach contentType 200", "callback true done"}));
  EXPECT_EQ(r.callback_answers, Strings{"200 {}"});
  EXPECT_EQ(harness_->record(r.invocation.id).contract.at(0).message,
            "the callback has no Content-Type header; it must be application/json");
}

TEST_F(HarnessTest, NoBearerTokenIsRecordedButAccepted) {
  const Run r = run({"--no-token"});
  EXPECT_EQ(callbacks_of(r.events), (Strings{"breach authorization 200", "callback true done"}));
}

TEST_F(HarnessTest, NoMdMessageIsRecordedButAccepted) {
  const Run r = run({"--body", "no-message"});
  EXPECT_EQ(callbacks_of(r.events),
            (Strings{"breach mdMessage 200", "callback true (no message)"}));
}

TEST_F(HarnessTest, ACallbackThatIsNotAPostIs405) {
  const Run r = run({"--callback-method", "PUT"});
  EXPECT_EQ(callbacks_of(r.events), Strings{"breach method 405"});
  EXPECT_EQ(harness_->record(r.invocation.id).contract.at(0).message,
            "the callback used PUT; it must be a POST");
}

TEST_F(HarnessTest, NoCallbackAtAll) {
  const Run r = run({"--callbacks", "0"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(attempts_of(r.events), Strings{"attempt 1 200"});
  EXPECT_EQ(callbacks_of(r.events), Strings{});
  EXPECT_FALSE(harness_->record(r.invocation.id).callback.has_value());
  EXPECT_TRUE(harness_->record(r.invocation.id).contract.empty());
}

TEST_F(HarnessTest, ASecondCallbackIs409) {
  const Run r = run({"--callbacks", "2"});
  EXPECT_EQ(callbacks_of(r.events), (Strings{"callback true done", "breach secondCallback 409"}));
  ASSERT_EQ(r.callback_answers.size(), 2u);
  EXPECT_EQ(r.callback_answers[0], "200 {}");
  EXPECT_EQ(r.callback_answers[1].substr(0, 4), "409 ");
  EXPECT_EQ(checks_of(harness_->record(r.invocation.id).contract), Strings{"secondCallback 409"});
}

TEST_F(HarnessTest, AnUnknownInvocationIs404AndKeptApart) {
  const Run r = run({"--wrong-id"});
  EXPECT_EQ(callbacks_of(r.events), Strings{"breach(unknown) unknownInvocation 404"});
  const ContractBreach& breach = std::get<ContractBreach>(r.events.back().what);
  EXPECT_EQ(breach.invocation, r.invocation.id + "-unknown");
  EXPECT_EQ(checks_of(harness_->unattributed_violations()), Strings{"unknownInvocation 404"});
  EXPECT_TRUE(harness_->record(r.invocation.id).contract.empty());
  EXPECT_FALSE(harness_->record(r.invocation.id).callback.has_value());
}

TEST_F(HarnessTest, PostingToTheCallbackUriItselfIs404) {
  const Run r = run({}, Carrier::kBody, /*suffix=*/"");
  EXPECT_EQ(callbacks_of(r.events), Strings{"breach callbackPath 404"});
  EXPECT_FALSE(harness_->record(r.invocation.id).callback.has_value());
}

TEST_F(HarnessTest, ACallbackAfterTheInvocationEndedIs410) {
  Harness& h = harness();
  ReceiverProcess receiver(args(reading(Carrier::kBody), {"--delay-ms", "500"}));
  const Invocation inv = h.start_invocation();
  h.send_attempt(inv.id, webhook_request(receiver.url(), inv.callback_uri + "/callback"));
  EXPECT_EQ(attempts_of(pump_attempts(h)), Strings{"attempt 1 200"});
  h.end_invocation(inv.id);  // e.g. the model's callback timeout
  const std::vector<Event> events = pump_until_exit(h, receiver, 0);
  EXPECT_EQ(receiver.wait_exit(0ms), 0);
  EXPECT_EQ(callbacks_of(events), Strings{"breach lateCallback 410"});
  EXPECT_FALSE(h.record(inv.id).callback.has_value());
}

// --- Attempts that fail ----------------------------------------------------------------

TEST_F(HarnessTest, A500ThenSuccess) {
  Harness& h = harness();
  ReceiverProcess receiver(args(reading(Carrier::kBody), {"--fail-first", "1"}));
  const Invocation inv = h.start_invocation();
  const AttemptRequest request = webhook_request(receiver.url(), inv.callback_uri + "/callback");
  h.send_attempt(inv.id, request);
  EXPECT_EQ(attempts_of(pump_attempts(h)), Strings{"attempt 1 500 HTTP 500 Internal Server Error"});
  h.send_attempt(inv.id, request);  // W4: the model's retry
  const std::vector<Event> events = pump_until_exit(h, receiver);
  EXPECT_EQ(receiver.wait_exit(0ms), 0);
  EXPECT_EQ(attempts_of(events), Strings{"attempt 2 200"});
  EXPECT_EQ(callbacks_of(events), Strings{"callback true done"});
  const InvocationRecord& record = h.record(inv.id);
  ASSERT_EQ(record.requests.size(), 2u);
  EXPECT_EQ(record.requests[0].status, 500);
  EXPECT_EQ(record.requests[1].status, 200);
  EXPECT_EQ(record.attempts_sent, 2);
}

TEST_F(HarnessTest, ConnectionRefusedIsAFailedAttempt) {
  Harness& h = harness();
  ReceiverProcess receiver({"--refuse"});
  ASSERT_EQ(receiver.wait_exit(), 0);
  const Invocation inv = h.start_invocation();
  h.send_attempt(inv.id, webhook_request(receiver.url(), inv.callback_uri + "/callback"));
  EXPECT_EQ(attempts_of(pump_attempts(h)),
            Strings{"attempt 1 none cannot connect to 127.0.0.1:" +
                    std::to_string(receiver.port()) + ": Connection refused"});
  ASSERT_EQ(h.record(inv.id).requests.size(), 1u);
  EXPECT_FALSE(h.record(inv.id).requests[0].status.has_value());
}

TEST_F(HarnessTest, NoAnswerInTimeIsAFailedAttempt) {
  HarnessOptions options;
  options.attempt_timeout = 200ms;
  Harness& h = harness(options);
  ReceiverProcess receiver({"--hang-ms", "600"});
  const Invocation inv = h.start_invocation();
  h.send_attempt(inv.id, webhook_request(receiver.url(), inv.callback_uri + "/callback"));
  EXPECT_EQ(attempts_of(pump_attempts(h)), Strings{"attempt 1 none no answer within 0.2s"});
  EXPECT_EQ(receiver.wait_exit(), 0);
}

TEST_F(HarnessTest, AnUnsendableUrlIsAFailedAttemptThatQuotesTheShownUrl) {
  Harness& h = harness();
  const Invocation inv = h.start_invocation();
  AttemptRequest request;
  request.wire = {"POST", "ftp://example.invalid/s3cret", {}, ""};
  request.shown = {"POST", "ftp://example.invalid/***", {}, ""};
  h.send_attempt(inv.id, request);
  EXPECT_EQ(attempts_of(pump_attempts(h)),
            Strings{"attempt 1 none cannot send to 'ftp://example.invalid/***': the URL scheme is "
                    "'ftp', not http or https"});
}

TEST_F(HarnessTest, EndingAnInvocationCancelsItsAttemptWithoutAnEvent) {
  Harness& h = harness();
  ReceiverProcess receiver({"--hang-ms", "300"});
  const Invocation inv = h.start_invocation();
  h.send_attempt(inv.id, webhook_request(receiver.url(), inv.callback_uri + "/callback"));
  // Until the receiver has the request, so the attempt is really in flight.
  pump_until(h, [&](const std::vector<Event>&) {
    return !receiver.lines_of("request").empty() || receiver.exited();
  });
  h.end_invocation(inv.id);
  const std::vector<Event> events = pump_until_exit(h, receiver, 0);
  EXPECT_EQ(receiver.wait_exit(0ms), 0);
  EXPECT_TRUE(events.empty()) << describe(events.front());
  EXPECT_THROW(h.send_attempt(inv.id, webhook_request(receiver.url(), "x")), std::logic_error);
}

TEST_F(HarnessTest, MisuseIsALogicError) {
  Harness& h = harness();
  EXPECT_THROW(h.send_attempt("nope", {}), std::logic_error);
  EXPECT_THROW(h.end_invocation("nope"), std::logic_error);
  EXPECT_THROW(h.record("nope"), std::logic_error);
  ReceiverProcess receiver({"--refuse"});
  ASSERT_EQ(receiver.wait_exit(), 0);
  const Invocation inv = h.start_invocation();
  h.send_attempt(inv.id, webhook_request(receiver.url(), inv.callback_uri));
  EXPECT_THROW(h.send_attempt(inv.id, webhook_request(receiver.url(), inv.callback_uri)),
               std::logic_error);  // the first is still in flight
  EXPECT_EQ(h.record(inv.id).attempts_sent, 1);
  h.end_invocation(inv.id);  // before the attempt even started: it never goes out
  EXPECT_TRUE(h.wait_for_events(WallClock::now() + 200ms).empty());
}

// --- The token endpoint and other paths -----------------------------------------------

// A raw request to the harness from a second thread while this one runs the loop.
std::string ask(Harness& h, const std::string& request) {
  auto answer = std::async(std::launch::async, [&] { return raw_exchange(h.port(), request); });
  while (answer.wait_for(0ms) != std::future_status::ready)
    h.wait_for_events(WallClock::now() + 10ms);
  return answer.get();
}

TEST_F(HarnessTest, TheTokenEndpointGivesAnyoneAFreshBearerToken) {
  Harness& h = harness();
  const std::string post =
      "POST /oauth/token HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
      "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 29\r\n\r\n"
      "grant_type=client_credentials";
  const std::string first = ask(h, post);
  const std::string second = ask(h, post);
  EXPECT_EQ(first.substr(0, 15), "HTTP/1.1 200 OK");
  const std::size_t body = first.find("\r\n\r\n");
  ASSERT_NE(body, std::string::npos);
  const std::string json = first.substr(body + 4);
  EXPECT_EQ(json.substr(0, 18), R"({"access_token": ")");
  EXPECT_EQ(json.substr(18 + 32), R"(", "expires_in": 86400, "token_type": "Bearer"})");
  EXPECT_NE(first.substr(body), second.substr(second.find("\r\n\r\n")));  // a fresh token
  EXPECT_TRUE(h.poll_events().empty());
}

TEST_F(HarnessTest, KeepsAConnectionAliveAcrossRequests) {
  Harness& h = harness();
  const std::string token = "POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n";
  const std::string last =
      "POST /oauth/token HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
  const std::string answer = ask(h, token + token + last);
  std::size_t count = 0;
  for (std::size_t at = 0; (at = answer.find("HTTP/1.1 200 OK", at)) != std::string::npos; ++at) {
    ++count;
  }
  EXPECT_EQ(count, 3u) << answer;
}

TEST_F(HarnessTest, OtherPathsAndMethodsAreNotRecorded) {
  Harness& h = harness();
  EXPECT_EQ(
      ask(h, "GET /oauth/token HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").substr(0, 12),
      "HTTP/1.1 405");
  EXPECT_EQ(
      ask(h,
          "POST /elsewhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
          .substr(0, 12),
      "HTTP/1.1 404");
  EXPECT_TRUE(h.poll_events().empty());
  EXPECT_TRUE(h.unattributed_violations().empty());
}

// --- Listening and shutting down ---------------------------------------------------------

TEST_F(HarnessTest, AnnouncesWhereItListens) {
  std::ostringstream announce;
  HarnessOptions options;
  options.announce = &announce;
  Harness& h = harness(options);
  EXPECT_EQ(announce.str(), "listening on http://127.0.0.1:" + std::to_string(h.port()) + "\n");
  EXPECT_TRUE(port_accepts(h.port()));
}

TEST_F(HarnessTest, APublicUrlMakesTheCallbackUris) {
  HarnessOptions options;
  options.public_url = "https://abc.tunnel.example/";
  Harness& h = harness(options);
  const Invocation inv = h.start_invocation();
  EXPECT_EQ(inv.callback_uri, "https://abc.tunnel.example/callbacks/" + inv.id);
}

TEST_F(HarnessTest, AnAddressInUseIsAnError) {
  Harness& h = harness();
  HarnessOptions same;
  same.listen_port = h.port();
  try {
    Harness second(same);
    FAIL() << "a second harness listens on the same port";
  } catch (const HarnessError& e) {
    EXPECT_EQ(std::string(e.what()), "cannot listen on 127.0.0.1:" + std::to_string(h.port()) +
                                         ": Address already in use");
  }
}

TEST_F(HarnessTest, ShutdownClosesThePortAndInFlightAttemptsQuietly) {
  Harness& h = harness();
  ReceiverProcess receiver({"--hang-ms", "300"});
  const Invocation inv = h.start_invocation();
  h.send_attempt(inv.id, webhook_request(receiver.url(), inv.callback_uri));
  pump_until(h, [&](const std::vector<Event>&) {
    return !receiver.lines_of("request").empty() || receiver.exited();
  });
  h.shutdown();
  EXPECT_TRUE(h.is_shut_down());
  EXPECT_FALSE(port_accepts(h.port()));
  const auto before = WallClock::now();
  EXPECT_TRUE(h.wait_for_events(WallClock::now() + 5s).empty());
  EXPECT_LT(WallClock::now() - before, 1s);  // returns at once after shutdown
  EXPECT_EQ(receiver.wait_exit(), 0);
  // An attempt after shutdown fails at once.
  const Invocation late = h.start_invocation();
  h.send_attempt(late.id, webhook_request(receiver.url(), late.callback_uri));
  EXPECT_EQ(attempts_of(h.poll_events()), Strings{"attempt 1 none harness shut down"});
}

TEST_F(HarnessTest, DestructionClosesIdleConnections) {
  Harness& h = harness();
  const std::uint16_t port = h.port();
  const int fd = open_connection(port);
  ASSERT_GE(fd, 0);
  h.wait_for_events(WallClock::now() + 100ms);  // the harness accepts it and waits for a request
  harness_.reset();                             // must not wait for the connection's idle timeout
  EXPECT_FALSE(port_accepts(port));
  char byte;
  EXPECT_EQ(::recv(fd, &byte, 1, 0), 0);  // closed by the harness
  ::close(fd);
}

TEST_F(HarnessTest, SigintShutsDownAndIsReported) {
  HarnessOptions options;
  options.stop_on_signals = true;
  Harness& h = harness(options);
  std::raise(SIGINT);
  const std::vector<Event> events =
      pump_until(h, [](const std::vector<Event>& e) { return !e.empty(); });
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(describe(events[0]), "interrupted " + std::to_string(SIGINT));
  EXPECT_TRUE(h.is_shut_down());
  EXPECT_FALSE(port_accepts(h.port()));
  // The handler is gone: a second Ctrl-C would end the process as usual.
  struct sigaction now {};
  ::sigaction(SIGINT, nullptr, &now);
  EXPECT_EQ(now.sa_handler, SIG_DFL);
}

TEST(ListenAddress, Parses) {
  HarnessOptions o;
  EXPECT_TRUE(parse_listen_address("0.0.0.0:8080", o));
  EXPECT_EQ(o.listen_host, "0.0.0.0");
  EXPECT_EQ(o.listen_port, 8080);
  EXPECT_TRUE(parse_listen_address("[::1]:0", o));
  EXPECT_EQ(o.listen_host, "::1");
  EXPECT_EQ(o.listen_port, 0);
  for (const char* bad : {"8080", ":8080", "host:", "host:65536", "host:80a", "::1:80"}) {
    HarnessOptions unchanged;
    EXPECT_FALSE(parse_listen_address(bad, unchanged)) << bad;
    EXPECT_EQ(unchanged.listen_host, "127.0.0.1") << bad;
  }
}

TEST_F(HarnessTest, ListensOnIpv6Loopback) {
  HarnessOptions options;
  options.listen_host = "::1";
  Harness& h = harness(options);
  EXPECT_EQ(h.listen_url(), "http://[::1]:" + std::to_string(h.port()));
}

}  // namespace
}  // namespace deploysim::live::testing
