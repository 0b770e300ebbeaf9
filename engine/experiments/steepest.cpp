#include "engine/experiments/steepest.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <Eigen/LU>

#include "engine/common/json.h"
#include "engine/experiments/params.h"
#include "engine/surfaces/analytic.h"

namespace minima {

namespace {

constexpr double kPi = 3.14159265358979323846;

// The angle between two nonzero vectors, by atan2 of the cross and dot products: accurate for
// small angles too, where acos of the cosine loses half the digits.
double angleBetween(const Eigen::Vector2d& a, const Eigen::Vector2d& b)
{
    return std::atan2(std::abs(a.x() * b.y() - a.y() * b.x()), a.dot(b));
}

void checkPoint(const Eigen::Vector2d& x)
{
    if (!std::isfinite(x.x()) || !std::isfinite(x.y())) throw std::invalid_argument("the point must be finite");
}

// One line-search step's pieces at x: g, g^T g, g^T H g.
struct StepPieces {
    Eigen::Vector2d g;
    double gg, gHg;
};
StepPieces pieces(const QuadraticBowl& bowl, const Eigen::Vector2d& x)
{
    const Eigen::Vector2d g = bowl.gradient(x);
    return {g, g.squaredNorm(), g.dot(bowl.matrix() * g)};
}

} // namespace

QuadraticBowl conditionedBowl(double kappa, double angle)
{
    if (!(kappa >= 1 && kappa <= 1e6)) throw std::invalid_argument("kappa must be in [1, 10^6]");
    if (!std::isfinite(angle)) throw std::invalid_argument("the rotation must be finite");
    return QuadraticBowl(1.0, kappa, angle);
}

std::vector<Eigen::Vector2d> bowlEllipse(double kappa, double angle, double level, int count)
{
    std::vector<Eigen::Vector2d> out;
    if (!(level > 0) || !(kappa >= 1) || count < 3) return out;
    const Eigen::Vector2d e1(std::cos(angle), std::sin(angle)), e2(-std::sin(angle), std::cos(angle));
    const double a = std::sqrt(2 * level), b = std::sqrt(2 * level / kappa);
    out.reserve(std::size_t(count) + 1);
    for (int i = 0; i <= count; ++i) {
        const double t = 2 * kPi * (i == count ? 0 : i) / count;
        out.push_back(a * std::cos(t) * e1 + b * std::sin(t) * e2);
    }
    return out;
}

BowlDirections bowlDirections(const QuadraticBowl& bowl, const Eigen::Vector2d& x)
{
    checkPoint(x);
    BowlDirections d;
    d.point = x;
    d.gradient = bowl.gradient(x);
    d.atMinimum = d.gradient.squaredNorm() == 0.0;
    if (d.atMinimum) return d;
    d.steepest = -d.gradient;
    d.newton = -(bowl.matrix().inverse() * d.gradient);
    d.toMinimum = -x;
    d.angle = angleBetween(d.steepest, d.toMinimum);
    d.newtonAngle = angleBetween(d.newton, d.toMinimum);
    return d;
}

double gradientAngleClosedForm(double lambda1, double lambda2, double u, double v)
{
    const double num = lambda1 * u * u + lambda2 * v * v;
    const double den = std::sqrt(lambda1 * lambda1 * u * u + lambda2 * lambda2 * v * v) * std::sqrt(u * u + v * v);
    if (!(den > 0)) return 0.0;
    return std::acos(std::clamp(num / den, -1.0, 1.0));
}

double largestGradientAngle(double kappa) { return std::acos(std::min(1.0, 2.0 * std::sqrt(kappa) / (kappa + 1.0))); }

LineModel lineModel(const QuadraticBowl& bowl, const Eigen::Vector2d& x)
{
    checkPoint(x);
    const StepPieces p = pieces(bowl, x);
    LineModel m;
    m.gg = p.gg;
    m.gHg = p.gHg;
    m.flat = !(p.gg > 0);
    if (m.flat) return m;
    m.bestStep = p.gg / p.gHg;
    m.bestChange = -0.5 * p.gg * m.bestStep;
    return m;
}

double changeAlongGradient(const QuadraticBowl& bowl, const Eigen::Vector2d& x, double eps)
{
    return bowl.value(x - eps * bowl.gradient(x)) - bowl.value(x);
}

double zigzagRateBound(double kappa)
{
    const double r = (kappa - 1.0) / (kappa + 1.0);
    return r * r;
}

double zigzagRateFromStart(const QuadraticBowl& bowl, const Eigen::Vector2d& x0)
{
    checkPoint(x0);
    const StepPieces p = pieces(bowl, x0);
    if (!(p.gg > 0)) return 0.0;
    // g^T H^-1 g = g^T x0, since H^-1 g = x0.
    const double gHinvg = p.g.dot(x0);
    return std::max(0.0, 1.0 - (p.gg / p.gHg) * (p.gg / gHinvg));
}

Eigen::Vector2d worstStart(double kappa, double angle, double radius)
{
    const Eigen::Vector2d e1(std::cos(angle), std::sin(angle)), e2(-std::sin(angle), std::cos(angle));
    const Eigen::Vector2d x = 1.0 * e1 + (1.0 / kappa) * e2;   // (1/l1, 1/l2) with l1 = 1, l2 = kappa
    return radius * x.normalized();
}

LineSearchRun steepestDescent(const QuadraticBowl& bowl, const Eigen::Vector2d& x0, int steps, Progress& progress)
{
    if (steps < 1 || steps > 1000000) throw std::invalid_argument("steps must be in [1, 1000000]");
    checkPoint(x0);
    LineSearchRun run;
    run.points.reserve(std::size_t(steps) + 1);
    run.losses.reserve(std::size_t(steps) + 1);
    run.stepSizes.reserve(std::size_t(steps));
    run.ratios.reserve(std::size_t(steps));
    Eigen::Vector2d x = x0;
    const double f0 = bowl.value(x);
    run.points.push_back(x);
    run.losses.push_back(f0);
    if (!(bowl.gradient(x).squaredNorm() > 0)) {
        run.atMinimum = run.landed = true;
        return run;
    }
    for (int t = 0; t < steps; ++t) {
        if ((t & 1023) == 0) {
            if (progress.cancelled()) {
                run.cancelled = true;
                break;
            }
            progress.setFraction(double(t) / steps);
        }
        const StepPieces p = pieces(bowl, x);
        if (!(p.gg > 0)) {
            run.landed = true;
            break;
        }
        const double eps = p.gg / p.gHg;
        x -= eps * p.g;
        const double f = bowl.value(x);
        run.ratios.push_back(f / run.losses.back());
        run.stepSizes.push_back(eps);
        run.points.push_back(x);
        run.losses.push_back(f);
        ++run.steps;
        if (f <= kLandedFraction * f0) {
            run.landed = true;
            break;
        }
    }
    // The measured rate: over the last half of the steps, or the last step's when it landed.
    if (!run.ratios.empty()) {
        if (run.landed) {
            run.measuredRate = run.ratios.back();
        } else {
            const std::size_t n = run.ratios.size(), from = n / 2;
            double logSum = 0;
            for (std::size_t i = from; i < n; ++i) logSum += std::log(run.ratios[i]);
            run.measuredRate = std::exp(logSum / double(n - from));
        }
    }
    progress.setFraction(1.0);
    return run;
}

double measuredZigzagRate(const QuadraticBowl& bowl, const Eigen::Vector2d& x0, int steps)
{
    if (steps < 1) throw std::invalid_argument("steps must be at least 1");
    checkPoint(x0);
    if (!(x0.squaredNorm() > 0)) return 0.0;
    Eigen::Vector2d x = x0.normalized();
    double ratio = 0;
    for (int t = 0; t < steps; ++t) {
        const StepPieces p = pieces(bowl, x);
        if (!(p.gg > 0)) return 0.0;
        const double f = bowl.value(x);
        x -= (p.gg / p.gHg) * p.g;
        ratio = bowl.value(x) / f;
        const double n = x.norm();
        if (!(n > 0) || ratio < kLandedFraction) return ratio;   // landed: the rest is rounding
        x /= n;
    }
    return ratio;
}

void SteepestParams::validate() const
{
    if (!(kappa >= 1 && kappa <= 1e6)) throw std::invalid_argument("kappa must be in [1, 1000000]");
    if (!(angle >= -180 && angle <= 180)) throw std::invalid_argument("angle must be in [-180, 180] degrees");
    if (!std::isfinite(x) || !std::isfinite(y) || std::abs(x) > 1e6 || std::abs(y) > 1e6)
        throw std::invalid_argument("x and y must be finite, at most 10^6 in size");
    if (steps < 1 || steps > 1000000) throw std::invalid_argument("steps must be in [1, 1000000]");
}

ExperimentInfo steepestExperiment()
{
    ParamList<SteepestParams> params;
    params.real("kappa", &SteepestParams::kappa, "condition number: eigenvalues 1 and kappa, in [1, 1000000]")
        .real("angle", &SteepestParams::angle, "rotation of the eigenvectors, degrees in [-180, 180]")
        .real("x", &SteepestParams::x, "the point (and start) x")
        .real("y", &SteepestParams::y, "the point (and start) y")
        .integer("steps", &SteepestParams::steps, 1, 1000000, "line-search steps, 1..1000000")
        .flag("worst", &SteepestParams::worst, "true", "false",
              "start at the worst start (1, 1/kappa) in the eigenbasis, at the distance of (x, y)");
    return declareExperiment(
        "steepest",
        "On 1/2 x^T H x with eigenvalues 1 and kappa: the negative gradient, Newton's direction and the way to the "
        "minimum at a point, their angle, the best step eps* = g^T g / g^T H g, and steepest descent with exact line "
        "search, its measured loss ratio per step beside ((kappa - 1)/(kappa + 1))^2",
        std::move(params), {"kappa", "angle", "steps"},
        [](JsonWriter& j, SteepestParams& p, std::uint64_t, Progress& progress) {
            asParameterError([&] { p.validate(); return 0; });
            const double theta = p.angle * kPi / 180.0;
            const QuadraticBowl bowl = conditionedBowl(p.kappa, theta);
            Eigen::Vector2d x0(p.x, p.y);
            if (p.worst) x0 = worstStart(p.kappa, theta, x0.norm() > 0 ? x0.norm() : 1.0);
            const BowlDirections d = bowlDirections(bowl, x0);
            const LineModel m = lineModel(bowl, x0);
            const LineSearchRun run = steepestDescent(bowl, x0, p.steps, progress);
            const Eigen::Vector2d e1(std::cos(theta), std::sin(theta)), e2(-std::sin(theta), std::cos(theta));
            auto pair = [&j](const Eigen::Vector2d& v) { j.beginArray().value(v.x()).value(v.y()).endArray(); };
            j.key("start");
            pair(x0);
            j.key("atMinimum").value(d.atMinimum);
            j.key("negativeGradient");
            pair(d.steepest);
            j.key("newton");
            pair(d.newton);
            j.key("toMinimum");
            pair(d.toMinimum);
            j.key("angleDegrees").value(d.angle * 180.0 / kPi);
            j.key("angleClosedFormDegrees").value(gradientAngleClosedForm(1.0, p.kappa, x0.dot(e1), x0.dot(e2)) * 180.0 / kPi);
            j.key("largestAngleDegrees").value(largestGradientAngle(p.kappa) * 180.0 / kPi);
            j.key("gg").value(m.gg);
            j.key("gHg").value(m.gHg);
            j.key("bestStep").value(m.bestStep);
            j.key("bestChange").value(m.bestChange);
            j.key("stepsTaken").value(run.steps);
            j.key("landed").value(run.landed);
            j.key("finalLoss").value(run.losses.back());
            j.key("measuredRate").value(run.measuredRate);
            j.key("rateFromStart").value(zigzagRateFromStart(bowl, x0));
            j.key("rateBound").value(zigzagRateBound(p.kappa));
            j.key("losses").beginArray();
            for (double f : run.losses) j.value(f);
            j.endArray();
        });
}

} // namespace minima
