#include "engine/experiments/interpolate.h"
#include "engine/experiments/networkkeys.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "engine/common/json.h"
#include "engine/nn/datasets.h"
#include "engine/nn/training.h"
#include "engine/symmetry/symmetry.h"

namespace minima {

std::vector<double> lossAlongLine(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& a,
                                  const Eigen::Ref<const Eigen::VectorXd>& b, const std::vector<double>& alphas,
                                  const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y)
{
    Workspace ws;
    Eigen::VectorXd theta(a.size());
    std::vector<double> losses;
    for (double alpha : alphas) {
        theta = (1 - alpha) * a + alpha * b;
        losses.push_back(evaluateLoss(net, theta, X, Y, Loss::MeanSquaredError, ws));
    }
    return losses;
}

InterpolationResult runInterpolation(const InterpolationParams& params, Progress& progress)
{
    if (params.points < 2 || params.points > 100001) throw std::invalid_argument("points must be in [2, 100001]");
    if (!(params.from < params.to) || params.from < -100 || params.to > 100)
        throw std::invalid_argument("need -100 <= from < to <= 100");
    if (params.epochs < 0 || params.epochs > 100000) throw std::invalid_argument("epochs must be in [0, 100000]");
    if (!(params.learningRate > 0)) throw std::invalid_argument("learning rate must be > 0");
    const Dataset data = makeDataset(params.dataset, params.samples, params.noise, params.seed);
    if (params.widths.size() < 3 || params.widths.front() != data.inputs.rows() || params.widths.back() != 1)
        throw std::invalid_argument("widths need at least one hidden layer, " + std::to_string(data.inputs.rows())
                                    + " inputs (the dataset's) and 1 output");

    InterpolationResult result;
    TrainingRecord record;
    const Network net = trainedNetwork(params.widths, params.activation, data, params.epochs, params.learningRate,
                                       params.seed, &record, progress);
    result.trainingDiverged = record.diverged;
    progress.setFraction(0.5);
    const Eigen::VectorXd a = net.parameters();
    Eigen::VectorXd b = a;
    if (params.ends == InterpolationEnds::PermutedTwin) {
        if (params.layer < 0 || params.layer >= net.hiddenLayerCount())
            throw std::invalid_argument("layer must be a hidden layer in [0, " + std::to_string(net.hiddenLayerCount() - 1) + "]");
        const int n = params.widths[std::size_t(params.layer) + 1];
        if (params.neuronA < 0 || params.neuronA >= n || params.neuronB < 0 || params.neuronB >= n
            || params.neuronA == params.neuronB)
            throw std::invalid_argument("neurons must be two different indexes in [0, " + std::to_string(n - 1) + "]");
        std::vector<int> p(static_cast<std::size_t>(n));
        std::iota(p.begin(), p.end(), 0);
        std::swap(p[std::size_t(params.neuronA)], p[std::size_t(params.neuronB)]);
        permuteHiddenLayer(net, b, params.layer, p);
    } else {
        TrainingRecord second;
        const Network other = trainedNetwork(params.widths, params.activation, data, params.epochs,
                                             params.learningRate, params.seed + 1000003, &second, progress);
        b = other.parameters();
        result.trainingDiverged = result.trainingDiverged || second.diverged;
    }
    if (progress.cancelled()) return result;

    for (int i = 0; i < params.points; ++i)
        result.alphas.push_back(params.from + (params.to - params.from) * i / (params.points - 1));
    result.losses = lossAlongLine(net, a, b, result.alphas, data.inputs, data.targets);
    const auto ends = lossAlongLine(net, a, b, {0.0, 0.5, 1.0}, data.inputs, data.targets);
    result.lossA = ends[0];
    result.midpointLoss = ends[1];
    result.lossB = ends[2];
    double top = result.midpointLoss;
    for (std::size_t i = 0; i < result.alphas.size(); ++i)
        if (result.alphas[i] >= 0 && result.alphas[i] <= 1) top = std::max(top, result.losses[i]);
    result.barrier = top - std::max(result.lossA, result.lossB);
    Workspace wa, wb;
    result.endpointOutputDeviation = (forward(net, a, data.inputs, wa) - forward(net, b, data.inputs, wb)).cwiseAbs().maxCoeff();
    result.parameterDistance = (b - a).norm();
    progress.setFraction(1.0);
    return result;
}

ExperimentInfo interpolateExperiment()
{
    auto params = trainedNetworkKeys<InterpolationParams>();
    params.named(
              "ends", &InterpolationParams::ends, {"twin", "runs"},
              [](const std::string& key) { return key == "twin" ? InterpolationEnds::PermutedTwin : InterpolationEnds::IndependentRuns; },
              [](InterpolationEnds e) { return e == InterpolationEnds::PermutedTwin ? "twin" : "runs"; },
              "twin (the network and itself with two neurons swapped) | runs (two independent trainings)")
        .integer("layer", &InterpolationParams::layer, 0, 1000, "hidden layer of the swapped neurons, 0 = first hidden layer")
        .integer("neuronA", &InterpolationParams::neuronA, 0, 1000, "first swapped neuron")
        .integer("neuronB", &InterpolationParams::neuronB, 0, 1000, "second swapped neuron")
        .real("from", &InterpolationParams::from, "first alpha")
        .real("to", &InterpolationParams::to, "last alpha")
        .integer("points", &InterpolationParams::points, 2, 100001, "number of alphas, 2..100001");
    return declareExperiment(
        "interpolate", "Loss along the straight line between a trained network and its permuted twin (or a second run)",
        std::move(params), [](JsonWriter& j, InterpolationParams& p, std::uint64_t seed, Progress& progress) {
            p.seed = seed;
            const InterpolationResult r = asParameterError([&] { return runInterpolation(p, progress); });
            j.key("alphas").numbers(r.alphas);
            j.key("losses").numbers(r.losses);
            j.key("lossA").value(r.lossA);
            j.key("lossB").value(r.lossB);
            j.key("midpointLoss").value(r.midpointLoss);
            j.key("barrier").value(r.barrier);
            j.key("endpointOutputDeviation").value(r.endpointOutputDeviation);
            j.key("parameterDistance").value(r.parameterDistance);
            j.key("trainingDiverged").value(r.trainingDiverged);
    });
}

} // namespace minima
