#pragma once
// A small fully connected network: widths {n_0, n_1, ..., n_L}, weight layer l maps n_l
// inputs to n_{l+1} outputs, z_l = W_l a_l + b_l, a_{l+1} = f_l(z_l), a_0 = x.
// All weights and biases live in ONE flat parameter vector, so moving in parameter space
// (landscapes, interpolation, symmetries) is a vector operation; per-layer views are Maps.
// Layout per layer l, in order: W_l (n_{l+1} x n_l, column-major), then b_l (n_{l+1}).
#include <cstdint>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "engine/nn/activation.h"

namespace minima {

enum class OutputActivation { Linear, Sigmoid, Softmax };

enum class Loss {
    MeanSquaredError,      // (1 / (K N)) sum_{k,n} (a_kn - y_kn)^2; any output but softmax
    BinaryCrossEntropy,    // (1 / (K N)) sum -[y log a + (1 - y) log(1 - a)]; sigmoid output
    SoftmaxCrossEntropy,   // (1 / N) sum_n -sum_k y_kn log a_kn; softmax output, one-hot y
};

enum class Initialisation {
    NaiveUniform,   // U(-scale, scale)
    NaiveNormal,    // N(0, scale^2)
    Xavier,         // U(-r, r), r = sqrt(6 / (fan_in + fan_out))  (Glorot & Bengio 2010, eq. 16)
    He,             // N(0, 2 / fan_in)                            (He et al. 2015, eq. 10)
};

std::string_view lossName(Loss loss);

class Network {
public:
    Network() = default;
    // hidden: one activation per hidden layer, or a single one used for all of them.
    // Throws std::invalid_argument for fewer than two widths, a width < 1, or a mismatch.
    Network(std::vector<int> widths, std::vector<Activation> hidden,
            OutputActivation output = OutputActivation::Linear);

    const std::vector<int>& widths() const { return widths_; }
    int layerCount() const { return int(widths_.size()) - 1; }        // weight layers L
    int hiddenLayerCount() const { return int(widths_.size()) - 2; }  // L - 1
    int inputCount() const { return widths_.front(); }
    int outputCount() const { return widths_.back(); }
    Activation hiddenActivation(int hidden) const { return hidden_.at(std::size_t(hidden)); }
    OutputActivation output() const { return output_; }

    Eigen::Index parameterCount() const { return offsets_.back(); }
    Eigen::Index weightOffset(int l) const { return offsets_[std::size_t(l)]; }
    Eigen::Index biasOffset(int l) const { return offsets_[std::size_t(l)] + Eigen::Index(widths_[l + 1]) * widths_[l]; }

    Eigen::VectorXd& parameters() { return params_; }
    const Eigen::VectorXd& parameters() const { return params_; }
    // Throws std::invalid_argument if the size differs from parameterCount().
    void setParameters(const Eigen::Ref<const Eigen::VectorXd>& p);

    // Views of layer l inside the network's own parameter vector...
    Eigen::Map<Eigen::MatrixXd> weights(int l) { return weightsIn(params_.data(), l); }
    Eigen::Map<const Eigen::MatrixXd> weights(int l) const { return weightsIn(params_.data(), l); }
    Eigen::Map<Eigen::VectorXd> bias(int l) { return biasIn(params_.data(), l); }
    Eigen::Map<const Eigen::VectorXd> bias(int l) const { return biasIn(params_.data(), l); }
    // ... or inside any vector with the same layout.
    Eigen::Map<Eigen::MatrixXd> weightsIn(double* p, int l) const
    {
        return {p + weightOffset(l), widths_[std::size_t(l) + 1], widths_[std::size_t(l)]};
    }
    Eigen::Map<const Eigen::MatrixXd> weightsIn(const double* p, int l) const
    {
        return {p + weightOffset(l), widths_[std::size_t(l) + 1], widths_[std::size_t(l)]};
    }
    Eigen::Map<Eigen::VectorXd> biasIn(double* p, int l) const { return {p + biasOffset(l), widths_[std::size_t(l) + 1]}; }
    Eigen::Map<const Eigen::VectorXd> biasIn(const double* p, int l) const
    {
        return {p + biasOffset(l), widths_[std::size_t(l) + 1]};
    }

    // Seeded initialisation of all weights; biases are set to zero.
    // scale is used by the naive schemes only.
    void initialise(Initialisation scheme, std::uint64_t seed, double scale = 0.1);

private:
    std::vector<int> widths_;
    std::vector<Activation> hidden_;
    OutputActivation output_ = OutputActivation::Linear;
    std::vector<Eigen::Index> offsets_{0};
    Eigen::VectorXd params_;
};

// Buffers for one forward/backward pass; reuse it to avoid allocating (resized on demand).
struct Workspace {
    std::vector<Eigen::MatrixXd> z;   // z[l]: n_{l+1} x N, pre-activations of layer l
    std::vector<Eigen::MatrixXd> a;   // a[l]: n_{l+1} x N, activations (a[L-1] is the output)
    Eigen::MatrixXd delta, deltaNext; // n x N, dLoss/dz while going backwards
};

// Forward pass with parameters p (layout of net): inputs X is n_0 x N (columns = samples);
// returns the output, n_L x N, which lives in ws until the next call.
const Eigen::MatrixXd& forward(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& p,
                               const Eigen::Ref<const Eigen::MatrixXd>& X, Workspace& ws);

// Convenience: the output of net (own parameters) for X; allocates.
Eigen::MatrixXd predict(const Network& net, const Eigen::Ref<const Eigen::MatrixXd>& X);

// Throws std::invalid_argument when loss and output activation do not fit together.
void checkLossFits(const Network& net, Loss loss);

// The loss of outputs A (n_L x N, from forward) against targets Y (n_L x N); uses ws.z
// for the cross-entropies (computed from z for accuracy: softplus(z) - y z).
double lossOfOutput(const Network& net, Loss loss, const Workspace& ws, const Eigen::Ref<const Eigen::MatrixXd>& Y);

// Loss of parameters p on (X, Y).
double evaluateLoss(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& p,
                    const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                    Loss loss, Workspace& ws);

// Loss and its gradient dLoss/dp by backpropagation (gradient has p's layout and size).
double lossAndGradient(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& p,
                       const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                       Loss loss, Workspace& ws, Eigen::Ref<Eigen::VectorXd> gradient);

// Euclidean norm of the weight gradient of each layer l (||dLoss/dW_l||_F), input side first;
// the quantity Glorot & Bengio (2010) plot to show gradients vanishing with depth.
std::vector<double> layerGradientNorms(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& gradient);

} // namespace minima
