// Randomness. Every draw of a replication comes from one RandomStream seeded
// from (seed, replication index) alone, so replication i is the same whatever
// thread or process runs it (R4). The model asks for randomness only through
// Chooser, so a later mode can enumerate choices instead of sampling them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "deploysim/scenario.hpp"

namespace deploysim {

// xoshiro256++ seeded by splitmix64 from (seed, replication). Small, fast,
// and splittable by construction: streams for different (seed, replication)
// pairs are independent for all practical purposes.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t replication) { reseed(seed, replication); }
  void reseed(std::uint64_t seed, std::uint64_t replication);

  std::uint64_t next_u64();
  // Uniform in [0, 1), 53 bits.
  double next_double() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t s_[4];
};

// The model's one door to randomness.
class Chooser {
 public:
  virtual ~Chooser() = default;
  // Index i with probability weights[i] (weights sum to 1; zero weights are never chosen).
  virtual std::size_t choose(std::span<const double> weights) = 0;
  // True with probability p.
  virtual bool bernoulli(double p) = 0;
  // A value of the distribution (a duration in ms, or an analysis value).
  virtual double draw(const Distribution& d) = 0;
  // A duration of the distribution: draw() rounded to ms, truncated at 0.
  Duration draw_duration(const Distribution& d);
};

// Samples with a RandomStream.
class SamplingChooser final : public Chooser {
 public:
  explicit SamplingChooser(RandomStream& stream) : stream_(&stream) {}
  std::size_t choose(std::span<const double> weights) override;
  bool bernoulli(double p) override;
  double draw(const Distribution& d) override;

 private:
  RandomStream* stream_;
};

}  // namespace deploysim
