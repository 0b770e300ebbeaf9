#pragma once
// From the start to the solution (Goodfellow, Vinyals & Saxe 2015, "Qualitatively
// characterizing neural network optimization problems"): a softmax network trained with
// cross-entropy on a multi-class set (the 8x8 digits in the lab), and its training and test
// loss along the straight line theta(alpha) = (1 - alpha) theta_init + alpha theta_final, from
// its initialisation (alpha = 0) to where training ended (alpha = 1) and beyond. If a
// spurious local minimum stood between them, the line would have to rise on the way; the
// bumps on [0, 1] are counted. A second step slices the loss in 2-D around theta_final, in two
// filter-normalised random directions (Li, Xu, Taylor, Studer & Goldstein 2018) or in the
// plane holding the line, to show what a 1-D line does not.
#include <cstdint>
#include <functional>
#include <vector>

#include <Eigen/Core>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"
#include "engine/nn/datasets.h"
#include "engine/nn/network.h"

namespace minima {

struct StartToSolutionParams {
    int width = 32;                         // neurons per hidden layer
    int depth = 1;                          // hidden layers
    Activation activation = Activation::ReLU;
    int epochs = 20;                        // Adam, mini-batches
    int batchSize = 64;
    double learningRate = 0.003;
    double testFraction = 0.2;              // share of the samples held out (seeded split)
    double from = -0.5, to = 1.5;           // the alphas drawn
    int points = 101;                       // alphas from `from` to `to`, plus 0 and 1 if missing
    std::uint64_t seed = 1;                 // split, initialisation, mini-batches, slice directions
};

struct StartToSolutionResult {
    std::vector<double> alphas, trainLosses, testLosses;   // softmax cross-entropy along the line
    double initTrainLoss = 0, finalTrainLoss = 0;          // at alpha = 0 and alpha = 1
    double initTestLoss = 0, finalTestLoss = 0;
    double finalTestAccuracy = 0;                          // share of test samples classified right at alpha = 1
    int trainBumps = 0, testBumps = 0;                     // rises on [0, 1] (countBumps)
    double trainTolerance = 0, testTolerance = 0;          // the rise a bump must exceed
    double lowestTrainAlpha = 0, lowestTrainLoss = 0;      // the sampled alpha of the lowest training loss
    double distance = 0;                                   // ||theta_final - theta_init||
    int parameterCount = 0;
    std::vector<double> trainingCurve;                     // full training-set loss before and after each epoch
    bool trainingDiverged = false;
    int nonFinite = 0;                                     // line losses that overflowed (not drawn)
    bool cancelled = false;
    // What the slice needs: the network, its two ends and the training set.
    Network net;
    Eigen::VectorXd thetaInit, thetaFinal;
    Eigen::MatrixXd trainX, trainY;                        // d x N and K x N (one-hot)
};

// The bumps of a sampled curve: rises of more than `tolerance` above the lowest value since
// the start or since the last bump's top fell back by more than `tolerance`. A curve that never
// rises has none; each separate rise counts once, however many samples it spans.
int countBumps(const std::vector<double>& values, double tolerance);

// The tolerance used for the line on [0, 1]: 10^-3 of the range (max - min) of the values
// there. A rise that small is below one pixel of a chart a thousand pixels tall, and far
// above the rounding of a double loss (about 10^-16 relative).
double bumpTolerance(const std::vector<double>& values);

// Trains on a seeded split of `data` (a multi-class set, classCount K > 2) and measures the
// line. Throws std::invalid_argument for out-of-range parameters or a set that is not
// multi-class. Cancelled: returns with cancelled set.
StartToSolutionResult runStartToSolution(const StartToSolutionParams& params, const Dataset& data, Progress& progress);

enum class SliceDirections {
    FilterNormalised,   // two random directions, filter-normalised around theta_final (Li et al. 2018)
    ThroughLine,        // d1 = theta_init - theta_final, d2 a filter-normalised random direction
                        // orthogonal to it, scaled to d1's length: the plane holds the line
};

struct SliceParams {
    int grid = 31;      // points per axis
    double span = 1.0;  // coordinates from -span to span
    SliceDirections directions = SliceDirections::FilterNormalised;
    std::uint64_t seed = 1;
};

struct SliceResult {
    std::vector<double> coordinates;   // ascending, the same on both axes
    Eigen::MatrixXd losses;            // grid x grid: losses(j, i) at a = coordinates[i], b = coordinates[j]
    double minLoss = 0, maxLoss = 0, centreLoss = 0;
    int nonFinite = 0;
    // theta_init - theta_final written as a d1 + b d2 + (a rest orthogonal to the plane).
    double initA = 0, initB = 0;
    double inPlaneShare = 0;           // ||projection of theta_init - theta_final|| / ||theta_init - theta_final||
    bool cancelled = false;
};

// The training loss (softmax cross-entropy) on theta_final + a d1 + b d2 over the grid, in
// parallel (networkLossGrid; deterministic whatever the thread count). Throws
// std::invalid_argument for a grid outside [2, 201], a span outside (0, 100] or a line result
// without a network.
SliceResult runLossSlice(const StartToSolutionResult& line, const SliceParams& params, Progress& progress);

// Where `minima run start-to-solution` finds its data set: a function that returns the digits
// (inputs scaled to [0, 1]) or throws std::runtime_error saying why it cannot. The
// application registers one at start-up; without it the experiment refuses to run.
using DatasetSource = std::function<Dataset()>;
void setStartToSolutionDataset(DatasetSource source);

ExperimentInfo startToSolutionExperiment();

} // namespace minima
