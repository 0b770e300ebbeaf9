#pragma once
// Escaping local minima with mini-batch noise: SGD on the three-minima 1-D loss, started
// exactly at its shallow and at its deep local minimum; for each batch size, the share of
// runs that end in a different basin. Small batches hop out of the shallow minimum; the
// deep one holds; the full batch (no noise) never leaves.
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
};

struct EscapeRow {
    int batchSize = 0;          // effective size (at most N)
    bool fullBatch = false;
    int shallowEscapes = 0;     // runs from the shallow minimum that ended in another basin
    int deepEscapes = 0;
    int diverged = 0;           // runs (of both) whose w became non-finite or left |w| < 1e6
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

// Run i of (batch b, start s) draws its batches from makeRng(seed, (b * 2 + s) * runs + i),
// so the answer is the same whatever MINIMA_THREADS. Throws std::invalid_argument for bad
// depths, batch sizes < 1, runs or steps out of range, a non-positive learning rate, or a
// loss that lacks a shallow or deep minimum.
EscapeResult runEscape(const EscapeParams& params, Progress& progress = Progress::none());

// One SGD run of `steps` steps from w with batches of `batchSize` drawn from rng, on
// `loss`; returns the end point (non-finite or |w| >= 1e6 when it diverged).
double sgdOnLoss(const ThreeMinimaLoss& loss, double w, int batchSize, int steps, double learningRate, Rng& rng);

ExperimentInfo escapeExperiment();

} // namespace minima
