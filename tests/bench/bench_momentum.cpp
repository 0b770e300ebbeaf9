// The momentum lab's engine work per result:
//  M1 the rate map: the exact spectral radius over the lab's 210 x 200 grid of (alpha, beta),
//     heavy ball and Nesterov, on the bowl with eigenvalues 0.01 and 1;
//  M2 one measured rate: 200,000 renormalised steps of the engine's Optimizer (the lab measures
//     momentum and gradient descent this way for every result).
#include <benchmark/benchmark.h>

#include "engine/experiments/heavyball.h"
#include "engine/surfaces/analytic.h"

using namespace minima;

static void BM_RateMap(benchmark::State& state)
{
    const MomentumMethod method = state.range(0) == 0 ? MomentumMethod::HeavyBall : MomentumMethod::Nesterov;
    double sum = 0;
    for (auto _ : state) {
        const RateMap map = momentumRateMap(method, 0.01, 1.0, 4.2, 1.0, 210, 200);
        sum += map.radius[map.radius.size() / 2];
        benchmark::DoNotOptimize(map.radius.data());
    }
    benchmark::DoNotOptimize(sum);
    state.counters["cells/s"] = benchmark::Counter(210.0 * 200.0, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_RateMap)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

static void BM_MeasuredRate(benchmark::State& state)
{
    const QuadraticBowl bowl(0.01, 1.0, 0.5235987755982988);
    double rate = 0;
    for (auto _ : state) {
        rate = measuredMomentumRate(bowl, MomentumMethod::HeavyBall, 1.0, 0.9, 200000);
        benchmark::DoNotOptimize(rate);
    }
    state.counters["rate"] = rate;
    state.counters["steps/s"] = benchmark::Counter(200000.0, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_MeasuredRate)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
