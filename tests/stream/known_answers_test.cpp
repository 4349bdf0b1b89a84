// Closed forms the stream must meet, so the queue's semantics cannot drift.
//
// Each figure is estimated from kSeeds independent streams (different seeds:
// different arrivals and different pipelines) and checked against the known
// answer with a 99.9 % Student-t interval over the per-seed values.
#include <gtest/gtest.h>

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <deque>
#include <random>
#include <vector>

#include "deploysim/stream.hpp"
#include "stream_scenario.hpp"

namespace deploysim {
namespace {

using testing::StreamScenario;

constexpr int kSeeds = 12;
constexpr std::uint64_t kChangesPerSeed = 20'000;

struct SeedInterval {
  double mean = 0;
  double half_width = 0;
};

// The 99.9 % two-sided Student-t interval of the mean of `values`.
SeedInterval interval(const std::vector<double>& values) {
  const double n = static_cast<double>(values.size());
  double sum = 0;
  for (double v : values) sum += v;
  const double mean = sum / n;
  double ss = 0;
  for (double v : values) ss += (v - mean) * (v - mean);
  const double sd = std::sqrt(ss / (n - 1));
  const boost::math::students_t t(n - 1);
  return {mean, boost::math::quantile(t, 1 - 0.001 / 2) * sd / std::sqrt(n)};
}

// Plays kSeeds streams of `base` and returns `figure` of each.
template <typename Figure>
std::vector<double> per_seed(StreamScenario base, Figure figure) {
  std::vector<double> values;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    base.seed = seed;
    const Scenario s = base.load();
    stream::Options options;
    options.changes = kChangesPerSeed;
    options.seed = static_cast<std::uint64_t>(seed);
    values.push_back(figure(stream::run_stream(s, options)));
  }
  return values;
}

double rejected_share(const stream::Result& r) {
  return static_cast<double>(r.rejected) / static_cast<double>(r.changes);
}

// reject, Poisson arrivals: a one-server loss system (M/G/1/1). The share of
// requests refused is Erlang's B for one server, rho / (1 + rho), whatever the
// shape of the pipeline's duration (rho = arrival rate x mean duration).
void expect_erlang_b(const std::string& ready_after, double mean_duration_minutes) {
  constexpr double kMeanBetweenMinutes = 30;
  const double rho = mean_duration_minutes / kMeanBetweenMinutes;
  const double expected = rho / (1 + rho);
  const SeedInterval got = interval(per_seed(
      StreamScenario("reject", "{exponential: {mean: 30m}}", ready_after), rejected_share));
  EXPECT_NEAR(got.mean, expected, got.half_width)
      << "readyAfter " << ready_after << ": rho " << rho << ", expected " << expected;
  // The interval is narrow enough to tell shapes apart if the share depended on them.
  EXPECT_LT(got.half_width, 0.01);
}

TEST(StreamKnownAnswers, RejectedShareIsErlangBForAConstantDuration) { expect_erlang_b("20m", 20); }

TEST(StreamKnownAnswers, RejectedShareIsErlangBForAnExponentialDuration) {
  expect_erlang_b("{exponential: {mean: 45m}}", 45);
}

TEST(StreamKnownAnswers, RejectedShareIsErlangBForALognormalDuration) {
  // mean = median * exp(sigma^2 / 2)
  expect_erlang_b("{lognormal: {median: 10m, sigma: 1}}", 10 * std::exp(0.5));
}

// enqueueOne with a constant duration D and Poisson arrivals of rate lambda,
// x = lambda D. Each pipeline sees Poisson(x) arrivals while it runs: the
// first waits, each later one supersedes the one waiting; with none, the slot
// is empty and the next arrival starts a pipeline at once. Per pipeline:
//   superseded = E[max(A - 1, 0)] = x - 1 + e^-x,  requests = E[A] + P(A = 0) = x + e^-x.
// An arrival (PASTA) finds the slot idle with probability e^-x / (x + e^-x)
// and is delivered D later; otherwise it rides with the next pipeline, which
// starts when the running one ends: lead = 2D - u, u ~ Uniform(0, D), mean 1.5 D.
struct EnqueueOneAnswer {
  double superseded_share;
  double mean_lead_minutes;
};

EnqueueOneAnswer enqueue_one_answer(double x, double d_minutes) {
  const double idle = std::exp(-x);
  return {(x - 1 + idle) / (x + idle), d_minutes * (idle + 1.5 * x) / (x + idle)};
}

// The same figures from a ten-line event loop that shares nothing with
// sim/stream (its own random numbers, real-valued time), to check the
// derivation above.
EnqueueOneAnswer enqueue_one_event_loop(double mean_between, double d, std::uint64_t changes) {
  std::mt19937_64 random(2024);
  std::exponential_distribution<double> between(1 / mean_between);
  double t = 0, ends = -1, lead_sum = 0;
  std::uint64_t superseded = 0;
  bool waiting = false;
  std::deque<double> carried;       // arrivals not yet delivered, oldest first
  std::size_t running_carries = 0;  // how many of them the running pipeline carries
  for (std::uint64_t i = 0; i < changes; ++i) {
    t += between(random);
    while (ends >= 0 && ends <= t) {  // the running pipeline ends; the waiting one starts
      for (std::size_t c = 0; c < running_carries; ++c) lead_sum += ends - carried[c];
      carried.erase(carried.begin(),
                    carried.begin() + static_cast<std::ptrdiff_t>(running_carries));
      running_carries = carried.size();
      ends = waiting ? ends + d : -1;
      waiting = false;
    }
    carried.push_back(t);
    if (ends < 0) {
      ends = t + d;
      running_carries = carried.size();
    } else {
      superseded += waiting ? 1 : 0;
      waiting = true;
    }
  }
  // Changes still carried at the end are left out of the mean: few enough.
  const double delivered = static_cast<double>(changes - carried.size());
  return {static_cast<double>(superseded) / static_cast<double>(changes), lead_sum / delivered};
}

void expect_enqueue_one(double mean_between_minutes, double d_minutes) {
  const double x = d_minutes / mean_between_minutes;
  const EnqueueOneAnswer answer = enqueue_one_answer(x, d_minutes);

  const EnqueueOneAnswer loop = enqueue_one_event_loop(mean_between_minutes, d_minutes, 2'000'000);
  EXPECT_NEAR(loop.superseded_share, answer.superseded_share, 0.003);
  EXPECT_NEAR(loop.mean_lead_minutes, answer.mean_lead_minutes, 0.01 * answer.mean_lead_minutes);

  const StreamScenario base(
      "enqueueOne",

      "{exponential: {mean: " + std::to_string(static_cast<int>(mean_between_minutes)) + "m}}",
      std::to_string(static_cast<int>(d_minutes)) + "m");
  const SeedInterval superseded = interval(per_seed(base, [](const stream::Result& r) {
    return static_cast<double>(r.superseded) / static_cast<double>(r.changes);
  }));
  EXPECT_NEAR(superseded.mean, answer.superseded_share, superseded.half_width) << "x = " << x;
  const SeedInterval lead = interval(per_seed(base, [](const stream::Result& r) {
    EXPECT_EQ(r.rejected, 0u);
    EXPECT_EQ(r.successful_pipelines, r.pipelines);
    EXPECT_EQ(r.delivered, r.changes);
    return static_cast<double>(r.lead_time.sum()) / static_cast<double>(r.lead_time.count()) /
           60'000.0;
  }));
  EXPECT_NEAR(lead.mean, answer.mean_lead_minutes, lead.half_width) << "x = " << x;
}

TEST(StreamKnownAnswers, EnqueueOneSupersededShareAndLeadTimeLightLoad) {
  expect_enqueue_one(30, 20);  // x = 2/3
}

TEST(StreamKnownAnswers, EnqueueOneSupersededShareAndLeadTimeHeavyLoad) {
  expect_enqueue_one(15, 60);  // x = 4
}

}  // namespace
}  // namespace deploysim
