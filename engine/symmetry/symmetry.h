#pragma once
// Transformations of a network's parameters that leave the function it computes unchanged
// (or, for the lesson, that do not): permuting hidden neurons, rescaling a ReLU neuron,
// flipping the sign of a tanh or sigmoid neuron.
//
// The discrete symmetry group of a hidden layer, one definition for counts, enumeration,
// labs and exercises: the n! permutations of its neurons, times 2^n sign flips when its
// activation has one (signFlipOf below). Chen, Lu & Hecht-Nielsen (1993, "On the geometry of
// feedforward neural network error surfaces", Neural Computation 5) give both for tanh and,
// through sigmoid(-z) = 1 - sigmoid(z), for the logistic sigmoid. ReLU and leaky ReLU have no
// flip but a continuum (positive rescaling); linear layers have the continuum GL(n) and no
// discrete flip is counted for them. Hidden layer h is the output of weight layer h, so its
// incoming weights are the rows of W_h and b_h and its outgoing ones the columns of W_{h+1}.
#include <vector>

#include <Eigen/Core>

#include "engine/nn/network.h"

namespace minima {

// The sign flip a hidden neuron with activation f admits.
enum class SignFlip {
    None,        // relu, leaky-relu, linear: none counted (relu(-z) != -relu(z))
    Odd,         // tanh(-z) = -tanh(z): negate its incoming weights, bias and outgoing weights
    Complement,  // sigmoid(-z) = 1 - sigmoid(z): negate them too, and add the old outgoing
                 // weights to the next layer's biases
};
SignFlip signFlipOf(Activation f);
inline bool hasSignFlip(Activation f) { return signFlipOf(f) != SignFlip::None; }

// Throws std::invalid_argument, saying why, unless p is a permutation of 0..n-1.
void checkPermutation(const std::vector<int>& p, int n);

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

// The sign flip of the neuron's activation (signFlipOf): for tanh, negating its incoming
// weights, bias and outgoing weights; for sigmoid the same plus v added to the next layer's
// biases b', since v sigmoid(z) = -v sigmoid(-z) + v. Both leave the function unchanged. For an
// activation without a flip (relu, ...) it negates w, b and v as for tanh, which changes the
// function (the lesson's counterexample).
void flipNeuronSign(const Network& net, Eigen::Ref<Eigen::VectorXd> params, int hidden, int neuron);

// All hidden layers at once, without allocating: out = params with hidden layer h permuted by
// perms[h] (as in permuteHiddenLayer) and, if signs is not null, neuron i of layer h (after
// permuting) flipped when (*signs)[h][i] = -1: multiplied by -1 on both sides and, for a
// sigmoid layer, its old outgoing weights added to the next layer's biases. signs of layers
// without a flip must be +1. out must not alias params.
void arrangeNeurons(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& params,
                    const std::vector<std::vector<int>>& perms, const std::vector<std::vector<double>>* signs,
                    Eigen::Ref<Eigen::VectorXd> out);

} // namespace minima
