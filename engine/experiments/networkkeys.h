#pragma once
// The keys every trained-network experiment (landscape, interpolate, rescale) shares on the
// command line: the network's widths and hidden activation, the dataset, and its training.
#include <map>
#include <string>
#include <vector>

#include "engine/experiments/catalog.h"
#include "engine/nn/activation.h"

namespace minima {

// What differs between the experiments' trained-network keys: five defaults and two help lines.
struct TrainedNetworkKeyDefaults {
    std::string widths;
    std::string activation;
    std::string samples;
    std::string epochs;
    std::string lr;
    std::string widthsHelp = "layer widths, input first; at least one hidden layer; output 1";
    std::string epochsHelp = "Adam epochs, 0..100000";
};

// The ExperimentInfo::keys entries for widths, activation, dataset, samples, noise, epochs
// and lr, in that order; the dataset defaults to moons and the noise to 0.1.
inline std::vector<ExperimentKey> trainedNetworkKeys(const TrainedNetworkKeyDefaults& d)
{
    return {
        {"widths", d.widths, d.widthsHelp},
        {"activation", d.activation, "hidden activation: relu, leaky-relu, tanh, sigmoid, linear"},
        {"dataset", "moons", "xor, moons, circles, spirals, sine"},
        {"samples", d.samples, "number of data points, 1..100000"},
        {"noise", "0.1", "Gaussian noise of the data, >= 0"},
        {"epochs", d.epochs, d.epochsHelp},
        {"lr", d.lr, "Adam learning rate, > 0"},
    };
}

// Reads widths, activation, dataset, samples, noise, epochs and lr into any Params struct
// with those fields; throws ParameterError naming the key.
template <typename Params>
void parseTrainedNetworkKeys(const std::map<std::string, std::string>& s, Params& p)
{
    p.widths.clear();
    for (long long w : parseIntList(s, "widths", 1, 1000)) p.widths.push_back(int(w));
    p.activation = *activationFromName(parseChoice(s, "activation", {"relu", "leaky-relu", "tanh", "sigmoid", "linear"}));
    p.dataset = parseChoice(s, "dataset", {"xor", "moons", "circles", "spirals", "sine"});
    p.samples = int(parseInt(s, "samples", 1, 100000));
    p.noise = parseDouble(s, "noise");
    p.epochs = int(parseInt(s, "epochs", 0, 100000));
    p.learningRate = parseDouble(s, "lr");
}

} // namespace minima
