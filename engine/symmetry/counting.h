#pragma once
// Exact counts of equivalent configurations of a network: permuting the n_i neurons of
// each hidden layer gives prod_i n_i! parameter vectors that compute the same function
// (n!^l for l layers of n); with tanh or sigmoid each neuron may also flip sign, a further
// 2^n_i per layer (the group of symmetry.h). These are the discrete symmetries: positive
// rescaling makes the set of equivalent ReLU networks a continuum on top of them. Input and output neurons are not interchangeable and do not count.
#include <cstddef>
#include <string>
#include <vector>

#include "engine/nn/network.h"
#include "engine/symmetry/symmetry.h"

namespace minima {

struct SymmetryCount {
    std::string decimal;     // exact, any size
    std::size_t digits = 0;  // decimal digits
    double log10 = 0;        // log10 of the count, for charts
};

// hiddenWidths: n_1..n_{L-1}; signFlips[i] says whether layer i has sign flips.
// Throws std::invalid_argument for a width < 1, or widths summing past 20000.
SymmetryCount countEquivalentNetworks(const std::vector<int>& hiddenWidths, const std::vector<bool>& signFlips);
// Same sign rule for every layer.
SymmetryCount countEquivalentNetworks(const std::vector<int>& hiddenWidths, bool signFlips);
// Every hidden layer with activation f: its flips if it has them (hasSignFlip).
SymmetryCount countEquivalentNetworks(const std::vector<int>& hiddenWidths, Activation f);
// For a network: sign flips for its tanh and sigmoid layers.
SymmetryCount countEquivalentNetworks(const Network& net);

// Whether f has a sign flip (tanh, sigmoid): hasSignFlip(f) of symmetry.h.
bool signSymmetric(Activation f);

} // namespace minima
