#pragma once
// The demo's source of randomness: std::mt19937_64 (its output is fixed by the standard) with
// distributions of our own, built from +, -, *, / and sqrt only, which IEEE 754 rounds the
// same everywhere. std::normal_distribution and friends, std::sin and std::log differ
// between library implementations, and the same seed must give the same journal everywhere.

#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <span>

namespace cairn::demo {

inline constexpr double pi = 3.14159265358979323846;

/// Mixes a number into a well-spread 64-bit one (splitmix64's finaliser).
[[nodiscard]] constexpr std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27U)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31U);
}

/// The seed of an independent stream (`stream`, `index`) derived from `seed`, so that one
/// part of the journal (a run's track) does not shift when another part draws more numbers.
[[nodiscard]] constexpr std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t stream,
                                                  std::uint64_t index = 0) {
  return mix(mix(mix(seed) ^ stream) ^ index);
}

/// sin(x) by range reduction (exact) and a Taylor polynomial: within 1e-9 of the true value.
[[nodiscard]] inline double sine(double x) {
  x = std::remainder(x, 2.0 * pi);  // exact: [-pi, pi]
  if (x > pi / 2.0) x = pi - x;
  if (x < -pi / 2.0) x = -pi - x;
  const double x2 = x * x;
  return x *
         (1.0 -
          x2 / 6.0 *
              (1.0 -
               x2 / 20.0 *
                   (1.0 -
                    x2 / 42.0 *
                        (1.0 - x2 / 72.0 *
                                   (1.0 - x2 / 110.0 * (1.0 - x2 / 156.0 * (1.0 - x2 / 210.0)))))));
}
[[nodiscard]] inline double cosine(double x) { return sine(x + pi / 2.0); }

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  /// 64 random bits.
  [[nodiscard]] std::uint64_t bits() { return engine_(); }
  /// Uniform in [0, 1), 53 random bits.
  [[nodiscard]] double uniform() {
    return static_cast<double>(engine_() >> 11U) * (1.0 / 9007199254740992.0);
  }
  [[nodiscard]] double uniform(double low, double high) { return low + (high - low) * uniform(); }
  [[nodiscard]] bool chance(double probability) { return uniform() < probability; }
  /// Uniform whole number in [low, high], without modulo bias.
  [[nodiscard]] int integer(int low, int high) {
    assert(low <= high && "an empty range");
    const auto span = static_cast<std::uint64_t>(static_cast<std::int64_t>(high) - low) + 1U;
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % span;
    std::uint64_t draw = engine_();
    while (draw >= limit) draw = engine_();
    return static_cast<int>(static_cast<std::int64_t>(low) +
                            static_cast<std::int64_t>(draw % span));
  }
  /// Approximately normal (Irwin-Hall: twelve uniforms, so never beyond six deviations).
  [[nodiscard]] double normal(double mean, double deviation) {
    double sum = 0.0;
    for (int i = 0; i < 12; ++i) sum += uniform();
    return mean + deviation * (sum - 6.0);
  }
  /// A cheap noise for the points of a track: triangular on [-2.45, 2.45] with a standard
  /// deviation of one, from the two halves of one draw.
  [[nodiscard]] double noise() {
    const std::uint64_t draw = engine_();
    const double a = static_cast<double>(draw >> 32U) * (1.0 / 4294967296.0);
    const double b = static_cast<double>(draw & 0xFFFFFFFFU) * (1.0 / 4294967296.0);
    return (a + b - 1.0) * 2.4494897427831781;  // sqrt(6)
  }
  /// One of `items`, uniformly.
  template <class Container>
  [[nodiscard]] const auto& pick(const Container& items) {
    assert(!items.empty() && "nothing to pick from");
    return items[static_cast<std::size_t>(integer(0, static_cast<int>(items.size()) - 1))];
  }
  /// An index into `weights`, with probability proportional to its weight.
  [[nodiscard]] std::size_t weighted(std::span<const double> weights) {
    double total = 0.0;
    for (const double weight : weights) total += weight;
    double draw = uniform() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (draw < weights[i]) return i;
      draw -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace cairn::demo
