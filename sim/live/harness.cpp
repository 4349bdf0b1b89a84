// The Harness (live.hpp): the one translation unit of deploysim that includes
// Boost.Beast/Asio (slow to compile; nothing else needs them).
//
// Everything runs on one io_context driven by wait_for_events(): the accept
// loop, one coroutine per accepted connection, one coroutine per outgoing
// attempt, the signal set. Every socket, resolver and timer that a coroutine
// waits on is registered in `open_` with a way to close it, so shutdown()
// makes every pending operation complete (operation_aborted) and the
// destructor can run the loop until all coroutines have returned.

// Boost 1.74's Asio uses std::exchange and friends without including <utility>
// itself; under g++ 12 in C++20 nothing else brings it in first.
#include <utility>

#include <fcntl.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdio>
#include <exception>
#include <functional>
#include <map>
#include <ostream>
#include <random>

#include "callback_contract.hpp"
#include "deploysim/live.hpp"
#include "url.hpp"

namespace deploysim::live {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

constexpr std::size_t kBodyLimit = 8 * 1024 * 1024;
// A connection to the harness that sends nothing this long is closed.
constexpr std::chrono::seconds kIdleTimeout{60};
constexpr char kUserAgent[] = "deploysim-live";

// Sockets must not leak into processes the caller starts (a test's receiver):
// an inherited listening socket would keep the port bound.
void close_on_exec(int fd) {
  if (fd >= 0) ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC);
}

std::string format_seconds(std::chrono::milliseconds ms) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", static_cast<double>(ms.count()) / 1000.0);
  return std::string(text) + "s";
}

std::string host_for_url(const asio::ip::address& a) {
  return a.is_v6() ? "[" + a.to_string() + "]" : a.to_string();
}

double seconds_between(WallClock::time_point from, WallClock::time_point to) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(to - from);
  return static_cast<double>(ms.count()) / 1000.0;
}

// The I/O objects of one outgoing attempt and how it was stopped.
struct AttemptWire {
  AttemptWire(asio::io_context& io, ssl::context& tls) : resolver(io), stream(io, tls), timer(io) {}
  void close() noexcept {
    closed = true;
    try {
      resolver.cancel();
      timer.cancel();
      beast::get_lowest_layer(stream).close();
    } catch (const std::exception&) {
      // Nothing to cancel is not a failure here.
    }
  }
  tcp::resolver resolver;
  beast::ssl_stream<beast::tcp_stream> stream;
  asio::steady_timer timer;
  bool closed = false;
  bool timed_out = false;
};

// How one attempt ended on the wire.
struct Answer {
  std::optional<int> status;
  std::string error;
  bool cancelled = false;  // end_invocation() or shutdown(): no event
};

}  // namespace

struct Harness::Impl {
  // Declared first: destroyed last, after everything that uses it.
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  ssl::context tls{ssl::context::tls_client};
  tcp::acceptor acceptor{io};
  std::optional<asio::signal_set> signals;

  HarnessOptions options;
  std::string listen_url;
  std::string callback_base;  // callback URIs are callback_base + "/callbacks/" + id
  std::uint16_t port = 0;
  std::string tag;  // random; makes ids of different runs differ
  int next_invocation = 1;
  int open_invocations = 0;  // started and not ended
  // Access tokens are not simulation data; they only need to be unguessable.
  std::mt19937_64 token_bits;

  std::map<std::string, InvocationRecord> invocations;
  std::map<std::string, bool> attempt_in_flight;
  std::vector<ContractViolation> unattributed;
  std::vector<Event> events;
  std::exception_ptr failure;
  bool shut_down = false;

  // What shutdown() closes, keyed by a serial number; `invocation` is set for
  // outgoing attempts (end_invocation closes those of its invocation).
  struct Closer {
    std::string invocation;
    std::function<void()> close;
  };
  std::map<std::uint64_t, Closer> open;
  std::uint64_t next_open = 1;

  // Registers a closer for the lifetime of a coroutine scope.
  class OpenGuard {
   public:
    OpenGuard(Impl& impl, std::string invocation, std::function<void()> close)
        : impl_(impl), key_(impl.next_open++) {
      impl_.open.emplace(key_, Closer{std::move(invocation), std::move(close)});
    }
    ~OpenGuard() { impl_.open.erase(key_); }
    OpenGuard(const OpenGuard&) = delete;
    OpenGuard& operator=(const OpenGuard&) = delete;

   private:
    Impl& impl_;
    std::uint64_t key_;
  };

  explicit Impl(const HarnessOptions& o) : options(o) {
    std::random_device entropy;
    token_bits.seed((static_cast<std::uint64_t>(entropy()) << 32) ^ entropy());
    char tag_text[16];
    std::snprintf(tag_text, sizeof tag_text, "%06x",
                  static_cast<unsigned>(token_bits() & 0xffffff));
    tag = tag_text;
    setup_tls();
    listen();
    if (options.stop_on_signals) {
      signals.emplace(io, SIGINT, SIGTERM);
      signals->async_wait([this](const error_code& ec, int signal) {
        if (ec) return;
        emit(WallClock::now(), Interrupted{signal});
        shutdown();
      });
    }
    spawn(accept_loop());
  }

  void setup_tls() {
    error_code ec;
    tls.set_default_verify_paths(ec);
    if (!options.ca_file.empty()) {
      tls.load_verify_file(options.ca_file, ec);
      if (ec) {
        throw HarnessError("cannot read the certificates in '" + options.ca_file +
                           "': " + ec.message());
      }
    }
    tls.set_verify_mode(ssl::verify_peer);
  }

  void listen() {
    const std::string where =
        options.listen_host + ":" + std::to_string(static_cast<unsigned>(options.listen_port));
    error_code ec;
    tcp::resolver resolver(io);
    const auto found =
        resolver.resolve(options.listen_host, std::to_string(options.listen_port),
                         tcp::resolver::passive | tcp::resolver::numeric_service, ec);
    if (ec || found.empty()) {
      throw HarnessError("cannot listen on " + where + ": " +
                         (ec ? ec.message() : std::string("no such address")));
    }
    const tcp::endpoint endpoint = found.begin()->endpoint();
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) close_on_exec(acceptor.native_handle());
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw HarnessError("cannot listen on " + where + ": " + ec.message());
    const tcp::endpoint bound = acceptor.local_endpoint(ec);
    if (ec) throw HarnessError("cannot listen on " + where + ": " + ec.message());
    port = bound.port();
    listen_url = "http://" + host_for_url(bound.address()) + ":" + std::to_string(port);
    callback_base = options.public_url.empty() ? listen_url : options.public_url;
    while (!callback_base.empty() && callback_base.back() == '/') callback_base.pop_back();
    if (options.announce != nullptr) {
      *options.announce << "listening on " << listen_url << '\n' << std::flush;
    }
  }

  // Appends an event. Built in place: g++ 12 warns (maybe-uninitialized,
  // wrongly) when a braced Event with a variant is moved into the vector.
  template <class What>
  void emit(WallClock::time_point at, What what) {
    Event& event = events.emplace_back();
    event.at = at;
    event.what.template emplace<What>(std::move(what));
  }

  // Starts a coroutine on the loop; an exception escaping it is kept and
  // rethrown by wait_for_events().
  void spawn(asio::awaitable<void> task) {
    asio::co_spawn(io, std::move(task), [this](std::exception_ptr e) {
      if (e && !failure) failure = e;
    });
  }

  void shutdown() noexcept {
    if (shut_down) return;
    shut_down = true;
    error_code ec;
    acceptor.close(ec);
    if (signals) {
      signals->cancel(ec);
      signals->clear(ec);  // restores the default action: a second Ctrl-C kills
    }
    // Closing only makes pending operations complete later; no coroutine runs
    // (and so no guard erases from `open`) during this loop.
    for (auto& [key, closer] : open) closer.close();
  }

  // --- Serving ----------------------------------------------------------------

  asio::awaitable<void> accept_loop() {
    for (;;) {
      tcp::socket socket(io);
      error_code ec;
      co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
      if (shut_down || !acceptor.is_open()) co_return;
      if (ec) continue;  // a connection that failed before we took it
      close_on_exec(socket.native_handle());
      spawn(serve(std::move(socket)));
    }
  }

  asio::awaitable<void> serve(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    OpenGuard guard(*this, "", [&stream] { stream.close(); });
    beast::flat_buffer buffer;
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(kBodyLimit);
      stream.expires_after(kIdleTimeout);
      error_code ec;
      co_await http::async_read(stream, buffer, parser,
                                asio::redirect_error(asio::use_awaitable, ec));
      if (ec || shut_down) break;
      const http::request<http::string_body>& request = parser.get();
      http::response<http::string_body> response = respond(request);
      response.keep_alive(request.keep_alive());
      response.prepare_payload();
      co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || shut_down || !response.keep_alive()) break;
    }
    error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  static http::response<http::string_body> json_response(unsigned version, http::status status,
                                                         std::string body) {
    http::response<http::string_body> response{status, version};
    response.set(http::field::server, kUserAgent);
    response.set(http::field::content_type, "application/json");
    response.body() = std::move(body);
    return response;
  }

  http::response<http::string_body> respond(const http::request<http::string_body>& request) {
    const std::string_view target = request.target();
    const std::string_view path = target.substr(0, target.find('?'));
    const unsigned version = request.version();
    if (path == "/oauth/token") {
      if (request.method() != http::verb::post) {
        return json_response(version, http::status::method_not_allowed,
                             R"({"error": "the token endpoint takes a POST"})");
      }
      char token[33];
      std::snprintf(token, sizeof token, "%016llx%016llx",
                    static_cast<unsigned long long>(token_bits()),
                    static_cast<unsigned long long>(token_bits()));
      return json_response(version, http::status::ok,
                           std::string(R"({"access_token": ")") + token +
                               R"(", "expires_in": 86400, "token_type": "Bearer"})");
    }
    constexpr std::string_view kCallbacks = "/callbacks/";
    if (path.substr(0, kCallbacks.size()) != kCallbacks) {
      return json_response(version, http::status::not_found, R"({"error": "not found"})");
    }
    const std::string_view rest = path.substr(kCallbacks.size());
    const std::string id(rest.substr(0, rest.find('/')));
    const std::string_view suffix = rest.substr(id.size());
    return answer_callback(request, id, suffix == "/callback" || suffix == "/callback/");
  }

  http::response<http::string_body> answer_callback(const http::request<http::string_body>& request,
                                                    const std::string& id, bool callback_path) {
    const WallClock::time_point now = WallClock::now();
    const auto found = invocations.find(id);
    InvocationRecord* record = found == invocations.end() ? nullptr : &found->second;
    CallbackRoute route = CallbackRoute::kOpen;
    if (record == nullptr) {
      route = CallbackRoute::kUnknownInvocation;
    } else if (!callback_path) {
      route = CallbackRoute::kWrongPath;
    } else if (record->callback) {
      route = CallbackRoute::kCalledBack;
    } else if (record->ended) {
      route = CallbackRoute::kEnded;
    }
    CallbackRequest view;
    view.invocation = id;
    view.method = request.method_string();
    if (const auto h = request.find(http::field::content_type); h != request.end()) {
      view.content_type = h->value();
    }
    if (const auto h = request.find(http::field::authorization); h != request.end()) {
      view.authorization = h->value();
    }
    view.body = request.body();
    CallbackVerdict verdict = judge_callback(route, view);

    for (ContractViolation& v : verdict.violations) {
      if (record != nullptr) {
        record->contract.push_back(v);
      } else {
        unattributed.push_back(v);
      }
      emit(now, ContractBreach{id, record != nullptr, std::move(v)});
    }
    if (verdict.accepted() && record != nullptr && verdict.success) {
      ReceivedCallback received;
      received.success = *verdict.success;
      received.md_message = verdict.md_message;
      if (record->first_attempt_at)
        received.wall_seconds = seconds_between(*record->first_attempt_at, now);
      record->callback = received;
      emit(now, CallbackAccepted{id, received.success, received.md_message});
    }
    return json_response(request.version(), static_cast<http::status>(verdict.status),
                         verdict.response_body);
  }

  // --- Sending ----------------------------------------------------------------

  asio::awaitable<void> run_attempt(std::string id, int attempt, HttpRequest wire,
                                    std::string shown_url) {
    const Answer answer = co_await exchange(id, wire, shown_url);
    attempt_in_flight[id] = false;
    InvocationRecord& record = invocations.at(id);
    if (answer.cancelled || record.ended || shut_down) co_return;
    record.requests[static_cast<std::size_t>(attempt - 1)].status = answer.status;
    emit(WallClock::now(), AttemptFinished{id, attempt, answer.status, answer.error});
  }

  // Sends `wire` and reads the answer. Never throws for network reasons.
  asio::awaitable<Answer> exchange(const std::string& id, const HttpRequest& wire,
                                   const std::string& shown_url) {
    std::string why;
    const std::optional<Url> url = parse_url(wire.url, &why);
    if (!url) co_return Answer{std::nullopt, "cannot send to '" + shown_url + "': " + why};

    http::request<http::string_body> request;
    const http::verb verb = http::string_to_verb(wire.method);
    if (verb == http::verb::unknown) {
      request.method_string(wire.method);
    } else {
      request.method(verb);
    }
    request.target(url->target);
    request.version(11);
    const bool default_port = url->port == (url->https ? 443 : 80);
    const std::string host_text =
        url->host.find(':') != std::string::npos ? "[" + url->host + "]" : url->host;
    request.set(http::field::host,
                default_port ? host_text : host_text + ":" + std::to_string(url->port));
    request.set(http::field::user_agent, kUserAgent);
    for (const HttpHeader& h : wire.headers) {
      // The webhook's own Host or User-Agent replaces ours.
      const http::field f = http::string_to_field(h.name);
      if (f == http::field::host || f == http::field::user_agent) request.erase(f);
    }
    for (const HttpHeader& h : wire.headers) request.insert(h.name, h.value);
    // One request per connection: the server closes after answering, so
    // reading the answer never waits on a kept-alive connection.
    request.set(http::field::connection, "close");
    request.body() = wire.body;
    request.prepare_payload();

    // Everything below can be closed from outside: by the attempt timer, by
    // end_invocation() and by shutdown(). The timer's handler may run after
    // this coroutine has returned, so what it touches is shared.
    auto wire_state = std::make_shared<AttemptWire>(io, tls);
    OpenGuard guard(*this, id, [s = wire_state.get()] { s->close(); });
    // However it ends, nothing of it may stay pending (the timer above all:
    // the destructor runs the loop until no work is left).
    struct CloseOnExit {
      AttemptWire& wire;
      ~CloseOnExit() { wire.close(); }
    } close_on_exit{*wire_state};
    // Ended or shut down between send_attempt() and this coroutine's start.
    if (shut_down || invocations.at(id).ended) wire_state->close();
    wire_state->timer.expires_after(options.attempt_timeout);
    wire_state->timer.async_wait([s = wire_state](const error_code& ec) {
      if (ec || s->closed) return;
      s->timed_out = true;
      s->close();
    });
    AttemptWire& w = *wire_state;
    auto& stream = w.stream;

    auto failed = [&](const error_code& ec, std::string_view stage) {
      Answer a;
      if (w.timed_out) {
        a.error = "no answer within " + format_seconds(options.attempt_timeout);
      } else if (w.closed) {
        a.cancelled = true;
      } else {
        a.error = std::string(stage) + ": " + ec.message();
      }
      return a;
    };

    error_code ec;
    std::vector<tcp::endpoint> endpoints;
    const asio::ip::address literal = asio::ip::make_address(url->host, ec);
    const bool is_literal = !ec;
    if (is_literal) {
      endpoints.emplace_back(literal, url->port);
    } else {
      ec.clear();
      const auto found = co_await w.resolver.async_resolve(
          url->host, std::to_string(url->port), asio::redirect_error(asio::use_awaitable, ec));
      if (ec || w.closed) co_return failed(ec, "cannot resolve " + url->host);
      for (const auto& entry : found) endpoints.push_back(entry.endpoint());
    }
    if (w.closed) co_return failed(ec, "connect");
    co_await beast::get_lowest_layer(stream).async_connect(
        endpoints, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || w.closed) {
      co_return failed(ec, "cannot connect to " + host_text + ":" + std::to_string(url->port));
    }
    close_on_exec(beast::get_lowest_layer(stream).socket().native_handle());

    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(kBodyLimit);
    if (url->https) {
      if (!is_literal) {
        // SNI carries host names only, never an address literal.
        SSL_set_tlsext_host_name(stream.native_handle(), url->host.c_str());
      }
      stream.set_verify_callback(ssl::host_name_verification(url->host));
      co_await stream.async_handshake(ssl::stream_base::client,
                                      asio::redirect_error(asio::use_awaitable, ec));
      if (ec || w.closed) co_return failed(ec, "TLS handshake");
      co_await http::async_write(stream, request, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || w.closed) co_return failed(ec, "sending");
      co_await http::async_read(stream, buffer, parser,
                                asio::redirect_error(asio::use_awaitable, ec));
    } else {
      beast::tcp_stream& plain = beast::get_lowest_layer(stream);
      co_await http::async_write(plain, request, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || w.closed) co_return failed(ec, "sending");
      co_await http::async_read(plain, buffer, parser,
                                asio::redirect_error(asio::use_awaitable, ec));
    }
    if (ec || w.closed) co_return failed(ec, "reading the answer");
    error_code ignored;
    beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_both, ignored);

    const auto& response = parser.get();
    Answer answer;
    answer.status = static_cast<int>(response.result_int());
    if (*answer.status < 200 || *answer.status > 299) {
      answer.error = "HTTP " + std::to_string(*answer.status);
      if (!response.reason().empty()) answer.error += " " + std::string(response.reason());
    }
    co_return answer;
  }
};

// --- Harness ----------------------------------------------------------------------

Harness::Harness(const HarnessOptions& options) : impl_(std::make_unique<Impl>(options)) {}

Harness::~Harness() {
  try {
    impl_->shutdown();
    impl_->work.reset();
    impl_->io.restart();
    impl_->io.run();
  } catch (...) {
    // A destructor must not throw; the loop is abandoned and its handlers
    // destroyed with the io_context.
  }
}

std::string Harness::listen_url() const { return impl_->listen_url; }
std::uint16_t Harness::port() const { return impl_->port; }

Invocation Harness::start_invocation() {
  Invocation inv;
  inv.id = impl_->tag + "-" + std::to_string(impl_->next_invocation++);
  inv.callback_uri = impl_->callback_base + "/callbacks/" + inv.id;
  InvocationRecord record;
  record.id = inv.id;
  record.callback_uri = inv.callback_uri;
  impl_->invocations.emplace(inv.id, std::move(record));
  ++impl_->open_invocations;
  return inv;
}

void Harness::send_attempt(const std::string& id, const AttemptRequest& request) {
  const auto found = impl_->invocations.find(id);
  if (found == impl_->invocations.end()) {
    throw std::logic_error("send_attempt: no invocation '" + id + "'");
  }
  InvocationRecord& record = found->second;
  if (record.ended) throw std::logic_error("send_attempt: invocation '" + id + "' has ended");
  if (impl_->attempt_in_flight[id]) {
    throw std::logic_error("send_attempt: invocation '" + id + "' has an attempt in flight");
  }
  const WallClock::time_point now = WallClock::now();
  if (!record.first_attempt_at) record.first_attempt_at = now;
  const int attempt = ++record.attempts_sent;
  record.requests.push_back({request.shown, std::nullopt});
  if (impl_->shut_down) {
    impl_->emit(now, AttemptFinished{id, attempt, std::nullopt, "harness shut down"});
    return;
  }
  impl_->attempt_in_flight[id] = true;
  impl_->spawn(impl_->run_attempt(id, attempt, request.wire, request.shown.url));
}

void Harness::end_invocation(const std::string& id) {
  const auto found = impl_->invocations.find(id);
  if (found == impl_->invocations.end()) {
    throw std::logic_error("end_invocation: no invocation '" + id + "'");
  }
  if (found->second.ended) return;
  found->second.ended = true;
  --impl_->open_invocations;
  for (auto& [key, closer] : impl_->open) {
    if (closer.invocation == id) closer.close();
  }
}

std::vector<Event> Harness::wait_for_events(WallClock::time_point deadline) {
  Impl& impl = *impl_;
  while (impl.events.empty() && !impl.shut_down && !impl.failure) {
    if (WallClock::now() >= deadline) break;
    impl.io.run_one_until(deadline);
  }
  if (!impl.failure) impl.io.poll();
  if (impl.failure) {
    std::exception_ptr failure = std::exchange(impl.failure, nullptr);
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      throw HarnessError(std::string("live harness: internal error: ") + e.what());
    }
  }
  return std::exchange(impl.events, {});
}

std::vector<Event> Harness::poll_events() { return wait_for_events(WallClock::now()); }

const InvocationRecord& Harness::record(const std::string& id) const {
  const auto found = impl_->invocations.find(id);
  if (found == impl_->invocations.end()) {
    throw std::logic_error("record: no invocation '" + id + "'");
  }
  return found->second;
}

bool Harness::has_open_invocations() const { return impl_->open_invocations > 0; }

const std::vector<ContractViolation>& Harness::unattributed_violations() const {
  return impl_->unattributed;
}

void Harness::shutdown() { impl_->shutdown(); }
bool Harness::is_shut_down() const { return impl_->shut_down; }

bool parse_listen_address(const std::string& text, HarnessOptions& options) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size()) return false;
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string::npos) {
    return false;  // an IPv6 address needs brackets
  }
  if (host.empty()) return false;
  unsigned long port = 0;
  for (char c : text.substr(colon + 1)) {
    if (c < '0' || c > '9' || port > 65535) return false;
    port = port * 10 + static_cast<unsigned long>(c - '0');
  }
  if (port > 65535) return false;
  options.listen_host = host;
  options.listen_port = static_cast<std::uint16_t>(port);
  return true;
}

}  // namespace deploysim::live
