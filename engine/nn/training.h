#pragma once
// A small training loop on the flat parameter vector, so that "train a small network" is
// one call: full-batch gradient descent, mini-batch SGD, momentum or Adam.
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "engine/common/progress.h"
#include "engine/nn/datasets.h"
#include "engine/nn/network.h"

namespace minima {

enum class TrainingMethod { GradientDescent, StochasticGradientDescent, Momentum, Adam };

std::string_view trainingMethodName(TrainingMethod m);   // "gd", "sgd", "momentum", "adam"

struct TrainingOptions {
    TrainingMethod method = TrainingMethod::Adam;
    Loss loss = Loss::MeanSquaredError;
    double learningRate = 0.01;
    int batchSize = 0;          // 0 = the whole dataset (SGD defaults to 32 when 0)
    int epochs = 100;           // passes over the data; one point of the loss curve each
    double momentum = 0.9;      // momentum: v = mu v - lr g; p += v
    double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;   // Adam (Kingma & Ba 2015, Algorithm 1)
    std::uint64_t seed = 1;     // shuffling of mini-batches
};

struct TrainingRecord {
    std::vector<double> losses;   // full-data loss before training, then after each epoch
    bool diverged = false;        // loss or parameters became non-finite or exploded
    int divergedAtEpoch = -1;
    bool stopped = false;         // the observer asked to stop, or progress was cancelled
    double finalLoss() const { return losses.empty() ? 0.0 : losses.back(); }
};

// Called after each epoch with the epoch number (1-based), the full-data loss and the
// parameters; returning true stops training.
using TrainingObserver = std::function<bool(int epoch, double loss, const Eigen::VectorXd& parameters)>;

// Trains net in place on inputs X (d x N) and targets Y (n_L x N). A diverged run keeps the
// parameters of the last finite epoch and never records a non-finite loss. Throws
// std::invalid_argument for a bad learning rate, batch size, epoch count or shapes.
TrainingRecord train(Network& net, const Eigen::Ref<const Eigen::MatrixXd>& X,
                     const Eigen::Ref<const Eigen::MatrixXd>& Y, const TrainingOptions& options,
                     const TrainingObserver& observer = {}, Progress& progress = Progress::none());

TrainingRecord train(Network& net, const Dataset& data, const TrainingOptions& options,
                     const TrainingObserver& observer = {}, Progress& progress = Progress::none());

// The experiments' usual set-up: a network of these widths with one hidden activation and a
// linear output, initialised for its activation (He for ReLU-like units, Xavier otherwise)
// from `seed`, trained with full-batch Adam on MSE for `epochs` epochs (0 = untrained).
// observer, if given, is called after each epoch as in train().
Network trainedNetwork(const std::vector<int>& widths, Activation hidden, const Dataset& data, int epochs,
                       double learningRate, std::uint64_t seed, TrainingRecord* record = nullptr,
                       Progress& progress = Progress::none(), const TrainingObserver& observer = {});

} // namespace minima
