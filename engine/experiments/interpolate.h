#pragma once
// The loss along the straight line between two networks, theta(alpha) = (1 - alpha) theta_A
// + alpha theta_B (Goodfellow, Vinyals & Saxe 2015, "Qualitatively characterizing neural
// network optimization problems"). Between a trained network and its permuted twin (two
// hidden neurons swapped) both ends compute the same function and have the same loss, but
// the middle averages the two neurons into one: the line crosses a barrier, so the minima
// of a network's loss are many and isolated, not one convex bowl.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"
#include "engine/nn/network.h"

namespace minima {

enum class InterpolationEnds { PermutedTwin, IndependentRuns };

struct InterpolationParams {
    std::vector<int> widths{2, 8, 1};
    Activation activation = Activation::Tanh;
    std::string dataset = "moons";
    int samples = 200;
    double noise = 0.1;
    int epochs = 400;
    double learningRate = 0.02;
    InterpolationEnds ends = InterpolationEnds::PermutedTwin;
    int layer = 0;                 // hidden layer whose neurons are swapped (twin)
    int neuronA = 0, neuronB = 1;  // the two neurons swapped
    double from = -0.25, to = 1.25;
    int points = 61;
    std::uint64_t seed = 1;
};

struct InterpolationResult {
    std::vector<double> alphas, losses;
    double lossA = 0, lossB = 0;     // at alpha = 0 and 1
    double midpointLoss = 0;         // at alpha = 1/2
    double barrier = 0;              // max over sampled alpha in [0, 1] of loss - max(lossA, lossB)
    double endpointOutputDeviation = 0;   // max |f_A(x) - f_B(x)| over the data
    double parameterDistance = 0;    // ||theta_B - theta_A||
    bool trainingDiverged = false;
};

// Loss (MSE) of net's layout at (1 - alpha) a + alpha b for each alpha.
std::vector<double> lossAlongLine(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& a,
                                  const Eigen::Ref<const Eigen::VectorXd>& b, const std::vector<double>& alphas,
                                  const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y);

// Throws std::invalid_argument for out-of-range parameters.
InterpolationResult runInterpolation(const InterpolationParams& params, Progress& progress);

ExperimentInfo interpolateExperiment();

} // namespace minima
