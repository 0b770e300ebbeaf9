#pragma once
// Most critical points are saddles, part 1: how often is a random symmetric matrix positive
// definite? The book's coin-flip argument takes each of the d Hessian eigenvalues positive
// with probability 1/2, independently, so a critical point is a minimum with probability
// 2^-d. Eigenvalues of a random symmetric matrix are not independent: they repel each other,
// and all d of them on one side of 0 is far rarer. For the Gaussian orthogonal ensemble (GOE)
// Dean & Majumdar (2006, "Large deviations of extreme eigenvalues of random matrices", Phys.
// Rev. Lett. 97, 160201) find P(all eigenvalues > 0) ~ exp(-theta d^2) with
// theta = ln 3 / 4 ~ 0.2747 for large d.
//
// The Monte-Carlo: per dimension d, `samples` GOE matrices (diagonal N(0, 1), off-diagonal
// N(0, 1/2), the standard GOE), each tested for positive definiteness by a Cholesky
// factorisation (Eigen::LLT succeeds iff the matrix is positive definite); the share carries
// a 95 % Wilson interval. Samples are drawn in blocks of kGoeBlock, block b of dimension d
// from its own stream, so the counts do not depend on the thread count. The diagonal is drawn
// first: a matrix with a diagonal entry <= 0 is not positive definite, and its other entries
// are not drawn.
#include <cstdint>
#include <vector>

#include "engine/common/progress.h"
#include "engine/common/proportion.h"
#include "engine/experiments/catalog.h"

namespace minima {

inline constexpr int kGoeMaxDimension = 40;
inline constexpr int kGoeBlock = 1000;

struct GoeParams {
    int minDimension = 1;
    int maxDimension = 12;
    int samples = 20000;        // matrices per dimension
    std::uint64_t seed = 1;
};

struct GoeRow {
    int dimension = 0;
    long long samples = 0;
    long long positiveDefinite = 0;   // matrices whose Cholesky factorisation succeeded
    ProportionInterval share;         // positiveDefinite / samples, 95 % Wilson interval
    double coinFlip = 0;              // 2^-d, the book's argument
    double deanMajumdar = 0;          // exp(-(ln 3 / 4) d^2), the large-d asymptote
};

struct GoeResult {
    std::vector<GoeRow> rows;   // one per dimension, minDimension first
    bool cancelled = false;
};

// exp(-(ln 3 / 4) d^2) (Dean & Majumdar 2006): only the leading order for large d; it
// ignores the prefactor, so it is not the probability at small d (1/2 at d = 1 is 0.76 here).
double deanMajumdarAsymptote(int d);

// The exact probability that a d x d GOE matrix is positive definite where a closed form is
// known here: 1/2 for d = 1 and 1/2 - sqrt(2)/4 for d = 2 (derived in tst_randomhessians);
// NaN otherwise.
double goePositiveDefiniteExact(int d);

// Throws std::invalid_argument for dimensions outside [1, kGoeMaxDimension] or in the wrong
// order, or samples outside [1, 10^8]. threads = 0: workerCount().
GoeResult runGoe(const GoeParams& params, Progress& progress, unsigned threads = 0);

ExperimentInfo goeExperiment();

} // namespace minima
