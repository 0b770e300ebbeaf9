#include "engine/experiments/contraction.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/common/random.h"
#include "engine/optim/optimizer.h"
#include "engine/surfaces/analytic.h"

namespace minima {

LearningRateThresholds learningRateThresholds(double lambda1, double lambda2)
{
    if (!(lambda1 > 0) || !(lambda2 > 0) || !std::isfinite(lambda1) || !std::isfinite(lambda2))
        throw std::invalid_argument("the eigenvalues must be positive and finite");
    const double lmin = std::min(lambda1, lambda2), lmax = std::max(lambda1, lambda2);
    LearningRateThresholds t;
    t.exact1 = 1.0 / lambda1;
    t.exact2 = 1.0 / lambda2;
    t.best = 2.0 / (lmin + lmax);
    t.divergence = 2.0 / lmax;
    const double kappa = lmax / lmin;
    t.bestContraction = (kappa - 1.0) / (kappa + 1.0);
    return t;
}

double contractionBound(double lambda1, double lambda2, double learningRate)
{
    return std::max(std::abs(1.0 - learningRate * lambda1), std::abs(1.0 - learningRate * lambda2));
}

double measuredContraction(const QuadraticBowl& bowl, double learningRate, int steps, std::uint64_t seed)
{
    if (!(learningRate > 0) || !std::isfinite(learningRate))
        throw std::invalid_argument("the learning rate must be positive and finite");
    if (steps < 1) throw std::invalid_argument("steps must be at least 1");
    OptimizerSettings s;
    s.kind = OptimizerKind::GradientDescent;
    s.learningRate = learningRate;
    Optimizer<Eigen::Vector2d> gd(s, 2);
    Rng rng = makeRng(seed, 0);
    const double angle = 6.283185307179586 * uniform01(rng);
    Eigen::Vector2d x(std::cos(angle), std::sin(angle));
    double ratio = 0.0;
    for (int t = 0; t < steps; ++t) {
        const Eigen::Vector2d g = bowl.gradient(x);
        gd.step(x, g);
        ratio = x.norm();   // |x_{t+1}| / |x_t| with |x_t| = 1
        if (!(ratio > 0) || !std::isfinite(ratio)) break;   // exactly 0: the step map sent x to the bottom
        x /= ratio;
    }
    return ratio;
}

std::vector<ContractionSample> contractionSweep(const QuadraticBowl& bowl, double from, double to, int count,
                                                int steps, std::uint64_t seed)
{
    if (!(from > 0) || !(to >= from) || !std::isfinite(to) || count < 1)
        throw std::invalid_argument("bad learning-rate range for the contraction sweep");
    std::vector<ContractionSample> out;
    out.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        const double lr = count == 1 ? from : from + (to - from) * i / (count - 1);
        out.push_back({lr, measuredContraction(bowl, lr, steps, seed), contractionBound(bowl.lambda1(), bowl.lambda2(), lr)});
    }
    return out;
}

} // namespace minima
