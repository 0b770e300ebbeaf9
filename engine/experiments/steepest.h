#pragma once
// Why the gradient points the wrong way, on the quadratic bowl f(x) = 1/2 x^T H x with
// eigenvalues 1 and kappa (the condition number) and a rotation.
//
// At a point x the gradient is g = H x. The way to the minimum is -x, which is also Newton's
// direction -H^-1 g (on a quadratic Newton's step lands). The negative gradient -g = -H x leans
// towards the steep eigenvector: in the eigenbasis, x = (u, v), the angle phi between -g and -x
// has cos phi = (l1 u^2 + l2 v^2) / (sqrt(l1^2 u^2 + l2^2 v^2) sqrt(u^2 + v^2)), and it is largest,
// cos phi = 2 sqrt(kappa)/(kappa + 1), at u = 1/sqrt(l1), v = 1/sqrt(l2).
//
// Along -g the loss changes by q(eps) = -eps g^T g + 1/2 eps^2 g^T H g (the second-order Taylor
// model, exact on a quadratic), a parabola with its minimum at eps* = g^T g / g^T H g, where it
// is -1/2 (g^T g)^2 / g^T H g: where g^T H g is large the best step is tiny (Goodfellow, Bengio &
// Courville, "Deep Learning", 4.3.1 and 8.2.1).
//
// Steepest descent with exact line search takes eps* every step. Each step multiplies the loss
// by 1 - (g^T g)^2 / ((g^T H g)(g^T H^-1 g)), at most ((kappa - 1)/(kappa + 1))^2 (the Kantorovich
// inequality; Nocedal & Wright, "Numerical Optimization", theorem 3.3; Luenberger, "Linear and
// Nonlinear Programming", 8.2). Consecutive gradients are orthogonal, so in two dimensions every
// second gradient has the same direction and every step the same ratio: the path zig-zags
// between two directions. The bound is attained from x0 proportional to (1/l1, +-1/l2) in the
// eigenbasis (g0 at 45 degrees to the eigenvectors); from there each step maps x to
// -(kappa - 1)/(kappa + 1) times its mirror image.
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"

namespace minima {

class QuadraticBowl;

// The lab's bowl: eigenvalues 1 and kappa, eigenvectors rotated by `angle` radians
// (eigenvalue 1 along (cos angle, sin angle)). std::invalid_argument unless 1 <= kappa <= 10^6
// and the angle is finite.
QuadraticBowl conditionedBowl(double kappa, double angle);

// The contour f = level of that bowl, exact: u = sqrt(2 level) cos t, v = sqrt(2 level / kappa) sin t
// in the eigenbasis, as a closed polyline of `count` + 1 points.
std::vector<Eigen::Vector2d> bowlEllipse(double kappa, double angle, double level, int count = 120);

// A line search's run stops when the loss has fallen below this fraction of the start's: what
// is left is rounding (and with kappa = 1 the first step lands on the minimum).
inline constexpr double kLandedFraction = 1e-30;

struct BowlDirections {
    Eigen::Vector2d point = Eigen::Vector2d::Zero();
    Eigen::Vector2d gradient = Eigen::Vector2d::Zero();   // g = H x
    Eigen::Vector2d steepest = Eigen::Vector2d::Zero();   // -g
    Eigen::Vector2d newton = Eigen::Vector2d::Zero();     // -H^-1 g
    Eigen::Vector2d toMinimum = Eigen::Vector2d::Zero();  // -x (the minimum is at 0)
    double angle = 0;         // between -g and -x, radians in [0, pi/2)
    double newtonAngle = 0;   // between -H^-1 g and -x (0 up to rounding)
    bool atMinimum = false;   // g = 0: no direction is defined (the angles stay 0)
};
// std::invalid_argument for a non-finite point.
BowlDirections bowlDirections(const QuadraticBowl& bowl, const Eigen::Vector2d& x);

// The angle between -g and -x from the eigen-coordinates (u, v) of x, by the closed form above.
double gradientAngleClosedForm(double lambda1, double lambda2, double u, double v);
// The largest angle over all points: acos(2 sqrt(kappa)/(kappa + 1)).
double largestGradientAngle(double kappa);

// The loss's change along -g at x as a function of the step eps.
struct LineModel {
    double gg = 0;           // g^T g
    double gHg = 0;          // g^T H g
    double bestStep = 0;     // eps* = g^T g / g^T H g (0 where g = 0)
    double bestChange = 0;   // q(eps*) = -1/2 (g^T g)^2 / g^T H g
    bool flat = false;       // g = 0: the loss does not change along any line
    double change(double eps) const { return -eps * gg + 0.5 * eps * eps * gHg; }
};
LineModel lineModel(const QuadraticBowl& bowl, const Eigen::Vector2d& x);
// f(x - eps g) - f(x), evaluated: the model's claim that it is exact on a quadratic is checked
// against this.
double changeAlongGradient(const QuadraticBowl& bowl, const Eigen::Vector2d& x, double eps);

// The worst-case loss ratio per step, ((kappa - 1)/(kappa + 1))^2.
double zigzagRateBound(double kappa);
// The ratio per step from this start in two dimensions, 1 - (g^T g)^2 / ((g^T H g)(g^T H^-1 g))
// with g = H x0 (0 at the minimum itself).
double zigzagRateFromStart(const QuadraticBowl& bowl, const Eigen::Vector2d& x0);
// The start that attains the bound: (1/l1, 1/l2) in the eigenbasis, scaled to length `radius`.
Eigen::Vector2d worstStart(double kappa, double angle, double radius);

struct LineSearchRun {
    std::vector<Eigen::Vector2d> points;   // points[0] is the start
    std::vector<double> losses;            // f(points[t])
    std::vector<double> stepSizes;         // eps_t, the step from points[t] to points[t + 1]
    std::vector<double> ratios;            // losses[t + 1] / losses[t]
    int steps = 0;
    bool landed = false;      // stopped at the minimum: g = 0 or the loss below kLandedFraction of the start's
    bool atMinimum = false;   // the start itself is the minimum: no step is taken
    bool cancelled = false;
    // The measured ratio per step: the geometric mean of the ratios over the last half of the
    // steps taken (the last step's alone when it landed; 0 when it landed at the first step).
    double measuredRate = 0;
};
// Steepest descent x_{t+1} = x_t - eps_t g_t with eps_t = g_t^T g_t / g_t^T H g_t, at most `steps`
// steps. std::invalid_argument for steps outside [1, 10^6] or a non-finite start.
LineSearchRun steepestDescent(const QuadraticBowl& bowl, const Eigen::Vector2d& x0, int steps,
                              Progress& progress = Progress::none());

// The asymptotic loss ratio per step, measured by `steps` line-search steps with x renormalised
// after each (the ratio does not depend on |x|, and nothing underflows): the last step's ratio.
// 0 when a step lands on the minimum.
double measuredZigzagRate(const QuadraticBowl& bowl, const Eigen::Vector2d& x0, int steps);

// The experiment: directions at a point, the line model, the run and its rates.
struct SteepestParams {
    double kappa = 10;
    double angle = 30;    // degrees
    double x = -2.5, y = -1.0;   // the lab's default point
    int steps = 50;
    bool worst = false;   // start at worstStart(kappa, angle, |(x, y)|) instead
    void validate() const;   // std::invalid_argument naming the setting
};

ExperimentInfo steepestExperiment();

} // namespace minima
