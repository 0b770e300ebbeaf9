// The BFGS and L-BFGS lab's engine work per result:
//  Q1 the BFGS path on Rosenbrock from (-1.2, 1) with the estimate, the true Hessian and both
//     ellipses at every step (runBfgsPath, as the lab's job calls it);
//  Q2 the memory sweep: L-BFGS with m = 1 .. 20 and full BFGS to |grad f| < 1e-6 on the chained
//     Rosenbrock function in 100 dimensions (Arg 0) and on the extended one (Arg 1).
#include <benchmark/benchmark.h>

#include "engine/experiments/quasinewton.h"

using namespace minima;

static void BM_BfgsPath(benchmark::State& state)
{
    BfgsPathParams p;
    p.tolerance = 1e-6;
    std::size_t steps = 0;
    for (auto _ : state) {
        const BfgsPathResult r = runBfgsPath(p, 0.36);
        steps = r.steps.size();
        benchmark::DoNotOptimize(r.steps.back().relativeError);
    }
    state.counters["steps"] = double(steps);
}
BENCHMARK(BM_BfgsPath)->Unit(benchmark::kMicrosecond)->UseRealTime();

static void BM_LbfgsMemory(benchmark::State& state)
{
    LbfgsMemoryParams p;
    p.problem = state.range(0) == 0 ? "chained-rosenbrock" : "extended-rosenbrock";
    double gradients = 0;
    for (auto _ : state) {
        const LbfgsMemoryResult r = runLbfgsMemory(p);
        gradients = r.bfgs.gradientEvaluations;
        for (const LbfgsMemoryPoint& q : r.points) gradients += q.gradientEvaluations;
        benchmark::DoNotOptimize(r.points.data());
    }
    state.counters["gradients"] = gradients;
    state.counters["gradients/s"] = benchmark::Counter(gradients, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_LbfgsMemory)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
