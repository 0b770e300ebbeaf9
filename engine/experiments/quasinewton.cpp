#include "engine/experiments/quasinewton.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <Eigen/Eigenvalues>
#include <Eigen/LU>

#include "engine/common/json.h"
#include "engine/experiments/params.h"
#include "engine/optim/optimizer.h"
#include "engine/optim/run.h"
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

SmoothObjective networkObjective(const Network& net, const Dataset& data, const Eigen::MatrixXd& oneHotTargets)
{
    if (data.classCount < 2 || data.classCount != net.outputCount() || net.output() != OutputActivation::Softmax)
        throw std::invalid_argument("the network needs a softmax output with one neuron per class of the data set");
    if (oneHotTargets.rows() != net.outputCount() || oneHotTargets.cols() != data.inputs.cols() || data.inputs.rows() != net.inputCount())
        throw std::invalid_argument("the data set does not fit the network");
    // One workspace per objective, made once: the runs call these from one thread.
    auto ws = std::make_shared<Workspace>();
    SmoothObjective o;
    o.value = [&net, &data, &oneHotTargets, ws](const Eigen::VectorXd& p) {
        return evaluateLoss(net, p, data.inputs, oneHotTargets, Loss::SoftmaxCrossEntropy, *ws);
    };
    o.gradient = [&net, &data, &oneHotTargets, ws](const Eigen::VectorXd& p, Eigen::VectorXd& g) {
        g.resize(p.size());
        lossAndGradient(net, p, data.inputs, oneHotTargets, Loss::SoftmaxCrossEntropy, *ws, g);
    };
    return o;
}

void FullBatchParams::validate() const
{
    if (widths.size() < 2 || widths.size() > 6) throw std::invalid_argument("the network needs 2 to 6 widths");
    for (int w : widths)
        if (w < 1 || w > 256) throw std::invalid_argument("every width must be in [1, 256]");
    if (evaluations < 2 || evaluations > 100000) throw std::invalid_argument("evaluations must be in [2, 100000]");
    if (!(gdRate > 0 && gdRate <= 100)) throw std::invalid_argument("the gradient-descent rate must be in (0, 100]");
    if (!(adamRate > 0 && adamRate <= 10)) throw std::invalid_argument("Adam's rate must be in (0, 10]");
    if (memory < 1 || memory > 100) throw std::invalid_argument("the memory must be in [1, 100]");
}

FullBatchResult runFullBatch(const FullBatchParams& params, const Dataset& data, Progress& progress)
{
    params.validate();
    std::vector<Activation> hidden{Activation::Tanh};
    Network net(params.widths, hidden, OutputActivation::Softmax);
    const Eigen::MatrixXd targets = oneHot(data);
    const SmoothObjective base = networkObjective(net, data, targets);
    net.initialise(Initialisation::Xavier, params.seed);
    const Eigen::VectorXd start = net.parameters();
    FullBatchResult out;
    out.parameters = int(net.parameterCount());
    out.samples = int(data.inputs.cols());

    // Every gradient the method asks for is counted; after each step the count and the loss
    // are recorded, and the run stops once the budget is spent.
    int counted = 0;
    SmoothObjective counting = base;
    counting.gradient = [&base, &counted](const Eigen::VectorXd& p, Eigen::VectorXd& g) {
        ++counted;
        base.gradient(p, g);
    };
    auto begin = [&](const std::string& method) {
        FullBatchCurve c;
        c.method = method;
        c.evaluations.push_back(0);
        c.losses.push_back(base.value(start));
        counted = 0;
        return c;
    };
    RunSettings run;
    run.maxSteps = params.evaluations;
    run.gradientTolerance = 1e-10;
    run.record = false;
    auto observe = [&](FullBatchCurve& c) {
        return [&c, &counted, &params, &progress](int, const Eigen::VectorXd&, double loss) {
            c.evaluations.push_back(counted);
            c.losses.push_back(loss);
            return counted >= params.evaluations || progress.cancelled();
        };
    };
    const int total = 4;
    int done = 0;
    const std::string spent = "the budget of " + std::to_string(params.evaluations) + " gradient evaluations was spent";
    for (OptimizerKind kind : {OptimizerKind::GradientDescent, OptimizerKind::Adam}) {
        FullBatchCurve c = begin(kind == OptimizerKind::Adam ? "adam" : "gd");
        OptimizerSettings settings = kind == OptimizerKind::Adam ? adamDefaults() : OptimizerSettings{};
        settings.kind = kind;
        settings.learningRate = kind == OptimizerKind::Adam ? params.adamRate : params.gdRate;
        Optimizer<Eigen::VectorXd> optimizer(settings, start.size());
        const Objective objective{counting.value, counting.gradient};
        const RunResult<Eigen::VectorXd> r = runOptimizer(optimizer, objective, start, run, observe(c), progress);
        c.finalLoss = c.losses.back();
        c.stopReason = c.evaluations.back() >= params.evaluations ? spent : runStatusName(r.status);
        out.curves.push_back(std::move(c));
        progress.setFraction(double(++done) / total);
    }
    for (SecondOrderMethod method : {SecondOrderMethod::Bfgs, SecondOrderMethod::Lbfgs}) {
        FullBatchCurve c = begin(secondOrderKey(method));
        SecondOrderSettings settings;
        settings.method = method;
        settings.memory = params.memory;
        const SecondOrderRun r = runSecondOrder(settings, counting, start, run, observe(c), progress);
        c.finalLoss = c.losses.back();
        c.stopReason = c.evaluations.back() >= params.evaluations ? spent : r.stopReason;
        out.curves.push_back(std::move(c));
        progress.setFraction(double(++done) / total);
    }
    return out;
}

namespace {
std::function<Dataset()>& fullBatchSource()
{
    static std::function<Dataset()> s;
    return s;
}
} // namespace

void setFullBatchDataset(std::function<Dataset()> source) { fullBatchSource() = std::move(source); }

ExperimentInfo fullBatchExperiment()
{
    ParamList<FullBatchParams> params;
    params.integers("widths", &FullBatchParams::widths, 1, 256, "the network's widths, input to output (64,...,10 for the digits)")
        .integer("evaluations", &FullBatchParams::evaluations, 2, 100000, "each method's budget of gradient evaluations")
        .real("gd-lr", &FullBatchParams::gdRate, "gradient descent's learning rate, in (0, 100]")
        .real("adam-lr", &FullBatchParams::adamRate, "Adam's learning rate, in (0, 10]")
        .integer("memory", &FullBatchParams::memory, 1, 100, "L-BFGS's memory m, 1..100");
    return declareExperiment(
        "full-batch",
        "A small tanh network trained full-batch on the 8x8 digits (softmax cross-entropy) from one Xavier "
        "initialisation by gradient descent, Adam, BFGS and L-BFGS: the loss against gradient evaluations",
        std::move(params), {"widths", "evaluations", "gd-lr", "adam-lr", "memory"},
        [](JsonWriter& j, FullBatchParams& p, std::uint64_t seed, Progress& progress) {
            asParameterError([&] { p.validate(); return 0; });
            p.seed = seed;
            if (!fullBatchSource()) throw ParameterError("the digits data set is not available in this build");
            const Dataset data = fullBatchSource()();
            const FullBatchResult r = asParameterError([&] { return runFullBatch(p, data, progress); });
            j.key("parameters").value(r.parameters);
            j.key("samples").value(r.samples);
            j.key("curves").beginArray();
            for (const FullBatchCurve& c : r.curves) {
                j.beginObject();
                j.key("method").value(c.method);
                j.key("finalLoss").value(c.finalLoss);
                j.key("stopReason").value(c.stopReason);
                j.key("evaluations").beginArray();
                for (int e : c.evaluations) j.value(e);
                j.endArray();
                j.key("losses").beginArray();
                for (double f : c.losses) j.value(f);
                j.endArray();
                j.endObject();
            }
            j.endArray();
        });
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
