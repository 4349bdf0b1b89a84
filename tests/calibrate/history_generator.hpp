// Seeded synthetic histories for the calibrate tests: true durations drawn
// from a known distribution (by inversion with Boost.Math quantiles on
// deploysim's keyed draws), cut at a timeout the way each CI system reports
// it, and written in each source format.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "support/test_paths.hpp"

namespace deploysim::calibrate::testing {

// The committed history files of tests/calibrate/data/, with a trailing slash.
inline const std::string kData = test_paths::source_dir() + "/tests/calibrate/data/";

// The case: true median 10 minutes, and a sigma that puts a fifth of
// the runs past a 20-minute timeout (sigma = ln 2 / z_0.8).
inline constexpr double kMedian = 600;
inline const double kSigma = std::log(2.0) / 0.8416212335729143;

// One run as it really happened.
struct TrueRun {
  double seconds = 0;  // the real duration (what it would have taken)
  bool success = true;
};

// n runs with durations quantile(u) for seeded uniforms u, and success with
// probability `success`.
std::vector<TrueRun> generate(std::size_t n, const std::function<double(double)>& quantile,
                              double success, std::uint64_t seed);

// Lognormal quantile function with this median and sigma.
std::function<double(double)> lognormal(double median, double sigma);
std::function<double(double)> gamma(double shape, double scale);
std::function<double(double)> weibull(double shape, double scale);

// The history as each source would record it, every run at or past
// `timeout` cut there. Timestamps start at 2026-03-01T00:00:00Z.
//  github_rest: runs at or past the timeout alternate between conclusion
//    timed_out and cancelled (what timeout-minutes gives), both lasting
//    timeout + 4 s; durations are whole seconds, as GitHub's timestamps.
//  gh: the same as `gh run list --json` writes it.
//  jenkins: ABORTED at timeout + 2 s (the build-timeout plugin), ms.
//  tape: no callback and result TIMEOUT.
//  csv: `timeout` at the timeout.
// `noise` adds runs that must be excluded (cancelled early, in progress,
// skipped; building, NOT_BUILT; UNREACHABLE) every `noise`-th run (0: none).
std::string github_rest(const std::vector<TrueRun>& runs, double timeout, int noise = 0);
std::string gh_run_list(const std::vector<TrueRun>& runs, double timeout, int noise = 0);
std::string jenkins(const std::vector<TrueRun>& runs, double timeout, int noise = 0);
std::string tape(const std::vector<TrueRun>& runs, double timeout, const std::string& webhook,
                 int noise = 0);
std::string csv(const std::vector<TrueRun>& runs, double timeout);

}  // namespace deploysim::calibrate::testing
