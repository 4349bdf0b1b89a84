// The inputs hash of a partial result: a fingerprint of everything a
// replication depends on besides N and the seed, so that the merge can refuse
// parts of different runs. FNV-1a 64 is not cryptographic; it guards against
// mistakes (a shard run on an edited file, with another --horizon), not
// against forgery.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "deploysim/shard.hpp"

namespace deploysim {
namespace {

constexpr std::uint64_t kFnv1aPrime = 0x100000001b3ull;

// Label, length, bytes: no two different inputs frame to the same stream.
std::uint64_t add_field(std::uint64_t hash, std::string_view label, std::string_view bytes) {
  hash = fnv1a64(label, hash);
  hash = fnv1a64(" " + std::to_string(bytes.size()) + "\n", hash);
  return fnv1a64(bytes, hash);
}

// `bytes` with every occurrence of a secret's value replaced by its name, so
// that a partial file's hash can not be used to guess a low-entropy secret
// offline (issue 20): the hash covers the secrets' names, not their values.
std::string without_secret_values(std::string bytes, const ContextMap& secrets) {
  for (const auto& [name, value] : secrets) {
    if (value.empty()) continue;
    const std::string marker = "<secret " + name + ">";
    for (std::size_t at = bytes.find(value); at != std::string::npos;
         at = bytes.find(value, at + marker.size())) {
      bytes.replace(at, value.size(), marker);
    }
  }
  return bytes;
}

std::optional<std::string> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return bytes.str();
}

}  // namespace

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kFnv1aPrime;
  }
  return hash;
}

std::optional<std::uint64_t> inputs_hash(const Scenario& scenario, const RunOptions& base,
                                         Diagnostics& diagnostics) {
  std::uint64_t hash = fnv1a64("deploysim-inputs/1\n");
  // A bare deploy file, or a scenario with an inline deployment, is one file.
  std::vector<std::pair<std::string_view, std::string>> files = {
      {"scenario", scenario.source_file}};
  if (scenario.deployment.source_file != scenario.source_file) {
    files.emplace_back("deploy", scenario.deployment.source_file);
  }
  for (const auto& [label, path] : files) {
    const std::optional<std::string> bytes = read_bytes(path);
    if (!bytes) {
      diagnostics.error({}, path + ": cannot read it to hash the inputs");
      return std::nullopt;
    }
    hash = add_field(hash, label, without_secret_values(*bytes, scenario.secrets));
  }
  hash = add_field(hash, "horizon",
                   base.horizon ? std::to_string(base.horizon->count()) : std::string("-"));
  std::string targets;
  for (const std::string& t : base.only_targets) targets += t + '\n';
  hash = add_field(hash, "targets", targets);
  hash = add_field(hash, "firstDeployment", base.first_deployment ? "1" : "0");
  std::string context;
  for (const auto& [key, value] : base.add_context) context += key + '=' + value + '\n';
  hash = add_field(hash, "addContext", context);
  return hash;
}

std::string format_inputs_hash(std::uint64_t hash) {
  char text[32];
  std::snprintf(text, sizeof text, "fnv1a64:%016llx", static_cast<unsigned long long>(hash));
  return text;
}

}  // namespace deploysim
