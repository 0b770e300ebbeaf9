// The per-parameter lab's engine work per result: gradient descent, AdaGrad and RMSProp on the
// bowl with eigenvalues 1 and 100 rotated by 45 degrees, each with its effective rates per step,
// for the lab's 2000 steps and its largest 5000.
#include <benchmark/benchmark.h>

#include "engine/experiments/perparameter.h"

using namespace minima;

static void BM_PerParameter(benchmark::State& state)
{
    PerParameterParams p;
    p.angle = 45;
    p.steps = int(state.range(0));
    double sum = 0;
    for (auto _ : state) {
        const PerParameterResult r = perParameterExperiment(p);
        sum += r.traces[2].finalDistance;
        benchmark::DoNotOptimize(r.traces[1].rates.data());
    }
    benchmark::DoNotOptimize(sum);
    state.counters["steps/s"] = benchmark::Counter(3.0 * double(p.steps), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_PerParameter)->Arg(2000)->Arg(5000)->Unit(benchmark::kMicrosecond)->UseRealTime();

BENCHMARK_MAIN();
