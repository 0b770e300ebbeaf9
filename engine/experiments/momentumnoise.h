#pragma once
// Momentum under mini-batch noise, on the three-minima loss of Figure 4-1 (ThreeMinimaLoss).
//
// Heavy-ball momentum (Polyak 1964) keeps a velocity v <- beta v - lr g and steps w <- w + v, so
// its step is v_t = -lr sum_{k<=t} beta^(t-k) g_k: an exponentially weighted sum of the past
// mini-batch gradients. Where the gradient holds still at g the step tends to -lr/(1 - beta) g,
// so momentum at (lr, beta) moves like plain SGD at the effective rate lr_eff = lr/(1 - beta)
// (Goh, "Why Momentum Really Works", Distill 2017; the book's momentum section, Figures 4-10
// and 4-11: the averaged steps are smoother than the raw ones). For independent noise of
// variance s^2 in g, the step's noise has variance lr_eff^2 (1 - beta)/(1 + beta) s^2 against
// lr_eff^2 s^2 for plain SGD at lr_eff: the average cancels most of the jitter, while its
// long-run drift is the same.
//
// What this file measures: plain SGD at lr_eff against momentum at lr = lr_eff (1 - beta) and
// beta, from the same mini-batch draws (escapeRunStream, as the escape experiment): the step
// sequences of one run of each, and the share of runs leaving the shallow and the deep minimum
// per batch size with 95 % Wilson intervals (runEscapeSettings, the one SGD sgdOnLoss).
#include <cstdint>
#include <vector>

#include "engine/common/progress.h"
#include "engine/common/random.h"
#include "engine/experiments/catalog.h"
#include "engine/experiments/escape.h"
#include "engine/surfaces/three_minima_loss.h"

namespace minima {

struct MomentumNoiseParams {
    ThreeMinimaLossParams loss;                    // depths, dataset size N, data seed
    std::vector<int> batchSizes = {1, 2, 4, 8, 16};   // sizes above N mean N (the full batch)
    int runs = 200;                                // per batch size, start and setting
    int steps = 2000;
    double effectiveRate = 0.05;                   // lr_eff = lr/(1 - beta): plain SGD's rate
    double momentum = 0.9;                         // beta in [0, 1)
    std::uint64_t seed = 1;                        // seed of the mini-batch draws
};

// Momentum's own rate for an effective rate and beta: lr = lr_eff (1 - beta).
inline double momentumRate(double effectiveRate, double momentum) { return effectiveRate * (1.0 - momentum); }

struct MomentumNoiseResult {
    double effectiveRate = 0;   // plain SGD's rate
    double learningRate = 0;    // momentum's rate, effectiveRate (1 - momentum)
    double momentum = 0;
    EscapeResult plain;          // plain SGD at effectiveRate
    EscapeResult withMomentum;   // heavy ball at (learningRate, momentum), the same draws
    bool cancelled = false;
};

// Throws std::invalid_argument as runEscape does (bad depths, batch sizes, runs, steps), for an
// effective rate that is not positive and finite, or a momentum outside [0, 1).
MomentumNoiseResult runMomentumNoise(const MomentumNoiseParams& params, Progress& progress = Progress::none());

// One run of each, from `start`, drawing the same batches (makeRng(seed, stream)): the weights
// w_t (steps + 1 points, fewer when a run diverged) and the steps w_{t+1} - w_t.
struct MomentumTrace {
    std::vector<double> plainPath, momentumPath;
    std::vector<double> plainSteps, momentumSteps;
    LossSgdRun plain, withMomentum;
};
MomentumTrace momentumTrace(const ThreeMinimaLoss& loss, double start, int batchSize, int steps, double effectiveRate,
                            double momentum, std::uint64_t seed, std::uint64_t stream);

// The root mean square of the change between consecutive steps, sqrt(mean (s_{t+1} - s_t)^2):
// how jagged a step sequence is (0 for fewer than two steps).
double stepRoughness(const std::vector<double>& steps);

ExperimentInfo momentumNoiseExperiment();

} // namespace minima
