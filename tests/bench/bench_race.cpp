// The race lab's job (engine/experiments/race.h):
//  R1 runRaceTable at the lab's defaults (1,000 steps, 19 rates, five seeds) on 1 and 2
//     threads: the grid of every problem and every racer from every seed's start;
//  R2 runRace on one problem (the grid and the seven recorded paths), per problem.
#include <benchmark/benchmark.h>

#include "engine/experiments/race.h"

using namespace minima;

static void BM_RaceTable(benchmark::State& state)
{
    const RaceTableSettings s;
    int reached = 0;
    for (auto _ : state) {
        const RaceTable t = runRaceTable(s, 1, Progress::none(), unsigned(state.range(0)));
        reached = t.cells[kLbfgs][0].reached;
        benchmark::DoNotOptimize(t.cells.data());
    }
    state.counters["threads"] = double(state.range(0));
    state.counters["lbfgsReached"] = reached;
}
BENCHMARK(BM_RaceTable)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

static void BM_Race(benchmark::State& state)
{
    const RaceProblem p = RaceProblem(state.range(0));
    const RaceSettings s;
    for (auto _ : state) {
        const RaceResult r = runRace(p, raceStart(p), s);
        benchmark::DoNotOptimize(r.runs.data());
    }
    state.SetLabel(raceProblemKey(p));
}
BENCHMARK(BM_Race)->DenseRange(0, kRaceProblems - 1)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
