#include "engine/experiments/networkcritical.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

#include "engine/common/json.h"
#include "engine/common/parallel.h"
#include "engine/common/random.h"
#include "engine/experiments/params.h"
#include "engine/symmetry/sharpness.h"

namespace minima {

Network criticalNetwork(int hidden)
{
    if (hidden < 1 || hidden > 5) throw std::invalid_argument("hidden units must be in [1, 5]");
    return Network({2, hidden, 1}, {Activation::Tanh}, OutputActivation::Linear);
}

Dataset criticalDataset(const std::string& name)
{
    if (name == "xor") return makeDataset("xor", 4, 0.0, 1);
    if (name == "moons") return makeDataset("moons", 8, 0.1, 1);
    throw std::invalid_argument("unknown data set '" + name + "' (xor, moons)");
}

HessianIndex hessianIndex(const std::vector<double>& eigenvalues, double flat)
{
    HessianIndex h;
    double largest = 0;
    for (double v : eigenvalues) largest = std::max(largest, std::fabs(v));
    const double tol = flat * largest;
    for (double v : eigenvalues) {
        if (std::fabs(v) <= tol) ++h.flat;
        else if (v < 0) ++h.negative;
        else ++h.positive;
    }
    h.index = eigenvalues.empty() ? 0.0 : double(h.negative) / double(eigenvalues.size());
    return h;
}

namespace {
// Ranks 1..n, ties given the mean of the ranks they share.
std::vector<double> ranks(const std::vector<double>& x)
{
    std::vector<std::size_t> order(x.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
    std::vector<double> r(x.size());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
        const double mean = 0.5 * double(i + j) + 1.0;
        for (std::size_t k = i; k <= j; ++k) r[order[k]] = mean;
        i = j + 1;
    }
    return r;
}
} // namespace

double spearmanCorrelation(const std::vector<double>& x, const std::vector<double>& y)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (x.size() != y.size() || x.size() < 2) return nan;
    const std::vector<double> rx = ranks(x), ry = ranks(y);
    const double n = double(x.size()), mean = (n + 1) / 2;
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < rx.size(); ++i) {
        sxy += (rx[i] - mean) * (ry[i] - mean);
        sxx += (rx[i] - mean) * (rx[i] - mean);
        syy += (ry[i] - mean) * (ry[i] - mean);
    }
    if (sxx == 0 || syy == 0) return nan;
    return sxy / std::sqrt(sxx * syy);
}

CriticalRun findCriticalPoint(const Network& net, const Eigen::Ref<const Eigen::MatrixXd>& X,
                              const Eigen::Ref<const Eigen::MatrixXd>& Y, const Eigen::Ref<const Eigen::VectorXd>& start,
                              const CriticalParams& params)
{
    const Eigen::Index P = net.parameterCount();
    if (start.size() != P) throw std::invalid_argument("start of the wrong size");
    const Loss loss = Loss::MeanSquaredError;
    Workspace ws;
    Eigen::VectorXd theta = start, g(P), trial(P), gTrial(P), step(P), rhs(P);
    Eigen::MatrixXd H(P, P), HH(P, P), A(P, P);
    Eigen::LDLT<Eigen::MatrixXd> solver(P);
    CriticalRun run;
    double value = lossAndGradient(net, theta, X, Y, loss, ws, g);
    double norm = g.norm();
    double mu = 1e-3;
    int it = 0;
    bool stuck = false;
    while (std::isfinite(norm) && norm > params.gradientThreshold && it < params.maxIterations && !stuck) {
        ++it;
        H = exactHessian(net, theta, X, Y, loss);
        HH.noalias() = H * H;
        rhs.noalias() = -(H * g);
        const double scale = std::max(1e-300, HH.diagonal().maxCoeff());
        bool accepted = false;
        while (!accepted) {
            A = HH;
            A.diagonal().array() += mu * scale;
            solver.compute(A);
            step = solver.solve(rhs);
            trial = theta + step;
            const double trialValue = lossAndGradient(net, trial, X, Y, loss, ws, gTrial);
            const double trialNorm = gTrial.norm();
            if (std::isfinite(trialNorm) && trialNorm < norm) {
                theta.swap(trial);
                g.swap(gTrial);
                value = trialValue;
                norm = trialNorm;
                mu = std::max(mu / 4, 1e-15);
                accepted = true;
            } else {
                mu *= 4;
                if (mu > 1e10) {
                    stuck = true;   // no step lowers ||g||: a minimum of ||g||^2 that is not a zero
                    break;
                }
            }
        }
        if (theta.norm() > params.maxParameterNorm) break;
    }
    run.parameters = theta;
    run.loss = value;
    run.gradientNorm = norm;
    run.iterations = it;
    if (!std::isfinite(norm) || !theta.allFinite() || theta.norm() > params.maxParameterNorm)
        run.outcome = CriticalOutcome::Escaped;
    else if (norm <= params.gradientThreshold)
        run.outcome = CriticalOutcome::Critical;
    else
        run.outcome = CriticalOutcome::NotCritical;
    return run;
}

Eigen::VectorXd signNormalised(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& theta)
{
    Eigen::VectorXd t = theta;
    auto W = net.weightsIn(t.data(), 0);
    auto b = net.biasIn(t.data(), 0);
    auto V = net.weightsIn(t.data(), 1);
    for (Eigen::Index j = 0; j < W.rows(); ++j) {
        if (V(0, j) < 0 || (V(0, j) == 0 && b(j) < 0)) {
            W.row(j) *= -1;
            b(j) *= -1;
            V(0, j) *= -1;
        }
    }
    return t;
}

double symmetricDistance(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& a,
                         const Eigen::Ref<const Eigen::VectorXd>& b)
{
    const Eigen::VectorXd na = signNormalised(net, a), nb = signNormalised(net, b);
    const int h = net.widths()[1];
    std::vector<int> perm(static_cast<std::size_t>(h));
    std::iota(perm.begin(), perm.end(), 0);
    const auto Wa = net.weightsIn(na.data(), 0), Wb = net.weightsIn(nb.data(), 0);
    const auto ba = net.biasIn(na.data(), 0), bb = net.biasIn(nb.data(), 0);
    const auto Va = net.weightsIn(na.data(), 1), Vb = net.weightsIn(nb.data(), 1);
    const double outputBias = na[na.size() - 1] - nb[nb.size() - 1];
    double best = std::numeric_limits<double>::infinity();
    do {
        double sq = outputBias * outputBias;
        for (int j = 0; j < h; ++j) {
            const int k = perm[std::size_t(j)];
            sq += (Wa.row(k) - Wb.row(j)).squaredNorm();
            sq += (ba(k) - bb(j)) * (ba(k) - bb(j));
            sq += (Va(0, k) - Vb(0, j)) * (Va(0, k) - Vb(0, j));
        }
        best = std::min(best, sq);
    } while (std::next_permutation(perm.begin(), perm.end()));
    return std::sqrt(best);
}

namespace {
void checkCritical(const CriticalParams& p)
{
    if (p.hidden < 1 || p.hidden > 5) throw std::invalid_argument("hidden units must be in [1, 5]");
    if (p.dataset != "xor" && p.dataset != "moons") throw std::invalid_argument("data set must be xor or moons");
    if (p.starts < 1 || p.starts > 100000) throw std::invalid_argument("starts must be in [1, 100000]");
    if (!(p.initScale > 0) || !std::isfinite(p.initScale) || p.initScale > 100)
        throw std::invalid_argument("the starts' scale must be in (0, 100]");
    if (p.maxIterations < 1 || p.maxIterations > 100000) throw std::invalid_argument("iterations must be in [1, 100000]");
    if (!(p.gradientThreshold > 0) || p.gradientThreshold > 1)
        throw std::invalid_argument("the gradient threshold must be in (0, 1]");
    if (!(p.maxParameterNorm > 0) || !std::isfinite(p.maxParameterNorm))
        throw std::invalid_argument("the parameter bound must be a positive number");
}
} // namespace

CriticalResult runCriticalPoints(const CriticalParams& params, Progress& progress, unsigned threads)
{
    checkCritical(params);
    const Network net = criticalNetwork(params.hidden);
    const Dataset data = criticalDataset(params.dataset);
    const Eigen::Index P = net.parameterCount();
    std::vector<CriticalRun> runs(std::size_t(params.starts));
    const bool done = parallelFor(
        runs.size(),
        [&](std::size_t i) {
            Rng rng = makeRng(params.seed, 0x5AD0000 + i);
            Eigen::VectorXd start(P);
            for (Eigen::Index k = 0; k < P; ++k) start[k] = params.initScale * normal01(rng);
            runs[i] = findCriticalPoint(net, data.inputs, data.targets, start, params);
        },
        progress, threads);
    CriticalResult result;
    result.starts = params.starts;
    result.parameterCount = int(P);
    result.cancelled = !done;
    if (!done) return result;
    // Merge in start order, so the result does not depend on which thread ran which start.
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const CriticalRun& r = runs[i];
        if (r.outcome == CriticalOutcome::Escaped) { ++result.escaped; continue; }
        if (r.outcome == CriticalOutcome::NotCritical) { ++result.notCritical; continue; }
        ++result.critical;
        bool merged = false;
        for (CriticalPoint& p : result.points) {
            if (symmetricDistance(net, r.parameters, p.parameters) <= kMergeDistance * std::max(1.0, p.parameters.norm())) {
                ++p.foundBy;
                merged = true;
                break;
            }
        }
        if (merged) continue;
        CriticalPoint p;
        p.parameters = r.parameters;
        p.loss = r.loss;
        p.gradientNorm = r.gradientNorm;
        p.foundBy = 1;
        p.firstStart = int(i);
        result.points.push_back(std::move(p));
    }
    for (CriticalPoint& p : result.points) {
        const Eigen::MatrixXd H = exactHessian(net, p.parameters, data.inputs, data.targets, Loss::MeanSquaredError);
        const Eigen::VectorXd ev = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(H, Eigen::EigenvaluesOnly).eigenvalues();
        p.eigenvalues.assign(ev.data(), ev.data() + ev.size());
        p.index = hessianIndex(p.eigenvalues);
        result.largestGradientNorm = std::max(result.largestGradientNorm, p.gradientNorm);
    }
    std::stable_sort(result.points.begin(), result.points.end(),
                     [](const CriticalPoint& a, const CriticalPoint& b) { return a.loss < b.loss; });
    std::vector<double> index, loss;
    for (const CriticalPoint& p : result.points) {
        index.push_back(p.index.index);
        loss.push_back(p.loss);
    }
    result.spearman = spearmanCorrelation(index, loss);
    return result;
}

ExperimentInfo criticalPointsExperiment()
{
    ParamList<CriticalParams> params;
    params.integer("hidden", &CriticalParams::hidden, 1, 5, "hidden tanh units of the 2-h-1 network, 1..5")
        .choice("dataset", &CriticalParams::dataset, {"xor", "moons"}, "xor (the 4 corners) or moons (8 points)")
        .integer("starts", &CriticalParams::starts, 1, 100000, "random starts, 1..100000")
        .real("scale", &CriticalParams::initScale, "standard deviation of the starts' weights and biases, (0, 100]")
        .integer("iterations", &CriticalParams::maxIterations, 1, 100000, "Levenberg-Marquardt steps per start, 1..100000")
        .real("threshold", &CriticalParams::gradientThreshold, "largest ||grad L|| of a critical point, (0, 1]")
        .real("max-norm", &CriticalParams::maxParameterNorm, "runs ending with ||theta|| above this are dropped, > 0");
    return declareExperiment(
        "critical-points",
        "Critical points of a small tanh network's loss (Levenberg-Marquardt on grad L = 0): index against loss",
        std::move(params), {"hidden", "dataset", "starts", "scale", "iterations", "threshold", "max-norm"},
        [](JsonWriter& j, CriticalParams& p, std::uint64_t seed, Progress& progress) {
            p.seed = seed;
            const CriticalResult r = asParameterError([&] { return runCriticalPoints(p, progress); });
            j.key("seed").value((unsigned long long)seed);
            j.key("cancelled").value(r.cancelled);
            j.key("parameters").value(r.parameterCount);
            j.key("critical").value(r.critical);
            j.key("notCritical").value(r.notCritical);
            j.key("escaped").value(r.escaped);
            j.key("distinct").value(int(r.points.size()));
            j.key("spearman").value(r.spearman);
            j.key("largestGradientNorm").value(r.largestGradientNorm);
            j.key("points").beginArray();
            for (const CriticalPoint& c : r.points) {
                j.beginObject();
                j.key("loss").value(c.loss);
                j.key("gradientNorm").value(c.gradientNorm);
                j.key("index").value(c.index.index);
                j.key("negative").value(c.index.negative);
                j.key("flat").value(c.index.flat);
                j.key("positive").value(c.index.positive);
                j.key("foundBy").value(c.foundBy);
                j.key("eigenvalues").numbers(c.eigenvalues);
                j.endObject();
            }
            j.endArray();
        });
}

} // namespace minima
