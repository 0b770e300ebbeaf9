// W3: a 101 x 101 loss landscape of a 2-16-16-1 tanh net over 512 points (MSE); target 250 ms.
//     Both W3 report the CPU time of all threads (the grid runs on every core).
// W3 digits: the digits slice's shape, a 21 x 21 landscape of a 64-32-10 tanh softmax net
//     with cross-entropy over 1,437 random 64-dimensional inputs with one-hot targets.
// W4: all 13824 permutations of a 2-4-4-4-1 tanh net on 256 inputs with the max output
//     deviation; target 150 ms.
// W5: weight matching of two trained 2-64-1 tanh nets (with flips) and the loss along both
//     straight paths (41 points each, 200 moons), the part of an align run after training.
#include <benchmark/benchmark.h>

#include <vector>

#include "engine/common/random.h"
#include "engine/experiments/interpolate.h"
#include "engine/experiments/landscape.h"
#include "engine/nn/activation.h"
#include "engine/nn/datasets.h"
#include "engine/nn/network.h"
#include "engine/nn/training.h"
#include "engine/symmetry/matching.h"
#include "engine/symmetry/enumeration.h"

using namespace minima;

static void W3_landscape101x101(benchmark::State& state)
{
    Network net({2, 16, 16, 1}, {Activation::Tanh});
    net.initialise(Initialisation::Xavier, 1);
    const Dataset data = twoMoons(512, 0.1, 1);
    Eigen::VectorXd r1(net.parameterCount()), r2(net.parameterCount());
    Rng rng = makeRng(3);
    for (Eigen::Index i = 0; i < r1.size(); ++i) { r1[i] = normal01(rng); r2[i] = normal01(rng); }
    const Eigen::VectorXd d1 = filterNormalised(net, net.parameters(), r1);
    const Eigen::VectorXd d2 = filterNormalised(net, net.parameters(), r2);
    std::vector<double> coords;
    for (int i = 0; i < 101; ++i) coords.push_back(-1.0 + 0.02 * i);
    for (auto _ : state) {
        Progress progress;
        const Eigen::MatrixXd grid = networkLossGrid(net, net.parameters(), d1, d2, data.inputs, data.targets, coords, progress);
        benchmark::DoNotOptimize(grid.data());
    }
}
BENCHMARK(W3_landscape101x101)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

static void W3_landscapeDigits21x21(benchmark::State& state)
{
    Network net({64, 32, 10}, {Activation::Tanh}, OutputActivation::Softmax);
    net.initialise(Initialisation::Xavier, 1);
    const int N = 1437;   // the training part of scikit-learn's 1,797 8x8 digits
    Eigen::MatrixXd X(64, N), Y = Eigen::MatrixXd::Zero(10, N);
    Rng rng = makeRng(5);
    for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = uniform01(rng);
    for (int n = 0; n < N; ++n) Y(int(rng() % 10), n) = 1.0;
    Eigen::VectorXd r1(net.parameterCount()), r2(net.parameterCount());
    for (Eigen::Index i = 0; i < r1.size(); ++i) { r1[i] = normal01(rng); r2[i] = normal01(rng); }
    const Eigen::VectorXd d1 = filterNormalised(net, net.parameters(), r1);
    const Eigen::VectorXd d2 = filterNormalised(net, net.parameters(), r2);
    std::vector<double> coords;
    for (int i = 0; i < 21; ++i) coords.push_back(-1.0 + 0.1 * i);
    for (auto _ : state) {
        Progress progress;
        const Eigen::MatrixXd grid =
            networkLossGrid(net, net.parameters(), d1, d2, X, Y, coords, progress, Loss::SoftmaxCrossEntropy);
        benchmark::DoNotOptimize(grid.data());
    }
}
BENCHMARK(W3_landscapeDigits21x21)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

static void W4_permutations2_4_4_4_1(benchmark::State& state)
{
    Network net({2, 4, 4, 4, 1}, {Activation::Tanh});
    net.initialise(Initialisation::NaiveNormal, 2, 1.0);
    Eigen::MatrixXd X(2, 256);
    Rng rng = makeRng(4);
    for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = uniform(rng, -2, 2);
    for (auto _ : state) {
        Progress progress;
        const EnumerationResult r = enumerateArrangements(net, X, false, progress);
        benchmark::DoNotOptimize(r.maxOutputDeviation);
        if (r.enumerated != 13824) state.SkipWithError("wrong count");
    }
}
BENCHMARK(W4_permutations2_4_4_4_1)->Unit(benchmark::kMillisecond)->UseRealTime();

static void W5_alignPair2_64_1(benchmark::State& state)
{
    const Dataset data = twoMoons(200, 0.1, 1);
    const Network a = trainedNetwork({2, 64, 1}, Activation::Tanh, data, 500, 0.01, 1);
    const Network b = trainedNetwork({2, 64, 1}, Activation::Tanh, data, 500, 0.01, 2);
    std::vector<double> alphas;
    for (int i = 0; i <= 40; ++i) alphas.push_back(i / 40.0);
    for (auto _ : state) {
        const NeuronMatching m = matchWeights(a, a.parameters(), b.parameters(), true);
        const Eigen::VectorXd aligned = applyMatching(a, b.parameters(), m);
        const auto naive = lossAlongLine(a, a.parameters(), b.parameters(), alphas, data.inputs, data.targets);
        const auto matched = lossAlongLine(a, a.parameters(), aligned, alphas, data.inputs, data.targets);
        benchmark::DoNotOptimize(naive.data());
        benchmark::DoNotOptimize(matched.data());
    }
}
BENCHMARK(W5_alignPair2_64_1)->Unit(benchmark::kMillisecond)->UseRealTime();

static void vectorTanh4096(benchmark::State& state)
{
    std::vector<double> x(4096), y(4096);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = -6.0 + 12.0 * double(i) / 4096.0;
    for (auto _ : state) {
        vectorTanh(x.data(), y.data(), 4096);
        benchmark::DoNotOptimize(y.data());
    }
    state.SetItemsProcessed(state.iterations() * 4096);
}
BENCHMARK(vectorTanh4096);

BENCHMARK_MAIN();
