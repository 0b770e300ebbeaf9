#pragma once
// Transformations of a network's parameters that leave the function it computes unchanged
// (or, for the lesson, that do not): permuting hidden neurons, rescaling a ReLU neuron,
// flipping the sign of a tanh neuron. Hidden layer h is the output of weight layer h, so its
// incoming weights are the rows of W_h and b_h and its outgoing ones the columns of W_{h+1}.
#include <vector>

#include <Eigen/Core>

#include "engine/nn/network.h"

namespace minima {

// New neuron i of hidden layer h is old neuron p[i]:
//   W_h'(i, :) = W_h(p[i], :), b_h'(i) = b_h(p[i]), W_{h+1}'(:, i) = W_{h+1}(:, p[i]).
// Throws std::invalid_argument for a bad layer or a p that is not a permutation of 0..n_h-1.
void permuteHiddenLayer(const Network& net, Eigen::Ref<Eigen::VectorXd> params, int hidden,
                        const std::vector<int>& p);

// Rescales neuron `neuron` of hidden layer h: incoming weights (and its bias, if scaleBias)
// times k, outgoing weights times 1/k. relu(k z) = k relu(z) for k >= 0, so for k > 0 with the
// bias scaled the function is unchanged; for k < 0, or without the bias, it changes.
// Throws std::invalid_argument for k = 0 or non-finite k, or a bad layer/neuron.
void rescaleNeuron(const Network& net, Eigen::Ref<Eigen::VectorXd> params, int hidden, int neuron, double k,
                   bool scaleBias = true);

// tanh(-z) = -tanh(z): negating a neuron's incoming weights, bias and outgoing weights
// leaves the function unchanged.
void flipNeuronSign(const Network& net, Eigen::Ref<Eigen::VectorXd> params, int hidden, int neuron);

// All hidden layers at once, without allocating: out = params with hidden layer h permuted by
// perms[h] (as in permuteHiddenLayer) and, if signs is not null, neuron i of layer h (after
// permuting) multiplied by (*signs)[h][i] = +-1 on both sides. out must not alias params.
void arrangeNeurons(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& params,
                    const std::vector<std::vector<int>>& perms, const std::vector<std::vector<double>>* signs,
                    Eigen::Ref<Eigen::VectorXd> out);

} // namespace minima
