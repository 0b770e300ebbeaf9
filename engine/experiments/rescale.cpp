#include "engine/experiments/rescale.h"
#include "engine/experiments/networkkeys.h"

#include <cmath>
#include <stdexcept>

#include "engine/common/json.h"
#include "engine/nn/datasets.h"
#include "engine/nn/training.h"
#include "engine/symmetry/sharpness.h"
#include "engine/symmetry/symmetry.h"

namespace minima {

namespace {
double incomingNorm(const Network& net, int h, int i)
{
    return std::sqrt(net.weights(h).row(i).squaredNorm() + net.bias(h)(i) * net.bias(h)(i));
}
} // namespace

RescaleResult runRescale(const RescaleParams& params, Progress& progress)
{
    if (!std::isfinite(params.k) || params.k == 0) throw std::invalid_argument("k must be a finite nonzero number");
    if (params.epochs < 0 || params.epochs > 100000) throw std::invalid_argument("epochs must be in [0, 100000]");
    if (!(params.learningRate > 0)) throw std::invalid_argument("learning rate must be > 0");
    const Dataset data = makeDataset(params.dataset, params.samples, params.noise, params.seed);
    if (params.widths.size() < 3 || params.widths.front() != data.inputs.rows() || params.widths.back() != 1)
        throw std::invalid_argument("widths need at least one hidden layer, " + std::to_string(data.inputs.rows())
                                    + " inputs (the dataset's) and 1 output");
    RescaleResult result;
    TrainingRecord record;
    const Network before = trainedNetwork(params.widths, params.activation, data, params.epochs, params.learningRate,
                                          params.seed, &record, progress);
    result.trainingLosses = record.losses;
    result.trainingDiverged = record.diverged;
    if (progress.cancelled()) return result;
    progress.setFraction(0.4);
    Network after = before;
    rescaleNeuron(after, after.parameters(), params.layer, params.neuron, params.k, params.scaleBias);

    const Eigen::MatrixXd fBefore = predict(before, data.inputs), fAfter = predict(after, data.inputs);
    result.maxOutputDeviation = (fAfter - fBefore).cwiseAbs().maxCoeff();
    result.functionPreserved = result.maxOutputDeviation <= 1e-9 * std::max(1.0, fBefore.cwiseAbs().maxCoeff());
    const int h = params.layer, i = params.neuron;
    result.incomingNormBefore = incomingNorm(before, h, i);
    result.incomingNormAfter = incomingNorm(after, h, i);
    result.outgoingNormBefore = before.weights(h + 1).col(i).norm();
    result.outgoingNormAfter = after.weights(h + 1).col(i).norm();
    result.parameterNormBefore = before.parameters().norm();
    result.parameterNormAfter = after.parameters().norm();
    Workspace ws;
    result.lossBefore = evaluateLoss(before, before.parameters(), data.inputs, data.targets, Loss::MeanSquaredError, ws);
    result.lossAfter = evaluateLoss(after, after.parameters(), data.inputs, data.targets, Loss::MeanSquaredError, ws);
    SharpnessOptions options;
    options.seed = params.seed;
    result.sharpnessBefore =
        sharpness(before, before.parameters(), data.inputs, data.targets, Loss::MeanSquaredError, options).largestEigenvalue;
    progress.setFraction(0.7);
    result.sharpnessAfter =
        sharpness(after, after.parameters(), data.inputs, data.targets, Loss::MeanSquaredError, options).largestEigenvalue;
    progress.setFraction(1.0);
    return result;
}

ExperimentInfo rescaleExperiment()
{
    auto params = trainedNetworkKeys<RescaleParams>();
    params.custom(
              "k", "rescaling factor, nonzero (k < 0 changes the function)",
              [](RescaleParams& p, const std::string& text) {
                  p.k = parseDouble(text, "k");
                  if (p.k == 0) throw ParameterError("bad value '0' for key 'k': the rescaling factor must be nonzero");
              },
              [](const RescaleParams& p) { return formatNumber(p.k); })
        .integer("layer", &RescaleParams::layer, 0, 1000, "hidden layer of the neuron, 0 = first hidden layer")
        .integer("neuron", &RescaleParams::neuron, 0, 1000, "index of the neuron in its layer")
        .flag("bias", &RescaleParams::scaleBias, "on", "off",
              "on: the bias scales with the incoming weights; off: forget it (the function changes)");
    return declareExperiment(
        "rescale",
        "Rescale one ReLU neuron by k (incoming x k, outgoing / k): same function, different weights and sharpness",
        std::move(params), [](JsonWriter& j, RescaleParams& p, std::uint64_t seed, Progress& progress) {
            p.seed = seed;
            const RescaleResult r = asParameterError([&] { return runRescale(p, progress); });
            j.key("maxOutputDeviation").value(r.maxOutputDeviation);
            j.key("functionPreserved").value(r.functionPreserved);
            j.key("incomingNormBefore").value(r.incomingNormBefore);
            j.key("incomingNormAfter").value(r.incomingNormAfter);
            j.key("outgoingNormBefore").value(r.outgoingNormBefore);
            j.key("outgoingNormAfter").value(r.outgoingNormAfter);
            j.key("parameterNormBefore").value(r.parameterNormBefore);
            j.key("parameterNormAfter").value(r.parameterNormAfter);
            j.key("lossBefore").value(r.lossBefore);
            j.key("lossAfter").value(r.lossAfter);
            j.key("sharpnessBefore").value(r.sharpnessBefore);
            j.key("sharpnessAfter").value(r.sharpnessAfter);
            j.key("trainingLosses").numbers(r.trainingLosses);
            j.key("trainingDiverged").value(r.trainingDiverged);
    });
}

} // namespace minima
