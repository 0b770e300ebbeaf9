#include "engine/experiments/depth.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <thread>

#include "engine/common/json.h"
#include "engine/common/parallel.h"
#include "engine/experiments/params.h"
#include "engine/nn/training.h"

namespace minima {

namespace {

void require(bool ok, const std::string& message)
{
    if (!ok) throw std::invalid_argument(message);
}

void checkRate(double rate, const char* name)
{
    require(std::isfinite(rate) && rate > 0 && rate <= 100, std::string(name) + " must be in (0, 100]");
}

void checkEpochs(int epochs, const char* name)
{
    require(epochs >= 1 && epochs <= 100000, std::string(name) + " must be in [1, 100000]");
}

void checkBatch(int batch, int samples)
{
    require(batch >= 1 && batch <= samples, "batch size must be in [1, number of samples]");
}

void checkScale(double scale)
{
    require(std::isfinite(scale) && scale > 0 && scale <= 100, "initial weight scale must be in (0, 100]");
}

// Epochs done over every run of an experiment, for one progress fraction.
// extra: another part of the work (e.g. pre-training) worth extraUnits epochs when done.
struct EpochCounter {
    Progress& progress;
    double total;
    const Progress* extra = nullptr;
    double extraUnits = 0;
    std::atomic<long long> done{0};
    void show() { progress.setFraction((double(done) + (extra ? extra->fraction() * extraUnits : 0.0)) / total); }
    void add()
    {
        ++done;
        show();
    }
};

// Trains net with the given method on binary cross-entropy; the observer counts epochs and
// stops when the outer progress is cancelled.
TrainingRecord trainClassifier(Network& net, const Dataset& data, TrainingOptions options, EpochCounter& counter)
{
    options.loss = Loss::BinaryCrossEntropy;
    Progress inner;
    return train(net, data, options, [&](int, double, const Eigen::VectorXd&) {
        counter.add();
        return counter.progress.cancelled();
    }, inner);
}

} // namespace

void DeepTask::validate() const
{
    require(dataset == "moons" || dataset == "spirals" || dataset == "circles" || dataset == "xor",
            "dataset must be moons, spirals, circles or xor");
    require(samples >= 4 && samples <= 5000, "samples must be in [4, 5000]");
    require(std::isfinite(noise) && noise >= 0 && noise <= 1, "noise must be in [0, 1]");
    require(width >= 1 && width <= 128, "width must be in [1, 128]");
}

Dataset DeepTask::data() const
{
    validate();
    return makeDataset(dataset, samples, noise, seed);
}

std::vector<int> deepWidths(int inputs, int width, int depth)
{
    std::vector<int> widths{inputs};
    for (int i = 0; i < depth; ++i) widths.push_back(width);
    widths.push_back(1);
    return widths;
}

Network naiveSigmoidNetwork(int inputs, int width, int depth, double scale, std::uint64_t seed)
{
    Network net(deepWidths(inputs, width, depth), {Activation::Sigmoid}, OutputActivation::Sigmoid);
    net.initialise(Initialisation::NaiveUniform, seed, scale);
    return net;
}

std::vector<double> initialGradientNorms(const Network& net, const Dataset& data)
{
    Workspace ws;
    Eigen::VectorXd g(net.parameterCount());
    lossAndGradient(net, net.parameters(), data.inputs, data.targets, Loss::BinaryCrossEntropy, ws, g);
    return layerGradientNorms(net, g);
}

// ---- 1 ---------------------------------------------------------------------------------

DepthResult deeperIsHarder(const DepthParams& p, Progress& progress)
{
    p.task.validate();
    require(p.minDepth >= 1 && p.maxDepth <= 12 && p.minDepth <= p.maxDepth, "depths must satisfy 1 <= min <= max <= 12");
    checkScale(p.initScale);
    checkRate(p.learningRate, "learning rate");
    checkEpochs(p.epochs, "epochs");
    checkBatch(p.batchSize, p.task.samples);
    const Dataset data = p.task.data();

    const int count = p.maxDepth - p.minDepth + 1;
    DepthResult result;
    result.runs.resize(std::size_t(count));
    EpochCounter counter{progress, double(count) * p.epochs};
    Progress dispatch;
    parallelFor(std::size_t(count), [&](std::size_t i) {
        // Deepest first, so two threads share the work evenly.
        const int depth = p.maxDepth - int(i);
        DepthRun& run = result.runs[std::size_t(depth - p.minDepth)];
        run.depth = depth;
        if (progress.cancelled()) return;
        // Every depth starts from its own draw of the same seed; the data are shared.
        Network net = naiveSigmoidNetwork(int(data.inputs.rows()), p.task.width, depth, p.initScale, p.task.seed);
        run.gradientNorms = initialGradientNorms(net, data);
        TrainingOptions o;
        o.method = TrainingMethod::StochasticGradientDescent;
        o.learningRate = p.learningRate;
        o.batchSize = p.batchSize;
        o.epochs = p.epochs;
        o.seed = p.task.seed;
        const TrainingRecord r = trainClassifier(net, data, o, counter);
        run.losses = r.losses;
        run.diverged = r.diverged;
        run.divergedAtEpoch = r.divergedAtEpoch;
    }, dispatch, 2);
    result.stopped = progress.cancelled();
    if (!result.stopped) progress.setFraction(1.0);
    return result;
}

// ---- 2 ---------------------------------------------------------------------------------

PretrainingResult compareWithPretraining(const PretrainingParams& p, Progress& progress)
{
    p.task.validate();
    require(p.depth >= 1 && p.depth <= 12, "depth must be in [1, 12]");
    checkScale(p.initScale);
    checkRate(p.learningRate, "learning rate");
    checkRate(p.pretrainRate, "pre-training rate");
    checkEpochs(p.epochs, "epochs");
    checkEpochs(p.pretrainEpochs, "pre-training epochs");
    checkBatch(p.batchSize, p.task.samples);
    const Dataset data = p.task.data();

    PretrainingResult result;
    const Network start = naiveSigmoidNetwork(int(data.inputs.rows()), p.task.width, p.depth, p.initScale, p.task.seed);
    TrainingOptions o;
    o.method = TrainingMethod::StochasticGradientDescent;
    o.learningRate = p.learningRate;
    o.batchSize = p.batchSize;
    o.epochs = p.epochs;
    o.seed = p.task.seed;

    // Progress: pre-training counts as many units as its epochs over all hidden layers.
    const double pretrainUnits = double(p.pretrainEpochs) * p.depth;
    const double total = pretrainUnits + 2.0 * p.epochs;
    Progress pretrainProgress;
    EpochCounter counter{progress, total, &pretrainProgress, pretrainUnits};

    // The randomly initialised twin and the pre-trained network run side by side. The
    // autoencoders report to their own Progress; the twin's thread, once done, watches it
    // (fraction out, cancel in) until pre-training has finished.
    Network random = start, pretrained = start;
    TrainingRecord randomRecord, pretrainedRecord;
    Progress dispatch;
    std::atomic<bool> pretrainingDone{false};
    parallelFor(2, [&](std::size_t i) {
        if (i == 0) {
            if (!progress.cancelled()) {
                PretrainingOptions po;
                po.learningRate = p.pretrainRate;
                po.epochs = p.pretrainEpochs;
                po.seed = p.task.seed;
                result.pretraining = pretrainGreedy(pretrained, data.inputs, po, pretrainProgress);
            }
            pretrainProgress.setFraction(1.0);
            pretrainingDone = true;
            if (progress.cancelled() || result.pretraining.stopped) return;
            result.pretrainedGradientNorms = initialGradientNorms(pretrained, data);
            pretrainedRecord = trainClassifier(pretrained, data, o, counter);
        } else {
            if (!progress.cancelled()) {
                result.randomGradientNorms = initialGradientNorms(random, data);
                randomRecord = trainClassifier(random, data, o, counter);
            }
            while (!pretrainingDone) {
                if (progress.cancelled()) pretrainProgress.cancel();
                counter.show();
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        }
    }, dispatch, 2);
    result.randomLosses = randomRecord.losses;
    result.pretrainedLosses = pretrainedRecord.losses;
    result.randomDiverged = randomRecord.diverged;
    result.randomDivergedAtEpoch = randomRecord.divergedAtEpoch;
    result.pretrainedDiverged = pretrainedRecord.diverged;
    result.pretrainedDivergedAtEpoch = pretrainedRecord.divergedAtEpoch;
    result.stopped = progress.cancelled();
    if (!result.stopped) progress.setFraction(1.0);
    return result;
}

// ---- 3 ---------------------------------------------------------------------------------

std::string_view recipeName(DeepRecipe r)
{
    switch (r) {
    case DeepRecipe::SigmoidNaiveSgd: return "sigmoid, naive init, SGD";
    case DeepRecipe::ReluHeSgd: return "ReLU, He init, SGD";
    case DeepRecipe::ReluHeMomentum: return "ReLU, He init, momentum";
    case DeepRecipe::ReluHeAdam: return "ReLU, He init, Adam";
    }
    return "";
}

std::string_view recipeKey(DeepRecipe r)
{
    switch (r) {
    case DeepRecipe::SigmoidNaiveSgd: return "sigmoid-sgd";
    case DeepRecipe::ReluHeSgd: return "relu-sgd";
    case DeepRecipe::ReluHeMomentum: return "relu-momentum";
    case DeepRecipe::ReluHeAdam: return "relu-adam";
    }
    return "";
}

const std::vector<DeepRecipe>& allRecipes()
{
    static const std::vector<DeepRecipe> all{DeepRecipe::SigmoidNaiveSgd, DeepRecipe::ReluHeSgd,
                                             DeepRecipe::ReluHeMomentum, DeepRecipe::ReluHeAdam};
    return all;
}

RecipeResult compareRecipes(const RecipeParams& p, Progress& progress)
{
    p.task.validate();
    require(p.depth >= 1 && p.depth <= 12, "depth must be in [1, 12]");
    require(!p.recipes.empty(), "at least one recipe is needed");
    checkScale(p.initScale);
    checkRate(p.sgdRate, "sigmoid SGD learning rate");
    checkRate(p.reluSgdRate, "ReLU SGD learning rate");
    checkRate(p.adamRate, "Adam learning rate");
    require(std::isfinite(p.momentum) && p.momentum >= 0 && p.momentum < 1, "momentum must be in [0, 1)");
    checkEpochs(p.epochs, "epochs");
    checkBatch(p.batchSize, p.task.samples);
    const Dataset data = p.task.data();

    RecipeResult result;
    result.runs.resize(p.recipes.size());
    EpochCounter counter{progress, double(p.recipes.size()) * p.epochs};
    Progress dispatch;
    parallelFor(p.recipes.size(), [&](std::size_t i) {
        RecipeRun& run = result.runs[i];
        run.recipe = p.recipes[i];
        if (progress.cancelled()) return;
        const int inputs = int(data.inputs.rows());
        TrainingOptions o;
        o.batchSize = p.batchSize;
        o.epochs = p.epochs;
        o.seed = p.task.seed;
        Network net;
        if (run.recipe == DeepRecipe::SigmoidNaiveSgd) {
            net = naiveSigmoidNetwork(inputs, p.task.width, p.depth, p.initScale, p.task.seed);
            o.method = TrainingMethod::StochasticGradientDescent;
            o.learningRate = p.sgdRate;
        } else {
            net = Network(deepWidths(inputs, p.task.width, p.depth), {Activation::ReLU}, OutputActivation::Sigmoid);
            net.initialise(Initialisation::He, p.task.seed);
            switch (run.recipe) {
            case DeepRecipe::ReluHeMomentum:
                o.method = TrainingMethod::Momentum;
                o.momentum = p.momentum;
                o.learningRate = p.reluSgdRate;
                break;
            case DeepRecipe::ReluHeAdam:
                o.method = TrainingMethod::Adam;
                o.learningRate = p.adamRate;
                break;
            default:
                o.method = TrainingMethod::StochasticGradientDescent;
                o.learningRate = p.reluSgdRate;
                break;
            }
        }
        run.gradientNorms = initialGradientNorms(net, data);
        const TrainingRecord r = trainClassifier(net, data, o, counter);
        run.losses = r.losses;
        run.diverged = r.diverged;
        run.divergedAtEpoch = r.divergedAtEpoch;
    }, dispatch, 2);
    result.stopped = progress.cancelled();
    if (!result.stopped) progress.setFraction(1.0);
    return result;
}

// ---- catalog adapters --------------------------------------------------------------------

namespace {

// The task keys and, on the SGD training every experiment here ends with, batch and epochs.
template <typename P>
ParamList<P> deepKeys(ParamList<P> middle, std::string epochsHelp)
{
    auto task = [](auto& p) -> auto& { return p.task; };
    ParamList<P> list;
    list.include(ParamList<DeepTask>()
                     .choice("dataset", &DeepTask::dataset, {"moons", "spirals", "circles", "xor"},
                             "2-D dataset: moons, spirals, circles or xor")
                     .integer("samples", &DeepTask::samples, 4, 5000, "number of points, 4 to 5000")
                     .real("noise", &DeepTask::noise, "Gaussian noise on the points, 0 to 1")
                     .integer("width", &DeepTask::width, 1, 128, "units per hidden layer, 1 to 128"),
                 task);
    list.include(middle, [](auto& p) -> auto& { return p; });
    list.integer("batch", &P::batchSize, 1, 5000, "mini-batch size")
        .integer("epochs", &P::epochs, 1, 100000, std::move(epochsHelp));
    return list;
}

// The task drawn from --seed, checked before the run.
template <typename P>
void seedTask(P& p, std::uint64_t seed)
{
    p.task.seed = seed;
    asParameterError([&] { p.task.validate(); });
}

void writeRun(JsonWriter& j, const std::vector<double>& losses, const std::vector<double>& norms, bool diverged,
              int divergedAt)
{
    j.key("losses").numbers(losses);
    j.key("initialGradientNorms").numbers(norms);
    j.key("diverged").value(diverged);
    if (diverged) j.key("divergedAtEpoch").value(divergedAt);
}

} // namespace

ExperimentInfo depthExperiment()
{
    auto params = deepKeys(ParamList<DepthParams>()
                               .integer("min-depth", &DepthParams::minDepth, 1, 12, "fewest hidden layers, 1 to 12")
                               .integer("max-depth", &DepthParams::maxDepth, 1, 12, "most hidden layers, 1 to 12")
                               .real("init-scale", &DepthParams::initScale, "naive initialisation: weights U(-scale, scale)")
                               .real("learning-rate", &DepthParams::learningRate, "SGD learning rate"),
                           "passes over the data, 1 to 100000");
    return declareExperiment(
        "depth",
        "Sigmoid networks of growing depth, naive initialisation, plain mini-batch SGD: loss curves "
        "and per-layer gradient norms at initialisation",
        std::move(params), [](JsonWriter& j, DepthParams& p, std::uint64_t seed, Progress& progress) {
            seedTask(p, seed);
            const DepthResult r = asParameterError([&] { return deeperIsHarder(p, progress); });
            j.key("loss").value("binary cross-entropy");
            j.key("stopped").value(r.stopped).key("runs").beginArray();
            for (const DepthRun& run : r.runs) {
                j.beginObject().key("depth").value(run.depth);
                writeRun(j, run.losses, run.gradientNorms, run.diverged, run.divergedAtEpoch);
                j.endObject();
            }
            j.endArray();
        });
}

ExperimentInfo pretrainingExperiment()
{
    auto params = deepKeys(ParamList<PretrainingParams>()
                               .integer("depth", &PretrainingParams::depth, 1, 12, "hidden layers, 1 to 12")
                               .real("init-scale", &PretrainingParams::initScale,
                                     "naive initialisation: weights U(-scale, scale)")
                               .integer("pretrain-epochs", &PretrainingParams::pretrainEpochs, 1, 100000,
                                        "Adam epochs per autoencoder")
                               .real("pretrain-rate", &PretrainingParams::pretrainRate, "Adam learning rate of the autoencoders")
                               .real("learning-rate", &PretrainingParams::learningRate, "SGD learning rate of both networks"),
                           "SGD passes over the data");
    return declareExperiment(
        "pretraining",
        "Greedy layer-wise autoencoder pre-training, then SGD fine-tuning, against the same deep "
        "sigmoid network trained from its naive initialisation",
        std::move(params), [](JsonWriter& j, PretrainingParams& p, std::uint64_t seed, Progress& progress) {
            seedTask(p, seed);
            const PretrainingResult r = asParameterError([&] { return compareWithPretraining(p, progress); });
            j.key("stopped").value(r.stopped);
            j.key("random").beginObject();
            writeRun(j, r.randomLosses, r.randomGradientNorms, r.randomDiverged, r.randomDivergedAtEpoch);
            j.endObject().key("pretrained").beginObject();
            writeRun(j, r.pretrainedLosses, r.pretrainedGradientNorms, r.pretrainedDiverged, r.pretrainedDivergedAtEpoch);
            j.endObject();
            j.key("reconstructionBefore").numbers(r.pretraining.initialReconstruction);
            j.key("reconstructionAfter").numbers(r.pretraining.finalReconstruction);
        });
}

ExperimentInfo recipesExperiment()
{
    auto params = deepKeys(ParamList<RecipeParams>()
                               .integer("depth", &RecipeParams::depth, 1, 12, "hidden layers, 1 to 12")
                               .real("sgd-rate", &RecipeParams::sgdRate, "learning rate of the sigmoid network's SGD")
                               .real("relu-rate", &RecipeParams::reluSgdRate, "learning rate of ReLU SGD and momentum")
                               .real("adam-rate", &RecipeParams::adamRate, "Adam learning rate"),
                           "passes over the data");
    return declareExperiment(
        "recipes",
        "The same deep network trained end to end: sigmoid with naive init and SGD, then ReLU with He "
        "init and SGD, momentum or Adam",
        std::move(params), [](JsonWriter& j, RecipeParams& p, std::uint64_t seed, Progress& progress) {
            seedTask(p, seed);
            const RecipeResult r = asParameterError([&] { return compareRecipes(p, progress); });
            j.key("stopped").value(r.stopped).key("runs").beginArray();
            for (const RecipeRun& run : r.runs) {
                j.beginObject().key("recipe").value(recipeKey(run.recipe));
                writeRun(j, run.losses, run.gradientNorms, run.diverged, run.divergedAtEpoch);
                j.endObject();
            }
            j.endArray();
        });
}

} // namespace minima
