// Helpers of the known-answer tests: scenarios written inline in the test,
// and Monte Carlo frequencies checked against a closed form.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include "deploysim/diagnostics.hpp"
#include "deploysim/loader.hpp"
#include "deploysim/scenario.hpp"

namespace test_support {

// Loads a scenario written inline as if it were the file `file_name`. Every
// load error is a test failure (warnings are not); returns an empty Scenario
// when it does not load.
inline deploysim::Scenario load_inline(const std::string& text,
                                       const std::string& file_name = "inline.yml") {
  deploysim::Diagnostics d;
  std::optional<deploysim::Scenario> s =
      deploysim::load_scenario_from_string(text, file_name, {}, d);
  for (const deploysim::Problem& p : d.sorted()) {
    if (p.severity == deploysim::Severity::kError) ADD_FAILURE() << p.to_string();
  }
  return s ? *s : deploysim::Scenario{};
}

// The half-width of the 99.9 % normal interval of a frequency of n trials
// around the probability p: 3.29 standard errors.
inline double half_width_999(double p, std::uint64_t n) {
  return 3.29 * std::sqrt(p * (1 - p) / static_cast<double>(n));
}

// Expects count / n within the 99.9 % interval around p (half_width_999).
inline void expect_frequency(std::uint64_t count, std::uint64_t n, double p, const char* what) {
  EXPECT_NEAR(static_cast<double>(count) / static_cast<double>(n), p, half_width_999(p, n)) << what;
}

}  // namespace test_support
