// The BFGS and L-BFGS lab's engine work per result:
//  Q1 the BFGS path on Rosenbrock from (-1.2, 1) with the estimate, the true Hessian and both
//     ellipses at every step (runBfgsPath, as the lab's job calls it);
//  Q2 the memory sweep: L-BFGS with m = 1 .. 20 and full BFGS to |grad f| < 1e-6 on the chained
//     Rosenbrock function in 100 dimensions (Arg 0) and on the extended one (Arg 1);
//  Q3 the network the lab trains once: 64-16-10 full batch by four methods, 100 gradient
//     evaluations each, on 1,797 samples the size of the digits (pixels drawn uniformly in [0, 1]
//     with labels 0..9 in turn: the bench links no Qt, so it reads no CSV).
#include <benchmark/benchmark.h>


#include "engine/common/random.h"
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

static void BM_FullBatch(benchmark::State& state)
{
    Dataset data;
    data.inputs.resize(64, 1797);
    data.targets.resize(1, 1797);
    Rng rng(5);
    for (Eigen::Index n = 0; n < 1797; ++n) {
        for (Eigen::Index i = 0; i < 64; ++i) data.inputs(i, n) = uniform(rng, 0.0, 1.0);
        data.targets(0, n) = double(n % 10);
    }
    data.classCount = 10;
    FullBatchParams p;
    p.evaluations = 100;
    double lbfgs = 0;
    for (auto _ : state) {
        const FullBatchResult r = runFullBatch(p, data);
        benchmark::DoNotOptimize(r.curves.data());
        lbfgs = r.curves.back().finalLoss;
    }
    state.counters["lbfgsLoss"] = lbfgs;
}
BENCHMARK(BM_FullBatch)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
