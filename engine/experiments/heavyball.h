#pragma once
// Momentum on a quadratic bowl f(x) = 1/2 x^T A x (eigenvalues lambda_1, lambda_2). Along an
// eigenvector of eigenvalue lambda the gradient is lambda x, so one step of
//
//   heavy ball (Polyak 1964):          v <- beta v - alpha lambda x,           x <- x + v
//   Nesterov (Sutskever et al. 2013):  v <- beta v - alpha lambda (x + beta v), x <- x + v
//
// is a linear map of the pair (v, x) (Goh, "Why Momentum Really Works", Distill 2017):
//
//   heavy ball  M = [[beta,               -alpha lambda], [beta,               1 - alpha lambda]]
//   Nesterov    N = [[beta (1 - a l),     -alpha lambda], [beta (1 - a l),     1 - alpha lambda]]
//
// with trace T and determinant D: heavy ball T = 1 + beta - alpha lambda, D = beta; Nesterov
// T = (1 + beta)(1 - alpha lambda), D = beta (1 - alpha lambda). The eigenvalues are the roots of
// z^2 - T z + D, so the error along that eigenvector shrinks per step by the spectral radius
// max |z|: (|T| + sqrt(T^2 - 4D))/2 when the roots are real, sqrt(D) when they are complex
// (T^2 < 4D; for heavy ball sqrt(beta), whatever alpha). The whole run contracts by the larger
// radius of the two eigenvalues. Heavy ball converges iff 0 <= beta < 1 and
// 0 < alpha lambda < 2 (1 + beta) for both eigenvalues. Its best choice (Polyak 1964; Goh 2017),
//
//   alpha* = (2 / (sqrt(lmax) + sqrt(lmin)))^2,   beta* = ((sqrt(kappa) - 1)/(sqrt(kappa) + 1))^2,
//
// puts both eigenvalues on the edge T^2 = 4 beta (a double root) with radius
// sqrt(beta*) = (sqrt(kappa) - 1)/(sqrt(kappa) + 1), kappa = lmax/lmin, against gradient
// descent's best (kappa - 1)/(kappa + 1) at lr = 2/(lmin + lmax) (contraction.h).
//
// The measured rate runs the engine's Optimizer on the engine's QuadraticBowl and renormalises
// (x, v) after each step (a power iteration on the step map), as contraction.h does for GD.
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "engine/common/progress.h"

namespace minima {

class QuadraticBowl;

enum class MomentumMethod { HeavyBall, Nesterov };

// The 2x2 map of (v, x) along an eigenvector of eigenvalue lambda (above).
Eigen::Matrix2d momentumIterationMatrix(MomentumMethod method, double alpha, double beta, double lambda);

// max |z| over the roots of z^2 - trace z + det (real coefficients).
double quadraticRootRadius(double trace, double det);

// The spectral radius of momentumIterationMatrix, from its trace and determinant.
double momentumRadius(MomentumMethod method, double alpha, double beta, double lambda);
// The larger radius of the two eigenvalues: the rate of the whole run.
double momentumRadius(MomentumMethod method, double alpha, double beta, double lambda1, double lambda2);

struct MomentumOptimum {
    double alpha = 0;     // (2/(sqrt(lmax) + sqrt(lmin)))^2
    double beta = 0;      // ((sqrt(kappa) - 1)/(sqrt(kappa) + 1))^2
    double rate = 0;      // (sqrt(kappa) - 1)/(sqrt(kappa) + 1) = sqrt(beta)
    double gdRate = 0;    // gradient descent's best, (kappa - 1)/(kappa + 1)
    double gdAlpha = 0;   // at lr = 2/(lmin + lmax)
};
// Throws std::invalid_argument unless both eigenvalues are positive and finite.
MomentumOptimum momentumOptimum(double lambda1, double lambda2);

// The spectral radius over a grid of (alpha, beta): cell (row r, column c) at the centre
// alpha = (c + 1/2) alphaMax/cols, beta = (r + 1/2) betaMax/rows; row 0 is the smallest beta.
struct RateMap {
    int cols = 0, rows = 0;
    double alphaMax = 0, betaMax = 0;
    std::vector<double> radius;   // rows * cols, row-major
    double at(int r, int c) const { return radius[std::size_t(r) * std::size_t(cols) + std::size_t(c)]; }
    double alphaAt(int c) const { return (c + 0.5) * alphaMax / cols; }
    double betaAt(int r) const { return (r + 0.5) * betaMax / rows; }
};
// Throws std::invalid_argument for a grid under 1x1 or over 4000x4000, or bad ranges. A
// cancelled progress leaves the rows not reached at NaN.
RateMap momentumRateMap(MomentumMethod method, double lambda1, double lambda2, double alphaMax, double betaMax, int cols,
                        int rows, Progress& progress = Progress::none());

// The measured rate per step of heavy ball or Nesterov at (alpha, beta) on `bowl`: the engine's
// Optimizer from a seeded random unit x (v = 0), (x, v) renormalised after every step; the
// slope of log |(x, v)_t| between its means over steps [N/4, N/2) and [3N/4, N), N = steps.
// Where the dominant roots are real and distinct the error falls like (r2/r1)^(N/4); where they
// are complex the norm wobbles with the rotation and the window means average the wobble out
// (an error far below 1/N); at a double root (the optimum itself) the error decays like t r^t
// and the estimate is r times exp(the same window means of log t, over N/2), about r (1 + 1.7/N).
// Throws std::invalid_argument for a non-positive alpha, beta outside [0, 1) or steps < 2.
double measuredMomentumRate(const QuadraticBowl& bowl, MomentumMethod method, double alpha, double beta,
                            int steps = 20000, std::uint64_t seed = 1);

} // namespace minima
