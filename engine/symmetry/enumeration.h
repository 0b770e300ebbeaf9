#pragma once
// Brute force for small networks: build every arrangement of the hidden neurons (every
// combination of per-layer permutations, optionally with the sign flips of the tanh and
// sigmoid layers, as symmetry.h defines them), and check that
// all of them compute the same function and how many distinct parameter vectors they are.
#include <cstdint>

#include <Eigen/Core>

#include "engine/common/progress.h"
#include "engine/nn/network.h"

namespace minima {

struct EnumerationResult {
    std::uint64_t enumerated = 0;    // arrangements built (prod n_i!, times 2^n_i per flipped layer)
    std::uint64_t distinct = 0;      // distinct parameter vectors among them (exact comparison)
    double maxOutputDeviation = 0;   // max over arrangements and inputs of |f'(x) - f(x)|
    bool cancelled = false;
};

// Largest number of arrangements enumerateArrangements accepts.
inline constexpr std::uint64_t kMaxArrangements = 5'000'000;

// Enumerates the arrangements of net (its own parameters) and evaluates each on inputs
// (signFlips: with the flips of every layer whose activation has one; other layers are only
// permuted)
// (n_0 x N), in parallel (deterministic whatever the thread count). Throws
// std::invalid_argument when there are more than kMaxArrangements arrangements.
EnumerationResult enumerateArrangements(const Network& net, const Eigen::Ref<const Eigen::MatrixXd>& inputs,
                                        bool signFlips, Progress& progress = Progress::none(),
                                        unsigned threads = 0);

// Number of arrangements, or 0 when it exceeds kMaxArrangements.
std::uint64_t arrangementCount(const Network& net, bool signFlips);

} // namespace minima
