// live_receiver: a webhook receiver for the tests of sim/live, behaving like
// the common ones (a CI job or small service that gets the webhook, reads the
// callback URI, gets a token and calls back) and, by flags, like broken ones.
//
// It listens on 127.0.0.1 (a free port), prints "listening on URL" and then
// one line per thing it does, all on stdout:
//   request {"method", "target", "headers": [{"name", "value"}], "body"}
//   answer STATUS                  what it answered the webhook request
//   token STATUS BODY              the answer of POST /oauth/token
//   callback STATUS BODY           the answer to each callback it posted
//   handshake-failed WHY           a TLS client gave up (counts as a request)
//   error WHY                      then it exits with 1
// It exits 0 once it has handled --requests webhook requests (and their
// callbacks), and is killed by SIGALRM at --deadline whatever it is doing, so
// no test leaves it behind.
//
// Boost.Beast, synchronous: one connection at a time is all a test needs.
// Boost 1.74's Asio needs <utility> before it under g++ 12 in C++20.
#include <utility>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>

#include "live/url.hpp"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Json = nlohmann::json;
using deploysim::live::Url;

struct Options {
  unsigned deadline_s = 10;
  std::string uri_from = "body";        // body | query | header
  std::string uri_key = "callbackUri";  // JSON key at any depth / query parameter / header name
  int delay_ms = 0;
  bool success = true;
  std::string message = "done";
  int requests = 1;
  int fail_first = 0;
  bool refuse = false;
  int hang_ms = -1;
  std::string body = "normal";  // normal | empty-object | string-success | not-json | no-message
  bool no_content_type = false;
  bool no_token = false;
  int callbacks = 1;
  bool wrong_id = false;
  std::string callback_method = "POST";
  bool callback_before_answer = false;
  std::string tls_cert;
  std::string tls_key;
};

void say(const std::string& line) { std::cout << line << std::endl; }

[[noreturn]] void die(const std::string& why) {
  say("error " + why);
  std::exit(1);
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

// A string value under `key` anywhere in `j`.
std::optional<std::string> find_key(const Json& j, const std::string& key) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      if (k == key && v.is_string()) return v.get<std::string>();
      if (auto found = find_key(v, key)) return found;
    }
  } else if (j.is_array()) {
    for (const Json& v : j) {
      if (auto found = find_key(v, key)) return found;
    }
  }
  return std::nullopt;
}

std::optional<std::string> callback_uri(const Options& o,
                                        const http::request<http::string_body>& r) {
  if (o.uri_from == "body") {
    const Json body = Json::parse(r.body(), nullptr, false);
    return body.is_discarded() ? std::nullopt : find_key(body, o.uri_key);
  }
  if (o.uri_from == "query") {
    const std::string_view target = r.target();
    const std::size_t q = target.find('?');
    if (q == std::string_view::npos) return std::nullopt;
    std::string_view query = target.substr(q + 1);
    while (!query.empty()) {
      const std::string_view pair = query.substr(0, query.find('&'));
      query = pair.size() == query.size() ? std::string_view() : query.substr(pair.size() + 1);
      const std::size_t eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == o.uri_key) {
        return percent_decode(pair.substr(eq + 1));
      }
    }
    return std::nullopt;
  }
  const auto h = r.find(o.uri_key);
  if (h == r.end()) return std::nullopt;
  return std::string(h->value());
}

struct Reply {
  int status = 0;
  std::string body;
};

// One request over a fresh connection (callbacks go to the harness: http).
Reply send(const std::string& uri, const std::string& method,
           const std::vector<std::pair<std::string, std::string>>& headers,
           const std::string& body) {
  std::string why;
  const std::optional<Url> url = deploysim::live::parse_url(uri, &why);
  if (!url || url->https) die("cannot post to '" + uri + "': " + (url ? "https" : why));
  asio::io_context io;
  tcp::socket socket(io);
  beast::error_code ec;
  socket.connect({asio::ip::make_address(url->host), url->port}, ec);
  if (ec) die("cannot connect to " + uri + ": " + ec.message());
  http::request<http::string_body> request;
  request.method_string(method);
  request.target(url->target);
  request.version(11);
  request.set(http::field::host, url->host + ":" + std::to_string(url->port));
  request.set(http::field::connection, "close");
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  request.prepare_payload();
  http::write(socket, request, ec);
  if (ec) die("cannot send to " + uri + ": " + ec.message());
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(socket, buffer, response, ec);
  if (ec) die("no answer from " + uri + ": " + ec.message());
  return {static_cast<int>(response.result_int()), response.body()};
}

std::string callback_body(const Options& o) {
  if (o.body == "empty-object") return "{}";
  if (o.body == "not-json") return "ok";
  Json j;
  j["success"] = o.body == "string-success" ? Json(o.success ? "true" : "false") : Json(o.success);
  if (o.body != "no-message") j["mdMessage"] = o.message;
  return j.dump();
}

void call_back(const Options& o, std::string uri) {
  if (o.callbacks == 0) return;
  if (o.wrong_id) {
    const std::size_t at = uri.find("/callbacks/");
    if (at == std::string::npos) die("no /callbacks/ in " + uri);
    const std::size_t id_end = uri.find('/', at + 11);
    uri.insert(id_end == std::string::npos ? uri.size() : id_end, "-unknown");
  }
  std::vector<std::pair<std::string, std::string>> headers;
  if (!o.no_token) {
    const std::size_t path = uri.find('/', uri.find("://") + 3);
    const Reply token = send(uri.substr(0, path) + "/oauth/token", "POST",
                             {{"Content-Type", "application/x-www-form-urlencoded"}},
                             "grant_type=client_credentials&client_id=ci&client_secret=ci-secret");
    say("token " + std::to_string(token.status) + " " + token.body);
    const Json j = Json::parse(token.body, nullptr, false);
    if (j.is_discarded() || !j.contains("access_token")) die("no access_token");
    headers.emplace_back("Authorization", "Bearer " + j["access_token"].get<std::string>());
  }
  if (!o.no_content_type) headers.emplace_back("Content-Type", "application/json");
  std::this_thread::sleep_for(std::chrono::milliseconds(o.delay_ms));
  for (int i = 0; i < o.callbacks; ++i) {
    const Reply reply = send(uri, o.callback_method, headers, callback_body(o));
    say("callback " + std::to_string(reply.status) + " " + reply.body);
  }
}

std::string request_line(const http::request<http::string_body>& r) {
  Json j;
  j["method"] = std::string(r.method_string());
  j["target"] = std::string(r.target());
  Json headers = Json::array();
  for (const auto& field : r) {
    headers.push_back(
        {{"name", std::string(field.name_string())}, {"value", std::string(field.value())}});
  }
  j["headers"] = std::move(headers);
  j["body"] = r.body();
  return "request " + j.dump();
}

template <class Stream>
void answer(Stream& stream, http::status status, unsigned version) {
  http::response<http::string_body> response{status, version};
  response.set(http::field::content_type, "application/json");
  response.keep_alive(false);
  response.body() = status == http::status::ok ? R"({"ok": true})" : R"({"ok": false})";
  response.prepare_payload();
  beast::error_code ec;
  http::write(stream, response, ec);
  say("answer " + std::to_string(static_cast<int>(status)));
}

// Handles one connection; returns true when it counts as a handled request.
template <class Stream>
bool handle(const Options& o, Stream& stream, int& seen) {
  beast::flat_buffer buffer;
  http::request<http::string_body> request;
  beast::error_code ec;
  http::read(stream, buffer, request, ec);
  if (ec) return false;
  say(request_line(request));
  ++seen;
  if (o.hang_ms >= 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(o.hang_ms));
    std::exit(0);
  }
  if (seen <= o.fail_first) {
    answer(stream, http::status::internal_server_error, request.version());
    return false;
  }
  const std::optional<std::string> uri = callback_uri(o, request);
  if (!uri) {
    answer(stream, http::status::bad_request, request.version());
    die("no callback URI (" + o.uri_from + " " + o.uri_key + ")");
  }
  if (o.callback_before_answer) {
    call_back(o, *uri);
    answer(stream, http::status::ok, request.version());
  } else {
    answer(stream, http::status::ok, request.version());
    beast::get_lowest_layer(stream).shutdown(tcp::socket::shutdown_both, ec);
    call_back(o, *uri);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"A webhook receiver for the tests of deploysim live"};
  app.add_option("--deadline", o.deadline_s, "Seconds until SIGALRM ends the process");
  app.add_option("--uri-from", o.uri_from, "Where the callback URI is")
      ->check(CLI::IsMember({"body", "query", "header"}));
  app.add_option("--uri-key", o.uri_key, "Its JSON key, query parameter or header name");
  app.add_option("--delay-ms", o.delay_ms, "Wait before calling back");
  app.add_option("--success", o.success, "The callback's success");
  app.add_option("--message", o.message, "The callback's mdMessage");
  app.add_option("--requests", o.requests, "Webhook requests to handle before exiting");
  app.add_option("--fail-first", o.fail_first, "Answer 500 to the first K requests");
  app.add_flag("--refuse", o.refuse, "Listen nowhere: print a port nobody listens on and exit");
  app.add_option("--hang-ms", o.hang_ms, "Read a request, answer nothing, exit after this long");
  app.add_option("--body", o.body, "The callback body")
      ->check(
          CLI::IsMember({"normal", "empty-object", "string-success", "not-json", "no-message"}));
  app.add_flag("--no-content-type", o.no_content_type, "Callback without Content-Type");
  app.add_flag("--no-token", o.no_token, "Callback without a token and Authorization");
  app.add_option("--callbacks", o.callbacks, "How many callbacks to post (0: none)");
  app.add_flag("--wrong-id", o.wrong_id, "Call back an invocation id nobody gave out");
  app.add_option("--callback-method", o.callback_method, "The callback's HTTP method");
  app.add_flag("--callback-before-answer", o.callback_before_answer,
               "Call back before answering the webhook request");
  app.add_option("--tls-cert", o.tls_cert, "Serve https with this certificate (PEM)");
  app.add_option("--tls-key", o.tls_key, "... and this private key (PEM)");
  CLI11_PARSE(app, argc, argv);
  ::alarm(o.deadline_s);

  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const unsigned port = acceptor.local_endpoint().port();
  const bool tls = !o.tls_cert.empty();
  say(std::string("listening on ") + (tls ? "https" : "http") +
      "://127.0.0.1:" + std::to_string(port));
  if (o.refuse) return 0;  // the acceptor closes: connections to the port are refused

  ssl::context tls_context(ssl::context::tls_server);
  if (tls) {
    tls_context.use_certificate_chain_file(o.tls_cert);
    tls_context.use_private_key_file(o.tls_key, ssl::context::pem);
  }
  int seen = 0;
  int handled = 0;
  while (handled < o.requests) {
    tcp::socket socket(io);
    acceptor.accept(socket);
    if (!tls) {
      if (handle(o, socket, seen)) ++handled;
      continue;
    }
    beast::ssl_stream<tcp::socket> stream(std::move(socket), tls_context);
    beast::error_code ec;
    stream.handshake(ssl::stream_base::server, ec);
    if (ec) {
      say("handshake-failed " + ec.message());
      ++handled;
      continue;
    }
    if (handle(o, stream, seen)) ++handled;
  }
  return 0;
}
