// deploysim_bench_scenarios: writes the standard canary benchmark scenarios.
//
//   deploysim_bench_scenarios --standard DIR
//       writes DIR/canary-{3,100,10000}.yml and DIR/canary-{3,100,10000}-no-fail.yml
//   deploysim_bench_scenarios --envs N --width W [--no-fail] [--stream] [-o FILE]
//       writes one scenario of any size (stdout without -o)
//
// The model is described in canary_scenario.hpp.

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "canary_scenario.hpp"

namespace {

using deploysim::bench::canary_scenario_name;
using deploysim::bench::canary_scenario_yaml;
using deploysim::bench::CanaryBenchSpec;

int usage() {
  std::cerr
      << "usage: deploysim_bench_scenarios --standard DIR\n"
         "       deploysim_bench_scenarios --envs N --width W [--no-fail] [--stream] [-o FILE]\n";
  return 2;
}

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::cerr << "deploysim_bench_scenarios: cannot write " << path << "\n";
    return false;
  }
  return true;
}

int write_standard(const std::string& dir) {
  const CanaryBenchSpec sizes[] = {{3, 1, false}, {100, 10, false}, {10000, 100, false}};
  for (CanaryBenchSpec spec : sizes) {
    for (bool no_fail : {false, true}) {
      spec.no_fail = no_fail;
      const std::string path = dir + "/" + canary_scenario_name(spec) + ".yml";
      if (!write_file(path, canary_scenario_yaml(spec))) return 1;
      std::cout << path << "\n";
    }
  }
  // The stream benchmark (`deploysim stream`, reports/BENCHMARKS.md).
  const CanaryBenchSpec stream{100, 10, false, true};
  const std::string path = dir + "/" + canary_scenario_name(stream) + ".yml";
  if (!write_file(path, canary_scenario_yaml(stream))) return 1;
  std::cout << path << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CanaryBenchSpec spec;
  std::string output;
  std::string standard_dir;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--no-fail") {
      spec.no_fail = true;
    } else if (arg == "--stream") {
      spec.stream = true;
    } else if (arg == "--standard" && has_value) {
      standard_dir = argv[++i];
    } else if (arg == "--envs" && has_value) {
      spec.envs = std::atoi(argv[++i]);
    } else if (arg == "--width" && has_value) {
      spec.width = std::atoi(argv[++i]);
    } else if (arg == "-o" && has_value) {
      output = argv[++i];
    } else {
      return usage();
    }
  }
  if (!standard_dir.empty()) return write_standard(standard_dir);
  if (spec.envs < 1 || spec.width < 1) return usage();
  const std::string text = canary_scenario_yaml(spec);
  if (output.empty()) {
    std::cout << text;
    return std::cout ? 0 : 1;
  }
  return write_file(output, text) ? 0 : 1;
}
