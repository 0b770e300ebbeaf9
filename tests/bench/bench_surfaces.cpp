// Surface workloads:
//  W1 basins of attraction of Himmelblau over [-5, 5]^2 from 256 x 256 starts, GD lr 0.005,
//     at most 1000 steps, each start stopping once |grad f| < 1e-6 (target 25 ms);
//  W2 the escape experiment: 1000 runs x 2000 SGD steps at batch 8 over 256 samples
//     (target 100 ms).
//  W3 the wrong-direction lab's run at its largest: steepest descent with exact line search on
//     the bowl of kappa = 1000 from the worst start, 500 steps (the lab's step budget).
//  W4 W2 with heavy-ball momentum, and the momentum-under-noise lab's measurement.
#include <benchmark/benchmark.h>

#include "engine/common/parallel.h"
#include "engine/common/random.h"
#include "engine/experiments/escape.h"
#include "engine/experiments/steepest.h"
#include "engine/experiments/momentumnoise.h"
#include "engine/landscape/basins.h"
#include "engine/surfaces/analytic.h"

using namespace minima;

static void BM_BasinsHimmelblau256(benchmark::State& state)
{
    const Himmelblau h;
    BasinSettings s;
    s.optimizer.learningRate = 0.005;
    s.maxSteps = 1000;
    s.gradientTolerance = 1e-6;
    s.grid = 256;
    s.domain = {-5, 5, -5, 5};
    s.radius = 0.1;
    double covered = 0;
    for (auto _ : state) {
        const BasinsResult r = basinsOfAttraction(h, s);
        covered = 1.0 - r.unconvergedShare - r.divergedShare;
        benchmark::DoNotOptimize(r.labels.data());
    }
    state.counters["assigned"] = covered;
    state.counters["starts/s"] = benchmark::Counter(256.0 * 256.0, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_BasinsHimmelblau256)->Unit(benchmark::kMillisecond)->UseRealTime();

static void BM_EscapeBatch8(benchmark::State& state)
{
    const ThreeMinimaLoss loss;   // N = 256
    const double start = loss.minima()[std::size_t(loss.minimumIndex("shallow"))].w;
    const std::size_t runs = 1000;
    std::vector<double> ends(runs);
    for (auto _ : state) {
        parallelFor(runs, [&](std::size_t i) {
            Rng rng = makeRng(1, i);
            ends[i] = sgdOnLoss(loss, start, 8, 2000, 0.05, rng).w;
        }, Progress::none());
        benchmark::DoNotOptimize(ends.data());
    }
    state.counters["steps/s"] = benchmark::Counter(double(runs) * 2000.0, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_EscapeBatch8)->Unit(benchmark::kMillisecond)->UseRealTime();

static void BM_LineSearchKappa1000(benchmark::State& state)
{
    const QuadraticBowl bowl = conditionedBowl(1000, 0.5);
    const Eigen::Vector2d start = worstStart(1000, 0.5, 2.5);
    double rate = 0;
    for (auto _ : state) {
        const LineSearchRun r = steepestDescent(bowl, start, 500);
        rate = r.measuredRate;
        benchmark::DoNotOptimize(r.losses.data());
    }
    state.counters["rate"] = rate;
    state.counters["steps/s"] = benchmark::Counter(500.0, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_LineSearchKappa1000)->Unit(benchmark::kMicrosecond)->UseRealTime();
// The same SGD with heavy-ball momentum (beta 0.9, rate 0.005: effective rate 0.05).
static void BM_EscapeBatch8Momentum(benchmark::State& state)
{
    const ThreeMinimaLoss loss;
    const double start = loss.minima()[std::size_t(loss.minimumIndex("shallow"))].w;
    const std::size_t runs = 1000;
    std::vector<double> ends(runs);
    for (auto _ : state) {
        parallelFor(runs, [&](std::size_t i) {
            Rng rng = makeRng(1, i);
            ends[i] = sgdOnLoss(loss, start, 8, 2000, 0.005, rng, nullptr, 0.9).w;
        }, Progress::none());
        benchmark::DoNotOptimize(ends.data());
    }
    state.counters["steps/s"] = benchmark::Counter(double(runs) * 2000.0, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_EscapeBatch8Momentum)->Unit(benchmark::kMillisecond)->UseRealTime();

// The momentum-under-noise lab's measurement: plain SGD and momentum at the same effective
// rate, batches 1 to 32, both starts, 200 runs of 2000 steps each (the lab's defaults).
static void BM_MomentumNoiseMeasurement(benchmark::State& state)
{
    MomentumNoiseParams p;
    p.batchSizes = {1, 2, 4, 8, 16, 32};
    for (auto _ : state) {
        const MomentumNoiseResult r = runMomentumNoise(p);
        benchmark::DoNotOptimize(r.plain.rows.data());
    }
    state.counters["steps/s"] = benchmark::Counter(2.0 * 6 * 2 * p.runs * double(p.steps), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_MomentumNoiseMeasurement)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
