#include "censored_sample.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace deploysim::calibrate {

CensoredSample CensoredSample::from(const std::vector<Run>& runs) {
  // (t, censored) sorted: at equal t, false (finished) sorts first.
  std::vector<std::pair<double, bool>> keys;
  keys.reserve(runs.size());
  for (const Run& r : runs) keys.emplace_back(r.seconds, r.censored);
  std::sort(keys.begin(), keys.end());

  CensoredSample s;
  for (std::size_t i = 0; i < keys.size();) {
    std::size_t j = i;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    const double count = static_cast<double>(j - i);
    const auto [t, censored] = keys[i];
    const Point p{t, std::log(t), count, censored};
    s.points.push_back(p);
    s.n += count;
    s.sum_t += count * t;
    if (censored) {
      s.censored.push_back(p);
    } else {
      s.events += count;
      s.sum_t_events += count * t;
      s.sum_log_t_events += count * p.log_t;
      s.sum_log_t2_events += count * p.log_t * p.log_t;
      s.distinct_event_times += 1;
    }
    s.longest = std::max(s.longest, t);
    i = j;
  }
  return s;
}

std::vector<KaplanMeierStep> kaplan_meier(const CensoredSample& sample) {
  std::vector<KaplanMeierStep> steps;
  double at_risk = sample.n;
  double survival = 1;
  for (const CensoredSample::Point& p : sample.points) {
    if (!p.censored) {
      survival *= 1 - p.count / at_risk;
      steps.push_back({p.t, 1 - survival});
    }
    at_risk -= p.count;
  }
  return steps;
}

}  // namespace deploysim::calibrate
