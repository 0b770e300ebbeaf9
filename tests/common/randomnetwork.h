#pragma once
// Networks and inputs the engine tests draw at random: weights N(0, 1) and biases N(0, 1/4),
// so that every hidden neuron differs from the others; inputs uniform in [-2, 2].
#include <cstdint>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "engine/common/random.h"
#include "engine/nn/network.h"

namespace minima::test {

inline Network randomNetwork(std::vector<int> widths, Activation f, std::uint64_t seed)
{
    Network net(std::move(widths), {f});
    net.initialise(Initialisation::NaiveNormal, seed, 1.0);
    Rng rng = makeRng(seed, 7);
    for (int l = 0; l < net.layerCount(); ++l)
        for (Eigen::Index i = 0; i < net.bias(l).size(); ++i) net.bias(l)(i) = 0.5 * normal01(rng);
    return net;
}

// d x n inputs.
inline Eigen::MatrixXd randomInputs(int d, int n, std::uint64_t seed)
{
    Rng rng = makeRng(seed, 3);
    Eigen::MatrixXd X(d, n);
    for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = uniform(rng, -2, 2);
    return X;
}

} // namespace minima::test
