#pragma once
// Linear conjugate gradients for a quadratic f(x) = 1/2 x^T A x - b^T x with A symmetric
// positive definite, i.e. for A x = b (Nocedal & Wright, "Numerical Optimization", 2nd ed.,
// algorithm 5.2), beside steepest descent with the exact line search on the same quadratic.
// In exact arithmetic CG's directions are A-conjugate (p_i^T A p_j = 0 for i != j) and it
// reaches the minimum in at most n steps, and in at most k when A has k distinct eigenvalues
// (N&W theorems 5.1 and 5.4); with eigenvalues in k tight clusters it is close after about k
// steps (N&W 5.1, "Rate of convergence"). Steepest descent's error in the A-norm shrinks by
// up to (kappa - 1)/(kappa + 1) per step (N&W theorem 3.3).
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "engine/common/progress.h"

namespace minima {

struct QuadraticRun {
    std::vector<Eigen::VectorXd> points;       // x_0 .. x_k (recordPoints)
    std::vector<double> residualNorms;         // |b - A x_t| for t = 0 .. k
    std::vector<Eigen::VectorXd> directions;   // the search directions p_0 .. p_{k-1} (recordPoints)
    int iterations = 0;
    bool converged = false;                    // |r_k| <= relativeTolerance |r_0| (or r_0 = 0)
    bool cancelled = false;
};

// N&W algorithm 5.2 from x0, at most maxIterations steps. Throws std::invalid_argument for a
// non-square A, mismatched sizes, maxIterations < 0 or a negative tolerance; stops early
// (not converged) if p^T A p <= 0, which a positive definite A never gives.
QuadraticRun linearConjugateGradient(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, Eigen::VectorXd x0,
                                     int maxIterations, double relativeTolerance, bool recordPoints = true,
                                     Progress& progress = Progress::none());

// Steepest descent with the exact step along the residual: x <- x + (r^T r / r^T A r) r.
QuadraticRun steepestDescentExact(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, Eigen::VectorXd x0,
                                  int maxIterations, double relativeTolerance, bool recordPoints = true,
                                  Progress& progress = Progress::none());

// C_ij = p_i^T A p_j / sqrt(p_i^T A p_i p_j^T A p_j): the identity for conjugate directions.
Eigen::MatrixXd conjugacy(const std::vector<Eigen::VectorXd>& directions, const Eigen::MatrixXd& a);

// Q diag(eigenvalues) Q^T with Q a seeded random orthogonal matrix (the Q of the QR
// factorisation of a standard normal matrix, signs fixed so R's diagonal is positive).
Eigen::MatrixXd matrixWithEigenvalues(const Eigen::VectorXd& eigenvalues, std::uint64_t seed);

// n eigenvalues in `clusters` clusters: centres spread evenly on a log scale over [lo, hi],
// each eigenvalue its centre times 1 + spread * u with u uniform in [-1, 1] (spread 0: exactly
// `clusters` distinct values); the n are dealt to the clusters in turn. Throws
// std::invalid_argument unless 1 <= clusters <= n, 0 < lo <= hi and 0 <= spread < 1.
Eigen::VectorXd clusteredEigenvalues(int n, int clusters, double lo, double hi, double spread, std::uint64_t seed);

} // namespace minima
