#pragma once
// Conjugate gradients against steepest descent (Nocedal & Wright, "Numerical Optimization",
// 2nd ed., chapter 5), the experiment behind the second-order lesson's CG lab:
//  - on the 2-D bowl 1/2 x^T H x with eigenvalues 1 and kappa and a rotation (the momentum
//    lesson's bowl, conditionedBowl): steepest descent with exact line search zig-zags, linear
//    CG (N&W algorithm 5.2) lands on the minimum in at most n = 2 steps (N&W theorem 5.1);
//  - on an n-dimensional quadratic 1/2 x^T A x - b^T x whose eigenvalues lie in k clusters
//    (clusteredEigenvalues, matrixWithEigenvalues; seeded): the residual norm |b - A x_t| per
//    iteration of both, and the iterations each needs to bring it below tolerance * |r_0|. With
//    k distinct eigenvalues CG is exact after k steps (N&W theorem 5.4); with k tight clusters
//    it is close after about k (N&W 5.1, "Rate of convergence", figure 5.4);
//  - the conjugacy matrix C_ij = p_i^T A p_j / sqrt(p_i^T A p_i p_j^T A p_j) of CG's first
//    directions on that quadratic: the identity (N&W theorem 5.3), up to rounding;
//  - nonlinear CG, Fletcher-Reeves and Polak-Ribiere+ (N&W algorithm 5.4 and (5.44)), with the
//    strong Wolfe line search (c2 = 0.1), on Rosenbrock from a start, default (-1.2, 1).
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"
#include "engine/optim/linearcg.h"
#include "engine/optim/secondorder.h"

namespace minima {

struct ConjugateParams {
    // The 2-D bowl and its start.
    double kappa = 10;           // eigenvalues 1 and kappa, in [1, 1000]
    double angle = 30;           // rotation of the eigenvectors, degrees in [-180, 180]
    double x = -2.5, y = -1.0;   // the start on the map, |x|, |y| <= 100
    int mapSteps = 40;           // steepest descent's budget on the map, 1..10000
    // The n-dimensional quadratic.
    int n = 100;                 // 2..1000
    int clusters = 5;            // 1..n
    double spread = 0;           // each eigenvalue its cluster's centre times 1 + spread * u, u in [-1, 1]; [0, 0.5]
    double spectrum = 100;       // the spectrum's condition number: centres spread on a log scale over [1, spectrum]; [1, 10^6]
    double tolerance = 1e-10;    // stop when |r_t| <= tolerance |r_0|; [1e-14, 0.1]
    int sdSteps = 2000;          // steepest descent's budget on the n-D quadratic, 1..100000
    int directions = 8;          // the conjugacy matrix's size, 1..16 (at most the directions CG took)
    // Nonlinear CG on Rosenbrock.
    double startX = -1.2, startY = 1.0;   // |.| <= 10
    int cgSteps = 5000;          // nonlinear CG's budget, 1..100000
    double gradientTolerance = 1e-8;      // converged when |grad f| < this; [1e-12, 1e-2]

    void validate() const;       // std::invalid_argument naming the setting
};

// The budget linear CG gets on the n-D quadratic: in exact arithmetic n steps suffice; in
// floating point the directions lose conjugacy and it may need a few more.
inline int cgBudget(int n) { return 10 * n; }

// The conjugacy matrix takes CG's directions p_i made while |r_i| > kConjugateResidual |r_0|.
inline constexpr double kConjugateResidual = 1e-6;

struct ConjugateResult {
    // The 2-D bowl (b = 0: the minimum is the origin).
    Eigen::Matrix2d mapMatrix = Eigen::Matrix2d::Identity();
    QuadraticRun mapCg, mapSd;   // with points
    // The n-D quadratic: A's eigenvalues, the runs (residual norms; CG's directions kept).
    Eigen::VectorXd eigenvalues;
    int distinctEigenvalues = 0; // eigenvalues differing by more than 1e-12 relative
    QuadraticRun cg, sd;
    // Iterations to |r_t| <= tolerance |r_0| (-1 when the budget ran out first).
    int cgSteps = -1, sdSteps = -1;
    Eigen::MatrixXd conjugacy;   // of CG's first min(directions, taken) directions
    double largestOffDiagonal = 0;   // max |C_ij|, i != j (0 for one direction)
    double largestDiagonalError = 0; // max |C_ii - 1|
    // Nonlinear CG on Rosenbrock.
    SecondOrderRun fletcherReeves, polakRibiere;
    bool cancelled = false;
};

// Runs every part; std::invalid_argument for bad parameters (validate()). The quadratic's
// matrix comes from `seed`, its right-hand side b (standard normal) from the stream after it;
// x_0 = 0 on the n-D quadratic.
ConjugateResult runConjugate(const ConjugateParams& params, std::uint64_t seed, Progress& progress = Progress::none());

// The number of distinct values among `values`: sorted, a value counts when it exceeds the
// previous one by more than `relative` times its size.
int distinctValues(const Eigen::VectorXd& values, double relative = 1e-12);

// The first t with residualNorms[t] <= tolerance * residualNorms[0], or -1.
int stepsToTolerance(const std::vector<double>& residualNorms, double tolerance);

ExperimentInfo conjugateExperiment();

} // namespace minima
