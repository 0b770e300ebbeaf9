#pragma once
// ReLU rescaling: multiply one hidden neuron's incoming weights and bias by k and its
// outgoing weights by 1/k. relu(k z) = k relu(z) for k >= 0, so for k > 0 the network
// computes exactly the same function, with different weights; for k < 0 (the book's "any
// nonzero k" is wrong there) or when the bias is forgotten, it changes. The loss is
// unchanged but the sharpness (largest Hessian eigenvalue) is not (Dinh et al. 2017).
#include <cstdint>
#include <string>
#include <vector>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"
#include "engine/nn/activation.h"

namespace minima {

struct RescaleParams {
    std::vector<int> widths{2, 8, 8, 1};
    Activation activation = Activation::ReLU;
    std::string dataset = "moons";
    int samples = 200;
    double noise = 0.1;
    int epochs = 300;
    double learningRate = 0.01;
    double k = 4.0;
    int layer = 0;            // hidden layer, 0 = first
    int neuron = 0;
    bool scaleBias = true;    // false: forget the bias (the function changes)
    std::uint64_t seed = 1;
};

struct RescaleResult {
    double maxOutputDeviation = 0;     // max over the data of |f_after(x) - f_before(x)|
    bool functionPreserved = false;    // deviation <= 1e-9 (max(1, |f|))
    double incomingNormBefore = 0, incomingNormAfter = 0;   // ||(W_h row, b_h)||
    double outgoingNormBefore = 0, outgoingNormAfter = 0;   // ||W_{h+1} column||
    double parameterNormBefore = 0, parameterNormAfter = 0;
    double lossBefore = 0, lossAfter = 0;
    double sharpnessBefore = 0, sharpnessAfter = 0;
    std::vector<double> trainingLosses;
    bool trainingDiverged = false;
};

// Throws std::invalid_argument for out-of-range parameters (k = 0 among them).
RescaleResult runRescale(const RescaleParams& params, Progress& progress);

ExperimentInfo rescaleExperiment();

} // namespace minima
