#include "engine/experiments/heavyball.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "engine/common/json.h"
#include "engine/common/random.h"
#include "engine/experiments/contraction.h"
#include "engine/experiments/params.h"
#include "engine/optim/optimizer.h"
#include "engine/surfaces/analytic.h"

namespace minima {

Eigen::Matrix2d momentumIterationMatrix(MomentumMethod method, double alpha, double beta, double lambda)
{
    const double u = 1.0 - alpha * lambda;
    Eigen::Matrix2d m;
    if (method == MomentumMethod::HeavyBall) m << beta, -alpha * lambda, beta, u;   // (v, x) -> (v', x')
    else m << beta * u, -alpha * lambda, beta * u, u;
    return m;
}

double quadraticRootRadius(double trace, double det)
{
    // Roots (T +- sqrt(T^2 - 4D))/2: real, the larger |z| is (|T| + sqrt(disc))/2; complex
    // conjugate, |z|^2 = z z-bar = D.
    const double disc = trace * trace - 4.0 * det;
    if (disc >= 0) return 0.5 * (std::abs(trace) + std::sqrt(disc));
    return std::sqrt(det);
}

double momentumRadius(MomentumMethod method, double alpha, double beta, double lambda)
{
    const double u = 1.0 - alpha * lambda;
    if (method == MomentumMethod::HeavyBall) return quadraticRootRadius(1.0 + beta - alpha * lambda, beta);
    return quadraticRootRadius((1.0 + beta) * u, beta * u);
}

double momentumRadius(MomentumMethod method, double alpha, double beta, double lambda1, double lambda2)
{
    return std::max(momentumRadius(method, alpha, beta, lambda1), momentumRadius(method, alpha, beta, lambda2));
}

MomentumOptimum momentumOptimum(double lambda1, double lambda2)
{
    if (!(lambda1 > 0) || !(lambda2 > 0) || !std::isfinite(lambda1) || !std::isfinite(lambda2))
        throw std::invalid_argument("the eigenvalues must be positive and finite");
    const double lmin = std::min(lambda1, lambda2), lmax = std::max(lambda1, lambda2);
    const double s = std::sqrt(lmax) + std::sqrt(lmin);
    MomentumOptimum o;
    o.alpha = 4.0 / (s * s);
    // (sqrt(kappa) - 1)/(sqrt(kappa) + 1) written with the square roots of the eigenvalues.
    o.rate = (std::sqrt(lmax) - std::sqrt(lmin)) / s;
    o.beta = o.rate * o.rate;
    const LearningRateThresholds t = learningRateThresholds(lambda1, lambda2);
    o.gdRate = t.bestContraction;
    o.gdAlpha = t.best;
    return o;
}

RateMap momentumRateMap(MomentumMethod method, double lambda1, double lambda2, double alphaMax, double betaMax, int cols,
                        int rows, Progress& progress)
{
    if (cols < 1 || rows < 1 || cols > 4000 || rows > 4000)
        throw std::invalid_argument("the rate map needs 1 to 4000 cells each way");
    if (!(alphaMax > 0) || !std::isfinite(alphaMax) || !(betaMax > 0) || !(betaMax <= 1))
        throw std::invalid_argument("the rate map needs alphaMax > 0 and 0 < betaMax <= 1");
    momentumOptimum(lambda1, lambda2);   // checks the eigenvalues
    RateMap map;
    map.cols = cols;
    map.rows = rows;
    map.alphaMax = alphaMax;
    map.betaMax = betaMax;
    map.radius.assign(std::size_t(cols) * std::size_t(rows), std::numeric_limits<double>::quiet_NaN());
    for (int r = 0; r < rows; ++r) {
        if (progress.cancelled()) break;
        const double beta = map.betaAt(r);
        double* row = map.radius.data() + std::size_t(r) * std::size_t(cols);
        for (int c = 0; c < cols; ++c) row[c] = momentumRadius(method, map.alphaAt(c), beta, lambda1, lambda2);
        progress.setFraction(double(r + 1) / rows);
    }
    return map;
}

double measuredMomentumRate(const QuadraticBowl& bowl, MomentumMethod method, double alpha, double beta, int steps,
                            std::uint64_t seed)
{
    if (!(alpha > 0) || !std::isfinite(alpha)) throw std::invalid_argument("the learning rate must be positive and finite");
    if (!(beta >= 0) || !(beta < 1)) throw std::invalid_argument("the momentum must be in [0, 1)");
    if (steps < 2) throw std::invalid_argument("steps must be at least 2");
    OptimizerSettings s;
    s.kind = method == MomentumMethod::HeavyBall ? OptimizerKind::Momentum : OptimizerKind::Nesterov;
    s.learningRate = alpha;
    s.momentum = beta;
    Optimizer<Eigen::Vector2d> opt(s, 2);
    Rng rng = makeRng(seed, 0);
    const double angle = 6.283185307179586 * uniform01(rng);
    Eigen::Vector2d x(std::cos(angle), std::sin(angle)), at, g, before;
    // The state's norm is |(x, v)|; v is x_{t+1} - x_t, the step just taken. logNorm is
    // log |(x, v)_t| over the run, kept by the renormalisations.
    const int a0 = steps / 4, a1 = steps / 2, b0 = steps - (a1 - a0), b1 = steps;
    double logNorm = 0.0, sumA = 0.0, sumB = 0.0;
    for (int t = 0; t < steps; ++t) {
        before = x;
        opt.lookahead(x, at);
        g = bowl.gradient(at);
        opt.step(x, g);
        const double norm = std::sqrt(x.squaredNorm() + (x - before).squaredNorm());
        if (!(norm > 0) || !std::isfinite(norm)) return norm > 0 ? norm : 0.0;   // landed exactly on the bottom
        logNorm += std::log(norm);
        if (t >= a0 && t < a1) sumA += logNorm;
        if (t >= b0 && t < b1) sumB += logNorm;
        x /= norm;
        opt.scaleState(1.0 / norm);
    }
    // The slope of log |(x, v)_t| between the means over two windows of steps/4: a wobble of
    // the norm (complex roots) averages out over each window instead of landing on one step.
    const double n = double(a1 - a0);
    return std::exp((sumB / n - sumA / n) / double(b0 - a0));
}

// ---- minima run heavy-ball ----

namespace {

struct HeavyBallParams {
    double lambda1 = 0.01;
    double lambda2 = 1.0;
    double alpha = 1.0;
    double beta = 0.9;
    std::string method = "heavy-ball";
    int steps = 20000;
};

} // namespace

ExperimentInfo heavyBallExperiment()
{
    ParamList<HeavyBallParams> params;
    params.real("lambda1", &HeavyBallParams::lambda1, "first eigenvalue of the bowl, in (0, 1000]")
        .real("lambda2", &HeavyBallParams::lambda2, "second eigenvalue of the bowl, in (0, 1000]")
        .real("alpha", &HeavyBallParams::alpha, "learning rate alpha, in (0, 100]")
        .real("beta", &HeavyBallParams::beta, "momentum beta, in [0, 1)")
        .choice("method", &HeavyBallParams::method, {"heavy-ball", "nesterov"}, "heavy-ball (Polyak) | nesterov")
        .integer("steps", &HeavyBallParams::steps, 2, 10000000, "steps of the measured runs, 2..10000000");
    return declareExperiment(
        "heavy-ball",
        "Heavy-ball momentum or Nesterov at (alpha, beta) on the bowl with eigenvalues lambda1, lambda2: the spectral "
        "radius of the iteration matrix, the measured rate of a run, the optimum alpha*, beta* and its rate "
        "(sqrt(kappa)-1)/(sqrt(kappa)+1), and gradient descent's best rate beside it",
        std::move(params), {"lambda1", "lambda2", "alpha", "beta", "method"},
        [](JsonWriter& j, HeavyBallParams& p, std::uint64_t seed, Progress&) {
            for (double l : {p.lambda1, p.lambda2})
                if (!(l > 0 && l <= 1000)) throw ParameterError("the eigenvalues must be in (0, 1000]");
            if (!(p.alpha > 0 && p.alpha <= 100)) throw ParameterError("bad value for key 'alpha': expected (0, 100]");
            if (!(p.beta >= 0 && p.beta < 1)) throw ParameterError("bad value for key 'beta': expected [0, 1)");
            const MomentumMethod method = p.method == "nesterov" ? MomentumMethod::Nesterov : MomentumMethod::HeavyBall;
            const QuadraticBowl bowl(p.lambda1, p.lambda2, 0.0);
            const MomentumOptimum o = momentumOptimum(p.lambda1, p.lambda2);
            const double theory = momentumRadius(method, p.alpha, p.beta, p.lambda1, p.lambda2);
            const double measured = measuredMomentumRate(bowl, method, p.alpha, p.beta, p.steps, seed);
            const double gdMeasured = measuredContraction(bowl, o.gdAlpha, p.steps, seed);
            j.key("kappa").value(std::max(p.lambda1, p.lambda2) / std::min(p.lambda1, p.lambda2));
            j.key("theoryRate").value(theory);
            j.key("measuredRate").value(measured);
            j.key("converges").value(theory < 1.0);
            j.key("optimum").beginObject();
            j.key("alpha").value(o.alpha).key("beta").value(o.beta).key("rate").value(o.rate);
            j.endObject();
            j.key("gradientDescent").beginObject();
            j.key("lr").value(o.gdAlpha).key("theoryRate").value(o.gdRate).key("measuredRate").value(gdMeasured);
            j.endObject();
            // Steps per factor e of the error, GD's best over this run's (1/-log rate each): the speed-up.
            j.key("speedUp");
            if (measured > 0 && measured < 1 && gdMeasured > 0 && gdMeasured < 1) j.value(std::log(measured) / std::log(gdMeasured));
            else j.null();
        });
}

} // namespace minima
