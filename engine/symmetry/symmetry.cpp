#include "engine/symmetry/symmetry.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace minima {

namespace {
void checkHiddenNeuron(const Network& net, int hidden, int neuron)
{
    if (hidden < 0 || hidden >= net.hiddenLayerCount())
        throw std::invalid_argument("hidden layer " + std::to_string(hidden) + " out of range [0, "
                                    + std::to_string(net.hiddenLayerCount() - 1) + "]");
    const int n = net.widths()[std::size_t(hidden) + 1];
    if (neuron < 0 || neuron >= n)
        throw std::invalid_argument("neuron " + std::to_string(neuron) + " out of range [0, " + std::to_string(n - 1) + "]");
}
void checkParams(const Network& net, Eigen::Index size)
{
    if (size != net.parameterCount()) throw std::invalid_argument("parameter vector of the wrong size");
}
} // namespace

SignFlip signFlipOf(Activation f)
{
    switch (f) {
    case Activation::Tanh: return SignFlip::Odd;
    case Activation::Sigmoid: return SignFlip::Complement;
    case Activation::ReLU:
    case Activation::LeakyReLU:
    case Activation::Linear: return SignFlip::None;
    }
    return SignFlip::None;
}

void checkPermutation(const std::vector<int>& p, int n)
{
    if (int(p.size()) != n) throw std::invalid_argument("permutation has " + std::to_string(p.size()) + " entries, the layer " + std::to_string(n));
    std::vector<bool> seen(std::size_t(n), false);
    for (int v : p) {
        if (v < 0 || v >= n || seen[std::size_t(v)]) throw std::invalid_argument("not a permutation of 0.." + std::to_string(n - 1));
        seen[std::size_t(v)] = true;
    }
}

void permuteHiddenLayer(const Network& net, Eigen::Ref<Eigen::VectorXd> params, int hidden, const std::vector<int>& p)
{
    checkParams(net, params.size());
    checkHiddenNeuron(net, hidden, 0);
    const int n = net.widths()[std::size_t(hidden) + 1];
    checkPermutation(p, n);
    std::vector<std::vector<int>> perms;
    for (int h = 0; h < net.hiddenLayerCount(); ++h) {
        std::vector<int> id(std::size_t(net.widths()[std::size_t(h) + 1]));
        for (std::size_t i = 0; i < id.size(); ++i) id[i] = int(i);
        perms.push_back(h == hidden ? p : id);
    }
    const Eigen::VectorXd base = params;
    arrangeNeurons(net, base, perms, nullptr, params);
}

void rescaleNeuron(const Network& net, Eigen::Ref<Eigen::VectorXd> params, int hidden, int neuron, double k, bool scaleBias)
{
    checkParams(net, params.size());
    checkHiddenNeuron(net, hidden, neuron);
    if (!std::isfinite(k) || k == 0) throw std::invalid_argument("rescaling factor k must be finite and nonzero");
    net.weightsIn(params.data(), hidden).row(neuron) *= k;
    if (scaleBias) net.biasIn(params.data(), hidden)(neuron) *= k;
    net.weightsIn(params.data(), hidden + 1).col(neuron) /= k;
}

void flipNeuronSign(const Network& net, Eigen::Ref<Eigen::VectorXd> params, int hidden, int neuron)
{
    checkParams(net, params.size());
    checkHiddenNeuron(net, hidden, neuron);
    net.weightsIn(params.data(), hidden).row(neuron) *= -1.0;
    net.biasIn(params.data(), hidden)(neuron) *= -1.0;
    auto v = net.weightsIn(params.data(), hidden + 1).col(neuron);
    // v sigmoid(z) = -v sigmoid(-z) + v: the next layer's biases take the constant.
    if (signFlipOf(net.hiddenActivation(hidden)) == SignFlip::Complement) net.biasIn(params.data(), hidden + 1) += v;
    v *= -1.0;
}

void arrangeNeurons(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& params,
                    const std::vector<std::vector<int>>& perms, const std::vector<std::vector<double>>* signs,
                    Eigen::Ref<Eigen::VectorXd> out)
{
    const int L = net.layerCount();
    for (int l = 0; l < L; ++l) {
        const auto W = net.weightsIn(params.data(), l);
        const auto b = net.biasIn(params.data(), l);
        auto Wo = net.weightsIn(out.data(), l);
        auto bo = net.biasIn(out.data(), l);
        const bool rowsPermuted = l < L - 1;   // layer l feeds hidden layer l
        const bool colsPermuted = l > 0;       // layer l reads hidden layer l - 1
        const int* pr = rowsPermuted ? perms[std::size_t(l)].data() : nullptr;
        const int* pc = colsPermuted ? perms[std::size_t(l) - 1].data() : nullptr;
        const double* sr = rowsPermuted && signs ? (*signs)[std::size_t(l)].data() : nullptr;
        const double* sc = colsPermuted && signs ? (*signs)[std::size_t(l) - 1].data() : nullptr;
        // W'(i, j) = s_l(i) s_{l-1}(j) W(p_l(i), p_{l-1}(j)); b'(i) = s_l(i) b(p_l(i)), plus, when
        // hidden layer l - 1 is sigmoid, s_l(i) sum over its flipped j of W(p_l(i), p_{l-1}(j)):
        // its new output is a'(j) = 1 - a(p(j)), so a(p(j)) = s(j) (a'(j) - 1) for a flipped j.
        const bool complement = colsPermuted && sc && signFlipOf(net.hiddenActivation(l - 1)) == SignFlip::Complement;
        for (Eigen::Index j = 0; j < W.cols(); ++j) {
            const Eigen::Index sj = pc ? pc[j] : j;
            const double cj = sc ? sc[j] : 1.0;
            for (Eigen::Index i = 0; i < W.rows(); ++i) {
                const Eigen::Index si = pr ? pr[i] : i;
                Wo(i, j) = (sr ? sr[i] : 1.0) * cj * W(si, sj);
            }
        }
        for (Eigen::Index i = 0; i < b.size(); ++i) {
            const Eigen::Index si = pr ? pr[i] : i;
            double bi = b(si);
            if (complement)
                for (Eigen::Index j = 0; j < W.cols(); ++j)
                    if (sc[j] < 0) bi += W(si, pc[j]);
            bo(i) = (sr ? sr[i] : 1.0) * bi;
        }
    }
}

} // namespace minima
