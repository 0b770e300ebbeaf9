#include "engine/experiments/spuriousline.h"
#include "engine/experiments/networkkeys.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>

#include "engine/common/json.h"
#include "engine/common/parallel.h"
#include "engine/common/random.h"
#include "engine/experiments/landscape.h"
#include "engine/nn/training.h"

namespace minima {

int countBumps(const std::vector<double>& values, double tolerance)
{
    // Two states: falling (tracking the lowest value so far) and rising (tracking the top of the
    // rise). A rise of more than `tolerance` above the low is a bump; it ends once the curve
    // has fallen more than `tolerance` below its top, and the next low is tracked from there.
    int bumps = 0;
    bool rising = false;
    double low = std::numeric_limits<double>::infinity(), top = -low;
    for (double v : values) {
        if (!std::isfinite(v)) continue;
        if (!rising) {
            low = std::min(low, v);
            if (v > low + tolerance) {
                rising = true;
                ++bumps;
                top = v;
            }
        } else {
            top = std::max(top, v);
            if (v < top - tolerance) {
                rising = false;
                low = v;
            }
        }
    }
    return bumps;
}

double bumpTolerance(const std::vector<double>& values)
{
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (double v : values)
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    return hi > lo ? 1e-3 * (hi - lo) : 0.0;
}

namespace {

void checkParams(const StartToSolutionParams& p)
{
    if (p.width < 1 || p.width > 1024) throw std::invalid_argument("width must be in [1, 1024]");
    if (p.depth < 1 || p.depth > 8) throw std::invalid_argument("depth must be in [1, 8]");
    if (p.epochs < 0 || p.epochs > 10000) throw std::invalid_argument("epochs must be in [0, 10000]");
    if (p.batchSize < 1 || p.batchSize > 100000) throw std::invalid_argument("batch size must be in [1, 100000]");
    if (!(p.learningRate > 0) || !(p.learningRate <= 10)) throw std::invalid_argument("learning rate must be in (0, 10]");
    if (!(p.testFraction >= 0.05 && p.testFraction <= 0.95)) throw std::invalid_argument("test fraction must be in [0.05, 0.95]");
    if (!(p.from < p.to) || !(p.from >= -10) || !(p.to <= 10) || p.from > 0 || p.to < 1)
        throw std::invalid_argument("need -10 <= from <= 0 and 1 <= to <= 10, from < to");
    if (p.points < 3 || p.points > 10001) throw std::invalid_argument("points must be in [3, 10001]");
}

// The share of the columns of X whose largest output is the one-hot label.
double accuracy(const Network& net, const Eigen::VectorXd& theta, const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y)
{
    Workspace ws;
    const Eigen::MatrixXd& A = forward(net, theta, X, ws);
    Eigen::Index right = 0;
    for (Eigen::Index n = 0; n < A.cols(); ++n) {
        Eigen::Index guess = 0, label = 0;
        A.col(n).maxCoeff(&guess);
        Y.col(n).maxCoeff(&label);
        right += guess == label;
    }
    return A.cols() > 0 ? double(right) / double(A.cols()) : 0.0;
}

} // namespace

StartToSolutionResult runStartToSolution(const StartToSolutionParams& params, const Dataset& data, Progress& progress)
{
    checkParams(params);
    if (data.classCount < 3) throw std::invalid_argument("the data set must have labels 0..K-1 with K > 2 classes");
    if (data.inputs.cols() < 10) throw std::invalid_argument("the data set needs at least 10 samples");
    StartToSolutionResult r;
    const DatasetSplit split = splitDataset(data, params.testFraction, params.seed);
    r.trainX = split.train.inputs;
    r.trainY = oneHot(split.train);
    const Eigen::MatrixXd testY = oneHot(split.test);

    std::vector<int> widths{int(data.inputs.rows())};
    for (int l = 0; l < params.depth; ++l) widths.push_back(params.width);
    widths.push_back(data.classCount);
    r.net = Network(widths, {params.activation}, OutputActivation::Softmax);
    const bool reluLike = params.activation == Activation::ReLU || params.activation == Activation::LeakyReLU;
    r.net.initialise(reluLike ? Initialisation::He : Initialisation::Xavier, streamSeed(params.seed, 61));
    r.thetaInit = r.net.parameters();
    r.parameterCount = int(r.thetaInit.size());

    TrainingOptions options;
    options.method = TrainingMethod::Adam;
    options.loss = Loss::SoftmaxCrossEntropy;
    options.learningRate = params.learningRate;
    options.batchSize = params.batchSize;
    options.epochs = params.epochs;
    options.seed = streamSeed(params.seed, 62);
    const TrainingRecord record = train(r.net, r.trainX, r.trainY, options, {}, progress);
    r.trainingCurve = record.losses;
    r.trainingDiverged = record.diverged;
    r.thetaFinal = r.net.parameters();
    if (progress.cancelled()) {
        r.cancelled = true;
        return r;
    }
    r.distance = (r.thetaFinal - r.thetaInit).norm();

    for (int i = 0; i < params.points; ++i) r.alphas.push_back(params.from + (params.to - params.from) * i / (params.points - 1));
    for (double end : {0.0, 1.0})
        if (std::find(r.alphas.begin(), r.alphas.end(), end) == r.alphas.end()) r.alphas.push_back(end);
    std::sort(r.alphas.begin(), r.alphas.end());
    const std::size_t n = r.alphas.size();
    r.trainLosses.assign(n, 0.0);
    r.testLosses.assign(n, 0.0);
    // One item per alpha and set; each depends only on its index.
    Progress quiet;
    const bool done = parallelFor(2 * n, [&](std::size_t k) {
        thread_local Workspace ws;
        thread_local Eigen::VectorXd theta;
        const std::size_t i = k % n;
        const double a = r.alphas[i];
        theta.resize(r.thetaInit.size());
        theta = (1 - a) * r.thetaInit + a * r.thetaFinal;
        if (k < n) r.trainLosses[i] = evaluateLoss(r.net, theta, r.trainX, r.trainY, Loss::SoftmaxCrossEntropy, ws);
        else r.testLosses[i] = evaluateLoss(r.net, theta, split.test.inputs, testY, Loss::SoftmaxCrossEntropy, ws);
        if (progress.cancelled()) quiet.cancel();
    }, quiet);
    if (!done || progress.cancelled()) {
        r.cancelled = true;
        return r;
    }

    const auto at = [&](double a) { return std::size_t(std::find(r.alphas.begin(), r.alphas.end(), a) - r.alphas.begin()); };
    const std::size_t i0 = at(0.0), i1 = at(1.0);
    r.initTrainLoss = r.trainLosses[i0];
    r.finalTrainLoss = r.trainLosses[i1];
    r.initTestLoss = r.testLosses[i0];
    r.finalTestLoss = r.testLosses[i1];
    const std::vector<double> trainInside(r.trainLosses.begin() + std::ptrdiff_t(i0), r.trainLosses.begin() + std::ptrdiff_t(i1) + 1);
    const std::vector<double> testInside(r.testLosses.begin() + std::ptrdiff_t(i0), r.testLosses.begin() + std::ptrdiff_t(i1) + 1);
    r.trainTolerance = bumpTolerance(trainInside);
    r.testTolerance = bumpTolerance(testInside);
    r.trainBumps = countBumps(trainInside, r.trainTolerance);
    r.testBumps = countBumps(testInside, r.testTolerance);
    r.lowestTrainLoss = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < n; ++i) {
        for (double v : {r.trainLosses[i], r.testLosses[i]}) r.nonFinite += !std::isfinite(v);
        if (std::isfinite(r.trainLosses[i]) && r.trainLosses[i] < r.lowestTrainLoss) {
            r.lowestTrainLoss = r.trainLosses[i];
            r.lowestTrainAlpha = r.alphas[i];
        }
    }
    r.finalTestAccuracy = accuracy(r.net, r.thetaFinal, split.test.inputs, testY);
    progress.setFraction(1.0);
    return r;
}

SliceResult runLossSlice(const StartToSolutionResult& line, const SliceParams& params, Progress& progress)
{
    if (params.grid < 2 || params.grid > 201) throw std::invalid_argument("grid must be in [2, 201]");
    if (!(params.span > 0) || !(params.span <= 100)) throw std::invalid_argument("span must be in (0, 100]");
    const Eigen::Index P = line.net.parameterCount();
    if (P == 0 || line.thetaInit.size() != P || line.thetaFinal.size() != P || line.trainX.cols() == 0)
        throw std::invalid_argument("the slice needs a trained network from runStartToSolution");

    SliceResult r;
    const Eigen::VectorXd& centre = line.thetaFinal;
    const Eigen::VectorXd toInit = line.thetaInit - centre;
    Rng r1 = makeRng(params.seed, 71), r2 = makeRng(params.seed, 72);
    Eigen::VectorXd g1(P), g2(P);
    for (Eigen::Index i = 0; i < P; ++i) {
        g1[i] = normal01(r1);
        g2[i] = normal01(r2);
    }
    Eigen::VectorXd d1, d2;
    if (params.directions == SliceDirections::FilterNormalised) {
        d1 = filterNormalised(line.net, centre, g1);
        d2 = filterNormalised(line.net, centre, g2);
    } else {
        d1 = toInit;
        d2 = filterNormalised(line.net, centre, g2);
        const double dd = d1.squaredNorm();
        if (dd > 0) d2 -= (d2.dot(d1) / dd) * d1;
        const double len = d2.norm();
        if (len > 0 && dd > 0) d2 *= std::sqrt(dd) / len;
    }
    // theta_init - theta_final = a d1 + b d2 + rest, rest orthogonal to both: the 2 x 2 normal
    // equations [d1.d1 d1.d2; d1.d2 d2.d2] (a, b) = (d1.v, d2.v).
    const double g11 = d1.squaredNorm(), g12 = d1.dot(d2), g22 = d2.squaredNorm();
    const double det = g11 * g22 - g12 * g12;
    const double v1 = d1.dot(toInit), v2 = d2.dot(toInit);
    if (det > 1e-300 * std::max(1.0, g11 * g22)) {
        r.initA = (g22 * v1 - g12 * v2) / det;
        r.initB = (g11 * v2 - g12 * v1) / det;
        const double v = toInit.norm();
        r.inPlaneShare = v > 0 ? (r.initA * d1 + r.initB * d2).norm() / v : 0.0;
    }

    for (int i = 0; i < params.grid; ++i) r.coordinates.push_back(-params.span + 2 * params.span * i / (params.grid - 1));
    r.losses = networkLossGrid(line.net, centre, d1, d2, line.trainX, line.trainY, r.coordinates, progress,
                               Loss::SoftmaxCrossEntropy);
    if (r.losses.size() == 0) {
        r.cancelled = true;
        return r;
    }
    r.minLoss = std::numeric_limits<double>::infinity();
    r.maxLoss = -r.minLoss;
    for (Eigen::Index k = 0; k < r.losses.size(); ++k) {
        const double v = r.losses.data()[k];
        if (!std::isfinite(v)) {
            ++r.nonFinite;
            continue;
        }
        r.minLoss = std::min(r.minLoss, v);
        r.maxLoss = std::max(r.maxLoss, v);
    }
    if (r.nonFinite == r.losses.size()) r.minLoss = r.maxLoss = 0;
    // The centre's loss by the grid's own arithmetic, so it compares exactly with the cells.
    r.centreLoss = networkLossGrid(line.net, centre, d1, d2, line.trainX, line.trainY, {0.0}, Progress::none(),
                                   Loss::SoftmaxCrossEntropy)(0, 0);
    return r;
}

namespace {
std::mutex& sourceMutex()
{
    static std::mutex m;
    return m;
}
DatasetSource& source()
{
    static DatasetSource s;
    return s;
}

// The command line's keys: the line's parameters and the slice's, flat.
struct StartToSolutionRun {
    int width = StartToSolutionParams().width;
    int depth = StartToSolutionParams().depth;
    Activation activation = StartToSolutionParams().activation;
    int epochs = StartToSolutionParams().epochs;
    int batchSize = StartToSolutionParams().batchSize;
    double learningRate = StartToSolutionParams().learningRate;
    double testFraction = StartToSolutionParams().testFraction;
    int points = StartToSolutionParams().points;
    int grid = SliceParams().grid;
    double span = SliceParams().span;
    SliceDirections directions = SliceParams().directions;
};
} // namespace

void setStartToSolutionDataset(DatasetSource s)
{
    const std::lock_guard<std::mutex> lock(sourceMutex());
    source() = std::move(s);
}

ExperimentInfo startToSolutionExperiment()
{
    ParamList<StartToSolutionRun> params;
    params.integer("width", &StartToSolutionRun::width, 1, 1024, "neurons per hidden layer, 1..1024");
    params.integer("depth", &StartToSolutionRun::depth, 1, 8, "hidden layers, 1..8");
    activationKey(params, &StartToSolutionRun::activation)
        .integer("epochs", &StartToSolutionRun::epochs, 0, 10000, "Adam epochs on the training split, 0..10000")
        .integer("batch", &StartToSolutionRun::batchSize, 1, 100000, "mini-batch size, 1..100000")
        .real("lr", &StartToSolutionRun::learningRate, "Adam learning rate, in (0, 10]")
        .real("test", &StartToSolutionRun::testFraction, "share of the digits held out for the test loss, 0.05..0.95")
        .integer("points", &StartToSolutionRun::points, 3, 10001, "alphas from -0.5 to 1.5 (0 and 1 always among them), 3..10001")
        .integer("grid", &StartToSolutionRun::grid, 0, 201, "points per axis of the 2-D slice around theta_final, 2..201; 0 = no slice")
        .real("span", &StartToSolutionRun::span, "the slice covers [-span, span] along each direction, in (0, 100]")
        .named(
            "directions", &StartToSolutionRun::directions, {"filter", "line"},
            [](const std::string& key) { return key == "filter" ? SliceDirections::FilterNormalised : SliceDirections::ThroughLine; },
            [](SliceDirections d) { return d == SliceDirections::FilterNormalised ? "filter" : "line"; },
            "filter (two filter-normalised random directions, Li et al. 2018) | line (the plane through theta_init)");
    return declareExperiment(
        "start-to-solution",
        "Training and test loss of a softmax network on the 8x8 digits along the line from its initialisation to its "
        "trained parameters, its bumps, and a 2-D slice around the trained parameters",
        std::move(params), [](JsonWriter& j, StartToSolutionRun& run, std::uint64_t seed, Progress& progress) {
            DatasetSource load;
            {
                const std::lock_guard<std::mutex> lock(sourceMutex());
                load = source();
            }
            if (!load) throw ParameterError("start-to-solution: no digits data set is available in this build");
            Dataset data;
            try {
                data = load();
            } catch (const std::exception& e) {
                throw ParameterError(std::string("start-to-solution: the digits could not be read: ") + e.what());
            }
            if (run.grid == 1) throw ParameterError("grid must be 0 (no slice) or in [2, 201]");
            StartToSolutionParams p;
            p.width = run.width;
            p.depth = run.depth;
            p.activation = run.activation;
            p.epochs = run.epochs;
            p.batchSize = run.batchSize;
            p.learningRate = run.learningRate;
            p.testFraction = run.testFraction;
            p.points = run.points;
            p.seed = seed;
            SliceParams sp;
            sp.grid = run.grid;
            sp.span = run.span;
            sp.directions = run.directions;
            sp.seed = seed;
            if (run.grid > 0 && !(run.span > 0 && run.span <= 100)) throw ParameterError("span must be in (0, 100]");
            const StartToSolutionResult r = asParameterError([&] { return runStartToSolution(p, data, progress); });
            j.key("cancelled").value(r.cancelled);
            j.key("parameterCount").value(r.parameterCount);
            j.key("trainingDiverged").value(r.trainingDiverged);
            j.key("trainingLosses").numbers(r.trainingCurve);
            j.key("alphas").numbers(r.alphas);
            j.key("trainLosses").numbers(r.trainLosses);
            j.key("testLosses").numbers(r.testLosses);
            j.key("initTrainLoss").value(r.initTrainLoss);
            j.key("finalTrainLoss").value(r.finalTrainLoss);
            j.key("initTestLoss").value(r.initTestLoss);
            j.key("finalTestLoss").value(r.finalTestLoss);
            j.key("finalTestAccuracy").value(r.finalTestAccuracy);
            j.key("trainBumps").value(r.trainBumps);
            j.key("testBumps").value(r.testBumps);
            j.key("trainTolerance").value(r.trainTolerance);
            j.key("testTolerance").value(r.testTolerance);
            j.key("lowestTrainAlpha").value(r.lowestTrainAlpha);
            j.key("lowestTrainLoss").value(r.lowestTrainLoss);
            j.key("distance").value(r.distance);
            if (r.cancelled || run.grid == 0) return;
            const SliceResult s = asParameterError([&] { return runLossSlice(r, sp, progress); });
            j.key("slice").beginObject();
            j.key("cancelled").value(s.cancelled);
            j.key("coordinates").numbers(s.coordinates);
            j.key("losses").beginArray();
            for (Eigen::Index row = 0; row < s.losses.rows(); ++row) j.numbers(s.losses.row(row));
            j.endArray();
            j.key("minLoss").value(s.minLoss);
            j.key("maxLoss").value(s.maxLoss);
            j.key("centreLoss").value(s.centreLoss);
            j.key("nonFinite").value(s.nonFinite);
            j.key("initA").value(s.initA);
            j.key("initB").value(s.initB);
            j.key("inPlaneShare").value(s.inPlaneShare);
            j.endObject();
        });
}

} // namespace minima
