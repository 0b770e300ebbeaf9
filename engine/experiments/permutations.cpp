#include "engine/experiments/permutations.h"

#include <stdexcept>

#include "engine/common/json.h"
#include "engine/experiments/networkkeys.h"
#include "engine/common/random.h"
#include "engine/nn/network.h"
#include "engine/symmetry/counting.h"
#include "engine/symmetry/enumeration.h"
#include "engine/symmetry/symmetry.h"

namespace minima {

PermutationResult runPermutations(const PermutationParams& params, Progress& progress)
{
    if (params.inputs < 1 || params.inputs > 100000) throw std::invalid_argument("inputs must be in [1, 100000]");
    Network net(params.widths, {params.activation}, OutputActivation::Linear);
    // Random weights (N(0, 1)) and biases (N(0, 1/4)): every neuron differs from the others.
    net.initialise(Initialisation::NaiveNormal, params.seed, 1.0);
    Rng rng = makeRng(params.seed, 41);
    for (int l = 0; l < net.layerCount(); ++l)
        for (Eigen::Index i = 0; i < net.bias(l).size(); ++i) net.bias(l)(i) = 0.5 * normal01(rng);
    Eigen::MatrixXd X(net.inputCount(), params.inputs);
    Rng inputRng = makeRng(params.seed, 42);
    for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = uniform(inputRng, -2, 2);

    const bool flips = params.signFlips;
    // The group of symmetry.h: flips only where the activation has them; a relu "flip"
    // changes the function, so it is refused rather than counted.
    if (flips && !hasSignFlip(params.activation))
        throw std::invalid_argument(std::string(activationName(params.activation))
                                    + " has no sign-flip symmetry (only tanh and sigmoid do): use flips=false");
    PermutationResult result;
    const EnumerationResult e = enumerateArrangements(net, X, flips, progress);
    result.enumerated = e.enumerated;
    result.distinct = e.distinct;
    result.maxOutputDeviation = e.maxOutputDeviation;
    result.cancelled = e.cancelled;
    std::vector<int> hidden;
    std::vector<std::string> factors{"1"};   // the empty product when there is no hidden layer
    for (int h = 0; h < net.hiddenLayerCount(); ++h) {
        const int n = params.widths[std::size_t(h) + 1];
        hidden.push_back(n);
        factors.push_back((flips ? "2^" + std::to_string(n) + " " : std::string()) + std::to_string(n) + "!");
    }
    for (std::size_t k = factors.size() > 1 ? 1 : 0; k < factors.size(); ++k)
        result.formula += (result.formula.empty() ? std::string() : std::string(" * ")) + factors[k];
    const SymmetryCount c = countEquivalentNetworks(hidden, flips);
    result.formulaCount = c.decimal;
    result.formulaDigits = c.digits;
    result.formulaLog10 = c.log10;
    return result;
}

ExperimentInfo permutationsExperiment()
{
    ParamList<PermutationParams> params;
    params.integers("widths", &PermutationParams::widths, 1, 1000, "layer widths, input first; at most 5,000,000 arrangements");
    activationKey(params, &PermutationParams::activation)
        .integer("inputs", &PermutationParams::inputs, 1, 100000,
                 "number of random inputs the arrangements are compared on, 1..100000")
        .flag("flips", &PermutationParams::signFlips, "true", "false",
              "also flip neuron signs: tanh (w, b, v negated) and sigmoid (also v added to the next biases); "
              "relu, leaky-relu and linear have none: true | false");
    return declareExperiment(
        "permutations",
        "Build every arrangement of a small network's hidden neurons and check they compute the same function",
        std::move(params), [](JsonWriter& j, PermutationParams& p, std::uint64_t seed, Progress& progress) {
            p.seed = seed;
            const PermutationResult r = asParameterError([&] { return runPermutations(p, progress); });
            j.key("cancelled").value(r.cancelled);
            j.key("enumerated").value(static_cast<unsigned long long>(r.enumerated));
            j.key("distinct").value(static_cast<unsigned long long>(r.distinct));
            j.key("maxOutputDeviation").value(r.maxOutputDeviation);
            j.key("formula").value(r.formula);
            j.key("formulaCount").value(r.formulaCount);
            j.key("formulaDigits").value(static_cast<unsigned long long>(r.formulaDigits));
            j.key("formulaLog10").value(r.formulaLog10);
    });
}

} // namespace minima
