#pragma once
// Greedy layer-wise pre-training (Bengio, Lamblin, Popovici & Larochelle 2007): each hidden
// layer in turn is trained as the encoder of an autoencoder that reconstructs the layer
// below (a separate linear decoder, reconstruction MSE); its weights then initialise the
// network for fine-tuning.
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "engine/common/progress.h"
#include "engine/nn/network.h"

namespace minima {

struct PretrainingOptions {
    double learningRate = 0.01;   // Adam
    int epochs = 200;             // per hidden layer
    int batchSize = 0;            // 0 = full batch
    std::uint64_t seed = 1;
};

struct PretrainingRecord {
    // Per hidden layer: reconstruction MSE before and after its autoencoder was trained.
    std::vector<double> initialReconstruction, finalReconstruction;
    std::vector<std::vector<double>> curves;   // per hidden layer, the loss curve
    bool stopped = false;                      // cancelled
};

// Pre-trains the hidden layers of net (weights and biases of layers 0..L-2) on inputs X
// (n_0 x N), starting from its current parameters; the output layer is left as it was.
PretrainingRecord pretrainGreedy(Network& net, const Eigen::Ref<const Eigen::MatrixXd>& X,
                                 const PretrainingOptions& options, Progress& progress = Progress::none());

} // namespace minima
