#include "url.hpp"

#include <algorithm>
#include <cctype>

namespace deploysim::live {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<Url> fail(std::string* error, std::string reason) {
  if (error != nullptr) *error = std::move(reason);
  return std::nullopt;
}

}  // namespace

std::optional<Url> parse_url(std::string_view text, std::string* error) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return fail(error, "the URL contains a space or a control character");
    }
  }
  const std::size_t colon = text.find("://");
  if (colon == std::string_view::npos)
    return fail(error, "the URL has no scheme (http:// or https://)");
  Url url;
  const std::string_view scheme = text.substr(0, colon);
  if (iequals(scheme, "https")) {
    url.https = true;
  } else if (!iequals(scheme, "http")) {
    return fail(error, "the URL scheme is '" + std::string(scheme) + "', not http or https");
  }
  std::string_view rest = text.substr(colon + 3);
  const std::size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view tail =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) {
    return fail(error, "user info in the URL (user@host) is not supported");
  }

  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return fail(error, "the IPv6 address has no closing ']'");
    url.host = std::string(authority.substr(1, close - 1));
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return fail(error, "unexpected text after the IPv6 address");
      port_text = after.substr(1);
      if (port_text.empty()) return fail(error, "the port is empty");
    }
  } else {
    const std::size_t port_colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, port_colon));
    if (port_colon != std::string_view::npos) {
      port_text = authority.substr(port_colon + 1);
      if (port_text.empty()) return fail(error, "the port is empty");
    }
  }
  if (url.host.empty()) return fail(error, "the URL has no host");

  url.port = url.https ? 443 : 80;
  if (!port_text.empty()) {
    unsigned long port = 0;
    for (char c : port_text) {
      if (!std::isdigit(static_cast<unsigned char>(c)) || port > 65535) {
        return fail(error, "the port '" + std::string(port_text) + "' is not a number 1..65535");
      }
      port = port * 10 + static_cast<unsigned long>(c - '0');
    }
    if (port == 0 || port > 65535) {
      return fail(error, "the port '" + std::string(port_text) + "' is not a number 1..65535");
    }
    url.port = static_cast<std::uint16_t>(port);
  }

  const std::size_t fragment = tail.find('#');
  if (fragment != std::string_view::npos) tail = tail.substr(0, fragment);
  if (tail.empty() || tail.front() == '?') url.target = "/";
  url.target += std::string(tail);
  return url;
}

}  // namespace deploysim::live
