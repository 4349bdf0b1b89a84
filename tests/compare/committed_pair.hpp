// The committed pull-request pair the README answers with `compare`: the
// example pipeline before, and the what-if after the change.
#pragma once

#include <string>

#include "support/test_paths.hpp"

namespace test_support {

inline const std::string kBefore = test_paths::source_dir() + "/scenarios/examples/pipeline.yml";
inline const std::string kAfter =
    test_paths::source_dir() + "/scenarios/whatif/compare/after-pr.yml";

}  // namespace test_support
