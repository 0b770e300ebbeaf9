#pragma once
// Seeded randomness. Every Monte-Carlo run i draws from its own stream seeded by
// streamSeed(seed, i), so results do not depend on how runs are split over threads.
#include <cstdint>
#include <cmath>
#include <random>

namespace minima {

using Rng = std::mt19937_64;

// SplitMix64 (Steele, Lea & Flood 2014): a well-mixed 64-bit hash of a counter,
// used to derive independent stream seeds from one user seed.
inline std::uint64_t splitMix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

inline std::uint64_t streamSeed(std::uint64_t seed, std::uint64_t stream)
{
    return splitMix64(splitMix64(seed) ^ splitMix64(stream + 0x632BE59BD9B4E019ull));
}

inline Rng makeRng(std::uint64_t seed, std::uint64_t stream = 0)
{
    return Rng(streamSeed(seed, stream));
}

// Uniform double in [0, 1) from 53 random bits: the same on every platform, unlike
// std::uniform_real_distribution whose algorithm is implementation-defined.
inline double uniform01(Rng& rng) { return double(rng() >> 11) * 0x1.0p-53; }
inline double uniform(Rng& rng, double lo, double hi) { return lo + (hi - lo) * uniform01(rng); }

// Standard normal by Box-Muller, again platform independent.
inline double normal01(Rng& rng)
{
    double u1 = uniform01(rng);
    while (u1 <= 0.0) u1 = uniform01(rng);
    const double u2 = uniform01(rng);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586476925 * u2);
}

// Integer in [0, n) without modulo bias.
inline std::uint64_t uniformIndex(Rng& rng, std::uint64_t n)
{
    if (n <= 1) return 0;
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t r;
    do { r = rng(); } while (r >= limit);
    return r % n;
}

} // namespace minima
