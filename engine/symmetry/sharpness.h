#pragma once
// Sharpness of a minimum: the largest eigenvalue of the Hessian of the training loss with
// respect to all parameters. Dinh, Pascanu, Bengio & Bengio (2017, "Sharp minima can
// generalize for deep nets") show it is not invariant under ReLU rescaling, although the
// function is: rescaling a neuron by k multiplies the Hessian block of its incoming weights
// by 1/k^2 and of its outgoing weights by k^2.
#include <cstdint>

#include <Eigen/Core>

#include "engine/nn/network.h"

namespace minima {

struct SharpnessOptions {
    int maxIterations = 300;     // power iteration steps
    double tolerance = 1e-9;     // relative change of the eigenvalue estimate
    double step = 1e-5;          // finite-difference step, relative to max(1, ||p||)
    std::uint64_t seed = 1;      // start vector
};

struct SharpnessResult {
    double largestEigenvalue = 0;
    int iterations = 0;
    bool converged = false;
};

// Power iteration with Hessian-vector products by central differences of the analytic
// gradient: H v ~ (g(p + h v) - g(p - h v)) / (2 h). If the dominant eigenvalue is negative,
// a second run on H - lambda I finds the largest (algebraic) one.
SharpnessResult sharpness(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& params,
                          const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                          Loss loss, const SharpnessOptions& options = {});

// The full Hessian by central differences of the gradient, symmetrised (P x P; small nets).
Eigen::MatrixXd finiteDifferenceHessian(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& params,
                                        const Eigen::Ref<const Eigen::MatrixXd>& X,
                                        const Eigen::Ref<const Eigen::MatrixXd>& Y, Loss loss, double step = 1e-5);

} // namespace minima
