#pragma once
// Weight matching: the arrangement of network B's hidden neurons (symmetry.h: a permutation
// per hidden layer and, for tanh or sigmoid, sign flips) that brings B's weights closest to
// A's. Two networks trained from different seeds usually compute nearly the same function
// with their neurons in a different order; once matched, the straight line between them
// mostly stops crossing a loss barrier (Entezari, Sedghi, Saukh & Neyshabur 2022, "The role
// of permutation invariance in linear mode connectivity of neural networks", ICLR;
// Ainsworth, Hayase & Srinivasa 2023, "Git Re-Basin: merging models modulo permutation
// symmetries", ICLR, section 3.2 "weight matching").
//
// Objective: maximise <theta_A, pi(theta_B)> over arrangements pi, the summed inner products
// of matched weight rows (incoming weights and bias) and columns (outgoing weights), which
// for a fixed ||theta_B|| minimises ||theta_A - pi(theta_B)||. With the other layers fixed,
// layer h's choice is a linear assignment (assignment.h) of score
//   C(i, j) = <[W_h^A b_h^A](i, :), [W_h^B' b_h^B'](j, :)> + <W_{h+1}^A(:, i), W_{h+1}^B'(:, j)>,
// B' being B with every other layer already arranged; a tanh flip of j scores -C(i, j), a
// sigmoid flip -C(i, j) + <b_{h+1}^A, W_{h+1}^B'(:, j)> (its next-layer bias shift). Layers are
// solved in turn, sweeping until a sweep changes none (coordinate ascent: the objective never
// decreases, and a layer changes only for a strictly better score). With several hidden
// layers the first sweep scores each layer by its incoming weights alone, input side first,
// so that a B which is A rearranged is recovered exactly; the problem over several layers is
// NP-hard in general (Ainsworth et al.), and the sweeps find a local optimum.
#include <string>
#include <vector>

#include <Eigen/Core>

#include "engine/nn/network.h"

namespace minima {

struct NeuronMatching {
    // Per hidden layer h: aligned neuron i is B's neuron perms[h][i] (permuteHiddenLayer's
    // convention).
    std::vector<std::vector<int>> perms;
    // Per hidden layer: +1 or -1 per aligned neuron (all +1 without sign flips), arrangeNeurons'
    // convention: aligned neuron i is B's neuron perms[h][i], flipped when signs[h][i] = -1.
    std::vector<std::vector<double>> signs;
    int sweeps = 0;          // passes over the layers, the last one changing none if converged
    bool converged = false;  // a pass changed no layer within maxSweeps
};

// The matching of B's hidden neurons to A's (a and b: parameter vectors in net's layout).
// signFlips lets a neuron flip sign too: every hidden layer must have a flip (tanh, sigmoid;
// symmetry.h). Throws std::invalid_argument for vectors of the wrong size, non-finite
// parameters, maxSweeps < 1, or signFlips with a hidden layer that has no flip (relu, ...).
NeuronMatching matchWeights(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& a,
                            const Eigen::Ref<const Eigen::VectorXd>& b, bool signFlips, int maxSweeps = 50);

// B arranged by the matching (arrangeNeurons): computes the same function as b. Throws
// std::invalid_argument when m does not fit net's hidden layers (counts, permutations, signs
// of +-1, a flip on a layer without one).
Eigen::VectorXd applyMatching(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& b, const NeuronMatching& m);

// How many arrangements the matching chooses among: prod over hidden layers of n_h!, times
// 2^n_h with sign flips, as an exact decimal (countEquivalentNetworks of counting.h).
std::string matchingArrangementCount(const Network& net, bool signFlips);

} // namespace minima
