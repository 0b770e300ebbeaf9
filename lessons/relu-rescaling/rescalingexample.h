#pragma once
// The small trained network that labs 1 and 4 rescale, and what the labs show of it.
#include <QString>

#include <vector>

#include <Eigen/Core>

#include "engine/experiments/rescale.h"
#include "engine/nn/datasets.h"
#include "engine/nn/network.h"
#include "lessons/common/controlstrip.h"

class QComboBox;

namespace minima {

// The settings of the engine's `rescale` experiment for the lesson's network: a 1-4-4-1 ReLU
// network with a linear output, trained with full-batch Adam on 64 noisy samples of sin x
// over [-π, π] (neuron and k are the experiment's defaults).
RescaleParams rescalingExampleParams();

// That network, trained exactly as runRescale trains it. Deterministic; trained once on
// first use, then shared (read-only, so any thread may use it).
struct RescalingExample {
    Network net;
    Dataset data;
    double loss = 0;   // training MSE
};
const RescalingExample& rescalingExample();

// One hidden neuron: layer `hidden` (0 = the first hidden layer), index `neuron`.
struct NeuronChoice {
    int hidden = 0;
    int neuron = 0;
};

// "Layer 1, neuron 1", ... for every hidden neuron of a network with these layer widths
// (input first), each with its NeuronChoice as a QPoint(hidden, neuron).
QList<ControlStrip::Choice> neuronChoices(const std::vector<int>& widths);
NeuronChoice neuronChoiceAt(const QComboBox* box, int index);
QString neuronName(const NeuronChoice& choice);

// x values where the labs plot the network's output: `count` points over [xMin, xMax].
Eigen::MatrixXd sampleInputs(double xMin, double xMax, int count);

} // namespace minima
