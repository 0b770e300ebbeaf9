#pragma once
// Identifiability in practice: two networks of one architecture trained from two seeds on the
// same data are usually the same solution up to an arrangement of their hidden neurons. The
// straight line between them (interpolate.h) crosses a loss barrier; after weight matching
// (engine/symmetry/matching.h) B's neurons are in A's order and the barrier mostly goes
// (Entezari et al. 2022; Ainsworth, Hayase & Srinivasa 2023, "Git Re-Basin"). The barrier of a
// path is its highest loss minus the mean of its two ends' losses (Entezari et al., eq. 1).
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"
#include "engine/nn/activation.h"
#include "engine/symmetry/matching.h"

namespace minima {

struct AlignParams {
    int width = 16;             // neurons per hidden layer
    int hiddenLayers = 1;       // hidden layers of `width` neurons
    Activation activation = Activation::Tanh;
    std::string dataset = "moons";
    int samples = 200;
    double noise = 0.1;
    int epochs = 500;           // full-batch Adam on MSE (trainedNetwork)
    double learningRate = 0.01;
    std::uint64_t dataSeed = 1; // the data both networks train on
    std::uint64_t seedA = 1, seedB = 2;   // the two networks' initialisations
    bool signFlips = true;      // tanh and sigmoid only
    int points = 41;            // alphas along each path, 0 to 1
};

struct AlignResult {
    std::vector<int> widths;                 // the network's layer widths, input first
    std::vector<double> alphas;              // 0 .. 1
    std::vector<double> naiveLosses;         // on the line from A to B
    std::vector<double> alignedLosses;       // on the line from A to aligned B
    double lossA = 0, lossB = 0;             // the ends (aligned B has B's loss)
    double naiveBarrier = 0, alignedBarrier = 0;     // max loss on the path - (lossA + lossB) / 2
    double naiveDistance = 0, alignedDistance = 0;   // ||theta_A - theta_B||, ||theta_A - pi(theta_B)||
    double functionChange = 0;               // max |f_B(x) - f_alignedB(x)| over the data: rounding
    NeuronMatching matching;
    Eigen::VectorXd a, b, alignedB;
    bool diverged = false;                   // a training diverged
    bool cancelled = false;                  // progress was cancelled: the rest is empty
};

// Trains A and B, matches B to A and measures both paths. Progress runs over the two
// trainings. Throws std::invalid_argument naming the parameter that is out of range.
AlignResult runAlign(const AlignParams& params, Progress& progress);

struct AlignSweepParams {
    std::vector<int> widths{4, 8, 16, 32, 64};   // hidden widths swept
    int pairs = 8;                                // seed pairs per width
    int hiddenLayers = 1;
    Activation activation = Activation::Tanh;
    std::string dataset = "moons";
    int samples = 200;
    double noise = 0.1;
    int epochs = 500;
    double learningRate = 0.01;
    bool signFlips = true;
    int points = 21;
    // The data come from `seed`; pair k trains A from seed + 2k and B from seed + 2k + 1, so
    // pair 0 of seed 1 is runAlign's default pair.
    std::uint64_t seed = 1;
};

struct AlignSweepRow {
    int width = 0;
    int pairs = 0;
    // Means over the pairs with their 95 % Student t intervals.
    double naiveMean = 0, naiveLow = 0, naiveHigh = 0;
    double alignedMean = 0, alignedLow = 0, alignedHigh = 0;
    double endLossMean = 0;   // mean over the pairs of (lossA + lossB) / 2: how well the ends trained
    int alignedLower = 0;     // pairs whose aligned barrier is below their naive one
};

struct AlignSweepResult {
    std::vector<AlignSweepRow> rows;   // one per width, in the order given
    bool cancelled = false;            // rows then holds the widths finished
};

// Pairs are split over threads (parallelFor); the result does not depend on their number.
// Throws std::invalid_argument naming the parameter that is out of range.
AlignSweepResult runAlignSweep(const AlignSweepParams& params, Progress& progress);

ExperimentInfo alignExperiment();   // `minima run align`: the sweep

} // namespace minima
