// The conjugate-gradients lab's engine work per result (engine/experiments/conjugate.h):
//  C1 the whole experiment at the lab's largest quadratic, n = 200, with 5 and with 200
//     clusters (the matrix Q diag(lambda) Q^T, CG, 2000 steps of steepest descent, the
//     conjugacy matrix, the bowl and nonlinear CG on Rosenbrock);
//  C2 linear CG alone on that n = 200 quadratic, 200 distinct eigenvalues in [1, 100].
#include <benchmark/benchmark.h>

#include "engine/experiments/conjugate.h"

using namespace minima;

static void BM_ConjugateExperiment(benchmark::State& state)
{
    ConjugateParams p;
    p.n = 200;
    p.clusters = int(state.range(0));
    int steps = 0;
    for (auto _ : state) {
        const ConjugateResult r = runConjugate(p, 1);
        steps = r.cgSteps;
        benchmark::DoNotOptimize(r.sd.residualNorms.data());
    }
    state.counters["cg steps"] = steps;
}
BENCHMARK(BM_ConjugateExperiment)->Arg(5)->Arg(200)->Unit(benchmark::kMillisecond)->UseRealTime();

static void BM_LinearCg(benchmark::State& state)
{
    const Eigen::VectorXd eigenvalues = clusteredEigenvalues(200, 200, 1.0, 100.0, 0.0, 1);
    const Eigen::MatrixXd a = matrixWithEigenvalues(eigenvalues, 1);
    const Eigen::VectorXd b = Eigen::VectorXd::Ones(200), x0 = Eigen::VectorXd::Zero(200);
    int iterations = 0;
    for (auto _ : state) {
        const QuadraticRun r = linearConjugateGradient(a, b, x0, cgBudget(200), 1e-10, false);
        iterations = r.iterations;
        benchmark::DoNotOptimize(r.residualNorms.data());
    }
    state.counters["iterations"] = iterations;
}
BENCHMARK(BM_LinearCg)->Unit(benchmark::kMicrosecond)->UseRealTime();

BENCHMARK_MAIN();
