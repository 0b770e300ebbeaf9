#pragma once
// Most critical points are saddles, part 2: the critical points of a small network's loss,
// after Dauphin, Pascanu, Gulcehre, Cho, Ganguli & Bengio (2014, "Identifying and attacking
// the saddle point problem in high-dimensional non-convex optimization", NIPS), figure 1:
// the index of a critical point (the share of its Hessian's eigenvalues that are negative)
// against its loss. In high dimensions the critical points of high loss are mostly saddles
// of large index, those near the lowest loss mostly minima.
//
// Network: 2-h-1, tanh hidden units, linear output, mean squared error, on a small fixed data
// set (the four XOR corners, or eight points of two moons), so the Hessian is P x P with
// P = 4h + 1 (13 for h = 3) and its eigenvalues are exact.
//
// Finding them: a critical point is a zero of g(theta) = grad L(theta). From each random start
// (weights and biases N(0, scale^2)), Levenberg-Marquardt on the residual g, whose Jacobian is
// the Hessian H: delta = -(H^2 + mu I)^-1 H g, mu shrunk after a step that lowers ||g|| and
// grown after one that does not. This is Gauss-Newton on 1/2 ||g||^2 (whose gradient is H g),
// damped: unlike gradient descent on the loss it is as happy to stop at a saddle as at a
// minimum, unlike plain gradient descent on 1/2 ||g||^2 it converges quadratically near a
// critical point whose Hessian is regular, and unlike Newton's raw step it does not jump
// away when H is near singular (Dauphin et al. and Pascanu et al. 2014 use Newton's method on
// g = 0 for the same purpose). ||g||^2 also has minima that are not critical points (H g = 0
// with g != 0): those runs end with ||g|| above the threshold and are dropped, and so are runs
// whose parameters grow past a bound (tanh saturating: ||g|| -> 0 only at infinity).
//
// Duplicates: the network computes the same function, with the same loss and spectrum, after
// any permutation of its hidden units and any sign flip of one (tanh(-z) = -tanh(z)); two
// points are merged when one, with its units flipped to non-negative outgoing weights and
// permuted, is within kMergeDistance of the other.
//
// Index: an eigenvalue within kFlatEigenvalue x max|lambda| of 0 counts as flat, neither
// negative nor positive; index = negatives / P.
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"
#include "engine/nn/datasets.h"
#include "engine/nn/network.h"

namespace minima {

inline constexpr double kFlatEigenvalue = 1e-6;    // relative to the largest |eigenvalue|
inline constexpr double kMergeDistance = 1e-4;     // times max(1, ||theta||)

struct CriticalParams {
    int hidden = 3;                    // hidden tanh units, 1..5
    std::string dataset = "xor";       // "xor" (4 corners) or "moons" (8 points)
    int starts = 300;                  // random starts, 1..100000
    double initScale = 1.5;            // starts N(0, scale^2), > 0
    int maxIterations = 300;           // Levenberg-Marquardt steps per start
    double gradientThreshold = 1e-8;   // ||grad L|| at most this to count as critical
    double maxParameterNorm = 30;      // runs ending farther out are dropped (saturated)
    std::uint64_t seed = 1;
};

struct HessianIndex {
    int negative = 0, flat = 0, positive = 0;
    double index = 0;                  // negative / size
};

struct CriticalPoint {
    Eigen::VectorXd parameters;
    double loss = 0;
    double gradientNorm = 0;           // ||grad L|| at the point
    std::vector<double> eigenvalues;   // of the exact Hessian, ascending
    HessianIndex index;
    int foundBy = 0;                   // starts that ended here (or at a symmetric copy)
    int firstStart = 0;                // the lowest such start
};

// How one start ended.
enum class CriticalOutcome { Critical, NotCritical, Escaped };

struct CriticalRun {
    CriticalOutcome outcome = CriticalOutcome::NotCritical;
    Eigen::VectorXd parameters;
    double loss = 0, gradientNorm = 0;
    int iterations = 0;
};

struct CriticalResult {
    std::vector<CriticalPoint> points;   // distinct critical points, lowest loss first
    int starts = 0;
    int critical = 0;                    // starts that reached ||grad L|| <= threshold
    int notCritical = 0;                 // stopped with ||grad L|| above it
    int escaped = 0;                     // parameters past maxParameterNorm, or not finite
    double spearman = 0;                 // rank correlation of index and loss over the points (NaN if undefined)
    double largestGradientNorm = 0;      // over the points kept
    int parameterCount = 0;
    bool cancelled = false;
};

// The lesson's network (2-hidden-1, tanh, linear output) and its data set.
Network criticalNetwork(int hidden);
Dataset criticalDataset(const std::string& name);

// The index of a spectrum: eigenvalues with |lambda| <= flat x max|lambda| count as flat.
HessianIndex hessianIndex(const std::vector<double>& eigenvalues, double flat = kFlatEigenvalue);

// Spearman's rank correlation (Pearson's of the ranks, ties given their mean rank); NaN for
// fewer than two values or when either side has all ranks equal.
double spearmanCorrelation(const std::vector<double>& x, const std::vector<double>& y);

// One Levenberg-Marquardt run on grad L = 0 from `start` (see above).
CriticalRun findCriticalPoint(const Network& net, const Eigen::Ref<const Eigen::MatrixXd>& X,
                              const Eigen::Ref<const Eigen::MatrixXd>& Y, const Eigen::Ref<const Eigen::VectorXd>& start,
                              const CriticalParams& params);

// theta with each hidden unit flipped so its outgoing weight is >= 0 (one hidden layer, tanh).
Eigen::VectorXd signNormalised(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& theta);

// The smallest ||a' - b'|| over permutations of a's hidden units, both sign-normalised.
double symmetricDistance(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& a,
                         const Eigen::Ref<const Eigen::VectorXd>& b);

// Throws std::invalid_argument for out-of-range parameters. threads = 0: workerCount().
CriticalResult runCriticalPoints(const CriticalParams& params, Progress& progress, unsigned threads = 0);

ExperimentInfo criticalPointsExperiment();

} // namespace minima
