// The network side of `deploysim live` (../shared/spec/COMMANDS.md, `live`):
// a harness that sends the rendered requests of real webhook invocations over
// HTTP or HTTPS and serves, on one listening port,
//   POST /callbacks/<id>/callback  the CD-as-a-Service callback, checked
//                                  against the contract (tape.hpp, ContractCheck)
//   POST /oauth/token              a stand-in token endpoint: any credentials get
//                                  {"access_token": "<random>", "expires_in": 86400,
//                                   "token_type": "Bearer"}
// and reports what happened as events.
//
// Threading and time. A Harness belongs to the thread that made it; it owns
// one I/O loop that holds the listening socket, the outgoing requests and the
// timers. Network I/O makes progress only inside wait_for_events() and
// poll_events(); what arrives in between waits in the kernel and is handled at
// the next call. An event is stamped with the wall time (steady clock) at
// which the harness handled it.
//
// Invocations. start_invocation() gives an id and the callback URI the
// rendered request must carry; send_attempt() sends one trigger attempt (W4:
// the caller decides on retries and their delays); end_invocation() says the
// model is done with it. A callback may arrive before the attempt that carried
// its URI is answered (a receiver that calls back synchronously): events come
// in the order they happened on the wire.
//
// Shutdown. shutdown(), the destructor, and (with stop_on_signals) SIGINT or
// SIGTERM close the listening socket, every open connection and every
// outgoing request; the destructor waits for all of them to wind down, so no
// port stays bound after it.
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "deploysim/tape.hpp"

namespace deploysim::live {

using WallClock = std::chrono::steady_clock;

struct HarnessOptions {
  // Where to listen (`--listen HOST:PORT`); port 0 picks a free one.
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 0;
  // `--public-url`: when not empty, callback URIs are public_url +
  // "/callbacks/<id>" (a trailing '/' of public_url is dropped) instead of the
  // listening URL.
  std::string public_url;
  // An attempt that has no complete answer this long after it was sent fails
  // ("no answer within ...").
  std::chrono::milliseconds attempt_timeout{30'000};
  // HTTPS: a PEM file of extra trusted certificates (e.g. a self-signed test
  // server's). The system's trust store (and OpenSSL's SSL_CERT_FILE and
  // SSL_CERT_DIR) always apply. Peer and host name are always verified.
  std::string ca_file;
  // When true, SIGINT and SIGTERM are caught while the harness lives: the
  // harness shuts down and wait_for_events() returns an Interrupted event. The
  // handler is removed at once, so a second Ctrl-C kills the process as usual.
  // Either way SIGINT and SIGTERM have their default action once the harness
  // has shut down (not a handler installed before it).
  bool stop_on_signals = false;
  // When not null, "listening on URL\n" is written (and flushed) here once
  // the socket is bound (the command passes std::cerr).
  std::ostream* announce = nullptr;
};

// The harness cannot listen (address in use, bad host) or the TLS setup
// failed (unreadable ca_file). what() says which, with the address or file.
class HarnessError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One trigger attempt: the request as it goes on the wire (secrets real) and
// as it may be shown (secrets as ***, W2). Only `shown` is ever recorded,
// printed, or quoted in an error message.
struct AttemptRequest {
  HttpRequest wire;
  HttpRequest shown;
};

struct Invocation {
  std::string id;  // [A-Za-z0-9-]+, unique per harness (a random tag + a counter)
  std::string
      callback_uri;  // BASE/callbacks/<id>; the receiver posts to callback_uri + "/callback"
};

// --- Events -------------------------------------------------------------------

// An attempt got an answer or failed. Failed: no answer (error says why:
// "connection refused", "no answer within 30s", a TLS error, ...) or a status
// outside 2xx (error: "HTTP 500 Internal Server Error").
struct AttemptFinished {
  std::string invocation;
  int attempt = 0;            // 1-based, in send order
  std::optional<int> status;  // nullopt: no answer
  std::string error;          // empty when succeeded()
  bool succeeded() const { return status && *status >= 200 && *status <= 299; }
};

// A callback passed the contract checks that reject (answered 200 {}). It is
// the invocation's one callback: later ones are answered 409.
struct CallbackAccepted {
  std::string invocation;
  bool success = false;
  std::optional<std::string> md_message;
};

// One failed contract check of one callback request (recorded on the
// invocation when the id is known; an unknown id's breach has
// known_invocation = false and is kept in unattributed_violations()).
struct ContractBreach {
  std::string invocation;  // as the request named it
  bool known_invocation = true;
  ContractViolation violation;
};

// SIGINT or SIGTERM arrived (HarnessOptions::stop_on_signals); the harness has
// shut down.
struct Interrupted {
  int signal = 0;
};

struct Event {
  WallClock::time_point at;
  std::variant<AttemptFinished, CallbackAccepted, ContractBreach, Interrupted> what;
};

// What the wire saw of one invocation so far.
struct ReceivedCallback {
  bool success = false;
  std::optional<std::string> md_message;
  double wall_seconds = 0;  // from the first attempt's send, ms resolution
};

struct InvocationRecord {
  std::string id;
  std::string callback_uri;
  std::optional<WallClock::time_point> first_attempt_at;
  int attempts_sent = 0;
  std::vector<TapeRequest> requests;  // the shown request of each attempt, status once answered
  std::optional<ReceivedCallback> callback;
  std::vector<ContractViolation> contract;  // in arrival order
  bool ended = false;
};

// --- The harness --------------------------------------------------------------

class Harness {
 public:
  // Binds and listens; throws HarnessError when it cannot.
  explicit Harness(const HarnessOptions& options = {});
  // shutdown(), then runs the I/O loop until every connection and request has
  // wound down. Never throws.
  ~Harness();
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  // "http://127.0.0.1:PORT" (IPv6: "http://[::1]:PORT"): the bound address.
  std::string listen_url() const;
  std::uint16_t port() const;

  // A new invocation, open for its callback from now on.
  Invocation start_invocation();

  // Sends one attempt of invocation `id`, asynchronously; an AttemptFinished
  // event follows unless the invocation ends or the harness shuts down first.
  // The attempt is appended to record(id).requests at once (status filled in
  // when answered). After shutdown the attempt fails at once ("harness shut down").
  // REQUIRES (else std::logic_error): id was started, is not ended, and its
  // previous attempt has finished.
  void send_attempt(const std::string& id, const AttemptRequest& request);

  // The model is done with invocation `id` (its step passed, failed, timed out
  // or was abandoned): an attempt in flight is cancelled without an event, and
  // a callback from now on is answered 410 (lateCallback), or 409 if one was
  // already accepted. Ending an ended invocation is a no-op.
  // REQUIRES (else std::logic_error): id was started.
  void end_invocation(const std::string& id);

  // Runs the I/O loop until at least one event has happened or `deadline`
  // passes, then returns the events (in order; possibly none at the deadline).
  // Returns at once with what is pending after shutdown. Rethrows (as
  // HarnessError) an unexpected internal failure of the loop.
  std::vector<Event> wait_for_events(WallClock::time_point deadline);

  // Handles what is ready without blocking; returns the events.
  std::vector<Event> poll_events();

  // REQUIRES (else std::logic_error): id was started.
  const InvocationRecord& record(const std::string& id) const;

  // True while some started invocation is not ended (the pacing loop then
  // holds the virtual clock to wall time).
  bool has_open_invocations() const;

  // Breaches of callbacks to unknown invocation ids, in arrival order.
  const std::vector<ContractViolation>& unattributed_violations() const;

  // Stops listening and closes every connection and outgoing request (those
  // produce no events). Idempotent. Never throws.
  void shutdown();
  bool is_shut_down() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The tape line of a finished invocation: `known` carries what only the model
// knows (webhook, target, where, attempts, result); the rest comes from what
// the harness saw: invocation, requests, contract, and callback (success,
// mdMessage, wallSeconds) with `callback_after`, the virtual time from the
// call to the callback, when there was one.
// REQUIRES: known.attempts >= record.requests.size().
TapeEntry tape_entry(const InvocationRecord& record, TapeEntry known, Duration callback_after);

// Splits "HOST:PORT" (`--listen`; "[::1]:8080" for IPv6) into options.
// Returns false, leaving options unchanged, when it is not of that form or the
// port is not 0..65535.
bool parse_listen_address(const std::string& text, HarnessOptions& options);

}  // namespace deploysim::live
