#pragma once
// Saddle points and a plateau: three 2-D surfaces and four methods run on them side by side
// (gradient descent, Newton's method, saddle-free Newton, gradient descent with Gaussian
// noise), and the measurement of how long gradient descent takes to leave a saddle.
//
// Dauphin, Pascanu, Gulcehre, Cho, Ganguli & Bengio, "Identifying and attacking the saddle
// point problem in high-dimensional non-convex optimization" (NIPS 2014): figure 2 shows the
// saddle 5x^2 - y^2 and the monkey saddle x^3 - 3xy^2; section 4 the saddle-free Newton step
// -|H|^-1 g, |H| the Hessian with its eigenvalues replaced by their absolute values.
#include <array>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"
#include "engine/surfaces/surface.h"

namespace minima {

// f = 5x^2 - y^2 (Dauphin et al. 2014, figure 2a): a saddle at the origin, curving up along x
// (the stable direction, curvature 10) and down along y (curvature -2).
// Gradient (10x, -2y), Hessian diag(10, -2).
class SteepSaddle final : public Surface {
public:
    std::string name() const override { return "saddle"; }
    double value(const Point2& p) const override { return 5.0 * p.x() * p.x() - p.y() * p.y(); }
    Point2 gradient(const Point2& p) const override { return {10.0 * p.x(), -2.0 * p.y()}; }
    Eigen::Matrix2d hessian(const Point2&) const override
    {
        Eigen::Matrix2d h;
        h << 10.0, 0.0, 0.0, -2.0;
        return h;
    }
    Domain domain() const override { return {-2, 2, -2, 2}; }
    Point2 defaultStart() const override { return {1.5, 0.01}; }
    std::vector<KnownPoint> knownPoints() const override { return {{Point2::Zero(), 0.0, PointKind::Saddle, false}}; }
};

// The monkey saddle f = x^3 - 3xy^2 (Dauphin et al. 2014, figure 2b): three valleys and three
// ridges meet at the origin, where the gradient and the whole Hessian vanish (a degenerate
// critical point: the second-derivative test says nothing).
// Gradient (3x^2 - 3y^2, -6xy), Hessian [[6x, -6y], [-6y, -6x]] with eigenvalues +-6|p|.
class MonkeySaddle final : public Surface {
public:
    std::string name() const override { return "monkey"; }
    double value(const Point2& p) const override { return p.x() * (p.x() * p.x() - 3.0 * p.y() * p.y()); }
    Point2 gradient(const Point2& p) const override
    {
        return {3.0 * (p.x() * p.x() - p.y() * p.y()), -6.0 * p.x() * p.y()};
    }
    Eigen::Matrix2d hessian(const Point2& p) const override
    {
        Eigen::Matrix2d h;
        h << 6.0 * p.x(), -6.0 * p.y(), -6.0 * p.y(), -6.0 * p.x();
        return h;
    }
    Domain domain() const override { return {-2, 2, -2, 2}; }
    Point2 defaultStart() const override { return {0.6, 0.01}; }
    std::vector<KnownPoint> knownPoints() const override { return {{Point2::Zero(), 0.0, PointKind::Degenerate, false}}; }
};

// A plateau: f = y^2/2 - exp(-(x - a)^2 / (2 s^2)) with a = 1, s = 0.5. A Gaussian well of
// depth 1 at (a, 0) in a flat valley floor: along y = 0, a few widths s away from the well,
// f is within e^-8 of 0 and its slope (x - a)/s^2 e^(-(x - a)^2/(2 s^2)) is tiny, yet no point
// there is a minimum (the only one is the well's bottom, f = -1). Writing u = x - a and
// E = exp(-u^2/(2 s^2)): gradient (u E / s^2, y), Hessian diag((1 - u^2/s^2) E / s^2, 1).
class GaussianPlateau final : public Surface {
public:
    static constexpr double kCentre = 1.0;
    static constexpr double kWidth = 0.5;
    std::string name() const override { return "plateau"; }
    double value(const Point2& p) const override { return 0.5 * p.y() * p.y() - well(p.x()); }
    Point2 gradient(const Point2& p) const override
    {
        const double u = p.x() - kCentre;
        return {u / (kWidth * kWidth) * well(p.x()), p.y()};
    }
    Eigen::Matrix2d hessian(const Point2& p) const override
    {
        const double u = p.x() - kCentre, s2 = kWidth * kWidth;
        Eigen::Matrix2d h;
        h << (1.0 - u * u / s2) / s2 * well(p.x()), 0.0, 0.0, 1.0;
        return h;
    }
    Domain domain() const override { return {-2, 2, -2, 2}; }
    Point2 defaultStart() const override { return {-1.0, 1.5}; }
    std::vector<KnownPoint> knownPoints() const override { return {{{kCentre, 0.0}, -1.0, PointKind::Minimum, true}}; }

private:
    static double well(double x)
    {
        const double u = x - kCentre;
        return std::exp(-u * u / (2.0 * kWidth * kWidth));
    }
};

// The lab's surfaces by key: saddle (5x^2 - y^2), monkey, plateau. std::invalid_argument for
// another key.
const std::vector<std::string>& saddleSurfaceKeys();
std::unique_ptr<Surface> makeSaddleSurface(const std::string& key);

enum class SaddleMethod { GradientDescent, Newton, SaddleFreeNewton, NoisyGradient };
inline constexpr std::array<SaddleMethod, 4> kSaddleMethods = {SaddleMethod::GradientDescent, SaddleMethod::Newton,
                                                               SaddleMethod::SaddleFreeNewton, SaddleMethod::NoisyGradient};
std::string saddleMethodKey(SaddleMethod method);   // gd, newton, sfn, sgd

// Saddle-free Newton's |H| takes max(|lambda_i|, floor) for each eigenvalue (SaddleSettings::
// eigenFloor). Without a floor the step is undefined where H is singular: at the monkey saddle's
// centre H = 0, and on the plateau's floor the curvature along x is below 10^-10. Where the
// surface is flat the floored step is a gradient step of rate 1/floor: a small floor crosses a
// plateau fast but leaps where the curvature passes through 0 (the rim of the plateau's well);
// a large one is gradient descent at rate 1/floor. The default, 0.1, is below the saddle's
// curvatures (10 and 2), so there the step is exactly -|H|^-1 g.
inline constexpr double kDefaultEigenFloor = 0.1;
// Newton's H is treated as singular (the run stops and says so, never divides) when its
// smallest |lambda| is at most this times max(1, its largest |lambda|).
inline constexpr double kSingularTolerance = 1e-12;
// A run stops at a critical point when |grad f| falls to this (not the noisy one: its noise
// moves it on).
inline constexpr double kCriticalGradient = 1e-12;

struct SaddleSettings {
    double learningRate = 0.05;   // gradient descent and its noisy form; Newton's steps are whole
    int steps = 200;              // the step budget
    double noise = 0.5;           // the noisy gradient adds noise * N(0, I) to every gradient
    std::uint64_t seed = 1;       // of that noise
    double radius = 1.0;          // escaping a saddle = reaching distance >= radius from it
    double eigenFloor = kDefaultEigenFloor;   // saddle-free Newton's floor on |lambda|

    // std::invalid_argument naming the setting: rate not in (0, 10], steps not in
    // [1, 10^7], noise not in [0, 100], radius not in (0, 100], floor not in [10^-6, 100].
    void validate() const;
};

// How a run ended.
enum class SaddleEnd {
    Budget,     // every step taken
    Critical,   // |grad f| <= kCriticalGradient: stopped on a critical point
    Singular,   // Newton's Hessian singular: no step is defined
    RanOff,     // left the far box (ten times the map) downhill: f falls without bound there
    Diverged,   // left the far box uphill, or a value was not finite: the steps overshoot
    Cancelled
};
std::string saddleEndName(SaddleEnd end);   // budget, critical, singular, ran-off, diverged, cancelled

struct SaddlePath {
    SaddleMethod method = SaddleMethod::GradientDescent;
    std::vector<Point2> points;      // points[0] is the start; every one finite, inside the far box
    std::vector<double> gradNorms;   // |grad f(points[t])|
    SaddleEnd end = SaddleEnd::Budget;
    int steps = 0;                   // steps taken (points.size() - 1 when recorded)
    int endStep = -1;                // the step that ended the run early (-1: budget spent)
    int escapeStep = -1;             // first t with escaped(points[t]) after an unescaped point; -1 never
    Point2 final = Point2::Zero();
};

// What escaping means on each surface: on the two saddles, reaching distance >= radius from
// the origin; on the plateau (radius unused), f <= -1/2, half way down into the well. A run
// escapes at the first escaped point after one that was not (a start outside R comes in first).
bool saddleEscaped(const std::string& surfaceKey, const Surface& surface, const Point2& p, double radius);

// The edge of the escaped region, as a closed polyline of `count` + 1 points: on the saddles
// the circle of `radius` around the origin; on the plateau the curve f = -1/2 around the well,
// x = a +- s sqrt(-2 ln((1 + y^2)/2)) for |y| <= 1.
std::vector<Point2> escapeBoundary(const std::string& surfaceKey, double radius, int count = 96);

// Runs `method` on `surface` from `start`:
//   gradient descent       x <- x - lr g
//   Newton                 x <- x - H^-1 g (H singular: stops, SaddleEnd::Singular)
//   saddle-free Newton     x <- x - V diag(1 / max(|lambda_i|, eigenFloor)) V^T g, H = V diag(lambda) V^T
//   noisy gradient         x <- x - lr (g + noise xi), xi ~ N(0, I) from makeRng(seed, 0)
// With `stopAtEscape` it stops at the first escaped point; with record = false it keeps only
// the start and the end. Throws std::invalid_argument for bad settings or a non-finite start.
SaddlePath runSaddleMethod(const std::string& surfaceKey, const Surface& surface, SaddleMethod method,
                           const Point2& start, const SaddleSettings& settings, bool stopAtEscape = false,
                           bool record = true, Progress& progress = Progress::none());

// The part of a path drawn on a map of `domain`: the points up to the first one outside it,
// and the point where that segment crosses the domain's edge.
std::vector<Point2> clipToDomain(const std::vector<Point2>& points, const Domain& domain);

// The closed form of gradient descent's escape from 5x^2 - y^2 started at (0, y0): each step
// multiplies y by (1 + 2 lr), so |y_t| = |y0| (1 + 2 lr)^t reaches R after
// log(R/|y0|) / log(1 + 2 lr) steps; the step count is its ceiling (0 when |y0| >= R). On the
// stable direction itself (y0 = 0) it never leaves: infinity, and a ceiling of -1.
double escapeStepsClosedForm(double distance, double learningRate, double radius);
long long escapeStepsCeiling(double distance, double learningRate, double radius);

struct EscapeSample {
    double distance = 0;     // |y0|, the start's distance from the stable direction (the x axis)
    long long measured = -1; // steps gradient descent took to reach distance R (-1: not within the budget)
    double closedForm = 0;   // log(R/|y0|) / log(1 + 2 lr)
};

struct EscapeSweepParams {
    double learningRate = 0.05;
    double radius = 1.0;
    double from = 1e-12;   // smallest |y0|
    double to = 0.1;       // largest |y0| (< radius)
    int points = 23;       // log-spaced |y0| from `from` to `to`
    int maxSteps = 10000000;
    void validate() const;   // std::invalid_argument naming the setting
};

// Gradient descent on 5x^2 - y^2 from (0, y0) for each log-spaced y0, run by runSaddleMethod
// until it escapes: the measured steps beside the closed form.
std::vector<EscapeSample> escapeSweep(const EscapeSweepParams& params, Progress& progress = Progress::none());

// The four methods from one start, and the sweep.
struct SaddlesParams {
    std::string surface = "saddle";
    std::optional<Point2> start;   // the surface's default start when empty
    SaddleSettings settings;
    EscapeSweepParams sweep;       // its learning rate and radius are the settings'
};
struct SaddlesResult {
    std::string surface;
    Point2 start = Point2::Zero();
    std::vector<SaddlePath> paths;   // in kSaddleMethods' order
    std::vector<EscapeSample> sweep;
    bool cancelled = false;
};
SaddlesResult runSaddles(const SaddlesParams& params, Progress& progress = Progress::none());

ExperimentInfo saddlesExperiment();

} // namespace minima
