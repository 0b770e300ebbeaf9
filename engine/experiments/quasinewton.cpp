#include "engine/experiments/quasinewton.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <Eigen/Eigenvalues>
#include <Eigen/LU>

#include "engine/common/json.h"
#include "engine/experiments/params.h"
#include "engine/surfaces/analytic.h"

namespace minima {

namespace {

constexpr double kPi = 3.14159265358979323846;

bool finite(const Eigen::Matrix2d& a) { return a.allFinite(); }

// {center + sqrt(c * w_i) u_i cos/sin t} for the eigenpairs (w_i, u_i) of a symmetric matrix W:
// the ellipse d^T W^-1 d = c.
std::vector<Eigen::Vector2d> ellipseOfAxes(const Eigen::Matrix2d& w, const Eigen::Vector2d& center, double c, int count)
{
    std::vector<Eigen::Vector2d> out;
    if (!finite(w) || !(c > 0) || !std::isfinite(c) || count < 3) return out;
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> eig(0.5 * (w + w.transpose()));
    if (eig.info() != Eigen::Success || !(eig.eigenvalues().minCoeff() > 0)) return out;
    const Eigen::Vector2d a0 = std::sqrt(c * eig.eigenvalues()[0]) * eig.eigenvectors().col(0);
    const Eigen::Vector2d a1 = std::sqrt(c * eig.eigenvalues()[1]) * eig.eigenvectors().col(1);
    out.reserve(std::size_t(count) + 1);
    for (int i = 0; i <= count; ++i) {
        const double t = 2 * kPi * (i == count ? 0 : i) / count;
        out.push_back(center + std::cos(t) * a0 + std::sin(t) * a1);
    }
    return out;
}

void checkStart(double x, double y)
{
    if (!std::isfinite(x) || !std::isfinite(y) || std::abs(x) > 1e3 || std::abs(y) > 1e3)
        throw std::invalid_argument("the start x and y must be finite, at most 1000 in size");
}

RunSettings runSettings(int maxSteps, double tolerance)
{
    RunSettings run;
    run.maxSteps = maxSteps;
    run.gradientTolerance = tolerance;
    return run;
}

} // namespace

const std::vector<std::string>& quasiNewtonSurfaceKeys()
{
    static const std::vector<std::string> keys{"rosenbrock", "beale"};
    return keys;
}

std::unique_ptr<Surface> quasiNewtonSurface(const std::string& key)
{
    if (key == "rosenbrock") return std::make_unique<Rosenbrock>();
    if (key == "beale") return std::make_unique<Beale>();
    throw std::invalid_argument("the surface must be rosenbrock or beale, not '" + key + "'");
}

std::vector<Eigen::Vector2d> quadraticEllipse(const Eigen::Matrix2d& a, const Eigen::Vector2d& center, double c, int count)
{
    if (!finite(a)) return {};
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> eig(0.5 * (a + a.transpose()));
    if (eig.info() != Eigen::Success || !(eig.eigenvalues().minCoeff() > 0)) return {};
    // A^-1 from the eigenpairs, so the axes are sqrt(c / a_i).
    const Eigen::Matrix2d inv = eig.eigenvectors() * eig.eigenvalues().cwiseInverse().asDiagonal() * eig.eigenvectors().transpose();
    return ellipseOfAxes(inv, center, c, count);
}

std::vector<Eigen::Vector2d> inverseQuadraticEllipse(const Eigen::Matrix2d& inverse, const Eigen::Vector2d& center,
                                                     double c, int count)
{
    return ellipseOfAxes(inverse, center, c, count);
}

double relativeInverseError(const Eigen::Matrix2d& estimate, const Eigen::Matrix2d& trueHessian)
{
    if (!finite(estimate) || !finite(trueHessian)) return std::nan("");
    const double det = trueHessian.determinant();
    const double scale = trueHessian.squaredNorm();
    if (!(std::abs(det) > 1e-14 * scale) || !std::isfinite(det)) return std::nan("");
    const Eigen::Matrix2d inv = trueHessian.inverse();
    const double norm = inv.norm();
    if (!(norm > 0) || !std::isfinite(norm)) return std::nan("");
    return (estimate - inv).norm() / norm;
}

void BfgsPathParams::validate() const
{
    (void)quasiNewtonSurface(surface);
    checkStart(x, y);
    if (maxSteps < 1 || maxSteps > 100000) throw std::invalid_argument("steps must be in [1, 100000]");
    if (!(tolerance >= 1e-14 && tolerance <= 1)) throw std::invalid_argument("the tolerance must be in [1e-14, 1]");
}

BfgsPathResult runBfgsPath(const BfgsPathParams& params, double radius, Progress& progress)
{
    params.validate();
    if (!(radius > 0) || !std::isfinite(radius)) throw std::invalid_argument("the ellipse radius must be positive");
    const std::unique_ptr<Surface> surface = quasiNewtonSurface(params.surface);
    SecondOrderSettings settings;
    settings.method = SecondOrderMethod::Bfgs;
    settings.recordCurvature = true;
    BfgsPathResult out;
    out.minimum = surface->minima().front().at;
    out.run = runSecondOrder(settings, surfaceObjective(*surface), Eigen::Vector2d(params.x, params.y),
                             runSettings(params.maxSteps, params.tolerance), {}, progress);
    const std::size_t count = out.run.run.points.size();
    out.steps.resize(count);
    for (std::size_t k = 0; k < count; ++k) {
        BfgsStepCurvature& s = out.steps[k];
        const Eigen::Vector2d x = out.run.run.points[k];
        if (k < out.run.inverseHessians.size()) s.estimate = out.run.inverseHessians[k];
        s.trueHessian = surface->hessian(x);
        s.relativeError = relativeInverseError(s.estimate, s.trueHessian);
        const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> truth(s.trueHessian);
        s.truePositiveDefinite = truth.info() == Eigen::Success && truth.eigenvalues().minCoeff() > 0;
        // The longer semi-axis of d^T A d = c is sqrt(c / a_min): c = a_min radius^2.
        if (s.truePositiveDefinite) {
            s.level = truth.eigenvalues().minCoeff() * radius * radius;
        } else {
            const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> est(s.estimate);
            const double hMax = est.eigenvalues().maxCoeff();   // of H_k: 1 / (the model's a_min)
            s.level = hMax > 0 && std::isfinite(hMax) ? radius * radius / hMax : 0.0;
        }
        s.estimateEllipse = inverseQuadraticEllipse(s.estimate, x, s.level);
        if (s.truePositiveDefinite) s.trueEllipse = quadraticEllipse(s.trueHessian, x, s.level);
    }
    return out;
}

SmoothObjective extendedRosenbrock(int n)
{
    if (n < 2 || n % 2 != 0 || n > 10000) throw std::invalid_argument("the dimension must be even, 2..10000");
    SmoothObjective o;
    o.value = [](const Eigen::VectorXd& x) {
        double f = 0;
        for (Eigen::Index i = 0; i + 1 < x.size(); i += 2) {
            const double u = 1.0 - x[i], v = x[i + 1] - x[i] * x[i];
            f += u * u + 100.0 * v * v;
        }
        return f;
    };
    o.gradient = [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
        g.resize(x.size());
        for (Eigen::Index i = 0; i + 1 < x.size(); i += 2) {
            const double v = x[i + 1] - x[i] * x[i];
            g[i] = -2.0 * (1.0 - x[i]) - 400.0 * x[i] * v;
            g[i + 1] = 200.0 * v;
        }
    };
    return o;
}

SmoothObjective chainedRosenbrock(int n)
{
    if (n < 2 || n > 10000) throw std::invalid_argument("the dimension must be in 2..10000");
    SmoothObjective o;
    o.value = [](const Eigen::VectorXd& x) {
        double f = 0;
        for (Eigen::Index i = 0; i + 1 < x.size(); ++i) {
            const double u = 1.0 - x[i], v = x[i + 1] - x[i] * x[i];
            f += u * u + 100.0 * v * v;
        }
        return f;
    };
    o.gradient = [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
        g.setZero(x.size());
        for (Eigen::Index i = 0; i + 1 < x.size(); ++i) {
            const double v = x[i + 1] - x[i] * x[i];
            g[i] += -2.0 * (1.0 - x[i]) - 400.0 * x[i] * v;
            g[i + 1] += 200.0 * v;
        }
    };
    return o;
}

Eigen::VectorXd extendedRosenbrockStart(int n)
{
    Eigen::VectorXd x(n);
    for (int i = 0; i < n; ++i) x[i] = i % 2 == 0 ? -1.2 : 1.0;
    return x;
}

void LbfgsMemoryParams::validate() const
{
    if (problem != "extended-rosenbrock" && problem != "chained-rosenbrock" && problem != "rosenbrock" && problem != "beale")
        throw std::invalid_argument("the problem must be chained-rosenbrock, extended-rosenbrock, rosenbrock or beale");
    if (n < 2 || n > 10000 || n % 2 != 0) throw std::invalid_argument("n must be even, in [2, 10000]");
    checkStart(x, y);
    if (minMemory < 1 || maxMemory > 100 || minMemory > maxMemory)
        throw std::invalid_argument("the memories must satisfy 1 <= min-memory <= max-memory <= 100");
    if (!(tolerance >= 1e-14 && tolerance <= 1)) throw std::invalid_argument("the tolerance must be in [1e-14, 1]");
    if (maxSteps < 1 || maxSteps > 1000000) throw std::invalid_argument("steps must be in [1, 1000000]");
}

LbfgsMemoryResult runLbfgsMemory(const LbfgsMemoryParams& params, Progress& progress)
{
    params.validate();
    SmoothObjective objective;
    Eigen::VectorXd start;
    std::unique_ptr<Surface> surface;
    if (params.problem == "chained-rosenbrock") {
        objective = chainedRosenbrock(params.n);
        start = extendedRosenbrockStart(params.n);
    } else if (params.problem == "extended-rosenbrock") {
        objective = extendedRosenbrock(params.n);
        start = extendedRosenbrockStart(params.n);
    } else {
        surface = quasiNewtonSurface(params.problem);
        objective = surfaceObjective(*surface);
        start = Eigen::Vector2d(params.x, params.y);
    }
    LbfgsMemoryResult out;
    out.dimension = int(start.size());
    const RunSettings run = runSettings(params.maxSteps, params.tolerance);
    auto measure = [&](SecondOrderMethod method, int memory) {
        SecondOrderSettings s;
        s.method = method;
        s.memory = std::max(1, memory);
        RunSettings quiet = run;
        quiet.record = false;
        const SecondOrderRun r = runSecondOrder(s, objective, start, quiet);
        LbfgsMemoryPoint p;
        p.memory = memory;
        p.iterations = r.run.steps;
        p.gradientEvaluations = r.gradientEvaluations;
        p.converged = r.run.status == RunStatus::Converged;
        Eigen::VectorXd g;
        objective.gradient(r.run.final.size() == start.size() ? r.run.final : start, g);
        p.finalGradientNorm = g.norm();
        p.finalLoss = r.run.finalLoss;
        p.stopReason = r.stopReason;
        return p;
    };
    const int total = params.maxMemory - params.minMemory + 2;
    for (int m = params.minMemory; m <= params.maxMemory; ++m) {
        if (progress.cancelled()) return out;
        out.points.push_back(measure(SecondOrderMethod::Lbfgs, m));
        progress.setFraction(double(m - params.minMemory + 1) / total);
    }
    out.bfgs = measure(SecondOrderMethod::Bfgs, 0);
    progress.setFraction(1.0);
    return out;
}

ExperimentInfo bfgsPathExperiment()
{
    ParamList<BfgsPathParams> params;
    params.choice("surface", &BfgsPathParams::surface, quasiNewtonSurfaceKeys(), "the surface: rosenbrock or beale")
        .real("x", &BfgsPathParams::x, "start x")
        .real("y", &BfgsPathParams::y, "start y")
        .integer("steps", &BfgsPathParams::maxSteps, 1, 100000, "at most this many BFGS steps, 1..100000")
        .real("tolerance", &BfgsPathParams::tolerance, "converged when |grad f| falls below this, in [1e-14, 1]");
    return declareExperiment(
        "bfgs-path",
        "BFGS with the strong Wolfe line search on Rosenbrock or Beale: per step (\"path\") the point, the loss, |grad f|, "
        "BFGS's inverse-Hessian estimate H_k, the true inverse Hessian and their relative Frobenius distance, and "
        "the secant residual |H_k y - s| / |s|",
        std::move(params), {"surface", "x", "y", "steps", "tolerance"},
        [](JsonWriter& j, BfgsPathParams& p, std::uint64_t, Progress& progress) {
            asParameterError([&] { p.validate(); return 0; });
            const BfgsPathResult r = runBfgsPath(p, 0.35, progress);
            const SecondOrderRun& run = r.run;
            j.key("stepsTaken").value(run.run.steps);
            j.key("converged").value(run.run.status == RunStatus::Converged);
            j.key("stopReason").value(run.stopReason);
            j.key("gradientEvaluations").value(run.gradientEvaluations);
            j.key("valueEvaluations").value(run.valueEvaluations);
            j.key("finalLoss").value(run.run.finalLoss);
            j.key("path").beginArray();
            const std::unique_ptr<Surface> surface = quasiNewtonSurface(p.surface);
            for (std::size_t k = 0; k < r.steps.size(); ++k) {
                const BfgsStepCurvature& s = r.steps[k];
                const Eigen::Vector2d& x = run.run.points[k];
                j.beginObject();
                j.key("x").value(x.x());
                j.key("y").value(x.y());
                j.key("loss").value(run.run.losses[k]);
                j.key("gradientNorm").value(run.gradientNorms[k]);
                j.key("estimate").beginArray().value(s.estimate(0, 0)).value(s.estimate(0, 1)).value(s.estimate(1, 1)).endArray();
                j.key("truePositiveDefinite").value(s.truePositiveDefinite);
                if (std::isfinite(s.relativeError)) j.key("relativeInverseError").value(s.relativeError);
                if (k > 0) {
                    const Eigen::Vector2d sk = x - run.run.points[k - 1];
                    const Eigen::Vector2d yk = surface->gradient(x) - surface->gradient(run.run.points[k - 1]);
                    j.key("secantResidual").value((s.estimate * yk - sk).norm() / std::max(sk.norm(), 1e-300));
                }
                j.endObject();
            }
            j.endArray();
        });
}

ExperimentInfo lbfgsMemoryExperiment()
{
    ParamList<LbfgsMemoryParams> params;
    params.choice("problem", &LbfgsMemoryParams::problem, {"chained-rosenbrock", "extended-rosenbrock", "rosenbrock", "beale"},
                  "the problem: chained-rosenbrock or extended-rosenbrock (n dimensions, from (-1.2, 1, ...)), rosenbrock or "
                  "beale (from x, y)")
        .integer("n", &LbfgsMemoryParams::n, 2, 10000, "the n-dimensional problems' dimension, even, 2..10000")
        .real("x", &LbfgsMemoryParams::x, "2-D surfaces: start x")
        .real("y", &LbfgsMemoryParams::y, "2-D surfaces: start y")
        .integer("min-memory", &LbfgsMemoryParams::minMemory, 1, 100, "smallest memory m, 1..100")
        .integer("max-memory", &LbfgsMemoryParams::maxMemory, 1, 100, "largest memory m, 1..100")
        .real("tolerance", &LbfgsMemoryParams::tolerance, "converged when |grad f| falls below this, in [1e-14, 1]")
        .integer("steps", &LbfgsMemoryParams::maxSteps, 1, 1000000, "at most this many steps per run");
    return declareExperiment(
        "lbfgs-memory",
        "L-BFGS with memory m = min-memory .. max-memory (strong Wolfe line search): iterations and gradient "
        "evaluations until |grad f| < tolerance, beside full BFGS on the same problem",
        std::move(params), {"problem", "n", "min-memory", "max-memory", "tolerance"},
        [](JsonWriter& j, LbfgsMemoryParams& p, std::uint64_t, Progress& progress) {
            asParameterError([&] { p.validate(); return 0; });
            const LbfgsMemoryResult r = runLbfgsMemory(p, progress);
            auto write = [&j](const LbfgsMemoryPoint& q) {
                j.beginObject();
                j.key("memory").value(q.memory);
                j.key("iterations").value(q.iterations);
                j.key("gradientEvaluations").value(q.gradientEvaluations);
                j.key("converged").value(q.converged);
                j.key("finalGradientNorm").value(q.finalGradientNorm);
                j.key("finalLoss").value(q.finalLoss);
                j.key("stopReason").value(q.stopReason);
                j.endObject();
            };
            j.key("dimension").value(r.dimension);
            j.key("lbfgs").beginArray();
            for (const LbfgsMemoryPoint& q : r.points) write(q);
            j.endArray();
            j.key("bfgs");
            write(r.bfgs);
        });
}

} // namespace minima
