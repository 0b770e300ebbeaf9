#pragma once
// Adam's bias correction (Kingma & Ba 2015, section 3; Goodfellow, Bengio & Courville, "Deep
// Learning", 8.5.3). Adam's moment estimates start at zero,
//
//   m_t = beta1 m_{t-1} + (1 - beta1) g_t = (1 - beta1) sum_{i=1..t} beta1^(t-i) g_i,
//   v_t = beta2 v_{t-1} + (1 - beta2) g_t^2 = (1 - beta2) sum_{i=1..t} beta2^(t-i) g_i^2,
//
// so for a stationary gradient (E[g_i] = E[g], E[g_i^2] = E[g^2]) the geometric sums give
//
//   E[m_t] = (1 - beta1^t) E[g],   E[v_t] = (1 - beta2^t) E[g^2]:
//
// both are biased towards zero by the factors 1 - beta^t. Adam divides them out,
// mhat = m_t/(1 - beta1^t), vhat = v_t/(1 - beta2^t), and steps alpha mhat/(sqrt(vhat) + eps).
// For a constant gradient g != 0 the corrected step is exactly alpha |g|/(|g| + eps) (alpha as
// eps -> 0) from the first step on; the uncorrected step alpha m_t/(sqrt(v_t) + eps) is
// alpha (1 - beta1^t)|g| / (sqrt(1 - beta2^t)|g| + eps), alpha (1 - beta1^t)/sqrt(1 - beta2^t) as
// eps -> 0: alpha (1 - beta1)/sqrt(1 - beta2) at t = 1, 3.162 alpha for the defaults 0.9, 0.999.
//
// The gradient stream is one coordinate: g_t = g + sigma z_t, z_t standard normal, stream i
// drawing z_1, z_2, ... by normal01 from makeRng(seed, i) (engine/common/random.h). Stream 0 is
// the one drawn step by step; the Monte-Carlo means run over streams 0 .. streams - 1.
#include <cstdint>
#include <vector>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"

namespace minima {

struct BiasCorrectionParams {
    double alpha = 0.001;     // Adam's learning rate
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;
    double gradient = 1.0;    // g, the stream's mean; nonzero
    double sigma = 0.0;       // the noise's standard deviation; 0 is the constant gradient
    int steps = 50;
    int streams = 2000;       // the Monte-Carlo streams
    std::uint64_t seed = 1;
    // std::invalid_argument naming the setting: alpha in (0, 10], beta1 and beta2 in [0, 1),
    // epsilon in (0, 1], 0 < |gradient| <= 1000, sigma in [0, 1000], steps in [1, 1000],
    // streams in [1, 20000].
    void validate() const;
};

// Per step t = 1 .. steps, at index t - 1.
struct BiasCorrectionResult {
    BiasCorrectionParams params;
    // Stream 0: the gradients, Adam's step |x_t - x_{t-1}| by the engine's Optimizer (with the
    // correction) and the same update without it, alpha m_t/(sqrt(v_t) + eps).
    std::vector<double> gradients;
    std::vector<double> corrected;
    std::vector<double> uncorrected;
    // The constant-gradient closed forms (with eps; see above).
    std::vector<double> closedCorrected;     // alpha |g|/(|g| + eps)
    std::vector<double> closedUncorrected;   // alpha (1 - beta1^t)|g|/(sqrt(1 - beta2^t)|g| + eps)
    // The bias factors.
    std::vector<double> bias1;   // 1 - beta1^t
    std::vector<double> bias2;   // 1 - beta2^t
    // Over the streams: means of m_t and v_t with their standard errors s/sqrt(n) (0 for one
    // stream), their expectations (1 - beta1^t) g and (1 - beta2^t)(g^2 + sigma^2), and the mean
    // steps with and without the correction.
    std::vector<double> meanM, seM, expectedM;
    std::vector<double> meanV, seV, expectedV;
    std::vector<double> meanCorrected, meanUncorrected;
    int streams = 0;
    bool cancelled = false;
};

// The closed forms for one step t >= 1.
double uncorrectedClosedForm(double alpha, double beta1, double beta2, double epsilon, double gradient, int t);
double correctedClosedForm(double alpha, double epsilon, double gradient);

// Runs the experiment; the streams are cut in blocks of a fixed size, each summed in stream
// order and the blocks added in order, so the result has the same bits whatever `threads`
// (0 = workerCount()). std::invalid_argument for bad params (validate()). A cancelled run
// returns with cancelled set and the means unfilled (empty).
BiasCorrectionResult runBiasCorrection(const BiasCorrectionParams& params, Progress& progress = Progress::none(),
                                       unsigned threads = 0);

ExperimentInfo biasCorrectionExperiment();

} // namespace minima
