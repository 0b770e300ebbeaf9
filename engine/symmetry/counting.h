#pragma once
// Exact counts of equivalent configurations of a network: permuting the n_i neurons of
// each hidden layer gives prod_i n_i! parameter vectors that compute the same function
// (n!^l for l layers of n); with tanh each neuron may also flip sign, a further 2^n_i
// per layer. Input and output neurons are not interchangeable and do not count.
#include <cstddef>
#include <string>
#include <vector>

#include "engine/nn/network.h"

namespace minima {

struct SymmetryCount {
    std::string decimal;     // exact, any size
    std::size_t digits = 0;  // decimal digits
    double log10 = 0;        // log10 of the count, for charts
};

// hiddenWidths: n_1..n_{L-1}; signFlips[i] says whether layer i is sign symmetric (tanh).
// Throws std::invalid_argument for a width < 1, or widths summing past 20000.
SymmetryCount countEquivalentNetworks(const std::vector<int>& hiddenWidths, const std::vector<bool>& signFlips);
// Same sign rule for every layer.
SymmetryCount countEquivalentNetworks(const std::vector<int>& hiddenWidths, bool signFlips);
// For a network: sign flips for its tanh layers.
SymmetryCount countEquivalentNetworks(const Network& net);

// Whether f(-z) = -f(z) gives the sign-flip symmetry counted here (tanh).
bool signSymmetric(Activation f);

} // namespace minima
