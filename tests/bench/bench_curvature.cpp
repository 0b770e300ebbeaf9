// The methods that use curvature (engine/optim/secondorder.h, linearcg.h):
//  C1 each of BFGS, L-BFGS (m = 10), Polak-Ribiere+ CG and Newton on Rosenbrock from (-1.2, 1)
//     to |grad f| < 1e-8, with the trajectory recorded as a lab records it;
//  C2 linear CG and exact-step steepest descent on a 200 x 200 quadratic with eigenvalues in
//     5 clusters 1 % wide over [1, 1000], to a relative residual of 1e-8 (the CG lab's sweep).
#include <benchmark/benchmark.h>

#include "engine/optim/linearcg.h"
#include "engine/optim/secondorder.h"
#include "engine/surfaces/analytic.h"

using namespace minima;

static void BM_RosenbrockSecondOrder(benchmark::State& state)
{
    const Rosenbrock rosenbrock;
    const SmoothObjective objective = surfaceObjective(rosenbrock);
    SecondOrderSettings s;
    s.method = SecondOrderMethod(state.range(0));
    RunSettings run;
    run.maxSteps = 5000;
    run.gradientTolerance = 1e-8;
    Eigen::VectorXd start(2);
    start << -1.2, 1;
    int steps = 0, gradients = 0;
    for (auto _ : state) {
        const SecondOrderRun r = runSecondOrder(s, objective, start, run);
        steps = r.run.steps;
        gradients = r.gradientEvaluations;
        benchmark::DoNotOptimize(r.run.final.data());
    }
    state.SetLabel(secondOrderName(s.method));
    state.counters["steps"] = steps;
    state.counters["gradients"] = gradients;
}
BENCHMARK(BM_RosenbrockSecondOrder)
    ->Arg(int(SecondOrderMethod::Bfgs))
    ->Arg(int(SecondOrderMethod::Lbfgs))
    ->Arg(int(SecondOrderMethod::PolakRibiere))
    ->Arg(int(SecondOrderMethod::Newton))
    ->Unit(benchmark::kMicrosecond);

static void BM_ClusteredQuadratic(benchmark::State& state)
{
    const bool cg = state.range(0) == 0;
    const Eigen::MatrixXd a = matrixWithEigenvalues(clusteredEigenvalues(200, 5, 1, 1000, 0.01, 1), 2);
    const Eigen::VectorXd b = Eigen::VectorXd::Ones(200), x0 = Eigen::VectorXd::Zero(200);
    int iterations = 0;
    for (auto _ : state) {
        const QuadraticRun r = cg ? linearConjugateGradient(a, b, x0, 200, 1e-8)
                                  : steepestDescentExact(a, b, x0, 20000, 1e-8);
        iterations = r.iterations;
        benchmark::DoNotOptimize(r.residualNorms.data());
    }
    state.SetLabel(cg ? "linear CG" : "steepest descent");
    state.counters["iterations"] = iterations;
}
BENCHMARK(BM_ClusteredQuadratic)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
