#include "deploysim/random.hpp"

#include <algorithm>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <cmath>
#include <numbers>
#include <vector>

namespace deploysim {
namespace {

// The splitmix64 finaliser (Stafford's variant 13): a bijection of 64-bit
// words in which every input bit affects every output bit.
constexpr std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

constexpr std::uint64_t kGolden = 0x9e3779b97f4a7c15ULL;
constexpr std::uint64_t kLane = 0xd1b54a32d192ed03ULL;

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

std::uint64_t name_key(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return mix(h + kGolden);
}

void Draws::reset(std::uint64_t seed, std::uint64_t replication) {
  replication_key_ = mix(mix(seed + kGolden) ^ (replication * 0xd1342543de82ef95ULL + kGolden));
}

double median(const Distribution& d) {
  switch (d.kind) {
    case Distribution::Kind::kConstant:
    case Distribution::Kind::kNormal:
    case Distribution::Kind::kLognormal:  // a * exp(b * z): the median is a
      return d.a;
    case Distribution::Kind::kExponential:
      return d.a * std::numbers::ln2;
    case Distribution::Kind::kUniform:
      return d.a + (d.b - d.a) * 0.5;
    case Distribution::Kind::kGamma:
    case Distribution::Kind::kWeibull:
      return inverse_cdf(d, 0.5);
    case Distribution::Kind::kEmpirical: {
      if (d.values.empty()) return 0;
      std::vector<double> sorted = d.values;
      std::sort(sorted.begin(), sorted.end());
      const std::size_t n = sorted.size();
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
  }
  return 0;
}

double Draws::keyed_uniform(const DrawKey& key, unsigned lane) const {
  // Two rounds: the site with the replication, then what is drawn there.
  const std::uint64_t what = (static_cast<std::uint64_t>(key.purpose) << 56) ^
                             (static_cast<std::uint64_t>(key.invocation) << 32) ^ key.index;
  const std::uint64_t x = mix(replication_key_ ^ key.site);
  const std::uint64_t bits = mix(x + what * kGolden + lane * kLane);
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

std::size_t Draws::choose(const DrawKey& key, std::span<const double> weights,
                          const ChoiceLabel& label) const {
  if (source_ != nullptr) return source_->choose(key, weights, label);
  double u = keyed_uniform(key, 0);
  std::size_t last_nonzero = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0) continue;
    last_nonzero = i;
    if (u < weights[i]) return i;
    u -= weights[i];
  }
  return last_nonzero;
}

bool Draws::bernoulli(const DrawKey& key, double p, const ChoiceLabel& label) const {
  const double weights[2] = {1.0 - p, p};
  return choose(key, weights, label) == 1;
}

double Draws::draw(const DrawKey& key, const Distribution& d) const {
  if (source_ != nullptr) return median(d);
  switch (d.kind) {
    case Distribution::Kind::kConstant:
      return d.a;
    case Distribution::Kind::kExponential:
      return -d.a * std::log(1.0 - keyed_uniform(key, 0));
    case Distribution::Kind::kUniform:
      return d.a + (d.b - d.a) * keyed_uniform(key, 0);
    case Distribution::Kind::kNormal:
    case Distribution::Kind::kLognormal: {
      // Box-Muller from two lanes of the key.
      const double u1 = 1.0 - keyed_uniform(key, 0);  // (0, 1]
      const double u2 = keyed_uniform(key, 1);
      const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
      return d.kind == Distribution::Kind::kNormal ? d.a + d.b * z : d.a * std::exp(d.b * z);
    }
    case Distribution::Kind::kGamma:
    case Distribution::Kind::kWeibull:
      return inverse_cdf(d, keyed_uniform(key, 0));
    case Distribution::Kind::kEmpirical: {
      if (d.values.empty()) return 0;
      const auto i = static_cast<std::size_t>(keyed_uniform(key, 0) * d.values.size());
      return d.values[i < d.values.size() ? i : d.values.size() - 1];
    }
  }
  return 0;
}

Duration Draws::draw_duration(const DrawKey& key, const Distribution& d) const {
  const double ms = draw(key, d);
  if (!(ms > 0)) return Duration{0};
  // A long tail (lognormal with a large sigma, a huge gamma scale) can draw
  // beyond anything an input may say: such a draw counts as kMaxDuration, so
  // engine time never overflows.
  if (!(ms < static_cast<double>(kMaxDuration.count()))) return kMaxDuration;
  return Duration{static_cast<std::int64_t>(std::llround(ms))};
}

}  // namespace deploysim
