// Reading deploy files and scenario files.
//
// Every problem is reported into a Diagnostics with FILE:LINE:COL of the YAML
// node it is about. On an error the functions return nullopt; warnings alone
// do not stop a load.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "deploysim/deployment.hpp"
#include "deploysim/diagnostics.hpp"
#include "deploysim/scenario.hpp"

namespace deploysim {

struct LoadOptions {
  // false (lenient, the default): the published quirks of armory-reference
  // §12 and unknown keys are accepted with a warning. true: each is an error.
  bool strict = false;
  // Context keys the command line adds (--add-context): lint counts them as
  // provided when it looks for {{context.X}} that would render empty (W2).
  std::vector<std::string> added_context = {};
};

// Reads and checks a deploy file. Returns nullopt when it has errors.
std::optional<Deployment> load_deployment(const std::string& path, const LoadOptions& options,
                                          Diagnostics& diagnostics);

// Same, from text in memory; `path` is used in messages and to resolve nothing.
std::optional<Deployment> load_deployment_from_string(const std::string& text,
                                                      const std::string& path,
                                                      const LoadOptions& options,
                                                      Diagnostics& diagnostics);

// Reads a scenario file (it has a `deployment` key, a relative path or an
// inline mapping) or a bare deploy file (it has `targets`; every scenario
// default applies). Checks the deployment and the scenario against it.
std::optional<Scenario> load_scenario(const std::string& path, const LoadOptions& options,
                                      Diagnostics& diagnostics);

// Same, from text in memory; a relative `deployment` path is resolved against
// the directory of `path`.
std::optional<Scenario> load_scenario_from_string(const std::string& text, const std::string& path,
                                                  const LoadOptions& options,
                                                  Diagnostics& diagnostics);

// One `--sweep` setting: a dotted PATH of the scenario file and the YAML
// scalar to put there.
struct ScenarioSetting {
  std::string path;
  std::string value;
};

// load_scenario() of the file with each setting put into its YAML first, so
// that any scalar of the scenario can be set and every check is the loader's
// own. PATH is split at dots; at each mapping the longest run of segments
// that names an existing key is taken (keys may contain dots), a missing key
// is created (the loader then says whether it is allowed), and a number
// indexes a list. A bare deploy file counts as `deployment: <the file>`.
// Setting one probability of a mix (a key under `outcome` or `decision`)
// rescales the others in proportion so the mix still sums to 1; a one-word
// mix (`outcome: success`) is first read as {that word: 1}; when every other
// probability is 0, the rest goes to `success` (`failure` when success is
// set), or to `approve` (`reject`). Problems are reported without a line
// (the text the loader saw is not the file's) and start with
// "--sweep PATH=VALUE: ".
std::optional<Scenario> load_scenario_with_settings(const std::string& path,
                                                    const LoadOptions& options,
                                                    const std::vector<ScenarioSetting>& settings,
                                                    Diagnostics& diagnostics);

// What `deploysim test` reads from a file before loading it: the top-level
// keys that say whether it is a test case and how to load it. Scenario-suite
// extensions of SCENARIO.md (scenarios/README.md).
struct ScenarioHeader {
  bool has_expect = false;  // a top-level `expect` key
  // A top-level `properties` key: `deploysim test` checks the properties on
  // every path (explore.hpp) even without an `expect` block.
  bool has_properties = false;
  bool strict = false;  // `strict: true`: load the deploy file in strict mode
  // `expect.error`: the file is expected not to load, with an error
  // containing this text. Unset when absent or not a scalar.
  std::optional<std::string> expected_error;
};

// Parses `text` as YAML, with the loader's checks on size, encoding and
// nesting, and reads only the keys of ScenarioHeader: nothing else is
// checked, so it works on files that fail to load. A document that is not a
// mapping has an empty header. nullopt when `text` is not one YAML document;
// the reason is then in `diagnostics` as one error at `path`:LINE:COL.
std::optional<ScenarioHeader> read_scenario_header(const std::string& text, const std::string& path,
                                                   Diagnostics& diagnostics);

}  // namespace deploysim
