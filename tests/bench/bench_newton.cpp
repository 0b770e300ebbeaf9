// The Newton lab's job without its picture's painting (engine/experiments/newtonstep.h):
//  N1 runNewtonStep on each of the lab's surfaces from its default point (the model, Newton's
//     run of at most 20 steps, the Hessian table);
//  N2 the model's two contours (through the point and a quarter of the way in) at that point;
//  N3 the heat map's grid: log10(1 + f - f_min) on 120 x 120 cells, and its 14 contour levels.
// The lab's result is all three; the heat map is computed only when the surface changes.
#include <benchmark/benchmark.h>

#include <cmath>

#include "engine/experiments/newtonstep.h"
#include "engine/landscape/contours.h"
#include "engine/landscape/grid.h"

using namespace minima;

static NewtonStepParams defaults(const std::string& key)
{
    const auto s = newtonSurface(key);
    NewtonStepParams p;
    p.surface = key;
    p.x = s->defaultStart().x();
    p.y = s->defaultStart().y();
    return p;
}

static void BM_NewtonRun(benchmark::State& state)
{
    const std::string key = newtonSurfaceKeys()[std::size_t(state.range(0))];
    const NewtonStepParams p = defaults(key);
    int steps = 0;
    for (auto _ : state) {
        const NewtonStepResult r = runNewtonStep(p);
        steps = r.run.run.steps;
        benchmark::DoNotOptimize(r.run.run.final.data());
    }
    state.SetLabel(key);
    state.counters["steps"] = steps;
}
BENCHMARK(BM_NewtonRun)->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);

static void BM_ModelContours(benchmark::State& state)
{
    const std::string key = newtonSurfaceKeys()[std::size_t(state.range(0))];
    const auto s = newtonSurface(key);
    const QuadraticModel m = quadraticModel(*s, s->defaultStart());
    const double k = m.newtonStep.dot(m.hessian * m.newtonStep);
    for (auto _ : state) {
        auto outer = modelContour(m, k, s->domain());
        auto inner = modelContour(m, k / 16, s->domain());
        benchmark::DoNotOptimize(outer.data());
        benchmark::DoNotOptimize(inner.data());
    }
    state.SetLabel(key);
}
BENCHMARK(BM_ModelContours)->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);

static void BM_HeatMapGrid(benchmark::State& state)
{
    const std::string key = newtonSurfaceKeys()[std::size_t(state.range(0))];
    const auto s = newtonSurface(key);
    const Surface* surface = s.get();
    const double fmin = s->minima().front().value;
    for (auto _ : state) {
        const Grid2D g = evaluateGrid([surface, fmin](const Point2& q) { return std::log10(1 + std::max(0.0, surface->value(q) - fmin)); },
                                      s->domain(), 120, 120);
        const auto lines = contourLines(g, contourLevels(g, 14));
        benchmark::DoNotOptimize(lines.data());
    }
    state.SetLabel(key);
}
BENCHMARK(BM_HeatMapGrid)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
