#pragma once
// Activation functions of a fully connected network, and fast vectorised tanh and
// sigmoid (Eigen 3.4 evaluates tanh on double arrays one scalar at a time).
#include <optional>
#include <string_view>

#include <Eigen/Core>

namespace minima {

enum class Activation { ReLU, LeakyReLU, Tanh, Sigmoid, Linear };

// Slope of leaky ReLU for z < 0 (Maas, Hannun & Ng 2013 use 0.01).
inline constexpr double kLeakySlope = 0.01;

std::string_view activationName(Activation a);                    // "relu", "leaky-relu", "tanh", "sigmoid", "linear"
std::optional<Activation> activationFromName(std::string_view name);

// out[i] = tanh(in[i]) for i < n, to a few ulp (in may equal out):
// tanh|x| = -m / (2 + m) with m = expm1(-2|x|) (own vectorisable expm1), sign restored.
void vectorTanh(const double* in, double* out, Eigen::Index n);

// out[i] = 1 / (1 + exp(-in[i])), the logistic sigmoid (in may equal out).
void vectorSigmoid(const double* in, double* out, Eigen::Index n);

// values[i] = f(values[i]) for i < n, in place: activate() on a plain array.
void activateInPlace(Activation f, double* values, Eigen::Index n);

// a = f(z), elementwise; z and a have the same shape (a may alias z).
void activate(Activation f, const Eigen::MatrixXd& z, Eigen::MatrixXd& a);

// delta := delta .* f'(z), with a = f(z) already computed (tanh' = 1 - a^2, sigmoid' = a (1 - a)).
void multiplyByDerivative(Activation f, const Eigen::MatrixXd& z, const Eigen::MatrixXd& a, Eigen::MatrixXd& delta);

} // namespace minima
