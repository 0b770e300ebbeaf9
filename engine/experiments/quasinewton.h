#pragma once
// BFGS and L-BFGS, seen from inside (Nocedal & Wright, "Numerical Optimization", 2nd ed., N&W).
//
// BFGS keeps an estimate H_k of the inverse Hessian and updates it after every step so that it
// satisfies the secant equation H_{k+1} y_k = s_k, with s_k = x_{k+1} - x_k and
// y_k = grad f(x_{k+1}) - grad f(x_k) (N&W 6.1, (6.17)). Its quadratic model at x_k is
// m(d) = f + g^T d + 1/2 d^T H_k^-1 d; the ellipse {d : d^T H_k^-1 d = c} shows that model's
// curvature, beside {d : d^T (grad^2 f) d = c} of the true Hessian at the same point. Near a
// minimum with a positive definite Hessian H_k tends to the true inverse Hessian (N&W 6.4,
// theorem 6.6 and the Dennis-More condition (3.36)); the relative Frobenius error
// |H_k - (grad^2 f)^-1|_F / |(grad^2 f)^-1|_F says how far it is.
//
// L-BFGS keeps only the last m pairs (s, y) and applies the estimate by the two-loop recursion
// (N&W 7.2, algorithm 7.4): the memory sweep counts iterations and gradient evaluations to a
// tolerance for m = 1 .. 20 on the lab's surface or in n dimensions on the chained Rosenbrock
// function f = sum_{i=1}^{n-1} 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2, where every coordinate is
// coupled to the next and memory pays, or the extended Rosenbrock function
// f = sum_{i=1}^{n/2} 100 (x_{2i} - x_{2i-1}^2)^2 + (1 - x_{2i-1})^2 (Moré, Garbow & Hillstrom 1981,
// problem 21), n/2 uncoupled copies of the 2-D valley, where it hardly does; both from
// (-1.2, 1, -1.2, 1, ...), minimum 0 at (1, ..., 1).
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"
#include "engine/nn/datasets.h"
#include "engine/nn/network.h"
#include "engine/optim/secondorder.h"
#include "engine/surfaces/surface.h"

namespace minima {

// The lab's surfaces: "rosenbrock" and "beale" (std::invalid_argument otherwise).
const std::vector<std::string>& quasiNewtonSurfaceKeys();
std::unique_ptr<Surface> quasiNewtonSurface(const std::string& key);

// The closed polyline {center + d : d^T A d = c} of a symmetric positive definite A, `count` + 1
// points (the last repeats the first), from A's eigen-decomposition: d = sqrt(c / a_i) along the
// eigenvector of a_i. Empty unless A is positive definite and finite and c > 0.
std::vector<Eigen::Vector2d> quadraticEllipse(const Eigen::Matrix2d& a, const Eigen::Vector2d& center, double c,
                                              int count = 96);
// The same ellipse given A's inverse (BFGS's H_k for A = H_k^-1): d = sqrt(c h_i) along the
// eigenvectors of H, so nothing is inverted. Empty unless H is positive definite and finite.
std::vector<Eigen::Vector2d> inverseQuadraticEllipse(const Eigen::Matrix2d& inverse, const Eigen::Vector2d& center,
                                                     double c, int count = 96);

// |estimate - truth^-1|_F / |truth^-1|_F; NaN when the true Hessian is singular or not finite.
double relativeInverseError(const Eigen::Matrix2d& estimate, const Eigen::Matrix2d& trueHessian);

struct BfgsPathParams {
    std::string surface = "rosenbrock";
    double x = -1.2, y = 1.0;     // the start
    int maxSteps = 200;
    double tolerance = 1e-8;      // |grad f| at which the run has converged
    void validate() const;        // std::invalid_argument naming the setting
};

// The curvature at points[k] of a BFGS run: BFGS's estimate and the truth.
struct BfgsStepCurvature {
    Eigen::Matrix2d estimate = Eigen::Matrix2d::Identity();   // H_k, BFGS's inverse-Hessian estimate
    Eigen::Matrix2d trueHessian = Eigen::Matrix2d::Zero();    // grad^2 f(x_k)
    bool truePositiveDefinite = false;   // the true Hessian's ellipse exists
    double relativeError = 0;            // relativeInverseError (NaN where the Hessian is singular)
    double level = 0;                    // the c both ellipses share
    std::vector<Eigen::Vector2d> estimateEllipse, trueEllipse;   // empty where not positive definite
};

struct BfgsPathResult {
    SecondOrderRun run;                      // points, losses, evaluations, stop reason
    std::vector<BfgsStepCurvature> steps;    // one per point of the run
    Eigen::Vector2d minimum = Eigen::Vector2d::Zero();   // the surface's global minimum
};

// The ellipses share c: the one that makes the true Hessian's ellipse (where it is positive
// definite; else the estimate's) `radius` long on its longer semi-axis.
BfgsPathResult runBfgsPath(const BfgsPathParams& params, double radius = 0.35, Progress& progress = Progress::none());

// The extended Rosenbrock function in n (even) dimensions, with its gradient.
SmoothObjective extendedRosenbrock(int n);
Eigen::VectorXd extendedRosenbrockStart(int n);   // (-1.2, 1, -1.2, 1, ...)
// The chained Rosenbrock function, f = sum_{i=1}^{n-1} 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2, any n >= 2.
SmoothObjective chainedRosenbrock(int n);   // (-1.2, 1, -1.2, 1, ...)

struct LbfgsMemoryParams {
    std::string problem = "chained-rosenbrock";   // or "extended-rosenbrock", "rosenbrock", "beale" (from x, y)
    int n = 100;                  // the n-dimensional problems' dimension, even, 2..10000
    double x = -1.2, y = 1.0;     // the 2-D surfaces' start
    int minMemory = 1, maxMemory = 20;
    double tolerance = 1e-6;
    int maxSteps = 20000;
    void validate() const;
};

struct LbfgsMemoryPoint {
    int memory = 0;
    int iterations = 0;
    int gradientEvaluations = 0;
    bool converged = false;
    double finalGradientNorm = 0;
    double finalLoss = 0;
    std::string stopReason;
};

struct LbfgsMemoryResult {
    int dimension = 0;
    std::vector<LbfgsMemoryPoint> points;   // memory minMemory .. maxMemory
    LbfgsMemoryPoint bfgs;                  // full BFGS on the same problem (memory 0)
};

LbfgsMemoryResult runLbfgsMemory(const LbfgsMemoryParams& params, Progress& progress = Progress::none());

// Full-batch training of a small network: its mean softmax cross-entropy on the whole set as a
// SmoothObjective of the flattened parameters (value: evaluateLoss; gradient: backpropagation,
// lossAndGradient). `net` and `data` must outlive the objective. The data set must be
// multi-class with as many classes as the network has outputs (std::invalid_argument otherwise).
SmoothObjective networkObjective(const Network& net, const Dataset& data, const Eigen::MatrixXd& oneHotTargets);

struct FullBatchParams {
    std::vector<int> widths{64, 16, 10};   // tanh hidden layers, softmax output
    int evaluations = 300;     // each method's budget of gradient evaluations
    double gdRate = 0.5;       // gradient descent's step
    double adamRate = 0.01;    // Adam's step (beta1 0.9, beta2 0.999)
    int memory = 10;           // L-BFGS's pairs
    std::uint64_t seed = 1;    // the Xavier initialisation all four methods share
    void validate() const;
};

struct FullBatchCurve {
    std::string method;                // "gd", "adam", "bfgs", "lbfgs"
    std::vector<int> evaluations;      // gradient evaluations spent so far (0 at the start)
    std::vector<double> losses;        // the loss after them
    double finalLoss = 0;
    std::string stopReason;
};

struct FullBatchResult {
    int parameters = 0;
    int samples = 0;
    std::vector<FullBatchCurve> curves;   // gd, adam, bfgs, lbfgs
};

// Trains the network from one initialisation with gradient descent, Adam, BFGS and L-BFGS, each
// until it has spent `evaluations` gradients (or converged, |g| < 1e-10).
FullBatchResult runFullBatch(const FullBatchParams& params, const Dataset& data, Progress& progress = Progress::none());

// Where `minima run full-batch` finds the digits (as setStartToSolutionDataset does).
void setFullBatchDataset(std::function<Dataset()> source);

ExperimentInfo bfgsPathExperiment();
ExperimentInfo lbfgsMemoryExperiment();
ExperimentInfo fullBatchExperiment();

} // namespace minima
