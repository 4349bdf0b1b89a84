// The parts of an http(s) URL that sending a request needs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace deploysim::live {

struct Url {
  bool https = false;
  std::string host;    // as written, without the brackets of an IPv6 literal
  std::uint16_t port;  // explicit, else 80 / 443
  std::string target;  // path and query ("/" when the URL has no path); the fragment is dropped
};

// Parses "http://HOST[:PORT][/PATH][?QUERY][#FRAGMENT]" and the https form.
// The scheme is case-insensitive. Returns nullopt, with a reason in *error
// when error is not null, for any other scheme, an empty host, user info
// ("user@host"), a bad port, or spaces or control characters anywhere.
std::optional<Url> parse_url(std::string_view text, std::string* error = nullptr);

}  // namespace deploysim::live
