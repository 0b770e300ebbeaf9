#include "engine/experiments/biascorrection.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <Eigen/Core>

#include "engine/common/json.h"
#include "engine/common/parallel.h"
#include "engine/common/random.h"
#include "engine/experiments/params.h"
#include "engine/optim/optimizer.h"

namespace minima {

namespace {

constexpr std::size_t kBlock = 64;   // streams per work item: the summation order, not the threads
using Scalar1 = Eigen::Matrix<double, 1, 1>;

// Per step, the sums of one block of streams (row-major, steps x kSums).
enum Sum { SumM, SumM2, SumV, SumV2, SumCorrected, SumUncorrected, kSums };

OptimizerSettings adamSettings(const BiasCorrectionParams& p)
{
    OptimizerSettings s;
    s.kind = OptimizerKind::Adam;
    s.learningRate = p.alpha;
    s.beta1 = p.beta1;
    s.beta2 = p.beta2;
    s.epsilon = p.epsilon;
    return s;
}

// One stream: Adam through the engine's Optimizer (the corrected step) beside the same
// recursion without the correction. `visit(t, g, m, v, corrected, uncorrected)` per step.
template <class Visit>
void runStream(const BiasCorrectionParams& p, std::uint64_t stream, Visit visit)
{
    Rng rng = makeRng(p.seed, stream);
    Optimizer<Scalar1> adam(adamSettings(p), 1);
    Scalar1 x = Scalar1::Zero(), g;
    double m = 0, v = 0;
    for (int t = 0; t < p.steps; ++t) {
        const double gt = p.sigma > 0 ? p.gradient + p.sigma * normal01(rng) : p.gradient;
        g(0) = gt;
        const double before = x(0);
        adam.step(x, g);
        m = p.beta1 * m + (1.0 - p.beta1) * gt;
        v = p.beta2 * v + (1.0 - p.beta2) * gt * gt;
        const double uncorrected = std::abs(p.alpha * m / (std::sqrt(v) + p.epsilon));
        visit(t, gt, m, v, std::abs(x(0) - before), uncorrected);
    }
}

} // namespace

void BiasCorrectionParams::validate() const
{
    if (!(alpha > 0 && alpha <= 10)) throw std::invalid_argument("alpha must be in (0, 10]");
    if (!(beta1 >= 0 && beta1 < 1)) throw std::invalid_argument("beta1 must be in [0, 1)");
    if (!(beta2 >= 0 && beta2 < 1)) throw std::invalid_argument("beta2 must be in [0, 1)");
    if (!(epsilon > 0 && epsilon <= 1)) throw std::invalid_argument("epsilon must be in (0, 1]");
    if (!(std::abs(gradient) > 0 && std::abs(gradient) <= 1000))
        throw std::invalid_argument("gradient must be nonzero, at most 1000 in size");
    if (!(sigma >= 0 && sigma <= 1000)) throw std::invalid_argument("sigma must be in [0, 1000]");
    if (steps < 1 || steps > 1000) throw std::invalid_argument("steps must be in [1, 1000]");
    if (streams < 1 || streams > 20000) throw std::invalid_argument("streams must be in [1, 20000]");
}

double uncorrectedClosedForm(double alpha, double beta1, double beta2, double epsilon, double gradient, int t)
{
    const double g = std::abs(gradient);
    // 1 - beta^t as -expm1(t log beta): no cancellation for beta near 1 (beta = 0: 1).
    const double c1 = beta1 > 0 ? -std::expm1(t * std::log(beta1)) : 1.0;
    const double c2 = beta2 > 0 ? -std::expm1(t * std::log(beta2)) : 1.0;
    return alpha * c1 * g / (std::sqrt(c2) * g + epsilon);
}

double correctedClosedForm(double alpha, double epsilon, double gradient)
{
    const double g = std::abs(gradient);
    return alpha * g / (g + epsilon);
}

BiasCorrectionResult runBiasCorrection(const BiasCorrectionParams& params, Progress& progress, unsigned threads)
{
    params.validate();
    const BiasCorrectionParams& p = params;
    const std::size_t T = std::size_t(p.steps);
    BiasCorrectionResult r;
    r.params = p;
    r.streams = p.streams;
    r.gradients.resize(T);
    r.corrected.resize(T);
    r.uncorrected.resize(T);
    r.closedCorrected.assign(T, correctedClosedForm(p.alpha, p.epsilon, p.gradient));
    r.closedUncorrected.resize(T);
    r.bias1.resize(T);
    r.bias2.resize(T);
    r.expectedM.resize(T);
    r.expectedV.resize(T);
    const double secondMoment = p.gradient * p.gradient + p.sigma * p.sigma;   // E[g^2]
    for (std::size_t i = 0; i < T; ++i) {
        const int t = int(i) + 1;
        r.closedUncorrected[i] = uncorrectedClosedForm(p.alpha, p.beta1, p.beta2, p.epsilon, p.gradient, t);
        r.bias1[i] = p.beta1 > 0 ? -std::expm1(t * std::log(p.beta1)) : 1.0;
        r.bias2[i] = p.beta2 > 0 ? -std::expm1(t * std::log(p.beta2)) : 1.0;
        r.expectedM[i] = r.bias1[i] * p.gradient;
        r.expectedV[i] = r.bias2[i] * secondMoment;
    }
    runStream(p, 0, [&](int t, double g, double, double, double corrected, double uncorrected) {
        r.gradients[std::size_t(t)] = g;
        r.corrected[std::size_t(t)] = corrected;
        r.uncorrected[std::size_t(t)] = uncorrected;
    });

    // The Monte-Carlo sums, one block of kBlock streams per work item.
    const std::size_t streams = std::size_t(p.streams);
    const std::size_t blocks = (streams + kBlock - 1) / kBlock;
    std::vector<double> sums(blocks * T * kSums, 0.0);
    const bool done = parallelFor(
        blocks,
        [&](std::size_t b) {
            double* s = sums.data() + b * T * kSums;
            const std::size_t end = std::min(streams, (b + 1) * kBlock);
            for (std::size_t i = b * kBlock; i < end; ++i)
                runStream(p, i, [s](int t, double, double m, double v, double corrected, double uncorrected) {
                    double* row = s + std::size_t(t) * kSums;
                    row[SumM] += m;
                    row[SumM2] += m * m;
                    row[SumV] += v;
                    row[SumV2] += v * v;
                    row[SumCorrected] += corrected;
                    row[SumUncorrected] += uncorrected;
                });
        },
        progress, threads);
    if (!done || progress.cancelled()) {
        r.cancelled = true;
        return r;
    }
    std::vector<double> total(T * kSums, 0.0);
    for (std::size_t b = 0; b < blocks; ++b)
        for (std::size_t k = 0; k < T * kSums; ++k) total[k] += sums[b * T * kSums + k];
    const double n = double(streams);
    // Standard error from the sample variance (n - 1); the sums of squares lose digits only when
    // the spread is far below the mean, where the error is tiny either way (clamped at 0).
    auto stderrOf = [n](double sum, double sum2) {
        if (n < 2) return 0.0;
        const double var = std::max(0.0, (sum2 - sum * sum / n) / (n - 1));
        return std::sqrt(var / n);
    };
    for (std::size_t i = 0; i < T; ++i) {
        const double* row = total.data() + i * kSums;
        r.meanM.push_back(row[SumM] / n);
        r.seM.push_back(stderrOf(row[SumM], row[SumM2]));
        r.meanV.push_back(row[SumV] / n);
        r.seV.push_back(stderrOf(row[SumV], row[SumV2]));
        r.meanCorrected.push_back(row[SumCorrected] / n);
        r.meanUncorrected.push_back(row[SumUncorrected] / n);
    }
    return r;
}

ExperimentInfo biasCorrectionExperiment()
{
    auto params = ParamList<BiasCorrectionParams>()
        .real("alpha", &BiasCorrectionParams::alpha, "Adam's learning rate, in (0, 10]")
        .real("beta1", &BiasCorrectionParams::beta1, "decay of the first moment m, in [0, 1)")
        .real("beta2", &BiasCorrectionParams::beta2, "decay of the second moment v, in [0, 1)")
        .real("epsilon", &BiasCorrectionParams::epsilon, "Adam's epsilon, in (0, 1]")
        .real("gradient", &BiasCorrectionParams::gradient, "the gradient's mean g, nonzero, |g| <= 1000")
        .real("sigma", &BiasCorrectionParams::sigma,
              "noise: g_t = g + sigma z_t, z_t standard normal, sigma in [0, 1000] (0: constant)")
        .integer("steps", &BiasCorrectionParams::steps, 1, 1000, "Adam steps per stream, 1..1000")
        .integer("streams", &BiasCorrectionParams::streams, 1, 20000, "seeded gradient streams averaged, 1..20000");
    return declareExperiment(
        "bias-correction",
        "Adam's bias correction: step sizes with and without it against the closed forms, the bias factors "
        "1 - beta^t, and E[m_t] = (1 - beta1^t) E[g] over seeded noisy gradient streams",
        std::move(params), {"alpha", "beta1", "beta2", "epsilon", "gradient", "sigma", "steps", "streams"},
        [](JsonWriter& j, BiasCorrectionParams& p, std::uint64_t seed, Progress& progress) {
            p.seed = seed;
            const BiasCorrectionResult r = asParameterError([&] { return runBiasCorrection(p, progress); });
            j.key("cancelled").value(r.cancelled);
            j.key("seed").value(static_cast<unsigned long long>(seed));
            j.key("corrected").numbers(r.corrected);
            j.key("uncorrected").numbers(r.uncorrected);
            j.key("closedCorrected").numbers(r.closedCorrected);
            j.key("closedUncorrected").numbers(r.closedUncorrected);
            j.key("bias1").numbers(r.bias1);
            j.key("bias2").numbers(r.bias2);
            j.key("meanM").numbers(r.meanM);
            j.key("seM").numbers(r.seM);
            j.key("expectedM").numbers(r.expectedM);
            j.key("meanV").numbers(r.meanV);
            j.key("seV").numbers(r.seV);
            j.key("expectedV").numbers(r.expectedV);
            j.key("meanCorrected").numbers(r.meanCorrected);
            j.key("meanUncorrected").numbers(r.meanUncorrected);
        });
}

} // namespace minima
