// The bias-correction lab's engine work per result: Adam with and without the correction on
// 2000 seeded noisy gradient streams of 50 steps (the lab's default), and of 500 steps (its
// most), over the worker threads.
#include <benchmark/benchmark.h>

#include "engine/experiments/biascorrection.h"

using namespace minima;

static void BM_BiasCorrection(benchmark::State& state)
{
    BiasCorrectionParams p;
    p.sigma = 1.0;
    p.steps = int(state.range(0));
    p.streams = 2000;
    double sum = 0;
    for (auto _ : state) {
        const BiasCorrectionResult r = runBiasCorrection(p);
        sum += r.meanM.back();
        benchmark::DoNotOptimize(r.meanM.data());
    }
    benchmark::DoNotOptimize(sum);
    state.counters["steps/s"] =
        benchmark::Counter(double(p.steps) * p.streams, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_BiasCorrection)->Arg(50)->Arg(500)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
