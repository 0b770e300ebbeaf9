#include "engine/experiments/landscape.h"
#include "engine/experiments/networkkeys.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine/common/json.h"
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
    // The centre's loss by the grid's own arithmetic, so it compares exactly with the cells.
    const std::vector<double> origin{0.0};
    result.centreLoss = networkLossGrid(net, centre, d1, d2, data.inputs, data.targets, origin, Progress::none())(0, 0);
    return result;
}

ExperimentInfo landscapeExperiment()
{
    auto params = trainedNetworkKeys<NetworkLandscapeParams>(
        "layer widths, input first; input must match the dataset, output 1",
        "Adam epochs training the centre, 0..100000 (0 = untrained)");
    params.integer("grid", &NetworkLandscapeParams::grid, 2, 1001, "points per axis, 2..1001")
        .real("span", &NetworkLandscapeParams::span, "the grid covers [-span, span] along each direction, > 0")
        .named(
            "directions", &NetworkLandscapeParams::directions, {"random", "filter", "chosen"},
            [](const std::string& key) {
                return key == "random" ? LandscapeDirections::Random
                    : key == "filter"  ? LandscapeDirections::FilterNormalised
                                       : LandscapeDirections::Chosen;
            },
            [](LandscapeDirections d) {
                return d == LandscapeDirections::Random ? "random" : d == LandscapeDirections::FilterNormalised ? "filter" : "chosen";
            },
            "random | filter (filter-normalised, Li et al. 2018) | chosen")
        .integer("param1", &NetworkLandscapeParams::parameter1, 0, 100000000, "for directions=chosen: index of the first parameter")
        .integer("param2", &NetworkLandscapeParams::parameter2, 0, 100000000, "for directions=chosen: index of the second parameter");
    return declareExperiment(
        "landscape", "Loss of a small network on a 2-D slice of parameter space around its trained parameters",
        std::move(params), [](JsonWriter& j, NetworkLandscapeParams& p, std::uint64_t seed, Progress& progress) {
            p.seed = seed;
            const NetworkLandscapeResult r = asParameterError([&] { return runNetworkLandscape(p, progress); });
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
    });
}

} // namespace minima
