#pragma once
// The keys every trained-network experiment (landscape, interpolate, rescale) shares on the
// command line: the network's widths and hidden activation, the dataset, and its training.
#include <map>
#include <string>

#include "engine/experiments/catalog.h"
#include "engine/nn/activation.h"

namespace minima {

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
