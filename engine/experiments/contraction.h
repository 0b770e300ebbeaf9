#pragma once
// Gradient descent on a quadratic bowl f(x) = 1/2 x^T A x: one step is the linear map
// x <- (I - lr A) x, which multiplies the error along the eigenvector of eigenvalue lambda_i
// by (1 - lr lambda_i). The worst direction decides: the contraction per step is
// max_i |1 - lr lambda_i|, below 1 iff 0 < lr lambda_i < 2 for every i (Nocedal & Wright,
// "Numerical Optimization", 3.3; Goh, "Why Momentum Really Works", Distill 2017).
//
// Here the contraction is MEASURED by running the optimizer (the engine's gradient descent on
// the engine's rotated bowl) and compared with that formula in the lesson and its tests.
#include <cstdint>
#include <vector>

#include <Eigen/Core>

namespace minima {

class QuadraticBowl;

// The learning rates worth marking on a bowl with eigenvalues l1, l2 (both > 0).
struct LearningRateThresholds {
    double exact1 = 0;      // 1/l1: one step lands exactly on the bottom along eigenvector 1
    double exact2 = 0;      // 1/l2: the same along eigenvector 2
    double best = 0;        // 2/(lmin + lmax): the smallest worst-case contraction
    double divergence = 0;  // 2/lmax: above it the steep direction grows
    double bestContraction = 0;   // (kappa - 1)/(kappa + 1), kappa = lmax/lmin, at `best`
};
LearningRateThresholds learningRateThresholds(double lambda1, double lambda2);

// max_i |1 - lr lambda_i|: the formula the measurement is compared with.
double contractionBound(double lambda1, double lambda2, double learningRate);

// The measured contraction per step of gradient descent at `learningRate` on `bowl`: the
// asymptotic ratio |x_{t+1}| / |x_t| of a run from a seeded random direction, renormalised
// after each step so nothing under- or overflows (power iteration on the step map). After
// `steps` steps the error against the dominant ratio is at most about (r2/r1)^steps.
// Throws std::invalid_argument for a non-positive or non-finite rate or steps < 1.
double measuredContraction(const QuadraticBowl& bowl, double learningRate, int steps = 4000,
                           std::uint64_t seed = 1);

struct ContractionSample {
    double learningRate = 0;
    double measured = 0;
    double bound = 0;   // contractionBound at this rate
};

// Measured and formula contraction at `count` rates evenly spaced in [from, to] (from > 0).
std::vector<ContractionSample> contractionSweep(const QuadraticBowl& bowl, double from, double to, int count,
                                                int steps = 4000, std::uint64_t seed = 1);

} // namespace minima
