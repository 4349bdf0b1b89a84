#include "deploysim/random.hpp"

#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <cmath>

namespace deploysim {
namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// Standard normal by Box-Muller; uses two uniforms so the stream position
// does not depend on cached state.
double standard_normal(RandomStream& stream) {
  const double u1 = 1.0 - stream.next_double();  // (0, 1]
  const double u2 = stream.next_double();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
}

// Gamma and Weibull by inversion (Boost.Math quantiles): one uniform per
// draw, like every other kind, and monotone in it, so keyed draws of two
// scenarios stay comparable. u = 0 gives 0.
double inverse_cdf(const Distribution& d, double u) {
  if (!(u > 0)) return 0;
  if (d.kind == Distribution::Kind::kGamma) {
    return boost::math::quantile(boost::math::gamma_distribution<double>(d.a, d.b), u);
  }
  return boost::math::quantile(boost::math::weibull_distribution<double>(d.a, d.b), u);
}

}  // namespace

void RandomStream::reseed(std::uint64_t seed, std::uint64_t replication) {
  // Mix the replication index through splitmix first so that neighbouring
  // (seed, replication) pairs start far apart.
  std::uint64_t x = seed;
  std::uint64_t key = splitmix64(x) ^ (replication * 0xd1342543de82ef95ULL);
  for (auto& word : s_) word = splitmix64(key);
}

std::uint64_t RandomStream::next_u64() {
  const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

Duration Chooser::draw_duration(const Distribution& d) {
  const double ms = draw(d);
  if (!(ms > 0)) return Duration{0};
  return Duration{static_cast<std::int64_t>(std::llround(ms))};
}

std::size_t SamplingChooser::choose(std::span<const double> weights) {
  // One draw even when the choice is certain keeps streams aligned across
  // scenarios that differ only in probabilities (sweeps compare like with like).
  double u = stream_->next_double();
  std::size_t last_nonzero = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0) continue;
    last_nonzero = i;
    if (u < weights[i]) return i;
    u -= weights[i];
  }
  return last_nonzero;
}

bool SamplingChooser::bernoulli(double p) { return stream_->next_double() < p; }

double SamplingChooser::draw(const Distribution& d) {
  switch (d.kind) {
    case Distribution::Kind::kConstant:
      return d.a;
    case Distribution::Kind::kExponential:
      return -d.a * std::log(1.0 - stream_->next_double());
    case Distribution::Kind::kUniform:
      return d.a + (d.b - d.a) * stream_->next_double();
    case Distribution::Kind::kNormal:
      return d.a + d.b * standard_normal(*stream_);
    case Distribution::Kind::kLognormal:
      return d.a * std::exp(d.b * standard_normal(*stream_));
    case Distribution::Kind::kGamma:
    case Distribution::Kind::kWeibull:
      return inverse_cdf(d, stream_->next_double());
    case Distribution::Kind::kEmpirical: {
      if (d.values.empty()) return 0;
      const auto i = static_cast<std::size_t>(stream_->next_double() * d.values.size());
      return d.values[i < d.values.size() ? i : d.values.size() - 1];
    }
  }
  return 0;
}

}  // namespace deploysim
