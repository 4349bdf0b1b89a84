// HTTPS to a receiver serving TLS with a self-signed certificate made at test
// time by the openssl command-line tool.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "live_fixture.hpp"

namespace deploysim::live::testing {
namespace {

using namespace std::chrono_literals;
using Strings = std::vector<std::string>;
namespace fs = std::filesystem;

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string dir_template = (fs::temp_directory_path() / "deploysim-live-tls-XXXXXX").string();
    ASSERT_NE(::mkdtemp(dir_template.data()), nullptr);
    dir_ = dir_template;
    const std::string command =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1"
        " -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1"
        " -keyout " +
        (dir_ / "key.pem").string() + " -out " + (dir_ / "cert.pem").string() + " 2>/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static std::string cert() { return (dir_ / "cert.pem").string(); }
  static Strings args_with_tls(Strings args) {
    args.insert(args.end(), {"--tls-cert", cert(), "--tls-key", key()});
    return args;
  }
  static std::string key() { return (dir_ / "key.pem").string(); }

  static fs::path dir_;
};

fs::path TlsTest::dir_;

TEST_F(TlsTest, HttpsToATrustedReceiver) {
  HarnessOptions options;
  options.ca_file = cert();
  Harness h(options);
  ReceiverProcess receiver(args_with_tls({"--uri-from", "body"}));
  ASSERT_EQ(receiver.url().substr(0, 8), "https://");
  const Invocation inv = h.start_invocation();
  h.send_attempt(inv.id, webhook_request(receiver.url(), inv.callback_uri + "/callback"));
  const std::vector<Event> events = pump_until_exit(h, receiver);
  EXPECT_EQ(receiver.wait_exit(0ms), 0);
  EXPECT_EQ(attempts_of(events), Strings{"attempt 1 200"});
  EXPECT_EQ(callbacks_of(events), Strings{"callback true done"});
}

TEST_F(TlsTest, AnUntrustedCertificateFailsTheAttempt) {
  Harness h;  // the system's trust store only
  ReceiverProcess receiver(args_with_tls({}));
  const Invocation inv = h.start_invocation();
  h.send_attempt(inv.id, webhook_request(receiver.url(), inv.callback_uri + "/callback"));
  const std::vector<Event> events = pump_until_exit(h, receiver);
  EXPECT_EQ(receiver.wait_exit(0ms), 0);
  EXPECT_EQ(attempts_of(events),
            Strings{"attempt 1 none TLS handshake: certificate verify failed"});
  EXPECT_EQ(receiver.lines_of("handshake-failed").size(), 1u);
}

TEST_F(TlsTest, AnUnreadableCaFileIsAnError) {
  HarnessOptions options;
  options.ca_file = (dir_ / "missing.pem").string();
  EXPECT_THROW(Harness h(options), HarnessError);
}

}  // namespace
}  // namespace deploysim::live::testing
