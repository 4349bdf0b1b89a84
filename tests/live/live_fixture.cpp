#include "live_fixture.hpp"

#include <algorithm>
#include <cctype>

namespace deploysim::live::testing {
namespace {

std::string percent_encode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

HttpRequest render(const std::string& receiver_url, const std::string& callback, Carrier carrier,
                   const std::string& secret) {
  HttpRequest r;
  r.method = "POST";
  r.url = receiver_url + "/hook";
  r.headers.push_back({"Authorization", "token " + secret});
  r.headers.push_back({"Content-Type", "application/json"});
  r.body = R"({"event_type": "webhookCallback", "client_payload": {"environment": "staging"}})";
  switch (carrier) {
    case Carrier::kBody:
      r.body = R"({"event_type": "webhookCallback", "client_payload": {"callbackUri": ")" +
               callback + R"(", "environment": "staging"}})";
      break;
    case Carrier::kQuery:
      r.url += "?callbackUri=" + percent_encode(callback);
      break;
    case Carrier::kCallbackUriHeader:
      r.headers.push_back({"CallbackURI", callback});
      break;
    case Carrier::kLocationHeader:
      r.headers.push_back({"Location", callback});
      break;
  }
  return r;
}

}  // namespace

AttemptRequest webhook_request(const std::string& receiver_url, const std::string& callback,
                               Carrier carrier) {
  return {render(receiver_url, callback, carrier, kSecret),
          render(receiver_url, callback, carrier, "***")};
}

std::vector<std::string> reading(Carrier carrier) {
  switch (carrier) {
    case Carrier::kBody:
      return {"--uri-from", "body", "--uri-key", "callbackUri"};
    case Carrier::kQuery:
      return {"--uri-from", "query", "--uri-key", "callbackUri"};
    case Carrier::kCallbackUriHeader:
      return {"--uri-from", "header", "--uri-key", "CallbackURI"};
    case Carrier::kLocationHeader:
      return {"--uri-from", "header", "--uri-key", "Location"};
  }
  return {};
}

std::string describe(const Event& event) {
  struct Describe {
    std::string operator()(const AttemptFinished& a) const {
      std::string s = "attempt " + std::to_string(a.attempt) + " " +
                      (a.status ? std::to_string(*a.status) : std::string("none"));
      if (!a.error.empty()) s += " " + a.error;
      return s;
    }
    std::string operator()(const CallbackAccepted& c) const {
      return std::string("callback ") + (c.success ? "true" : "false") + " " +
             c.md_message.value_or("(no message)");
    }
    std::string operator()(const ContractBreach& b) const {
      return std::string(b.known_invocation ? "breach " : "breach(unknown) ") +
             std::string(to_string(b.violation.check)) + " " + std::to_string(b.violation.status);
    }
    std::string operator()(const Interrupted& i) const {
      return "interrupted " + std::to_string(i.signal);
    }
  };
  return std::visit(Describe{}, event.what);
}

std::vector<std::string> attempts_of(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const Event& e : events) {
    if (std::holds_alternative<AttemptFinished>(e.what)) out.push_back(describe(e));
  }
  return out;
}

std::vector<std::string> callbacks_of(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const Event& e : events) {
    if (!std::holds_alternative<AttemptFinished>(e.what)) out.push_back(describe(e));
  }
  return out;
}

std::vector<Event> pump_until(Harness& harness,
                              const std::function<bool(const std::vector<Event>&)>& done,
                              std::chrono::milliseconds limit) {
  std::vector<Event> events;
  const auto until = WallClock::now() + limit;
  while (!done(events) && WallClock::now() < until) {
    for (Event& e : harness.wait_for_events(
             std::min(until, WallClock::now() + std::chrono::milliseconds(20)))) {
      events.push_back(std::move(e));
    }
  }
  return events;
}

namespace {
int count_attempts(const std::vector<Event>& events) {
  return static_cast<int>(std::count_if(events.begin(), events.end(), [](const Event& e) {
    return std::holds_alternative<AttemptFinished>(e.what);
  }));
}
}  // namespace

std::vector<Event> pump_until_exit(Harness& harness, ReceiverProcess& receiver, int attempts) {
  std::vector<Event> events = pump_until(harness, [&](const std::vector<Event>& so_far) {
    return receiver.exited() && count_attempts(so_far) >= attempts;
  });
  for (Event& e : harness.poll_events()) events.push_back(std::move(e));
  return events;
}

std::vector<Event> pump_attempts(Harness& harness, int count) {
  return pump_until(
      harness, [&](const std::vector<Event>& so_far) { return count_attempts(so_far) >= count; });
}

}  // namespace deploysim::live::testing
