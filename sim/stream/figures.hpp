// The figures every report of a stream shows, derived once from a Result so
// the text, JSON and HTML reports cannot disagree. Durations in seconds;
// nullopt where there is nothing to measure (no delivered change, no failure
// episode that ended).
//
// Private to sim/stream.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "deploysim/stream.hpp"

namespace deploysim::stream {

struct Quantiles {
  std::uint64_t count = 0;
  std::optional<double> mean, p50, p90, max;  // seconds
};

struct Figures {
  double rejected_share = 0;
  double superseded_share = 0;
  std::array<double, kTargetStatusCount> status_share{};
  double span_days = 0;  // from 0 to the stream's end, summed over the streams
  std::optional<double> deployment_frequency;  // successful pipelines per day
  double change_fail_rate = 0;                 // pipelines not successful / pipelines
  std::uint64_t failed_pipelines = 0;
  Quantiles lead_time;
  Quantiles time_to_restore;
  Quantiles wait_for_slot;
  Quantiles pipeline_time;
  double waited_share = 0;  // pipelines whose request waited / pipelines
  std::uint64_t undelivered = 0;
  double undelivered_share = 0;
};

Figures figures(const Result& r);

// "12.3 %", for the text and HTML reports.
std::string percent_text(double share);

// A duration in seconds as format_duration writes it ("1h 25m"); "-" for nullopt.
std::string seconds_text(const std::optional<double>& seconds);

// A share rounded to 6 decimals, for the reports.
double rounded_share(double share);

// "N changes", or "R streams of N changes" when several streams are summed.
std::string changes_text(const Result& r);

// "reject" or "enqueueOne".
std::string_view policy_word(IfDeploymentInProgress policy);

}  // namespace deploysim::stream
