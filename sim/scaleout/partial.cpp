// Partial results of shards: the Aggregate's integer state as JSON, and a
// strict reader that checks it before anything is merged. Only integers and
// names are written; every probability, interval, quantile and mean of the
// final report is computed once, from the merged integers, by the writers.
#include <algorithm>
#include <limits>
#include <set>
#include <string_view>

#include "deploysim/saturating.hpp"
#include "deploysim/shard.hpp"
#include "deploysim/time.hpp"
#include "deploysim/version.hpp"
#include "partial_json.hpp"

namespace deploysim {
namespace scaleout {
namespace {

constexpr std::string_view kKind = "deploysim-partial";
constexpr int kSchemaVersion = 1;

// The time breakdown sums of a tally, by report name.
struct TimeField {
  const char* name;
  std::int64_t OutcomeTally::*field;
};
constexpr TimeField kTimeFields[] = {
    {"webhooks", &OutcomeTally::webhooks_ms},   {"approvals", &OutcomeTally::approvals_ms},
    {"analysis", &OutcomeTally::analysis_ms},   {"pauses", &OutcomeTally::pauses_ms},
    {"readiness", &OutcomeTally::readiness_ms}, {"rollback", &OutcomeTally::rollback_ms},
};

Json tally_json(const OutcomeTally& t) {
  Json j;
  Json status = Json::object();
  for (int s = 0; s < kTargetStatusCount; ++s) {
    if (t.status[s] != 0)
      status[std::string(to_string(static_cast<TargetStatus>(s)))] = t.status[s];
  }
  j["status"] = status;
  Json reason = Json::object();
  for (int r = 0; r < kReasonCount; ++r) {
    if (t.reason[r] != 0) reason[std::string(to_string(static_cast<Reason>(r)))] = t.reason[r];
  }
  j["reason"] = reason;
  j["started"] = t.started;
  j["deployed"] = t.deployed;
  j["rolledBack"] = t.rolled_back;
  Json time;
  for (const TimeField& f : kTimeFields) time[f.name] = t.*f.field;
  j["timeMs"] = time;
  j["finishedAtMs"] = histogram_json(t.finished_at);
  return j;
}

// --- Reading: each helper names the field it is about in its error. ---

template <typename Enum, int Count>
void read_word_counts(const Json& j, const std::string& where,
                      std::optional<Enum> (*parse)(std::string_view),
                      std::array<std::uint64_t, Count>& out) {
  if (!j.is_object()) fail(where, "expected an object of counts");
  for (const auto& [word, count] : j.items()) {
    const std::optional<Enum> value = parse(word);
    if (!value) fail(where, "unknown word \"" + word + "\"");
    out[static_cast<int>(*value)] = read_u64(count, where + "." + word);
  }
}

OutcomeTally read_tally(const Json& j, const std::string& where, std::uint64_t runs) {
  OutcomeTally t;
  read_word_counts<TargetStatus, kTargetStatusCount>(member(j, where, "status"), where + ".status",
                                                     parse_target_status, t.status);
  read_word_counts<Reason, kReasonCount>(member(j, where, "reason"), where + ".reason",
                                         parse_reason, t.reason);
  t.started = u64_member(j, where, "started");
  t.deployed = u64_member(j, where, "deployed");
  t.rolled_back = u64_member(j, where, "rolledBack");
  const Json& time = member(j, where, "timeMs");
  for (const TimeField& f : kTimeFields) t.*f.field = i64_member(time, where + ".timeMs", f.name);
  // Finish times lie between 0 and the longest horizon (kMaxDuration).
  t.finished_at = read_histogram(member(j, where, "finishedAtMs"), where + ".finishedAtMs",
                                 kMaxDuration.count());

  // Every run ends with exactly one status and one reason; the sums are
  // checked, so counts that wrap 2^64 do not pass for the right total.
  std::optional<std::uint64_t> statuses = 0;
  std::optional<std::uint64_t> reasons = 0;
  for (const std::uint64_t c : t.status) statuses = statuses ? checked_add(*statuses, c) : statuses;
  for (const std::uint64_t c : t.reason) reasons = reasons ? checked_add(*reasons, c) : reasons;
  if (statuses != runs || reasons != runs) {
    fail(where, "status or reason counts do not add up to the " + std::to_string(runs) + " runs");
  }
  if (t.started > runs || t.deployed > runs || t.rolled_back > runs ||
      t.finished_at.count() > t.status[static_cast<int>(TargetStatus::kSucceeded)]) {
    fail(where, "a count exceeds the runs it is over");
  }
  // A run adds at most kMaxDuration to each part of the breakdown (no run
  // lasts longer than its horizon), and nothing negative.
  const std::optional<std::int64_t> most = checked_mul(
      static_cast<std::int64_t>(std::min<std::uint64_t>(t.started, runs)), kMaxDuration.count());
  for (const TimeField& f : kTimeFields) {
    const std::int64_t ms = t.*f.field;
    if (ms < 0 || (most && ms > *most)) {
      fail(where + ".timeMs." + f.name,
           std::to_string(ms) + " ms is outside 0.." + std::to_string(most.value_or(0)) + " (the " +
               std::to_string(t.started) + " runs it started in, at most " +
               std::to_string(kMaxDuration.count()) + " ms each)");
    }
  }
  return t;
}

}  // namespace

// --- Shared with the other partial results (partial_json.hpp) ---

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw FormatError(where + ": " + what);
}

const Json& member(const Json& object, const std::string& where, const char* key) {
  if (!object.is_object()) fail(where, "expected an object");
  const auto it = object.find(key);
  if (it == object.end()) fail(where, std::string("missing \"") + key + "\"");
  return *it;
}

std::string path_of(const std::string& where, const char* key) {
  return where.empty() ? key : where + "." + key;
}

std::uint64_t read_u64(const Json& j, const std::string& where) {
  if (!j.is_number_unsigned()) fail(where, "expected a non-negative integer");
  return j.get<std::uint64_t>();
}

std::uint64_t u64_member(const Json& object, const std::string& where, const char* key) {
  return read_u64(member(object, where, key), path_of(where, key));
}

std::int64_t i64_member(const Json& object, const std::string& where, const char* key) {
  const Json& j = member(object, where, key);
  const std::string at = path_of(where, key);
  if (j.is_number_unsigned()) {
    if (j.get<std::uint64_t>() >
        static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      fail(at, "integer out of range");
    }
    return static_cast<std::int64_t>(j.get<std::uint64_t>());
  }
  if (!j.is_number_integer()) fail(at, "expected an integer");
  return j.get<std::int64_t>();
}

const std::string& string_member(const Json& object, const std::string& where, const char* key) {
  const Json& j = member(object, where, key);
  if (!j.is_string()) fail(path_of(where, key), "expected a string");
  return j.get_ref<const std::string&>();
}

Json histogram_json(const LogHistogram& h) {
  const LogHistogram::State s = h.state();
  Json j;
  j["count"] = s.count;
  j["sum"] = s.sum;
  j["min"] = s.min;
  j["max"] = s.max;
  Json buckets = Json::array();
  for (const auto& [index, count] : s.buckets) buckets.push_back(Json::array({index, count}));
  j["buckets"] = buckets;
  return j;
}

LogHistogram read_histogram(const Json& j, const std::string& where, std::int64_t max_ms) {
  LogHistogram::State s;
  s.count = u64_member(j, where, "count");
  s.sum = i64_member(j, where, "sum");
  s.min = i64_member(j, where, "min");
  s.max = i64_member(j, where, "max");
  const Json& buckets = member(j, where, "buckets");
  if (!buckets.is_array()) fail(where + ".buckets", "expected an array");
  for (const Json& b : buckets) {
    if (!b.is_array() || b.size() != 2) fail(where + ".buckets", "expected [index, count] pairs");
    const std::uint64_t index = read_u64(b[0], where + ".buckets");
    if (index > std::numeric_limits<std::uint32_t>::max()) fail(where + ".buckets", "bad index");
    s.buckets.emplace_back(static_cast<std::uint32_t>(index), read_u64(b[1], where + ".buckets"));
  }
  if (s.count != 0 && (s.min < 0 || s.max > max_ms)) {
    fail(where, "min or max outside 0.." + std::to_string(max_ms) + " ms");
  }
  std::optional<LogHistogram> h = LogHistogram::from_state(s);
  if (!h) fail(where, "inconsistent histogram (bucket counts, order, min, max or sum)");
  return *h;
}

std::uint64_t read_inputs_hash(const Json& j) {
  const std::string& hash = string_member(j, "", "inputsHash");
  if (hash.size() != 24 || hash.rfind("fnv1a64:", 0) != 0 ||
      hash.find_first_not_of("0123456789abcdef", 8) != std::string::npos) {
    fail("inputsHash", "expected fnv1a64: and 16 hex digits");
  }
  return std::stoull(hash.substr(8), nullptr, 16);
}

void read_shard_and_range(const Json& j, std::uint64_t total, const std::string& unit,
                          ShardSpec& shard, RunRange& range) {
  const Json& s = member(j, "", "shard");
  shard.index = u64_member(s, "shard", "index");
  shard.count = u64_member(s, "shard", "count");
  if (shard.count == 0 || shard.count > kMaxShards || shard.index >= shard.count) {
    fail("shard", "index must be below count, count from 1 to " + std::to_string(kMaxShards));
  }
  const Json& r = member(j, "", "range");
  range.begin = u64_member(r, "range", "begin");
  range.end = u64_member(r, "range", "end");
  if (range != shard_range(total, shard)) {
    fail("range", "is not the block of shard " + std::to_string(shard.index) + "/" +
                      std::to_string(shard.count) + " of " + std::to_string(total) + " " + unit);
  }
}

Json causes_json(const std::map<CauseKey, std::uint64_t>& causes) {
  Json j = Json::array();
  for (const auto& [key, count] : causes) {
    Json c;
    c["target"] = key.target;
    c["phase"] = std::string(to_string(key.phase));
    c["step"] = key.step.empty() ? Json() : Json(key.step);
    c["reason"] = std::string(to_string(key.reason));
    c["count"] = count;
    j.push_back(c);
  }
  return j;
}

void read_causes(const Json& j, std::size_t target_count, const std::string& where,
                 std::map<CauseKey, std::uint64_t>& out) {
  if (!j.is_array()) fail(where, "expected an array");
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    const Json& c = j[i];
    CauseKey key;
    const std::uint64_t target = u64_member(c, at, "target");
    if (target >= target_count) fail(at, "target index out of range");
    key.target = static_cast<int>(target);
    const std::optional<Phase> phase = parse_phase(string_member(c, at, "phase"));
    if (!phase) fail(at + ".phase", "unknown phase");
    key.phase = *phase;
    const Json& step = member(c, at, "step");
    if (!step.is_null() && !step.is_string()) fail(at + ".step", "expected a string or null");
    if (step.is_string()) key.step = step.get<std::string>();
    const std::optional<Reason> reason = parse_reason(string_member(c, at, "reason"));
    if (!reason) fail(at + ".reason", "unknown reason");
    key.reason = *reason;
    const std::optional<std::uint64_t> sum = checked_add(out[key], u64_member(c, at, "count"));
    if (!sum) fail(at + ".count", "the counts of one cause overflow");
    out[key] = *sum;
  }
}

}  // namespace scaleout

void write_partial_json(std::ostream& out, const PartialResult& p) {
  using scaleout::Json;
  Json j;
  j["kind"] = std::string(scaleout::kKind);
  j["schemaVersion"] = scaleout::kSchemaVersion;
  j["generator"] = kVersionLine;
  j["inputsHash"] = format_inputs_hash(p.inputs_hash);
  j["scenario"] = p.scenario;
  j["targets"] = p.targets;
  j["runs"] = p.runs;
  j["seed"] = p.seed;
  j["shard"] = {{"index", p.shard.index}, {"count", p.shard.count}};
  j["range"] = {{"begin", p.range.begin}, {"end", p.range.end}};
  j["threads"] = p.threads;
  j["stoppedEarly"] = p.stopped_early;
  const Aggregate& a = p.aggregate;
  Json aggregate;
  aggregate["runs"] = a.runs();
  aggregate["pipeline"] = scaleout::tally_json(a.pipeline());
  Json targets = Json::array();
  for (const OutcomeTally& t : a.targets()) targets.push_back(scaleout::tally_json(t));
  aggregate["targets"] = targets;
  aggregate["causes"] = scaleout::causes_json(a.causes());
  j["aggregate"] = aggregate;
  out << j.dump(2) << '\n';
}

std::optional<PartialResult> read_partial_json(std::string_view text, const std::string& path,
                                               Diagnostics& diagnostics) {
  using scaleout::Json;
  const Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    diagnostics.error(
        {path, 0, 0},
        "not JSON (a partial result written by `deploysim montecarlo --shard I/K -o FILE`)");
    return std::nullopt;
  }
  const auto kind = j.is_object() ? j.find("kind") : j.end();
  if (!j.is_object() || kind == j.end() || *kind != scaleout::kKind) {
    diagnostics.error({path, 0, 0},
                      "not a deploysim partial result (no \"kind\": \"deploysim-partial\")");
    return std::nullopt;
  }
  try {
    using scaleout::fail;
    if (scaleout::u64_member(j, "", "schemaVersion") != scaleout::kSchemaVersion) {
      fail("schemaVersion", "unsupported version (this deploysim reads " +
                                std::to_string(scaleout::kSchemaVersion) + ")");
    }
    PartialResult p;
    if (scaleout::string_member(j, "", "generator") != kVersionLine) {
      fail("generator", "written by '" + scaleout::string_member(j, "", "generator") +
                            "', this is '" + kVersionLine +
                            "' (replications may differ between versions)");
    }
    p.inputs_hash = scaleout::read_inputs_hash(j);
    p.scenario = scaleout::string_member(j, "", "scenario");
    const Json& targets = scaleout::member(j, "", "targets");
    if (!targets.is_array()) fail("targets", "expected an array of names");
    for (const Json& t : targets) {
      if (!t.is_string()) fail("targets", "expected an array of names");
      p.targets.push_back(t.get<std::string>());
    }
    std::set<std::string_view> names;
    for (const std::string& name : p.targets) {
      if (!names.insert(name).second) fail("targets", "'" + name + "' is listed twice");
    }
    p.runs = scaleout::u64_member(j, "", "runs");
    p.seed = scaleout::u64_member(j, "", "seed");
    scaleout::read_shard_and_range(j, p.runs, "runs", p.shard, p.range);
    const std::uint64_t threads = scaleout::u64_member(j, "", "threads");
    if (threads > std::numeric_limits<unsigned>::max()) fail("threads", "out of range");
    p.threads = static_cast<unsigned>(threads);
    const Json& stopped = scaleout::member(j, "", "stoppedEarly");
    if (!stopped.is_boolean()) fail("stoppedEarly", "expected true or false");
    p.stopped_early = stopped.get<bool>();

    const Json& a = scaleout::member(j, "", "aggregate");
    const std::uint64_t runs = scaleout::u64_member(a, "aggregate", "runs");
    if (runs > p.range.size() || (!p.stopped_early && runs != p.range.size())) {
      fail("aggregate.runs",
           std::to_string(runs) + " runs for a range of " + std::to_string(p.range.size()));
    }
    OutcomeTally pipeline = scaleout::read_tally(scaleout::member(a, "aggregate", "pipeline"),
                                                 "aggregate.pipeline", runs);
    const Json& tallies = scaleout::member(a, "aggregate", "targets");
    if (!tallies.is_array() || tallies.size() != p.targets.size()) {
      fail("aggregate.targets",
           "expected one tally per target (" + std::to_string(p.targets.size()) + ")");
    }
    std::vector<OutcomeTally> target_tallies;
    for (std::size_t i = 0; i < tallies.size(); ++i) {
      target_tallies.push_back(
          scaleout::read_tally(tallies[i], "aggregate.targets[" + std::to_string(i) + "]", runs));
    }
    std::map<CauseKey, std::uint64_t> causes;
    scaleout::read_causes(scaleout::member(a, "aggregate", "causes"), p.targets.size(),
                          "aggregate.causes", causes);
    // A run has at most one root cause per target.
    std::vector<std::uint64_t> per_target(p.targets.size(), 0);
    for (const auto& [key, count] : causes) {
      std::uint64_t& total = per_target[static_cast<std::size_t>(key.target)];
      const std::optional<std::uint64_t> sum = checked_add(total, count);
      if (!sum || *sum > runs) {
        fail("aggregate.causes", "more causes for target " + p.targets[key.target] + " than the " +
                                     std::to_string(runs) + " runs");
      }
      total = *sum;
    }
    p.aggregate = Aggregate::from_parts(runs, std::move(pipeline), std::move(target_tallies),
                                        std::move(causes));
    return p;
  } catch (const scaleout::FormatError& e) {
    diagnostics.error({path, 0, 0}, e.what());
    return std::nullopt;
  }
}

}  // namespace deploysim
