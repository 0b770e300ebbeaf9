#pragma once
// The keys every trained-network experiment (landscape, interpolate, rescale) shares on the
// command line: the network's widths and hidden activation, the dataset, and its training.
#include <string>
#include <vector>

#include "engine/experiments/params.h"
#include "engine/nn/activation.h"

namespace minima {

inline const std::vector<std::string>& activationKeys()
{
    static const std::vector<std::string> keys{"relu", "leaky-relu", "tanh", "sigmoid", "linear"};
    return keys;
}

// A hidden activation, by its name in activationKeys().
template <typename P, typename Field>
ParamList<P>& activationKey(ParamList<P>& list, Field field)
{
    return list.named(
        "activation", field, activationKeys(), [](const std::string& name) { return *activationFromName(name); },
        activationName, "hidden activation: relu, leaky-relu, tanh, sigmoid, linear");
}

// widths, activation, dataset, samples, noise, epochs and lr, in that order, on any Params
// struct with the fields widths, activation, dataset, samples, noise, epochs, learningRate.
template <typename P>
ParamList<P> trainedNetworkKeys(std::string widthsHelp = "layer widths, input first; at least one hidden layer; output 1",
                                std::string epochsHelp = "Adam epochs, 0..100000")
{
    ParamList<P> list;
    list.integers("widths", &P::widths, 1, 1000, std::move(widthsHelp));
    activationKey(list, &P::activation)
        .choice("dataset", &P::dataset, {"xor", "moons", "circles", "spirals", "sine"}, "xor, moons, circles, spirals, sine")
        .integer("samples", &P::samples, 1, 100000, "number of data points, 1..100000")
        .real("noise", &P::noise, "Gaussian noise of the data, >= 0")
        .integer("epochs", &P::epochs, 0, 100000, std::move(epochsHelp))
        .real("lr", &P::learningRate, "Adam learning rate, > 0");
    return list;
}

} // namespace minima
