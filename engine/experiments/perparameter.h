#pragma once
// A learning rate per parameter, on the bowl f(x) = 1/2 x^T H x with eigenvalues 1 and kappa and a
// rotation (conditionedBowl, steepest.h).
//
// Gradient descent steps every coordinate by one rate eps. AdaGrad and RMSProp (Goodfellow,
// Bengio & Courville, "Deep Learning", 8.5.1 and 8.5.2, algorithms 8.4 and 8.5) keep a squared-
// gradient sum or average r per coordinate and step coordinate i by the rate
//     eps_i,t = eps / (delta + sqrt(r_i,t)),
// AdaGrad with r_t = r_{t-1} + g_t^2, RMSProp with r_t = rho r_{t-1} + (1 - rho) g_t^2, the
// gradient g_t already included (so eps_i,t is the rate that multiplies g_i,t). The engine's
// Optimizer (engine/optim/optimizer.h) keeps the same r and calls delta `epsilon`; this file
// recomputes the rates from the formulas and measures how far they are from the optimizer's
// actual steps, x_{t+1} - x_t = -eps_t * g_t componentwise.
//
// With a constant gradient g AdaGrad's r_t = t g^2, so eps_t = eps/(delta + |g| sqrt t): the rate
// falls like t^(-1/2), a slope of -1/2 on log-log axes, and the distance travelled in T steps
// is at most 2 eps sqrt(T) per coordinate: a long run stalls. RMSProp's r forgets at the rate
// rho, so with a constant gradient it tends to g^2 and the rate to eps/(delta + |g|).
//
// Diagonal scaling: on an axis-aligned bowl g_i = lambda_i x_i, and with delta = 0 the step
// eps lambda_i x_i / sqrt(sum lambda_i^2 x_i^2) does not depend on lambda_i at all; the path of
// either adaptive method is the same for every kappa. On a rotated bowl each coordinate mixes
// both eigenvalues and a diagonal scaling cannot undo the conditioning (a diagonal
// preconditioner is exact only when the Hessian is diagonal; Nocedal & Wright, "Numerical
// Optimization" 2nd ed., 5.1, "Preconditioning", and 3.3 on the dependence of steepest descent
// on scaling).
#include <array>
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"
#include "engine/optim/optimizer.h"

namespace minima {

class QuadraticBowl;

// The per-coordinate rate of GD (constant), AdaGrad or RMSProp, tracked from the gradients.
class EffectiveRate {
public:
    // kind: GradientDescent, AdaGrad or RMSProp (std::invalid_argument otherwise).
    EffectiveRate(OptimizerKind kind, double learningRate, double rho, double delta);
    // Takes g_t into r and returns the rate per coordinate that multiplies g_t.
    Eigen::Vector2d update(const Eigen::Vector2d& g);
    const Eigen::Vector2d& accumulated() const { return r_; }

private:
    OptimizerKind kind_;
    double lr_, rho_, delta_;
    Eigen::Vector2d r_ = Eigen::Vector2d::Zero();
};

// eps / (delta + |g| sqrt(t)): AdaGrad's rate at step t (t >= 1) under a constant gradient g.
double adagradConstantGradientRate(double learningRate, double delta, double g, long long t);

// The least-squares slope of log(rate) against log(t) over the last decade of steps,
// t in [ceil(T/10), T] with T = rates.size() (rates[t - 1] is step t's). NaN when T < 20 or a
// rate there is not finite and positive.
double logLogSlope(const std::vector<double>& rates);

// A run stops as diverged when |x| exceeds this, or a value is not finite.
inline constexpr double kPerParameterEscape = 1e6;

struct PerParameterTrace {
    OptimizerKind kind = OptimizerKind::GradientDescent;
    std::vector<Eigen::Vector2d> points;   // points[0] is the start
    std::vector<double> losses;            // f(points[t])
    std::vector<Eigen::Vector2d> rates;    // rates[t - 1]: the rate per coordinate at step t
    int steps = 0;                         // steps taken
    int stepsToTolerance = -1;             // first t with |x_t| <= tolerance (-1: never)
    bool diverged = false;                 // stopped: |x| above kPerParameterEscape or not finite
    int divergedAt = -1;
    double finalDistance = 0;              // |x| at the last recorded point
    // The largest |(x_{t+1} - x_t) + rates[t] * g_t| over the run, componentwise: how far the
    // rates computed here are from the optimizer's steps (0 up to rounding).
    double rateMismatch = 0;
    // logLogSlope of each coordinate's rate (NaN for GD, a run under 20 steps or a diverged run).
    std::array<double, 2> slope{{0.0, 0.0}};
};

struct PerParameterParams {
    double kappa = 100;
    double angle = 0;          // degrees
    double x = -2.5, y = 2.0;  // the start
    int steps = 2000;
    double gdRate = 0.01;
    double adagradRate = 0.01;
    double rmspropRate = 0.01;
    double rho = 0.9;
    double delta = 1e-8;
    double tolerance = 0.01;   // on the distance |x| to the minimum
    void validate() const;     // std::invalid_argument naming the setting
};

struct PerParameterResult {
    std::array<PerParameterTrace, 3> traces;   // GD, AdaGrad, RMSProp
    bool cancelled = false;
};

// One method's run from p's start on conditionedBowl(p.kappa, p.angle degrees), through the
// engine's Optimizer, with its effective rates per step.
PerParameterTrace perParameterRun(const QuadraticBowl& bowl, OptimizerKind kind, double learningRate,
                                  const PerParameterParams& p, Progress& progress = Progress::none());
// All three; validates p first.
PerParameterResult perParameterExperiment(const PerParameterParams& p, Progress& progress = Progress::none());

ExperimentInfo perParameterExperimentInfo();

} // namespace minima
