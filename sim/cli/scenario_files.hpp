// Finding the scenario files of `deploysim test PATH...`. What a file says
// about itself (expect, strict, expect.error) is read by
// read_scenario_header (loader.hpp).
#pragma once

#include <string>
#include <vector>

namespace deploysim::cli {

// Every .yml/.yaml file under `paths` (a file is taken as is, a directory is
// walked recursively), sorted by path and without duplicates. A path that does
// not exist is added to `missing`.
std::vector<std::string> find_yaml_files(const std::vector<std::string>& paths,
                                         std::vector<std::string>& missing);

}  // namespace deploysim::cli
