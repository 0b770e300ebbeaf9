// The digits lab's engine work (engine/experiments/spuriousline.h), on the 8x8 digits read
// from the source tree (pixels / 16), with the lab's defaults: 64-32-10 ReLU, softmax,
// cross-entropy, Adam on mini-batches of 64 over the 1,438 training images.
// D1: one training epoch; the issue asks for well under a second.
// D2: the line: training and test loss at 101 alphas.
// D3: the 2-D slice around the solution, 31 x 31 (the lab's default) and 101 x 101
//     (about 10,201 x 2 x 1,438 x 2,410 = 70 GFLOP).
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/experiments/spuriousline.h"
#include "engine/nn/datasets.h"
#include "engine/nn/network.h"
#include "engine/nn/training.h"

using namespace minima;

namespace {

// A plain reader for the one known file (header, then 64 integers and a label per row): the
// benchmark links the engine only.
const Dataset& digits()
{
    static const Dataset d = [] {
        std::ifstream in(MINIMA_DIGITS_CSV);
        if (!in) throw std::runtime_error("cannot read " MINIMA_DIGITS_CSV);
        std::string line;
        std::getline(in, line);
        std::vector<std::vector<double>> rows;
        while (std::getline(in, line)) {
            std::stringstream cells(line);
            std::vector<double> row;
            for (std::string cell; std::getline(cells, cell, ',');) row.push_back(std::stod(cell));
            if (row.size() == 65) rows.push_back(row);
        }
        Dataset data;
        data.name = "digits";
        data.inputs.resize(64, Eigen::Index(rows.size()));
        data.targets.resize(1, Eigen::Index(rows.size()));
        for (std::size_t n = 0; n < rows.size(); ++n) {
            for (int j = 0; j < 64; ++j) data.inputs(j, Eigen::Index(n)) = rows[n][std::size_t(j)] / 16.0;
            data.targets(0, Eigen::Index(n)) = rows[n][64];
        }
        data.classification = false;
        data.classCount = multiClassCount(data.targets);
        return data;
    }();
    return d;
}

const StartToSolutionResult& trainedLine()
{
    static const StartToSolutionResult r = runStartToSolution({}, digits(), Progress::none());
    return r;
}

} // namespace

static void D1_digitsEpoch(benchmark::State& state)
{
    const DatasetSplit split = splitDataset(digits(), 0.2, 1);
    const Eigen::MatrixXd Y = oneHot(split.train);
    Network net({64, 32, 10}, {Activation::ReLU}, OutputActivation::Softmax);
    TrainingOptions options;
    options.method = TrainingMethod::Adam;
    options.loss = Loss::SoftmaxCrossEntropy;
    options.learningRate = 0.003;
    options.batchSize = 64;
    options.epochs = 1;
    for (auto _ : state) {
        net.initialise(Initialisation::He, 1);
        const TrainingRecord record = train(net, split.train.inputs, Y, options);
        benchmark::DoNotOptimize(record.losses.data());
    }
}
BENCHMARK(D1_digitsEpoch)->Unit(benchmark::kMillisecond)->UseRealTime();

static void D2_digitsLine(benchmark::State& state)
{
    StartToSolutionParams p;
    p.epochs = 0;   // the line alone (plus the split and the initialisation)
    for (auto _ : state) {
        const StartToSolutionResult r = runStartToSolution(p, digits(), Progress::none());
        benchmark::DoNotOptimize(r.trainLosses.data());
    }
}
BENCHMARK(D2_digitsLine)->Unit(benchmark::kMillisecond)->UseRealTime();

static void D3_digitsSlice(benchmark::State& state)
{
    const StartToSolutionResult& line = trainedLine();
    SliceParams sp;
    sp.grid = int(state.range(0));
    for (auto _ : state) {
        Progress progress;
        const SliceResult s = runLossSlice(line, sp, progress);
        benchmark::DoNotOptimize(s.losses.data());
    }
}
BENCHMARK(D3_digitsSlice)->Arg(31)->Arg(101)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

BENCHMARK_MAIN();
