#include "engine/experiments/landscape.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "engine/common/json.h"
#include "engine/common/parallel.h"
#include "engine/common/random.h"
#include "engine/nn/datasets.h"
#include "engine/nn/training.h"

namespace minima {

Eigen::VectorXd filterNormalised(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& theta,
                                 const Eigen::Ref<const Eigen::VectorXd>& random)
{
    Eigen::VectorXd d = Eigen::VectorXd::Zero(theta.size());
    for (int l = 0; l < net.layerCount(); ++l) {
        const auto W = net.weightsIn(theta.data(), l);
        const auto R = net.weightsIn(random.data(), l);
        auto D = net.weightsIn(d.data(), l);
        for (Eigen::Index i = 0; i < W.rows(); ++i) {
            const double r = R.row(i).norm();
            if (r > 0) D.row(i) = R.row(i) * (W.row(i).norm() / r);
        }
    }
    return d;
}

Eigen::MatrixXd networkLossGrid(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& centre,
                                const Eigen::Ref<const Eigen::VectorXd>& d1, const Eigen::Ref<const Eigen::VectorXd>& d2,
                                const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                                const std::vector<double>& coordinates, Progress& progress)
{
    const Eigen::Index n = Eigen::Index(coordinates.size());
    Eigen::MatrixXd losses(n, n);
    struct Scratch {
        Workspace ws;
        Eigen::VectorXd theta;
    };
    const bool done = parallelFor(std::size_t(n * n), [&](std::size_t k) {
        thread_local Scratch s;   // reused by every point this thread computes
        const Eigen::Index i = Eigen::Index(k) % n, j = Eigen::Index(k) / n;
        s.theta.resize(centre.size());
        s.theta = centre + coordinates[std::size_t(i)] * d1 + coordinates[std::size_t(j)] * d2;
        forward(net, s.theta, X, s.ws);
        losses(j, i) = (s.ws.a.back() - Y).squaredNorm() / double(Y.size());
    }, progress);
    if (!done) return {};
    return losses;
}

NetworkLandscapeResult runNetworkLandscape(const NetworkLandscapeParams& params, Progress& progress)
{
    if (params.grid < 2 || params.grid > 1001) throw std::invalid_argument("grid must be in [2, 1001]");
    if (!(params.span > 0) || params.span > 1e6) throw std::invalid_argument("span must be in (0, 1e6]");
    if (params.epochs < 0 || params.epochs > 100000) throw std::invalid_argument("epochs must be in [0, 100000]");
    if (!(params.learningRate > 0)) throw std::invalid_argument("learning rate must be > 0");
    const Dataset data = makeDataset(params.dataset, params.samples, params.noise, params.seed);
    std::vector<int> widths = params.widths;
    if (widths.size() < 2) throw std::invalid_argument("widths need an input and an output");
    if (widths.front() != data.inputs.rows() || widths.back() != 1)
        throw std::invalid_argument("widths must start with " + std::to_string(data.inputs.rows())
                                    + " inputs (the dataset's) and end with 1 output");

    NetworkLandscapeResult result;
    TrainingRecord record;
    const Network net = trainedNetwork(widths, params.activation, data, params.epochs, params.learningRate,
                                       params.seed, &record, progress);
    result.trainingLosses = record.losses;
    result.trainingDiverged = record.diverged;
    const Eigen::VectorXd& centre = net.parameters();
    const Eigen::Index P = centre.size();
    result.parameterCount = int(P);

    Eigen::VectorXd d1 = Eigen::VectorXd::Zero(P), d2 = Eigen::VectorXd::Zero(P);
    if (params.directions == LandscapeDirections::Chosen) {
        if (params.parameter1 < 0 || params.parameter1 >= P || params.parameter2 < 0 || params.parameter2 >= P
            || params.parameter1 == params.parameter2)
            throw std::invalid_argument("chosen parameters must be two different indexes in [0, " + std::to_string(P - 1) + "]");
        d1[params.parameter1] = 1;
        d2[params.parameter2] = 1;
    } else {
        Rng r1 = makeRng(params.seed, 31), r2 = makeRng(params.seed, 32);
        for (Eigen::Index i = 0; i < P; ++i) { d1[i] = normal01(r1); d2[i] = normal01(r2); }
        if (params.directions == LandscapeDirections::FilterNormalised) {
            d1 = filterNormalised(net, centre, d1);
            d2 = filterNormalised(net, centre, d2);
        } else {   // random, scaled to the length of theta (unit length if theta = 0)
            const double scale = centre.norm() > 0 ? centre.norm() : 1.0;
            d1 *= scale / d1.norm();
            d2 *= scale / d2.norm();
        }
    }

    for (int i = 0; i < params.grid; ++i)
        result.coordinates.push_back(-params.span + 2 * params.span * i / (params.grid - 1));
    result.losses = networkLossGrid(net, centre, d1, d2, data.inputs, data.targets, result.coordinates, progress);
    if (result.losses.size() == 0) { result.cancelled = true; return result; }

    result.minLoss = std::numeric_limits<double>::infinity();
    result.maxLoss = -std::numeric_limits<double>::infinity();
    for (Eigen::Index k = 0; k < result.losses.size(); ++k) {
        const double v = result.losses.data()[k];
        if (!std::isfinite(v)) { ++result.nonFinite; continue; }
        result.minLoss = std::min(result.minLoss, v);
        result.maxLoss = std::max(result.maxLoss, v);
    }
    Workspace ws;
    result.centreLoss = evaluateLoss(net, centre, data.inputs, data.targets, Loss::MeanSquaredError, ws);
    return result;
}

namespace {
Activation parseActivation(const std::map<std::string, std::string>& s)
{
    return *activationFromName(parseChoice(s, "activation", {"relu", "leaky-relu", "tanh", "sigmoid", "linear"}));
}
} // namespace

ExperimentInfo landscapeExperiment()
{
    ExperimentInfo info;
    info.name = "landscape";
    info.summary = "Loss of a small network on a 2-D slice of parameter space around its trained parameters";
    info.keys = {
        {"widths", "2,16,16,1", "layer widths, input first; input must match the dataset, output 1"},
        {"activation", "tanh", "hidden activation: relu, leaky-relu, tanh, sigmoid, linear"},
        {"dataset", "moons", "xor, moons, circles, spirals, sine"},
        {"samples", "512", "number of data points, 1..100000"},
        {"noise", "0.1", "Gaussian noise of the data, >= 0"},
        {"epochs", "200", "Adam epochs training the centre, 0..100000 (0 = untrained)"},
        {"lr", "0.01", "Adam learning rate, > 0"},
        {"grid", "51", "points per axis, 2..1001"},
        {"span", "1", "the grid covers [-span, span] along each direction, > 0"},
        {"directions", "filter", "random | filter (filter-normalised, Li et al. 2018) | chosen"},
        {"param1", "0", "for directions=chosen: index of the first parameter"},
        {"param2", "1", "for directions=chosen: index of the second parameter"},
    };
    info.run = [](const std::map<std::string, std::string>& s, std::uint64_t seed, Progress& progress) {
        NetworkLandscapeParams p;
        p.widths.clear();
        for (long long w : parseIntList(s, "widths", 1, 1000)) p.widths.push_back(int(w));
        p.activation = parseActivation(s);
        p.dataset = parseChoice(s, "dataset", {"xor", "moons", "circles", "spirals", "sine"});
        p.samples = int(parseInt(s, "samples", 1, 100000));
        p.noise = parseDouble(s, "noise");
        p.epochs = int(parseInt(s, "epochs", 0, 100000));
        p.learningRate = parseDouble(s, "lr");
        p.grid = int(parseInt(s, "grid", 2, 1001));
        p.span = parseDouble(s, "span");
        const std::string d = parseChoice(s, "directions", {"random", "filter", "chosen"});
        p.directions = d == "random" ? LandscapeDirections::Random
            : d == "filter"          ? LandscapeDirections::FilterNormalised
                                     : LandscapeDirections::Chosen;
        p.parameter1 = int(parseInt(s, "param1", 0, 100000000));
        p.parameter2 = int(parseInt(s, "param2", 0, 100000000));
        p.seed = seed;
        NetworkLandscapeResult r;
        try {
            r = runNetworkLandscape(p, progress);
        } catch (const std::invalid_argument& e) {
            throw ParameterError(e.what());
        }
        JsonWriter j;
        j.beginObject();
        j.key("experiment").value("landscape");
        j.key("cancelled").value(r.cancelled);
        j.key("parameterCount").value(r.parameterCount);
        j.key("coordinates").numbers(r.coordinates);
        j.key("losses").beginArray();
        for (Eigen::Index row = 0; row < r.losses.rows(); ++row) j.numbers(r.losses.row(row));
        j.endArray();
        j.key("minLoss").value(r.minLoss);
        j.key("maxLoss").value(r.maxLoss);
        j.key("centreLoss").value(r.centreLoss);
        j.key("nonFinite").value(r.nonFinite);
        j.key("trainingLosses").numbers(r.trainingLosses);
        j.key("trainingDiverged").value(r.trainingDiverged);
        j.endObject();
        return j.str();
    };
    return info;
}

} // namespace minima
