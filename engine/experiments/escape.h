#pragma once
// Escaping local minima with mini-batch noise: SGD on the three-minima 1-D loss, started
// exactly at its shallow and at its deep local minimum; for each batch size, the share of
// runs that end in a different basin. Small batches hop out of the shallow minimum; the
// deep one holds; the full batch (no noise) never leaves.
//
// The SGD may carry heavy-ball momentum (Polyak 1964): v <- beta v - lr g, w <- w + v, so the
// step v_t = -lr sum_{k<=t} beta^(t-k) g_k is an exponentially weighted sum of the past batch
// gradients, and in a region of constant gradient g it tends to -lr/(1 - beta) g: the effective
// learning rate lr/(1 - beta) (Goh, "Why Momentum Really Works", Distill 2017). beta = 0 is
// plain SGD, step for step the same numbers.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/common/progress.h"
#include "engine/common/proportion.h"
#include "engine/common/random.h"
#include "engine/experiments/catalog.h"
#include "engine/surfaces/three_minima_loss.h"

namespace minima {

struct EscapeParams {
    ThreeMinimaLossParams loss;                       // depths, dataset size N, data seed
    std::vector<int> batchSizes = {1, 2, 4, 8, 32, 256};   // sizes above N mean N (the full batch)
    int runs = 200;
    int steps = 2000;
    double learningRate = 0.05;
    std::uint64_t seed = 1;                           // seed of the mini-batch draws
    double momentum = 0.0;                            // heavy-ball beta in [0, 1); 0 is plain SGD
};

struct EscapeRow {
    int batchSize = 0;          // effective size (at most N)
    bool fullBatch = false;
    int shallowEscapes = 0;     // runs from the shallow minimum that ended in another basin
    int deepEscapes = 0;
    int diverged = 0;           // runs (of both) that diverged (sgdOnLoss)
    double shallowEscapeProbability = 0.0;
    double deepEscapeProbability = 0.0;
    // 95 % Wilson score intervals of the two probabilities (shares of `runs` runs each).
    ProportionInterval shallowInterval;
    ProportionInterval deepInterval;
};

struct EscapeResult {
    std::vector<LossMinimum> minima;   // of the full loss
    std::vector<double> barriers;
    std::vector<EscapeRow> rows;       // one per batch size, in the order asked
    int runs = 0;
    bool cancelled = false;
};

// Run i of (batch b, start s) draws its batches from makeRng(seed, escapeRunStream(b, s, i, runs)),
// so the answer is the same whatever MINIMA_THREADS. Throws std::invalid_argument for bad
// depths, batch sizes < 1, runs or steps out of range, a non-positive learning rate, a
// momentum outside [0, 1), or a loss that lacks a shallow or deep minimum.
EscapeResult runEscape(const EscapeParams& params, Progress& progress = Progress::none());

// One SGD setting of a measurement: its learning rate and heavy-ball momentum beta.
struct LossSgdSetting {
    double learningRate = 0.05;
    double momentum = 0.0;
};

// The escape measurement of `params` (its learningRate and momentum ignored) for each of
// `settings`, in one pass over the threads: run i of (batch b, start s) draws the same stream,
// escapeRunStream(b, s, i, runs), under every setting, so the settings meet the same mini-batch
// noise. runEscape(p) is runEscapeSettings(p, {{p.learningRate, p.momentum}})[0]. Throws as
// runEscape does, for any setting; a cancelled pass marks every result cancelled.
std::vector<EscapeResult> runEscapeSettings(const EscapeParams& params, const std::vector<LossSgdSetting>& settings,
                                            Progress& progress = Progress::none());

// The stream of run `run` of `runs` from start `start` (0 the shallow minimum, 1 the deep one)
// at the batch size params.batchSizes[batchIndex]: (batchIndex * 2 + start) * runs + run. A
// lab that draws its runs from the same streams shows runs the measurement counted.
inline std::uint64_t escapeRunStream(std::size_t batchIndex, std::size_t start, std::size_t run, std::size_t runs)
{
    return (std::uint64_t(batchIndex) * 2 + start) * runs + run;
}

// The |w| at which a run of sgdOnLoss has diverged.
inline constexpr double kLossSgdLimit = 1e6;

// A run of sgdOnLoss: where it ended and how.
struct LossSgdRun {
    double w = 0.0;          // the last point reached (finite, |w| < kLossSgdLimit)
    int steps = 0;           // steps taken; fewer than asked only when the run diverged
    bool diverged = false;   // the step after `steps` left the finite points with |w| < kLossSgdLimit
};

// The one SGD on the three-minima loss: the escape measurement, and the animated SGD runs and
// full-batch gradient descent of the escape lab (docs/ARCHITECTURE.md), with or without
// momentum (the momentum lesson's noise lab). From w and v = 0, `steps` steps
//   g = (1/B) sum_{i in batch} l_i'(w),   v <- beta v - lr g,   w <- w + v
// (beta = `momentum`; with beta = 0, w <- w - lr g bit for bit), a fresh batch of
// B = batchSize samples drawn from rng at every step (MiniBatchSampler).
// B = loss.sampleCount() takes every sample in order at every step and draws nothing from
// rng: plain gradient descent on L.
// Divergence: a step whose result is non-finite or has |w| >= kLossSgdLimit ends the run
// (diverged); that point is neither returned nor recorded, so a path never holds NaN or
// infinity. With `path`, it is cleared and gets the start and the point after every step
// taken (steps + 1 points); without it nothing is allocated per step. With `updates`, it is
// cleared and gets each step's v = w_{t+1} - w_t (steps points: the step sequence).
// Throws std::invalid_argument for a batch size outside [1, N], negative steps, a learning
// rate that is not positive and finite, a momentum outside [0, 1), or a start that is not
// finite with |w| < kLossSgdLimit.
LossSgdRun sgdOnLoss(const ThreeMinimaLoss& loss, double w, int batchSize, int steps, double learningRate, Rng& rng,
                     std::vector<double>* path = nullptr, double momentum = 0.0, std::vector<double>* updates = nullptr);

ExperimentInfo escapeExperiment();

} // namespace minima
