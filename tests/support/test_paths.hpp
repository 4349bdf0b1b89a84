// Where the tests find the checkout's files and the programs the build made.
//
// The paths are compiled into one generated file (test_paths.cpp in the
// build folder), not passed as compile definitions: a definition holding an
// absolute path is part of every test file's compiler command, so a second
// clone of the repository (CI's fresh clone) would miss ccache on all of
// them. This way only the generated file differs between clones.
#pragma once

#include <string>

namespace test_paths {

std::string source_dir();          // the checkout: CMake's PROJECT_SOURCE_DIR
std::string test_data_dir();       // source_dir() + "/tests/data"
std::string scenarios_dir();       // source_dir() + "/scenarios"
std::string bench_scenario_dir();  // source_dir() + "/bench/scenarios"
std::string live_receiver();       // the live_receiver program the build made

}  // namespace test_paths
