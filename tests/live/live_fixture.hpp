// Shared by the harness tests: building requests the way a rendered webhook
// carries the callback URI, running the harness's loop while a receiver
// works, and events as short words that compare exactly.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "deploysim/live.hpp"
#include "receiver_process.hpp"

namespace deploysim::live::testing {

inline constexpr char kSecret[] = "s3cret-token-value";

// Where the rendered request carries {{armory.callbackUri}}/callback.
enum class Carrier { kBody, kQuery, kCallbackUriHeader, kLocationHeader };

// A webhook request to `receiver_url` + "/hook" with the secret in an
// Authorization header (the wire form) or *** (the shown form), and
// `callback` where `carrier` says.
AttemptRequest webhook_request(const std::string& receiver_url, const std::string& callback,
                               Carrier carrier = Carrier::kBody);

// The receiver arguments that read the URI from where `carrier` puts it.
std::vector<std::string> reading(Carrier carrier);

// "attempt 1 200", "attempt 2 500 HTTP 500 Internal Server Error",
// "callback true done", "breach success 400", "breach(unknown) unknownInvocation 404",
// "interrupted 2".
std::string describe(const Event& event);
// describe() of the events that are (or are not) AttemptFinished: the two
// sequences are each in wire order, but which of an answer and a callback on
// another connection the harness handles first is up to the kernel.
std::vector<std::string> attempts_of(const std::vector<Event>& events);
std::vector<std::string> callbacks_of(const std::vector<Event>& events);

// Runs the harness's loop until done(events so far) or `limit`; returns the events.
std::vector<Event> pump_until(Harness& harness,
                              const std::function<bool(const std::vector<Event>&)>& done,
                              std::chrono::milliseconds limit = std::chrono::seconds(10));

// Runs it until the receiver has exited and `attempts` attempts have finished.
std::vector<Event> pump_until_exit(Harness& harness, ReceiverProcess& receiver, int attempts = 1);

// Runs it until `count` AttemptFinished events have come.
std::vector<Event> pump_attempts(Harness& harness, int count = 1);

}  // namespace deploysim::live::testing
