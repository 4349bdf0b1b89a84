#include <gtest/gtest.h>

#include "live/url.hpp"

namespace deploysim::live {
namespace {

TEST(ParseUrl, TheParts) {
  std::optional<Url> u = parse_url("https://api.github.com/repos/armory/demo/dispatches");
  ASSERT_TRUE(u);
  EXPECT_TRUE(u->https);
  EXPECT_EQ(u->host, "api.github.com");
  EXPECT_EQ(u->port, 443);
  EXPECT_EQ(u->target, "/repos/armory/demo/dispatches");

  u = parse_url("HTTP://127.0.0.1:8080?callbackUri=http://x/y#frag");
  ASSERT_TRUE(u);
  EXPECT_FALSE(u->https);
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, 8080);
  EXPECT_EQ(u->target, "/?callbackUri=http://x/y");

  u = parse_url("http://[::1]:9/a/b?c=d");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "::1");
  EXPECT_EQ(u->port, 9);
  EXPECT_EQ(u->target, "/a/b?c=d");

  u = parse_url("http://host");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->port, 80);
  EXPECT_EQ(u->target, "/");
}

TEST(ParseUrl, Rejects) {
  const std::pair<const char*, const char*> cases[] = {
      {"ftp://host/x", "the URL scheme is 'ftp', not http or https"},
      {"host/x", "the URL has no scheme (http:// or https://)"},
      {"http:///x", "the URL has no host"},
      {"http://user:pw@host/", "user info in the URL (user@host) is not supported"},
      {"http://host:0/", "the port '0' is not a number 1..65535"},
      {"http://host:65536/", "the port '65536' is not a number 1..65535"},
      {"http://host:99999999999/", "the port '99999999999' is not a number 1..65535"},
      {"http://host:/", "the port is empty"},
      {"http://[::1/", "the IPv6 address has no closing ']'"},
      {"http://host/a b", "the URL contains a space or a control character"},
  };
  for (const auto& [text, reason] : cases) {
    std::string why;
    EXPECT_FALSE(parse_url(text, &why).has_value()) << text;
    EXPECT_EQ(why, reason) << text;
  }
}

}  // namespace
}  // namespace deploysim::live
