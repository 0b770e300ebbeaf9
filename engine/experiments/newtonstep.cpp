#include "engine/experiments/newtonstep.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <Eigen/Eigenvalues>
#include <Eigen/LU>

#include "engine/common/json.h"
#include "engine/experiments/params.h"
#include "engine/surfaces/analytic.h"

namespace minima {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kZeroEigenvalue = 1e-10;   // relative to max(1, |lambda_max|)

// Cuts a polyline into its runs of points inside `box` (grown by a hair so a line that ends on
// the edge keeps its end).
void appendInside(const std::vector<Point2>& line, const Domain& box, std::vector<std::vector<Point2>>& out)
{
    const double mx = 1e-9 * (box.xMax - box.xMin), my = 1e-9 * (box.yMax - box.yMin);
    const Domain grown{box.xMin - mx, box.xMax + mx, box.yMin - my, box.yMax + my};
    std::vector<Point2> run;
    for (const Point2& p : line) {
        if (grown.contains(p)) {
            run.push_back(p);
        } else {
            if (run.size() >= 2) out.push_back(std::move(run));
            run.clear();
        }
    }
    if (run.size() >= 2) out.push_back(std::move(run));
}

} // namespace

std::vector<KnownPoint> DoubleWell::knownPoints() const
{
    return {{{0.0, 1.0}, -0.25, PointKind::Minimum, true},
            {{0.0, -1.0}, -0.25, PointKind::Minimum, true},
            {{0.0, 0.0}, 0.0, PointKind::Saddle, false}};
}

const std::vector<std::string>& newtonSurfaceKeys()
{
    static const std::vector<std::string> keys{"bowl", "rosenbrock", "himmelblau", "double-well"};
    return keys;
}

std::unique_ptr<Surface> newtonSurface(const std::string& key)
{
    if (key == "bowl") return std::make_unique<QuadraticBowl>(1.0, 10.0, kPi / 6);
    if (key == "rosenbrock") return std::make_unique<Rosenbrock>();
    if (key == "himmelblau") return std::make_unique<Himmelblau>();
    if (key == "double-well") return std::make_unique<DoubleWell>();
    throw std::invalid_argument("unknown surface '" + key + "' (bowl, rosenbrock, himmelblau or double-well)");
}

std::string modelShapeName(ModelShape shape)
{
    switch (shape) {
    case ModelShape::Minimum: return "minimum";
    case ModelShape::Saddle: return "saddle";
    case ModelShape::Maximum: return "maximum";
    case ModelShape::Singular: break;
    }
    return "singular";
}

QuadraticModel quadraticModel(const Surface& surface, const Point2& x)
{
    if (!x.allFinite()) throw std::invalid_argument("the point must be finite");
    QuadraticModel m;
    m.point = x;
    m.value = surface.value(x);
    m.gradient = surface.gradient(x);
    m.hessian = surface.hessian(x);
    if (!std::isfinite(m.value) || !m.gradient.allFinite() || !m.hessian.allFinite()) return m;   // Singular
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> eig(m.hessian);
    m.eigenvalues = eig.eigenvalues();
    m.eigenvectors = eig.eigenvectors();
    const double scale = std::max(1.0, m.eigenvalues.cwiseAbs().maxCoeff());
    const double lo = m.eigenvalues(0), hi = m.eigenvalues(1);
    if (std::abs(lo) <= kZeroEigenvalue * scale || std::abs(hi) <= kZeroEigenvalue * scale) return m;   // Singular
    m.shape = lo > 0 ? ModelShape::Minimum : hi < 0 ? ModelShape::Maximum : ModelShape::Saddle;
    // H^-1 g through the eigenbasis, which is exact for the symmetric 2 x 2 and never divides by
    // an eigenvalue counted as zero.
    const Eigen::Vector2d inEig = m.eigenvectors.transpose() * m.gradient;
    m.newtonStep = -(m.eigenvectors * inEig.cwiseQuotient(m.eigenvalues));
    m.newtonPoint = x + m.newtonStep;
    m.modelAtNewton = m.value + 0.5 * m.gradient.dot(m.newtonStep);   // f + g^T d + 1/2 d^T H d with H d = -g
    m.valueAtNewton = surface.value(m.newtonPoint);
    return m;
}

std::vector<std::vector<Point2>> modelContour(const QuadraticModel& model, double k, const Domain& box, int samples)
{
    std::vector<std::vector<Point2>> out;
    if (model.shape == ModelShape::Singular || !std::isfinite(k) || samples < 8) return out;
    const double l1 = model.eigenvalues(0), l2 = model.eigenvalues(1);
    const Eigen::Vector2d e1 = model.eigenvectors.col(0), e2 = model.eigenvectors.col(1);
    const Point2 c = model.newtonPoint;
    auto at = [&](double u, double v) -> Point2 { return c + u * e1 + v * e2; };
    std::vector<Point2> line;
    line.reserve(std::size_t(samples) + 1);
    if (model.shape != ModelShape::Saddle) {
        // l1 u^2 + l2 v^2 = k with both of one sign: an ellipse when k has that sign too.
        if (!(k / l1 > 0)) return out;
        const double a = std::sqrt(k / l1), b = std::sqrt(k / l2);
        for (int i = 0; i <= samples; ++i) {
            const double t = 2 * kPi * (i == samples ? 0 : i) / samples;
            line.push_back(at(a * std::cos(t), b * std::sin(t)));
        }
        appendInside(line, box, out);
        return out;
    }
    // A saddle: l1 < 0 < l2. Far enough that every branch leaves the box.
    const Point2 corner(std::max(std::abs(box.xMin - c.x()), std::abs(box.xMax - c.x())),
                        std::max(std::abs(box.yMin - c.y()), std::abs(box.yMax - c.y())));
    const double reach = corner.norm();
    const double p = l2, q = -l1;   // p v^2 - q u^2 = k
    if (k == 0) {
        // The asymptotes v = +-sqrt(q/p) u, each through the centre.
        const double slope = std::sqrt(q / p);
        for (double sign : {1.0, -1.0}) {
            line.clear();
            const double umax = reach / std::sqrt(1 + slope * slope);
            for (int i = 0; i <= samples; ++i) {
                const double u = -umax + 2 * umax * i / samples;
                line.push_back(at(u, sign * slope * u));
            }
            appendInside(line, box, out);
        }
        return out;
    }
    // k > 0: v = +-sqrt(k/p) cosh t, u = sqrt(k/q) sinh t; k < 0: u = +-sqrt(-k/q) cosh t, v = sqrt(-k/p) sinh t.
    const double major = k > 0 ? std::sqrt(k / p) : std::sqrt(-k / q);   // along the axis the branches cross
    const double minor = k > 0 ? std::sqrt(k / q) : std::sqrt(-k / p);
    const double tmax = std::asinh(reach / std::min(major, minor)) + 0.1;
    for (double sign : {1.0, -1.0}) {
        line.clear();
        for (int i = 0; i <= samples; ++i) {
            const double t = -tmax + 2 * tmax * i / samples;
            const double along = sign * major * std::cosh(t), across = minor * std::sinh(t);
            line.push_back(k > 0 ? at(across, along) : at(along, across));
        }
        appendInside(line, box, out);
    }
    return out;
}

HessianCost hessianCost(std::uint64_t parameters, std::string label)
{
    if (parameters == 0 || parameters > 1000000000ULL)
        throw std::invalid_argument("the parameter count must be in [1, 10^9]");
    HessianCost h;
    h.label = std::move(label);
    h.parameters = parameters;
    h.entries = parameters * parameters;
    h.distinctEntries = parameters * (parameters + 1) / 2;
    h.bytes = 8 * h.entries;
    const double n = double(parameters);
    h.solveOperations = n * n * n / 3.0;
    return h;
}

std::uint64_t denseParameterCount(const std::vector<int>& widths)
{
    if (widths.size() < 2) throw std::invalid_argument("a network needs at least an input and an output layer");
    std::uint64_t total = 0;
    for (std::size_t i = 0; i + 1 < widths.size(); ++i) {
        if (widths[i] < 1 || widths[i + 1] < 1) throw std::invalid_argument("every layer needs at least one unit");
        total += std::uint64_t(widths[i]) * std::uint64_t(widths[i + 1]) + std::uint64_t(widths[i + 1]);
    }
    return total;
}

std::vector<HessianCost> lessonHessianCosts()
{
    return {hessianCost(2, "the 2-D surface on the map"),
            hessianCost(denseParameterCount({64, 16, 10}), "64-16-10 digits network (this lesson, lab 3)"),
            hessianCost(denseParameterCount({64, 32, 10}), "64-32-10 digits network (lesson 6)"),
            hessianCost(denseParameterCount({784, 100, 10}), "784-100-10 MNIST network"),
            hessianCost(1000000, "a network of 10^6 parameters"),
            hessianCost(100000000, "a network of 10^8 parameters")};
}

void NewtonStepParams::validate() const
{
    const auto& keys = newtonSurfaceKeys();
    if (std::find(keys.begin(), keys.end(), surface) == keys.end())
        throw std::invalid_argument("surface must be bowl, rosenbrock, himmelblau or double-well");
    if (!std::isfinite(x) || !std::isfinite(y) || std::abs(x) > 1e3 || std::abs(y) > 1e3)
        throw std::invalid_argument("x and y must be finite, at most 1000 in size");
    if (!(step > 0 && step <= 1)) throw std::invalid_argument("step must be in (0, 1]");
    if (steps < 1 || steps > 1000) throw std::invalid_argument("steps must be in [1, 1000]");
}

NewtonStepResult runNewtonStep(const NewtonStepParams& params, Progress& progress)
{
    params.validate();
    const std::unique_ptr<Surface> surface = newtonSurface(params.surface);
    const Point2 x(params.x, params.y);
    NewtonStepResult out;
    out.model = quadraticModel(*surface, x);
    out.costs = lessonHessianCosts();
    SecondOrderSettings settings;
    settings.method = SecondOrderMethod::Newton;
    settings.newtonStep = params.step;
    RunSettings run;
    run.maxSteps = params.steps;
    run.gradientTolerance = kNewtonTolerance;
    out.run = runSecondOrder(settings, surfaceObjective(*surface), Eigen::VectorXd(x), run, {}, progress);
    out.converged = out.run.run.status == RunStatus::Converged;
    if (out.converged) {
        const Eigen::VectorXd& end = out.run.run.final;
        out.endKind = classifyHessian(surface->hessian(Point2(end(0), end(1))));
    }
    return out;
}

ExperimentInfo newtonStepExperiment()
{
    ParamList<NewtonStepParams> params;
    params.choice("surface", &NewtonStepParams::surface, newtonSurfaceKeys(), "bowl | rosenbrock | himmelblau | double-well")
        .real("x", &NewtonStepParams::x, "the point (and Newton's start) x, |x| <= 1000")
        .real("y", &NewtonStepParams::y, "the point (and Newton's start) y, |y| <= 1000")
        .real("step", &NewtonStepParams::step, "alpha in x <- x - alpha H^-1 g: 1 is Newton's method, below 1 damped, in (0, 1]")
        .integer("steps", &NewtonStepParams::steps, 1, 1000, "the most Newton steps, 1..1000");
    return declareExperiment(
        "newton-step",
        "Newton's step on a 2-D surface: the quadratic model at a point (gradient, Hessian, its eigenvalues, the "
        "model's critical point and its kind), the Newton or damped-Newton run from there and the kind of point it "
        "ends at, and the Hessian's size in entries and bytes for networks of 2 to 10^8 parameters",
        std::move(params), {"surface", "step"},
        [](JsonWriter& j, NewtonStepParams& p, std::uint64_t, Progress& progress) {
            const NewtonStepResult r = asParameterError([&] { return runNewtonStep(p, progress); });
            const QuadraticModel& m = r.model;
            auto pair = [&j](const Eigen::Vector2d& v) { j.beginArray().value(v.x()).value(v.y()).endArray(); };
            j.key("value").value(m.value);
            j.key("gradient");
            pair(m.gradient);
            j.key("hessian").beginArray();
            pair(m.hessian.row(0).transpose());
            pair(m.hessian.row(1).transpose());
            j.endArray();
            j.key("eigenvalues");
            pair(m.eigenvalues);
            j.key("modelShape").value(modelShapeName(m.shape));
            if (m.shape != ModelShape::Singular) {
                j.key("newtonPoint");
                pair(m.newtonPoint);
                j.key("modelAtNewtonPoint").value(m.modelAtNewton);
                j.key("valueAtNewtonPoint").value(m.valueAtNewton);
            }
            const RunResult<Eigen::VectorXd>& run = r.run.run;
            j.key("status").value(runStatusName(run.status));
            j.key("stopReason").value(r.run.stopReason);
            j.key("steps").value(run.steps);
            if (r.converged) j.key("endsAt").value(pointKindName(r.endKind));
            j.key("path").beginArray();
            for (const Eigen::VectorXd& q : run.points) pair(Eigen::Vector2d(q(0), q(1)));
            j.endArray();
            j.key("losses").beginArray();
            for (double f : run.losses) j.value(f);
            j.endArray();
            j.key("gradientNorms").beginArray();
            for (double g : r.run.gradientNorms) j.value(g);
            j.endArray();
            j.key("hessianCosts").beginArray();
            for (const HessianCost& h : r.costs) {
                j.beginObject();
                j.key("network").value(h.label);
                j.key("parameters").value(h.parameters);
                j.key("entries").value(h.entries);
                j.key("distinctEntries").value(h.distinctEntries);
                j.key("bytes").value(h.bytes);
                j.key("solveOperations").value(h.solveOperations);
                j.endObject();
            }
            j.endArray();
        });
}

} // namespace minima
