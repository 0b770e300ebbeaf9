#include "engine/experiments/perparameter.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "engine/common/json.h"
#include "engine/experiments/params.h"
#include "engine/experiments/steepest.h"
#include "engine/surfaces/analytic.h"

namespace minima {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
} // namespace

EffectiveRate::EffectiveRate(OptimizerKind kind, double learningRate, double rho, double delta)
    : kind_(kind), lr_(learningRate), rho_(rho), delta_(delta)
{
    if (kind != OptimizerKind::GradientDescent && kind != OptimizerKind::AdaGrad && kind != OptimizerKind::RMSProp)
        throw std::invalid_argument("the effective rate is defined for gd, adagrad and rmsprop");
}

Eigen::Vector2d EffectiveRate::update(const Eigen::Vector2d& g)
{
    switch (kind_) {
    case OptimizerKind::AdaGrad:
        r_ += g.cwiseAbs2();   // Goodfellow et al., algorithm 8.4: r <- r + g (.) g
        break;
    case OptimizerKind::RMSProp:
        r_ = rho_ * r_ + (1.0 - rho_) * g.cwiseAbs2();   // algorithm 8.5: r <- rho r + (1 - rho) g (.) g
        break;
    default:
        return Eigen::Vector2d::Constant(lr_);
    }
    return (lr_ / (r_.array().sqrt() + delta_)).matrix();
}

double adagradConstantGradientRate(double learningRate, double delta, double g, long long t)
{
    return learningRate / (delta + std::abs(g) * std::sqrt(double(t)));
}

double logLogSlope(const std::vector<double>& rates)
{
    const std::size_t n = rates.size();
    if (n < 20) return kNaN;
    const std::size_t from = (n + 9) / 10;   // ceil(T/10), 1-based
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    std::size_t count = 0;
    for (std::size_t t = from; t <= n; ++t) {
        const double r = rates[t - 1];
        if (!(r > 0) || !std::isfinite(r)) return kNaN;
        const double lx = std::log(double(t)), ly = std::log(r);
        sx += lx;
        sy += ly;
        sxx += lx * lx;
        sxy += lx * ly;
        ++count;
    }
    const double c = double(count);
    const double den = c * sxx - sx * sx;
    return den > 0 ? (c * sxy - sx * sy) / den : kNaN;
}

void PerParameterParams::validate() const
{
    if (!(kappa >= 1 && kappa <= 1e6)) throw std::invalid_argument("kappa must be in [1, 1000000]");
    if (!(angle >= -180 && angle <= 180)) throw std::invalid_argument("angle must be in [-180, 180] degrees");
    if (!std::isfinite(x) || !std::isfinite(y) || std::abs(x) > 1e3 || std::abs(y) > 1e3)
        throw std::invalid_argument("x and y must be finite, at most 1000 in size");
    if (steps < 1 || steps > 100000) throw std::invalid_argument("steps must be in [1, 100000]");
    auto rate = [](double v, const char* what) {
        if (!(v > 0 && v <= 1e3)) throw std::invalid_argument(std::string(what) + " must be in (0, 1000]");
    };
    rate(gdRate, "gd-lr");
    rate(adagradRate, "adagrad-lr");
    rate(rmspropRate, "rmsprop-lr");
    if (!(rho >= 0 && rho < 1)) throw std::invalid_argument("rho must be in [0, 1)");
    if (!(delta > 0 && delta <= 1)) throw std::invalid_argument("delta must be in (0, 1]");
    if (!(tolerance > 0 && tolerance <= 1e3)) throw std::invalid_argument("tol must be in (0, 1000]");
}

PerParameterTrace perParameterRun(const QuadraticBowl& bowl, OptimizerKind kind, double learningRate,
                                  const PerParameterParams& p, Progress& progress)
{
    OptimizerSettings s;
    s.kind = kind;
    s.learningRate = learningRate;
    s.rho = p.rho;
    s.epsilon = p.delta;
    s.validate();
    Optimizer<Eigen::Vector2d> opt(s, 2);
    EffectiveRate rate(kind, learningRate, p.rho, p.delta);

    PerParameterTrace tr;
    tr.kind = kind;
    tr.points.reserve(std::size_t(p.steps) + 1);
    tr.losses.reserve(std::size_t(p.steps) + 1);
    tr.rates.reserve(std::size_t(p.steps));
    Eigen::Vector2d x(p.x, p.y);
    tr.points.push_back(x);
    tr.losses.push_back(bowl.value(x));
    if (x.norm() <= p.tolerance) tr.stepsToTolerance = 0;
    for (int t = 1; t <= p.steps; ++t) {
        if ((t & 1023) == 0 && progress.cancelled()) break;
        const Eigen::Vector2d g = bowl.gradient(x);
        const Eigen::Vector2d e = rate.update(g);
        const Eigen::Vector2d before = x;
        opt.step(x, g);
        const double f = bowl.value(x);
        if (!x.allFinite() || !std::isfinite(f) || x.norm() > kPerParameterEscape) {
            tr.diverged = true;
            tr.divergedAt = t;
            break;
        }
        tr.rateMismatch = std::max(tr.rateMismatch, ((x - before) + e.cwiseProduct(g)).cwiseAbs().maxCoeff());
        tr.rates.push_back(e);
        tr.points.push_back(x);
        tr.losses.push_back(f);
        tr.steps = t;
        if (tr.stepsToTolerance < 0 && x.norm() <= p.tolerance) tr.stepsToTolerance = t;
    }
    tr.finalDistance = tr.points.back().norm();
    if (kind == OptimizerKind::GradientDescent || tr.diverged) {
        tr.slope = {{kNaN, kNaN}};
    } else {
        std::vector<double> one(tr.rates.size());
        for (int i = 0; i < 2; ++i) {
            for (std::size_t t = 0; t < tr.rates.size(); ++t) one[t] = tr.rates[t][i];
            tr.slope[std::size_t(i)] = logLogSlope(one);
        }
    }
    return tr;
}

PerParameterResult perParameterExperiment(const PerParameterParams& p, Progress& progress)
{
    p.validate();
    const QuadraticBowl bowl = conditionedBowl(p.kappa, p.angle * kPi / 180.0);
    PerParameterResult r;
    const OptimizerKind kinds[3] = {OptimizerKind::GradientDescent, OptimizerKind::AdaGrad, OptimizerKind::RMSProp};
    const double rates[3] = {p.gdRate, p.adagradRate, p.rmspropRate};
    for (int i = 0; i < 3; ++i) {
        if (progress.cancelled()) {
            r.cancelled = true;
            break;
        }
        r.traces[std::size_t(i)] = perParameterRun(bowl, kinds[i], rates[i], p, progress);
        progress.setFraction((i + 1) / 3.0);
    }
    if (progress.cancelled()) r.cancelled = true;
    return r;
}

ExperimentInfo perParameterExperimentInfo()
{
    ParamList<PerParameterParams> params;
    params.real("kappa", &PerParameterParams::kappa, "condition number: eigenvalues 1 and kappa, in [1, 1000000]")
        .real("angle", &PerParameterParams::angle, "rotation of the eigenvectors, degrees in [-180, 180]")
        .real("x", &PerParameterParams::x, "the start x")
        .real("y", &PerParameterParams::y, "the start y")
        .integer("steps", &PerParameterParams::steps, 1, 100000, "steps of each method, 1..100000")
        .real("gd-lr", &PerParameterParams::gdRate, "gradient descent's learning rate, in (0, 1000]")
        .real("adagrad-lr", &PerParameterParams::adagradRate, "AdaGrad's global rate eps, in (0, 1000]")
        .real("rmsprop-lr", &PerParameterParams::rmspropRate, "RMSProp's global rate eps, in (0, 1000]")
        .real("rho", &PerParameterParams::rho, "RMSProp's decay rate, in [0, 1)")
        .real("delta", &PerParameterParams::delta, "the small constant delta in eps/(delta + sqrt(r)), in (0, 1]")
        .real("tol", &PerParameterParams::tolerance, "the tolerance on the distance to the minimum, in (0, 1000]");
    return declareExperiment(
        "per-parameter",
        "On 1/2 x^T H x with eigenvalues 1 and kappa, rotated: gradient descent, AdaGrad and RMSProp from one start, "
        "each one's steps to |x| <= tol, its effective rate per coordinate eps/(delta + sqrt(r_i)) at the end, the "
        "log-log slope of that rate over the last decade of steps, and the largest mismatch between those rates and "
        "the optimizer's steps",
        std::move(params), {"kappa", "angle", "steps"},
        [](JsonWriter& j, PerParameterParams& p, std::uint64_t, Progress& progress) {
            asParameterError([&] { p.validate(); return 0; });
            const PerParameterResult r = perParameterExperiment(p, progress);
            auto number = [&j](double v) {
                if (std::isfinite(v)) j.value(v);
                else j.null();
            };
            j.key("methods").beginArray();
            for (const PerParameterTrace& t : r.traces) {
                j.beginObject();
                j.key("method").value(optimizerKey(t.kind));
                j.key("stepsTaken").value(t.steps);
                j.key("stepsToTolerance").value(t.stepsToTolerance);
                j.key("reached").value(t.stepsToTolerance >= 0);
                j.key("diverged").value(t.diverged);
                j.key("divergedAt").value(t.divergedAt);
                j.key("finalDistance").value(t.finalDistance);
                j.key("finalLoss").value(t.losses.back());
                j.key("finalRates").beginArray();
                if (!t.rates.empty()) j.value(t.rates.back().x()).value(t.rates.back().y());
                j.endArray();
                j.key("slopes").beginArray();
                number(t.slope[0]);
                number(t.slope[1]);
                j.endArray();
                j.key("rateMismatch").value(t.rateMismatch);
                j.endObject();
            }
            j.endArray();
        });
}

} // namespace minima
