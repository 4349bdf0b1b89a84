// The tape (tape.hpp): writing a line, reading a file with FILE:LINE:COL errors.
#include <cmath>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "deploysim/tape.hpp"

namespace deploysim::live {
namespace {

using OrderedJson = nlohmann::ordered_json;

// Every value of WebhookWhere, for reading the word back.
constexpr WebhookWhere kWheres[] = {
    WebhookWhere::kBeforeDeployment,
    WebhookWhere::kAfterDeployment,
    WebhookWhere::kCanary,
    WebhookWhere::kRedirectTrafficAfter,
    WebhookWhere::kShutDownOldVersionAfter,
};

OrderedJson string_or_null(const std::string& s) {
  return s.empty() ? OrderedJson(nullptr) : OrderedJson(s);
}

OrderedJson request_json(const TapeRequest& r) {
  OrderedJson j;
  j["method"] = r.request.method;
  j["url"] = r.request.url;
  OrderedJson headers = OrderedJson::array();
  for (const HttpHeader& h : r.request.headers)
    headers.push_back({{"name", h.name}, {"value", h.value}});
  j["headers"] = std::move(headers);
  j["body"] = string_or_null(r.request.body);
  j["status"] = r.status ? OrderedJson(*r.status) : OrderedJson(nullptr);
  return j;
}

// A problem in one entry: `key` is the top-level key it is under (its column
// is found in the line), `what` the message.
struct EntryError {
  std::string key;
  std::string what;
};

// Reads the fields of one line; throws EntryError.
class EntryReader {
 public:
  TapeEntry read(const OrderedJson& j) {
    if (!j.is_object()) throw EntryError{"", "a tape line must be a JSON object"};
    static constexpr std::string_view kKeys[] = {"webhook",    "target",   "where",
                                                 "invocation", "attempts", "requests",
                                                 "callback",   "result",   "contract"};
    for (const auto& [key, value] : j.items()) {
      if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys)) {
        throw EntryError{key, "unknown key '" + key +
                                  "' (a tape line has webhook, target, where, invocation, "
                                  "attempts, requests, callback, result, contract)"};
      }
    }
    for (std::string_view key : kKeys) {
      if (!j.contains(key)) throw EntryError{"", "missing key '" + std::string(key) + "'"};
    }
    TapeEntry e;
    key_ = "webhook";
    e.webhook = text(j["webhook"], "webhook");
    if (e.webhook.empty()) fail("webhook: empty name");
    key_ = "target";
    e.target = text(j["target"], "target");
    if (e.target.empty()) fail("target: empty name");
    key_ = "where";
    e.where = where(text(j["where"], "where"));
    key_ = "invocation";
    e.invocation = text(j["invocation"], "invocation");
    key_ = "attempts";
    e.attempts = integer(j["attempts"], "attempts", 0, 1'000'000);
    key_ = "requests";
    const OrderedJson& requests = array(j["requests"], "requests");
    for (std::size_t i = 0; i < requests.size(); ++i) {
      e.requests.push_back(request(requests[i], "requests[" + std::to_string(i) + "]"));
    }
    key_ = "attempts";
    if (static_cast<std::size_t>(e.attempts) < e.requests.size()) {
      fail("attempts: " + std::to_string(e.attempts) + " is fewer than the " +
           std::to_string(e.requests.size()) + " requests");
    }
    key_ = "callback";
    if (!j["callback"].is_null()) e.callback = callback(j["callback"]);
    key_ = "result";
    const std::string result = text(j["result"], "result");
    const std::optional<WebhookResult> parsed = parse_webhook_result(result);
    if (!parsed) {
      fail("result: '" + result +
           "' is not one of SUCCESS, FAILURE, TIMEOUT, UNREACHABLE, ABANDONED, PENDING");
    }
    e.result = *parsed;
    key_ = "contract";
    const OrderedJson& contract = array(j["contract"], "contract");
    for (std::size_t i = 0; i < contract.size(); ++i) {
      e.contract.push_back(violation(contract[i], "contract[" + std::to_string(i) + "]"));
    }
    return e;
  }

 private:
  [[noreturn]] void fail(std::string what) { throw EntryError{key_, std::move(what)}; }

  std::string text(const OrderedJson& j, const std::string& path) {
    if (!j.is_string()) fail(path + ": expected a string, got " + std::string(j.type_name()));
    return j.get<std::string>();
  }
  std::string text_or_null(const OrderedJson& j, const std::string& path) {
    return j.is_null() ? std::string() : text(j, path);
  }
  const OrderedJson& array(const OrderedJson& j, const std::string& path) {
    if (!j.is_array()) fail(path + ": expected an array, got " + std::string(j.type_name()));
    return j;
  }
  const OrderedJson& object(const OrderedJson& j, const std::string& path,
                            std::initializer_list<std::string_view> keys) {
    if (!j.is_object()) fail(path + ": expected an object, got " + std::string(j.type_name()));
    for (const auto& [key, value] : j.items()) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        fail(path + ": unknown key '" + key + "'");
      }
    }
    for (std::string_view key : keys) {
      if (!j.contains(key)) fail(path + ": missing key '" + std::string(key) + "'");
    }
    return j;
  }
  int integer(const OrderedJson& j, const std::string& path, int low, int high) {
    if (!j.is_number_integer()) {
      fail(path + ": expected an integer, got " + std::string(j.type_name()));
    }
    const auto v = j.get<std::int64_t>();
    if (v < low || v > high) {
      fail(path + ": " + std::to_string(v) + " is not in " + std::to_string(low) + ".." +
           std::to_string(high));
    }
    return static_cast<int>(v);
  }
  double seconds(const OrderedJson& j, const std::string& path) {
    if (!j.is_number())
      fail(path + ": expected a number of seconds, got " + std::string(j.type_name()));
    const double v = j.get<double>();
    if (!std::isfinite(v) || v < 0 || v > 1e12) {
      fail(path + ": " + j.dump() + " is not a number of seconds >= 0");
    }
    return v;
  }
  WebhookWhere where(const std::string& word) {
    for (WebhookWhere w : kWheres) {
      if (to_string(w) == word) return w;
    }
    fail("where: '" + word +
         "' is not one of beforeDeployment, afterDeployment, canary, redirectTrafficAfter, "
         "shutDownOldVersionAfter");
  }
  TapeRequest request(const OrderedJson& j, const std::string& path) {
    object(j, path, {"method", "url", "headers", "body", "status"});
    TapeRequest r;
    r.request.method = text(j["method"], path + ".method");
    r.request.url = text(j["url"], path + ".url");
    const OrderedJson& headers = array(j["headers"], path + ".headers");
    for (std::size_t i = 0; i < headers.size(); ++i) {
      const std::string at = path + ".headers[" + std::to_string(i) + "]";
      object(headers[i], at, {"name", "value"});
      r.request.headers.push_back(
          {text(headers[i]["name"], at + ".name"), text(headers[i]["value"], at + ".value")});
    }
    r.request.body = text_or_null(j["body"], path + ".body");
    if (!j["status"].is_null()) r.status = integer(j["status"], path + ".status", 100, 599);
    return r;
  }
  TapeCallback callback(const OrderedJson& j) {
    object(j, "callback", {"after", "wallSeconds", "success", "mdMessage"});
    TapeCallback c;
    c.after = Duration(std::llround(seconds(j["after"], "callback.after") * 1000));
    c.wall_seconds = seconds(j["wallSeconds"], "callback.wallSeconds");
    if (!j["success"].is_boolean()) {
      fail("callback.success: expected true or false, got " +
           std::string(j["success"].type_name()));
    }
    c.success = j["success"].get<bool>();
    if (!j["mdMessage"].is_null()) c.md_message = text(j["mdMessage"], "callback.mdMessage");
    return c;
  }
  ContractViolation violation(const OrderedJson& j, const std::string& path) {
    object(j, path, {"check", "status", "message"});
    ContractViolation v;
    const std::string word = text(j["check"], path + ".check");
    const std::optional<ContractCheck> check = parse_contract_check(word);
    if (!check) fail(path + ".check: unknown contract check '" + word + "'");
    v.check = *check;
    v.status = integer(j["status"], path + ".status", 100, 599);
    v.message = text(j["message"], path + ".message");
    return v;
  }

  std::string key_;
};

// The 1-based column of top-level key `key` in `line`, 1 when not found.
int column_of_key(std::string_view line, const std::string& key) {
  if (key.empty()) return 1;
  const std::size_t at = line.find('"' + key + '"');
  return at == std::string_view::npos ? 1 : static_cast<int>(at) + 1;
}

}  // namespace

std::string tape_line(const TapeEntry& entry) {
  OrderedJson j;
  j["webhook"] = entry.webhook;
  j["target"] = entry.target;
  j["where"] = std::string(to_string(entry.where));
  j["invocation"] = entry.invocation;
  j["attempts"] = entry.attempts;
  OrderedJson requests = OrderedJson::array();
  for (const TapeRequest& r : entry.requests) requests.push_back(request_json(r));
  j["requests"] = std::move(requests);
  if (entry.callback) {
    const TapeCallback& c = *entry.callback;
    OrderedJson cb;
    cb["after"] = to_seconds(c.after);
    cb["wallSeconds"] = std::round(c.wall_seconds * 1000) / 1000;
    cb["success"] = c.success;
    cb["mdMessage"] = c.md_message ? OrderedJson(*c.md_message) : OrderedJson(nullptr);
    j["callback"] = std::move(cb);
  } else {
    j["callback"] = nullptr;
  }
  j["result"] = std::string(to_string(entry.result));
  OrderedJson contract = OrderedJson::array();
  for (const ContractViolation& v : entry.contract) {
    contract.push_back(
        {{"check", std::string(to_string(v.check))}, {"status", v.status}, {"message", v.message}});
  }
  j["contract"] = std::move(contract);
  return j.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

std::optional<std::vector<TapeEntry>> read_tape_from_string(std::string_view text,
                                                            const std::string& path,
                                                            Diagnostics& diagnostics) {
  std::vector<TapeEntry> entries;
  bool ok = true;
  int line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;

    OrderedJson j;
    try {
      j = OrderedJson::parse(line);
    } catch (const OrderedJson::parse_error& e) {
      // e.byte: 1-based index of the byte where parsing stopped.
      const int column = static_cast<int>(
          std::min<std::size_t>(std::max<std::size_t>(e.byte, 1), line.size() + 1));
      std::string what = e.what();
      const std::size_t detail = what.find(": ");  // drop "[json.exception...] parse error at ..."
      if (detail != std::string::npos) what = what.substr(detail + 2);
      diagnostics.error({path, line_number, column}, "not a JSON line: " + what);
      ok = false;
      continue;
    }
    try {
      TapeEntry entry = EntryReader().read(j);
      entry.location = {path, line_number, 1};
      entries.push_back(std::move(entry));
    } catch (const EntryError& e) {
      diagnostics.error({path, line_number, column_of_key(line, e.key)}, e.what);
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return entries;
}

std::optional<std::vector<TapeEntry>> read_tape(const std::string& path, Diagnostics& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.error({path, 0, 0}, "cannot read the tape");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    diagnostics.error({path, 0, 0}, "cannot read the tape");
    return std::nullopt;
  }
  return read_tape_from_string(text.str(), path, diagnostics);
}

}  // namespace deploysim::live
