// The runs of a history as the fits see them: the distinct (duration,
// censored) pairs with their counts, and the sums the likelihoods need. A
// million runs of a CI system have far fewer distinct durations, and the
// finished runs enter the lognormal and gamma likelihoods only through sums.
#pragma once

#include <vector>

#include "deploysim/calibrate.hpp"

namespace deploysim::calibrate {

struct CensoredSample {
  struct Point {
    double t = 0;      // seconds, > 0
    double log_t = 0;  // log(t)
    double count = 0;  // runs with this duration and censoring
    bool censored = false;
  };
  std::vector<Point> points;    // ascending t; at one t, finished runs first
  std::vector<Point> censored;  // the censored points alone, ascending
  double n = 0;                 // runs
  double events = 0;            // finished (uncensored) runs
  double sum_t = 0;             // over every run
  double sum_t_events = 0;      // over finished runs
  double sum_log_t_events = 0;  // over finished runs
  double sum_log_t2_events = 0;
  double distinct_event_times = 0;
  double longest = 0;

  static CensoredSample from(const std::vector<Run>& runs);
};

// The Kaplan-Meier estimate of P(X <= t): one step per distinct finished
// duration (events at a time come before censorings at that time).
std::vector<KaplanMeierStep> kaplan_meier(const CensoredSample& sample);

}  // namespace deploysim::calibrate
