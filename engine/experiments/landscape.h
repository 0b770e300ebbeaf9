#pragma once
// The loss landscape of a small network around a (trained) centre: the training loss on a
// grid theta = centre + a d1 + b d2, a, b in [-span, span], along two directions in
// parameter space: random, filter-normalised (Li, Xu, Taylor, Studer & Goldstein 2018,
// "Visualizing the Loss Landscape of Neural Nets", section 4), or two chosen parameters.
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"
#include "engine/nn/network.h"

namespace minima {

enum class LandscapeDirections { Random, FilterNormalised, Chosen };

struct NetworkLandscapeParams {
    std::vector<int> widths{2, 16, 16, 1};
    Activation activation = Activation::Tanh;
    std::string dataset = "moons";
    int samples = 512;
    double noise = 0.1;
    int epochs = 200;             // training of the centre (0 = the initialisation)
    double learningRate = 0.01;   // Adam
    int grid = 51;                // points per axis
    double span = 1.0;            // a, b in [-span, span]
    LandscapeDirections directions = LandscapeDirections::FilterNormalised;
    int parameter1 = 0, parameter2 = 1;   // for Chosen: unit directions along these parameters
    std::uint64_t seed = 1;
};

struct NetworkLandscapeResult {
    std::vector<double> coordinates;   // grid values of a (and of b), ascending
    Eigen::MatrixXd losses;            // grid x grid: losses(j, i) at a = coordinates[i], b = coordinates[j]
    double minLoss = 0, maxLoss = 0, centreLoss = 0;
    int nonFinite = 0;                 // cells whose loss overflowed (excluded from min/max)
    std::vector<double> trainingLosses;
    bool trainingDiverged = false;
    int parameterCount = 0;
    bool cancelled = false;
};

// A direction scaled like theta: per neuron (row of W_l), d_row * ||theta_row|| / ||d_row||;
// zero for biases (Li et al. 2018). `random` has theta's layout and size.
Eigen::VectorXd filterNormalised(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& theta,
                                 const Eigen::Ref<const Eigen::VectorXd>& random);

// The loss (evaluateLoss's value) of centre + coordinates[i] d1 + coordinates[j] d2 for
// every (i, j), in parallel (deterministic whatever the thread count); returns grid x grid,
// (j, i) as above. Any loss that fits the output (checkLossFits): mean squared error for a
// linear or sigmoid output, binary cross-entropy for sigmoid, softmax cross-entropy (one-hot
// targets, K x N) for softmax. Throws std::invalid_argument for mismatched shapes or a loss
// that does not fit; returns an empty matrix if cancelled.
Eigen::MatrixXd networkLossGrid(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& centre,
                                const Eigen::Ref<const Eigen::VectorXd>& d1, const Eigen::Ref<const Eigen::VectorXd>& d2,
                                const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                                const std::vector<double>& coordinates, Progress& progress,
                                Loss loss = Loss::MeanSquaredError);

// Throws std::invalid_argument for out-of-range parameters.
NetworkLandscapeResult runNetworkLandscape(const NetworkLandscapeParams& params, Progress& progress);

ExperimentInfo landscapeExperiment();

} // namespace minima
