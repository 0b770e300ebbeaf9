#pragma once
// Sharpness of a minimum: the largest eigenvalue of the Hessian of the training loss with
// respect to all parameters. Dinh, Pascanu, Bengio & Bengio (2017, "Sharp minima can
// generalize for deep nets") show it is not invariant under ReLU rescaling, although the
// function is: rescaling a neuron by k multiplies the Hessian block of its incoming weights
// by 1/k^2 and of its outgoing weights by k^2.
//
// The Hessian-vector products are exact (Pearlmutter 1994, "Fast exact multiplication by the
// Hessian", Neural Computation 6): forward-over-reverse differentiation of backpropagation.
// A ReLU network is piecewise polynomial in its parameters, so a finite difference of the
// gradient crosses kinks where a neuron's pre-activation is near 0 (as after rescaling its
// incoming weights by a small k) and overstates the curvature; the exact product does not.
#include <cstdint>

#include <Eigen/Core>

#include "engine/nn/network.h"

namespace minima {

struct SharpnessOptions {
    int maxIterations = 300;     // power iteration steps (large networks only)
    double tolerance = 1e-9;     // relative change of the eigenvalue estimate
    std::uint64_t seed = 1;      // start vector
};

struct SharpnessResult {
    double largestEigenvalue = 0;
    int iterations = 0;          // Hessian-vector products used
    bool converged = false;
};

// Networks with at most this many parameters get the full exact Hessian and its eigenvalues
// (P products, cheaper than a power iteration and exact); larger ones the power iteration.
inline constexpr Eigen::Index kFullHessianLimit = 600;

// out = H v, the exact Hessian of the loss at params times v (any vector of params' size).
// Throws std::invalid_argument for sizes that do not fit or a loss that does not fit the output.
void hessianVectorProduct(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& params,
                          const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                          Loss loss, const Eigen::Ref<const Eigen::VectorXd>& v, Eigen::Ref<Eigen::VectorXd> out);

// The largest (algebraic) eigenvalue of the exact Hessian: from the full matrix for at most
// kFullHessianLimit parameters, otherwise by power iteration on exact products (if the
// dominant eigenvalue is negative, a second run on H - lambda I finds the largest one).
SharpnessResult sharpness(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& params,
                          const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                          Loss loss, const SharpnessOptions& options = {});

// The full exact Hessian, P x P, column j = H e_j, symmetrised (small nets).
Eigen::MatrixXd exactHessian(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& params,
                             const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                             Loss loss);

// The full Hessian by central differences of the gradient, symmetrised (P x P; small nets).
// Only right where no pre-activation is within the step of a ReLU kink: for comparisons.
Eigen::MatrixXd finiteDifferenceHessian(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& params,
                                        const Eigen::Ref<const Eigen::MatrixXd>& X,
                                        const Eigen::Ref<const Eigen::MatrixXd>& Y, Loss loss, double step = 1e-5);

} // namespace minima
