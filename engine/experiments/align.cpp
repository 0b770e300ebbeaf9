#include "engine/experiments/align.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <stdexcept>

#include "engine/common/json.h"
#include "engine/common/meaninterval.h"
#include "engine/common/parallel.h"
#include "engine/experiments/interpolate.h"
#include "engine/experiments/networkkeys.h"
#include "engine/nn/datasets.h"
#include "engine/nn/training.h"
#include "engine/symmetry/symmetry.h"

namespace minima {

namespace {

// What both runAlign and the sweep train and measure, apart from the width and the seeds.
struct PairSetup {
    int hiddenLayers = 1;
    Activation activation = Activation::Tanh;
    int epochs = 0;
    double learningRate = 0;
    bool signFlips = true;
    int points = 2;
};

template <typename P>
PairSetup checkedSetup(const P& p)
{
    auto require = [](bool ok, const char* message) {
        if (!ok) throw std::invalid_argument(message);
    };
    require(p.hiddenLayers >= 1 && p.hiddenLayers <= 4, "hiddenLayers must be in [1, 4]");
    require(p.samples >= 4 && p.samples <= 5000, "samples must be in [4, 5000]");
    require(std::isfinite(p.noise) && p.noise >= 0 && p.noise <= 10, "noise must be in [0, 10]");
    require(p.epochs >= 0 && p.epochs <= 100000, "epochs must be in [0, 100000]");
    require(std::isfinite(p.learningRate) && p.learningRate > 0 && p.learningRate <= 10, "learning rate must be in (0, 10]");
    require(p.points >= 3 && p.points <= 10001, "points must be in [3, 10001]");
    if (p.signFlips && !hasSignFlip(p.activation))
        throw std::invalid_argument(std::string(activationName(p.activation))
                                    + " has no sign-flip symmetry (only tanh and sigmoid do): use flips=false");
    return {p.hiddenLayers, p.activation, p.epochs, p.learningRate, p.signFlips, p.points};
}

void checkWidth(int width)
{
    if (width < 1 || width > 512) throw std::invalid_argument("width must be in [1, 512], not " + std::to_string(width));
}

// The barrier of a path sampled from alpha = 0 to 1: its highest loss minus the mean of its
// ends' losses (Entezari et al. 2022, eq. 1). Never negative.
double pathBarrier(const std::vector<double>& losses)
{
    return *std::max_element(losses.begin(), losses.end()) - (losses.front() + losses.back()) / 2;
}

// Trains A from seedA and B from seedB, matches B to A and measures both straight paths.
// onEpoch(run, epoch) is called after each epoch of run 0 (A) and 1 (B); returning true stops
// the training, and the result comes back marked cancelled.
AlignResult alignPair(const PairSetup& setup, int width, const Dataset& data, std::uint64_t seedA, std::uint64_t seedB,
                      const std::function<bool(int run, int epoch)>& onEpoch)
{
    AlignResult r;
    r.widths.push_back(int(data.inputs.rows()));
    for (int h = 0; h < setup.hiddenLayers; ++h) r.widths.push_back(width);
    r.widths.push_back(int(data.targets.rows()));
    Eigen::VectorXd ends[2];
    const std::uint64_t seeds[2] = {seedA, seedB};
    Network net;
    for (int run = 0; run < 2; ++run) {
        TrainingRecord record;
        Progress inner;
        net = trainedNetwork(r.widths, setup.activation, data, setup.epochs, setup.learningRate, seeds[run], &record,
                             inner, [&](int epoch, double, const Eigen::VectorXd&) { return onEpoch(run, epoch); });
        r.diverged = r.diverged || record.diverged;
        if (record.stopped) {
            r.cancelled = true;
            return r;
        }
        ends[run] = net.parameters();
    }
    r.a = std::move(ends[0]);
    r.b = std::move(ends[1]);
    r.matching = matchWeights(net, r.a, r.b, setup.signFlips);
    r.alignedB = applyMatching(net, r.b, r.matching);

    for (int i = 0; i < setup.points; ++i) r.alphas.push_back(double(i) / (setup.points - 1));
    r.naiveLosses = lossAlongLine(net, r.a, r.b, r.alphas, data.inputs, data.targets);
    r.alignedLosses = lossAlongLine(net, r.a, r.alignedB, r.alphas, data.inputs, data.targets);
    r.lossA = r.naiveLosses.front();
    r.lossB = r.naiveLosses.back();
    r.naiveBarrier = pathBarrier(r.naiveLosses);
    r.alignedBarrier = pathBarrier(r.alignedLosses);
    r.naiveDistance = (r.a - r.b).norm();
    r.alignedDistance = (r.a - r.alignedB).norm();
    Workspace wb, wc;
    r.functionChange = (forward(net, r.b, data.inputs, wb) - forward(net, r.alignedB, data.inputs, wc)).cwiseAbs().maxCoeff();
    return r;
}

} // namespace

AlignResult runAlign(const AlignParams& params, Progress& progress)
{
    const PairSetup setup = checkedSetup(params);
    checkWidth(params.width);
    const Dataset data = makeDataset(params.dataset, params.samples, params.noise, params.dataSeed);
    const double epochs = std::max(1, params.epochs);
    AlignResult r = alignPair(setup, params.width, data, params.seedA, params.seedB, [&](int run, int epoch) {
        progress.setFraction((run + epoch / epochs) / 2);
        return progress.cancelled();
    });
    if (progress.cancelled()) r.cancelled = true;
    if (!r.cancelled) progress.setFraction(1.0);
    return r;
}

AlignSweepResult runAlignSweep(const AlignSweepParams& params, Progress& progress)
{
    const PairSetup setup = checkedSetup(params);
    if (params.widths.empty() || params.widths.size() > 32) throw std::invalid_argument("widths must list 1 to 32 widths");
    for (int w : params.widths) checkWidth(w);
    if (params.pairs < 2 || params.pairs > 1000) throw std::invalid_argument("pairs must be in [2, 1000]");
    const Dataset data = makeDataset(params.dataset, params.samples, params.noise, params.seed);

    // Item k = width index * pairs + pair; each depends only on its index.
    const std::size_t pairs = std::size_t(params.pairs), items = params.widths.size() * pairs;
    std::vector<double> naive(items), aligned(items), endLoss(items);
    std::vector<char> finished(items, 0);
    std::atomic<long long> epochsDone{0};
    const double totalEpochs = double(items) * 2 * std::max(1, params.epochs);
    Progress work;   // parallelFor's own: the outer fraction counts epochs, not items
    const bool complete = parallelFor(items, [&](std::size_t k) {
        const std::uint64_t pair = k % pairs;
        const AlignResult r = alignPair(setup, params.widths[k / pairs], data, params.seed + 2 * pair,
                                        params.seed + 2 * pair + 1, [&](int, int) {
                                            progress.setFraction(double(++epochsDone) / totalEpochs);
                                            if (progress.cancelled()) work.cancel();
                                            return progress.cancelled();
                                        });
        if (r.cancelled) return;
        naive[k] = r.naiveBarrier;
        aligned[k] = r.alignedBarrier;
        endLoss[k] = (r.lossA + r.lossB) / 2;
        finished[k] = 1;
    }, work);

    AlignSweepResult result;
    result.cancelled = !complete || progress.cancelled();
    for (std::size_t w = 0; w < params.widths.size(); ++w) {
        const auto begin = std::ptrdiff_t(w * pairs), end = std::ptrdiff_t((w + 1) * pairs);
        if (std::find(finished.begin() + begin, finished.begin() + end, 0) != finished.begin() + end) continue;
        const MeanInterval n = studentInterval({naive.begin() + begin, naive.begin() + end});
        const MeanInterval a = studentInterval({aligned.begin() + begin, aligned.begin() + end});
        const MeanInterval e = studentInterval({endLoss.begin() + begin, endLoss.begin() + end});
        int lower = 0;
        for (auto k = begin; k < end; ++k) lower += aligned[std::size_t(k)] < naive[std::size_t(k)] ? 1 : 0;
        result.rows.push_back({params.widths[w], params.pairs, n.mean, n.low, n.high, a.mean, a.low, a.high, e.mean, lower});
    }
    if (!result.cancelled) progress.setFraction(1.0);
    return result;
}

ExperimentInfo alignExperiment()
{
    auto params = trainedNetworkKeys<AlignSweepParams>("hidden widths swept, each 1..512, at most 32 of them");
    params.describe("samples", "number of data points, 4..5000")
        .describe("noise", "Gaussian noise of the data, 0..10")
        .describe("epochs", "Adam epochs, 0..100000")
        .describe("lr", "Adam learning rate, in (0, 10]");
    params.integer("pairs", &AlignSweepParams::pairs, 2, 1000, "seed pairs (two trainings each) per width, 2..1000")
        .integer("layers", &AlignSweepParams::hiddenLayers, 1, 4, "hidden layers, each of the swept width, 1..4")
        .flag("flips", &AlignSweepParams::signFlips, "true", "false",
              "match sign flips too: tanh and sigmoid only (relu, leaky-relu and linear have none): true | false")
        .integer("points", &AlignSweepParams::points, 3, 10001, "alphas along each path from A to B, 3..10001");
    return declareExperiment(
        "align",
        "Loss barrier between two networks trained from different seeds, before and after matching their hidden "
        "neurons, against hidden width",
        std::move(params), {"widths", "pairs", "layers", "activation", "dataset", "samples", "noise", "epochs", "lr", "flips", "points"},
        [](JsonWriter& j, AlignSweepParams& p, std::uint64_t seed, Progress& progress) {
            p.seed = seed;
            const AlignSweepResult r = asParameterError([&] { return runAlignSweep(p, progress); });
            j.key("barrier").value("highest loss on the path minus the mean of its ends' losses (MSE)");
            j.key("interval").value("95 % Student t interval of the mean over the seed pairs");
            j.key("cancelled").value(r.cancelled).key("rows").beginArray();
            for (const AlignSweepRow& row : r.rows) {
                j.beginObject().key("width").value(row.width).key("pairs").value(row.pairs);
                j.key("naiveMean").value(row.naiveMean).key("naiveLow").value(row.naiveLow).key("naiveHigh").value(row.naiveHigh);
                j.key("alignedMean").value(row.alignedMean).key("alignedLow").value(row.alignedLow);
                j.key("alignedHigh").value(row.alignedHigh).key("endLossMean").value(row.endLossMean);
                j.key("alignedLower").value(row.alignedLower);
                j.endObject();
            }
            j.endArray();
        });
}

} // namespace minima
