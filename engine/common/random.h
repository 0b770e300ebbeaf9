#pragma once
// Seeded randomness. Every Monte-Carlo run i draws from its own stream seeded by
// streamSeed(seed, i), so results do not depend on how runs are split over threads.
#include <cstdint>
#include <cmath>
#include <random>

namespace minima {

// MT19937-64 (Matsumoto & Nishimura 1998; Nishimura 2000, "Tables of 64-bit Mersenne
// twisters"): the same sequence as std::mt19937_64 for the same seed, draw for draw. The
// state refill is written as two plain loops (the 156-apart reads never cross the write)
// that the compiler vectorises, and a draw is inlined: the generator dominates the cost of
// small-batch SGD steps.
class Mt19937x64 {
public:
    using result_type = std::uint64_t;
    static constexpr result_type default_seed = 5489u;
    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return ~result_type(0); }

    explicit Mt19937x64(result_type seed = default_seed)
    {
        // x_i = f (x_{i-1} xor (x_{i-1} >> 62)) + i, f = 6364136223846793005
        state_[0] = seed;
        for (int i = 1; i < kN; ++i)
            state_[i] = 6364136223846793005ull * (state_[i - 1] ^ (state_[i - 1] >> 62)) + std::uint64_t(i);
        next_ = kN;
    }

    result_type operator()()
    {
        if (next_ >= kN) refill();
        std::uint64_t z = state_[next_++];
        // Tempering: (u, d) = (29, 0x5555...), (s, b) = (17, 0x71D6...), (t, c) = (37, 0xFFF7...), l = 43.
        z ^= (z >> 29) & 0x5555555555555555ull;
        z ^= (z << 17) & 0x71D67FFFEDA60000ull;
        z ^= (z << 37) & 0xFFF7EEE000000000ull;
        return z ^ (z >> 43);
    }

    void discard(unsigned long long n)
    {
        for (; n > 0; --n) (*this)();
    }

    friend bool operator==(const Mt19937x64& a, const Mt19937x64& b)
    {
        if (a.next_ != b.next_) return false;
        for (int i = 0; i < kN; ++i)
            if (a.state_[i] != b.state_[i]) return false;
        return true;
    }

private:
    static constexpr int kN = 312, kM = 156;
    static constexpr std::uint64_t kUpper = ~std::uint64_t(0) << 31, kLower = ~kUpper;
    static constexpr std::uint64_t kMatrix = 0xB5026F5AA96619E9ull;

    // x_i <- x_{i+m} xor twist((x_i & upper) | (x_{i+1} & lower)), indices mod n.
    static std::uint64_t twist(std::uint64_t hi, std::uint64_t lo, std::uint64_t far)
    {
        const std::uint64_t y = (hi & kUpper) | (lo & kLower);
        return far ^ (y >> 1) ^ ((std::uint64_t(0) - (y & 1u)) & kMatrix);
    }
    void refill()
    {
        for (int i = 0; i < kN - kM; ++i) state_[i] = twist(state_[i], state_[i + 1], state_[i + kM]);
        for (int i = kN - kM; i < kN - 1; ++i) state_[i] = twist(state_[i], state_[i + 1], state_[i - (kN - kM)]);
        state_[kN - 1] = twist(state_[kN - 1], state_[0], state_[kM - 1]);
        next_ = 0;
    }

    std::uint64_t state_[kN];
    int next_;
};

using Rng = Mt19937x64;

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
