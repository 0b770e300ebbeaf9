#pragma once
// Model identifiability by brute force: every arrangement of a small network's hidden
// neurons (per-layer permutations, optionally the sign flips of tanh or sigmoid, symmetry.h)
// is built and run on a set of
// inputs; all compute the same function, and they are prod n_i! (times prod 2^n_i) distinct
// parameter vectors, the count the formula gives.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"
#include "engine/nn/activation.h"

namespace minima {

struct PermutationParams {
    std::vector<int> widths{2, 3, 3, 1};
    Activation activation = Activation::Tanh;
    int inputs = 256;          // random inputs, uniform in [-2, 2]^n_0
    bool signFlips = false;    // also flip signs: tanh and sigmoid only (others throw)
    std::uint64_t seed = 1;
};

struct PermutationResult {
    std::uint64_t enumerated = 0;
    std::uint64_t distinct = 0;
    double maxOutputDeviation = 0;
    std::string formula;           // e.g. "3! * 3!" or "2^3 3! * 2^3 3!"
    std::string formulaCount;      // exact decimal
    std::size_t formulaDigits = 0;
    double formulaLog10 = 0;
    bool cancelled = false;
};

// Throws std::invalid_argument for bad widths or more than kMaxArrangements arrangements.
PermutationResult runPermutations(const PermutationParams& params, Progress& progress);

ExperimentInfo permutationsExperiment();

} // namespace minima
