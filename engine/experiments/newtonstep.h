#pragma once
// Newton's step on a 2-D surface, and what the Hessian costs for a network.
//
// At a point x the second-order Taylor model is m(x + d) = f(x) + g^T d + 1/2 d^T H d, with g the
// gradient and H the Hessian there. Where H is invertible the model has one critical point,
// x_N = x - H^-1 g, and m(x_N + e) = m* + 1/2 e^T H e with m* = f(x) - 1/2 g^T H^-1 g: its
// contours are ellipses about x_N when H is definite and hyperbolas when it is indefinite.
// Newton's method jumps to x_N, whatever kind of point it is: the model's minimum (H positive
// definite), its saddle (indefinite) or its maximum (negative definite). On a quadratic the
// model is the function, so one step lands on its critical point; near a nondegenerate
// critical point of any kind the method converges to it quadratically (Nocedal & Wright,
// "Numerical Optimization", 2nd ed., theorem 3.5; Dauphin et al. 2014, "Identifying and
// attacking the saddle point problem in high-dimensional non-convex optimization", section 4).
// Damped Newton takes x <- x - alpha H^-1 g; on a quadratic the distance to the critical point
// then shrinks by exactly 1 - alpha per step.
//
// For a network of n parameters H has n^2 entries (n(n + 1)/2 of them distinct), 8 n^2 bytes in
// double precision, and solving H d = g by Cholesky takes about n^3/3 multiply-adds (Golub &
// Van Loan, "Matrix Computations", 4th ed., algorithm 4.2.2).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"
#include "engine/optim/secondorder.h"
#include "engine/surfaces/surface.h"

namespace minima {

// f = x^2/2 + y^4/4 - y^2/2: minima at (0, +-1) with f = -1/4, a saddle at the origin, and
// f_yy = 3y^2 - 1 < 0 for |y| < 1/sqrt(3). Newton's y-update is y <- 2y^3/(3y^2 - 1), which
// maps |y| <= 0.4 into |y| <= 0.25 with |y'| <= 0.62 |y|: from there Newton goes to the saddle.
class DoubleWell final : public Surface {
public:
    std::string name() const override { return "double-well"; }
    double value(const Point2& p) const override
    {
        const double y2 = p.y() * p.y();
        return 0.5 * p.x() * p.x() + 0.25 * y2 * y2 - 0.5 * y2;
    }
    Point2 gradient(const Point2& p) const override { return {p.x(), p.y() * p.y() * p.y() - p.y()}; }
    Eigen::Matrix2d hessian(const Point2& p) const override
    {
        Eigen::Matrix2d h;
        h << 1.0, 0.0, 0.0, 3.0 * p.y() * p.y() - 1.0;
        return h;
    }
    Domain domain() const override { return {-2, 2, -2, 2}; }
    Point2 defaultStart() const override { return {1.5, 0.3}; }
    std::vector<KnownPoint> knownPoints() const override;
};

// The lab's surfaces: bowl (eigenvalues 1 and 10, turned by 30 degrees), rosenbrock,
// himmelblau, double-well. newtonSurface throws std::invalid_argument for another key.
const std::vector<std::string>& newtonSurfaceKeys();
std::unique_ptr<Surface> newtonSurface(const std::string& key);

// What kind of point the model's critical point is.
enum class ModelShape { Minimum, Saddle, Maximum, Singular };
std::string modelShapeName(ModelShape shape);   // "minimum", "saddle", "maximum", "singular"

struct QuadraticModel {
    Point2 point = Point2::Zero();
    double value = 0;                         // f(x), also m(x)
    Point2 gradient = Point2::Zero();
    Eigen::Matrix2d hessian = Eigen::Matrix2d::Zero();
    Eigen::Vector2d eigenvalues = Eigen::Vector2d::Zero();   // ascending
    Eigen::Matrix2d eigenvectors = Eigen::Matrix2d::Identity();   // columns, in that order
    ModelShape shape = ModelShape::Singular;
    // The rest is defined unless the shape is Singular.
    Point2 newtonPoint = Point2::Zero();      // x - H^-1 g
    Point2 newtonStep = Point2::Zero();       // -H^-1 g
    double modelAtNewton = 0;                 // m* = f(x) - 1/2 g^T H^-1 g
    double valueAtNewton = 0;                 // f(x_N), what the surface really has there
    // The model's value at x + d.
    double model(const Point2& d) const { return value + gradient.dot(d) + 0.5 * d.dot(hessian * d); }
};

// An eigenvalue counts as zero when |lambda| <= 1e-10 max(1, |lambda_max|). std::invalid_argument
// for a non-finite point.
QuadraticModel quadraticModel(const Surface& surface, const Point2& x);

// The model's contour m = m* + k/2, i.e. (p - x_N)^T H (p - x_N) = k: an ellipse (one closed
// polyline) or the two branches of a hyperbola (k = 0 and a saddle: its two asymptotes), cut to
// the parts inside `box` (each part its own polyline). Empty for a singular model or a k the
// model never reaches. `samples` points per branch before cutting.
std::vector<std::vector<Point2>> modelContour(const QuadraticModel& model, double k, const Domain& box, int samples = 240);

struct HessianCost {
    std::string label;
    std::uint64_t parameters = 0;
    std::uint64_t entries = 0;           // n^2
    std::uint64_t distinctEntries = 0;   // n(n + 1)/2
    std::uint64_t bytes = 0;             // 8 n^2
    double solveOperations = 0;          // n^3/3, Cholesky's multiply-adds
};
// std::invalid_argument for n = 0 or n > 10^9 (8 n^2 would not fit 64 bits beyond about 1.5 10^9).
HessianCost hessianCost(std::uint64_t parameters, std::string label = {});
// Weights and biases of a fully connected network with these layer widths (inputs first).
std::uint64_t denseParameterCount(const std::vector<int>& widths);
// The table the lab shows: the 2-D map, the 64-16-10 digits network of this lesson's BFGS lab,
// the spurious-minima lesson's 64-32-10 one, a 784-100-10 MNIST network, and networks of 10^6
// and 10^8 parameters.
std::vector<HessianCost> lessonHessianCosts();

struct NewtonStepParams {
    std::string surface = "rosenbrock";
    double x = -1.2, y = 1.0;   // the point: where the model is drawn, and Newton's start
    double step = 1.0;          // alpha: 1 is Newton's method, below 1 damped Newton
    int steps = 20;             // the most Newton steps
    void validate() const;      // std::invalid_argument naming the setting
};

struct NewtonStepResult {
    QuadraticModel model;
    SecondOrderRun run;         // points, losses, gradient norms, status, stopReason
    bool converged = false;     // |grad f| < kNewtonTolerance at the end
    PointKind endKind = PointKind::Degenerate;   // of the end point, when converged
    std::vector<HessianCost> costs;
};

// The run stops when |grad f| falls below this.
inline constexpr double kNewtonTolerance = 1e-10;

// Throws std::invalid_argument for bad settings.
NewtonStepResult runNewtonStep(const NewtonStepParams& params, Progress& progress = Progress::none());

ExperimentInfo newtonStepExperiment();

} // namespace minima
