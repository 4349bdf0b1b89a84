// Shards of a stream: the partial result of a block of streams as JSON (the
// integer state of their Result), its strict reader, and the merge. The
// readers and the histogram form are the montecarlo partials' own
// (scaleout/partial_json.hpp); layout in docs/SCALE-OUT.md.
#include <limits>

#include "deploysim/saturating.hpp"
#include "deploysim/stream_shard.hpp"
#include "deploysim/version.hpp"
#include "figures.hpp"
#include "scaleout/partial_json.hpp"
#include "throughput.hpp"

namespace deploysim::stream {

namespace {

using scaleout::fail;
using scaleout::Json;
using scaleout::member;
using scaleout::u64_member;

constexpr std::string_view kKind = "deploysim-stream-partial";
constexpr int kSchemaVersion = 1;
constexpr std::int64_t kAnyMs = std::numeric_limits<std::int64_t>::max();

struct CountField {
  const char* name;
  std::uint64_t Result::*field;
};
constexpr CountField kCounts[] = {
    {"streams", &Result::streams},
    {"changes", &Result::changes},
    {"rejected", &Result::rejected},
    {"superseded", &Result::superseded},
    {"pipelines", &Result::pipelines},
    {"successfulPipelines", &Result::successful_pipelines},
    {"cutByHorizon", &Result::cut_by_horizon},
    {"delivered", &Result::delivered},
    {"waited", &Result::waited},
    {"unrestored", &Result::unrestored},
};

struct HistogramField {
  const char* name;
  LogHistogram Result::*field;
};
constexpr HistogramField kHistograms[] = {
    {"leadTimeMs", &Result::lead_time},
    {"waitForSlotMs", &Result::wait_for_slot},
    {"pipelineTimeMs", &Result::pipeline_time},
    {"timeToRestoreMs", &Result::time_to_restore},
};

struct SeriesField {
  const char* name;
  Series field;
};
constexpr SeriesField kSeries[] = {
    {"arrivals", &Throughput::arrivals},
    {"deliveredChanges", &Throughput::delivered_changes},
    {"successfulPipelines", &Throughput::successful_pipelines},
    {"failedPipelines", &Throughput::failed_pipelines},
    {"rejected", &Throughput::rejected},
    {"superseded", &Throughput::superseded},
};

Json result_json(const Result& r) {
  Json j;
  for (const CountField& c : kCounts) j[c.name] = r.*c.field;
  Json status = Json::object();
  for (int s = 0; s < kTargetStatusCount; ++s) {
    const std::uint64_t n = r.pipeline_status[static_cast<std::size_t>(s)];
    if (n != 0) status[std::string(to_string(static_cast<TargetStatus>(s)))] = n;
  }
  j["pipelineStatus"] = std::move(status);
  for (const HistogramField& h : kHistograms) j[h.name] = scaleout::histogram_json(r.*h.field);
  j["endMs"] = r.end.count();
  j["spanMs"] = r.span.count();
  const Throughput& t = r.throughput;
  Json bins;
  bins["binWidthMs"] = t.bin_width.count();
  bins["binsUsed"] = t.bins_used;
  for (const SeriesField& s : kSeries) bins[s.name] = t.*s.field;
  j["throughput"] = std::move(bins);
  return j;
}

IfDeploymentInProgress read_policy(const Json& j) {
  const std::string& word = scaleout::string_member(j, "", "ifDeploymentInProgress");
  if (word == "reject") return IfDeploymentInProgress::kReject;
  if (word == "enqueueOne") return IfDeploymentInProgress::kEnqueueOne;
  fail("ifDeploymentInProgress", "expected reject or enqueueOne");
}

// Reads the result and checks what must hold of any sum of streams.
Result read_result(const Json& j, const std::string& where) {
  Result r;
  for (const CountField& c : kCounts) r.*c.field = u64_member(j, where, c.name);
  const Json& status = member(j, where, "pipelineStatus");
  const std::string status_at = where + ".pipelineStatus";
  if (!status.is_object()) fail(status_at, "expected an object of counts");
  std::optional<std::uint64_t> statuses = 0;
  for (const auto& [word, count] : status.items()) {
    const std::optional<TargetStatus> s = parse_target_status(word);
    if (!s) fail(status_at, "unknown word \"" + word + "\"");
    const std::uint64_t n = scaleout::read_u64(count, status_at + "." + word);
    r.pipeline_status[static_cast<std::size_t>(*s)] = n;
    statuses = statuses ? checked_add(*statuses, n) : statuses;
  }
  if (statuses != r.pipelines) fail(status_at, "does not add up to the pipelines");
  for (const HistogramField& h : kHistograms) {
    r.*h.field = scaleout::read_histogram(member(j, where, h.name), where + "." + h.name, kAnyMs);
  }
  r.end = Duration(scaleout::i64_member(j, where, "endMs"));
  r.span = Duration(scaleout::i64_member(j, where, "spanMs"));
  const Json& bins = member(j, where, "throughput");
  const std::string bins_at = where + ".throughput";
  const std::int64_t width = scaleout::i64_member(bins, bins_at, "binWidthMs");
  const std::int64_t hour = Throughput{}.bin_width.count();
  if (width < hour || width % hour != 0 || ((width / hour) & (width / hour - 1)) != 0) {
    fail(bins_at + ".binWidthMs", "expected one hour times a power of two");
  }
  r.throughput.bin_width = Duration(width);
  r.throughput.bins_used = u64_member(bins, bins_at, "binsUsed");
  if (r.throughput.bins_used > Throughput::kBins) fail(bins_at + ".binsUsed", "more than the bins");
  std::uint64_t arrivals = 0;
  for (const SeriesField& s : kSeries) {
    const Json& values = member(bins, bins_at, s.name);
    const std::string at = bins_at + "." + s.name;
    if (!values.is_array() || values.size() != Throughput::kBins) {
      fail(at, "expected " + std::to_string(Throughput::kBins) + " counts");
    }
    for (std::size_t i = 0; i < Throughput::kBins; ++i) {
      (r.throughput.*s.field)[i] = scaleout::read_u64(values[i], at);
    }
  }
  for (const std::uint64_t n : r.throughput.arrivals) arrivals += n;

  const bool consistent =
      r.successful_pipelines <= r.pipelines && r.cut_by_horizon <= r.pipelines &&
      r.waited <= r.pipelines && r.pipelines <= r.changes && r.delivered <= r.changes &&
      r.rejected <= r.changes && r.superseded <= r.changes && r.unrestored <= r.streams &&
      r.lead_time.count() == r.delivered && r.pipeline_time.count() == r.pipelines &&
      r.wait_for_slot.count() == r.pipelines && arrivals == r.changes && r.end.count() >= 0 &&
      r.span >= r.end && (r.streams > 0 || r.span.count() == 0);
  if (!consistent) {
    fail(where,
         "the counts do not fit together (pipelines, changes, deliveries, histograms, "
         "arrivals per bin, end and span)");
  }
  return r;
}

std::string mismatch(const PartialResult& first, const std::string& first_name,
                     const PartialResult& p, const std::string& name) {
  const bool same_inputs = p.scenario == first.scenario && p.result.policy == first.result.policy &&
                           p.result.measure_at == first.result.measure_at;
  return part_mismatch(first_name, name, same_inputs, first.inputs_hash, p.inputs_hash,
                       {{"--changes", first.changes, p.changes},
                        {"--streams", first.streams, p.streams},
                        {"seeds", first.seed, p.seed}},
                       first.shard, p.shard);
}

}  // namespace

std::optional<std::uint64_t> inputs_hash(const Scenario& scenario, const Options& options,
                                         Diagnostics& diagnostics) {
  const std::optional<std::uint64_t> files =
      deploysim::inputs_hash(scenario, options.base, diagnostics);
  if (!files) return std::nullopt;
  const std::string policy(
      policy_word(scenario.deployment.deployment_config.if_deployment_in_progress));
  return fnv1a64("stream ifDeploymentInProgress " + policy + "\n", *files);
}

PartialResult make_partial(const Scenario& scenario, std::uint64_t inputs_hash,
                           const Options& options, const ShardSpec& shard, const Result& result) {
  PartialResult p;
  p.inputs_hash = inputs_hash;
  p.scenario = scenario.name;
  p.changes = options.changes;
  p.streams = options.streams;
  p.seed = options.seed;
  p.shard = shard;
  p.range = shard_range(options.streams, shard);
  p.threads = result.threads;
  p.result = result;
  return p;
}

void write_partial_json(std::ostream& out, const PartialResult& p) {
  Json j;
  j["kind"] = std::string(kKind);
  j["schemaVersion"] = kSchemaVersion;
  j["generator"] = kVersionLine;
  j["inputsHash"] = format_inputs_hash(p.inputs_hash);
  j["scenario"] = p.scenario;
  j["ifDeploymentInProgress"] = std::string(policy_word(p.result.policy));
  j["measureAt"] = p.result.measure_at;
  j["changes"] = p.changes;
  j["streams"] = p.streams;
  j["seed"] = p.seed;
  j["shard"] = {{"index", p.shard.index}, {"count", p.shard.count}};
  j["range"] = {{"begin", p.range.begin}, {"end", p.range.end}};
  j["threads"] = p.threads;
  j["result"] = result_json(p.result);
  out << j.dump(2) << '\n';
}

bool is_partial_json(std::string_view text) {
  const Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return false;
  const auto kind = j.find("kind");
  return kind != j.end() && *kind == kKind;
}

std::optional<PartialResult> read_partial_json(std::string_view text, const std::string& path,
                                               Diagnostics& diagnostics) {
  const Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (!is_partial_json(text)) {
    diagnostics.error({path, 0, 0}, "not a deploysim stream partial result (no \"kind\": \"" +
                                        std::string(kKind) + "\")");
    return std::nullopt;
  }
  try {
    if (u64_member(j, "", "schemaVersion") != kSchemaVersion) {
      fail("schemaVersion",
           "unsupported version (this deploysim reads " + std::to_string(kSchemaVersion) + ")");
    }
    const std::string& generator = scaleout::string_member(j, "", "generator");
    if (generator != kVersionLine) {
      fail("generator", "written by '" + generator + "', this is '" + kVersionLine +
                            "' (streams may differ between versions)");
    }
    PartialResult p;
    p.inputs_hash = scaleout::read_inputs_hash(j);
    p.scenario = scaleout::string_member(j, "", "scenario");
    p.changes = u64_member(j, "", "changes");
    p.streams = u64_member(j, "", "streams");
    p.seed = u64_member(j, "", "seed");
    if (p.changes == 0 || p.changes > kMaxRuns) fail("changes", "expected 1 to 10^9");
    if (p.streams == 0 || p.streams > kMaxStreams) {
      fail("streams", "expected 1 to " + std::to_string(kMaxStreams));
    }
    scaleout::read_shard_and_range(j, p.streams, "streams", p.shard, p.range);
    const std::uint64_t threads = u64_member(j, "", "threads");
    if (threads > std::numeric_limits<unsigned>::max()) fail("threads", "out of range");
    p.threads = static_cast<unsigned>(threads);
    p.result = read_result(member(j, "", "result"), "result");
    p.result.policy = read_policy(j);
    const Json& measure_at = member(j, "", "measureAt");
    if (!measure_at.is_array() || measure_at.empty()) fail("measureAt", "expected target names");
    for (const Json& t : measure_at) {
      if (!t.is_string()) fail("measureAt", "expected target names");
      p.result.measure_at.push_back(t.get<std::string>());
    }
    p.result.seed = p.seed;
    p.result.threads = p.threads;
    if (p.result.streams != p.range.size() || p.result.changes != p.range.size() * p.changes) {
      fail("result", "expected the " + std::to_string(p.range.size()) + " streams of the range, " +
                         std::to_string(p.changes) + " changes each");
    }
    return p;
  } catch (const scaleout::FormatError& e) {
    diagnostics.error({path, 0, 0}, e.what());
    return std::nullopt;
  }
}

std::optional<Merged> merge_partials(const std::vector<PartialResult>& parts,
                                     const std::vector<std::string>& names,
                                     Diagnostics& diagnostics) {
  std::vector<ShardSpec> shards;
  for (const PartialResult& p : parts) shards.push_back(p.shard);
  const std::optional<std::vector<std::size_t>> by_shard = order_parts(
      shards, names,
      [&](std::size_t i) { return mismatch(parts.front(), names.front(), parts[i], names[i]); },
      diagnostics);
  if (!by_shard) return std::nullopt;
  const PartialResult& first = parts.front();

  Merged merged;
  merged.scenario.name = first.scenario;
  Result& r = merged.result;
  r.policy = first.result.policy;
  r.measure_at = first.result.measure_at;
  r.seed = first.seed;
  for (const std::size_t i : *by_shard) merge(r, parts[i].result);  // shard order
  return merged;
}

}  // namespace deploysim::stream
