// The scenario key `releases` (COMMANDS.md `stream`): the arrival process of
// changes and the targets where a change counts as delivered.
#include <algorithm>

#include "scenario_parse.hpp"

namespace deploysim::config {

namespace {

// The targets no other target depends on, in file order.
std::vector<std::string> leaf_targets(const Deployment& d) {
  std::vector<bool> depended_on(d.targets.size(), false);
  for (const Target& t : d.targets) {
    for (int i : t.depends_on_indices) depended_on[static_cast<std::size_t>(i)] = true;
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < d.targets.size(); ++i) {
    if (!depended_on[i]) names.push_back(d.targets[i].name);
  }
  return names;
}

}  // namespace

void read_releases(const yaml::Node& n, ScenarioParse& parse) {
  YamlReader& reader = parse.reader;
  if (!reader.expect_map(n, "releases")) return;
  reader.check_keys(n, kReleasesKeys, "releases", kUnknownKeyIsError);
  Releases releases;
  releases.location = reader.at(n);
  bool ok = true;
  ValueReader values(reader);
  if (yaml::Node v = n["arrivals"]) {
    if (auto dist = values.distribution(v, "releases.arrivals", true)) {
      if (dist->kind == Distribution::Kind::kConstant && dist->a <= 0) {
        reader.error(v, "releases.arrivals: expected a positive time between changes, got 0");
        ok = false;
      } else {
        releases.arrivals = *dist;
      }
    } else {
      ok = false;
    }
  } else {
    reader.error(n, "releases: 'arrivals' is required (the time between changes, a DIST)");
    ok = false;
  }
  if (yaml::Node v = n["measureAt"]) {
    if (auto names = reader.string_list(v, "releases.measureAt")) {
      if (names->empty()) {
        reader.error(v, "releases.measureAt: expected at least one target name");
        ok = false;
      }
      for (std::size_t i = 0; i < names->size(); ++i) {
        const std::string& name = (*names)[i];
        if (!parse.known_target(v[i], name, "releases.measureAt")) {
          ok = false;
        } else if (std::find(releases.measure_at.begin(), releases.measure_at.end(), name) !=
                   releases.measure_at.end()) {
          reader.error(v[i], "releases.measureAt: '" + name + "' is listed twice");
          ok = false;
        } else {
          releases.measure_at.push_back(name);
        }
      }
    } else {
      ok = false;
    }
  } else {
    releases.measure_at = leaf_targets(parse.scenario.deployment);
  }
  if (ok) parse.scenario.releases = std::move(releases);
}

}  // namespace deploysim::config
