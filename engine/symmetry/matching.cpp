#include "engine/symmetry/matching.h"

#include <numeric>
#include <stdexcept>
#include <string>

#include "engine/symmetry/assignment.h"
#include "engine/symmetry/counting.h"
#include "engine/symmetry/symmetry.h"

namespace minima {

namespace {

std::vector<int> hiddenWidths(const Network& net)
{
    return {net.widths().begin() + 1, net.widths().end() - 1};
}

void checkParameters(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& p, const char* name)
{
    if (p.size() != net.parameterCount())
        throw std::invalid_argument(std::string("parameter vector ") + name + " has " + std::to_string(p.size())
                                    + " entries, the network " + std::to_string(net.parameterCount()));
    if (!p.allFinite()) throw std::invalid_argument(std::string("parameter vector ") + name + " is not finite (NaN or infinity)");
}

void checkSignFlips(const Network& net)
{
    for (int h = 0; h < net.hiddenLayerCount(); ++h)
        if (!hasSignFlip(net.hiddenActivation(h)))
            throw std::invalid_argument("hidden layer " + std::to_string(h) + " is "
                                        + std::string(activationName(net.hiddenActivation(h)))
                                        + ", which has no sign-flip symmetry (only tanh and sigmoid do): match without sign flips");
}

} // namespace

NeuronMatching matchWeights(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& a,
                            const Eigen::Ref<const Eigen::VectorXd>& b, bool signFlips, int maxSweeps)
{
    checkParameters(net, a, "a");
    checkParameters(net, b, "b");
    if (maxSweeps < 1) throw std::invalid_argument("maxSweeps must be at least 1");
    if (signFlips) checkSignFlips(net);

    const int H = net.hiddenLayerCount();
    NeuronMatching m;
    for (int n : hiddenWidths(net)) {
        m.perms.emplace_back(std::size_t(n));
        std::iota(m.perms.back().begin(), m.perms.back().end(), 0);
        m.signs.emplace_back(std::size_t(n), 1.0);
    }
    Eigen::VectorXd arranged(b.size());
    Eigen::MatrixXd C, flipped;
    while (m.sweeps < maxSweeps) {
        ++m.sweeps;
        // The first pass over several hidden layers scores each by its incoming weights alone,
        // input side first: their columns are then in A's order already, so a B that is A
        // rearranged comes back exactly, where coordinate ascent from B's own order can stop
        // short (a layer's outgoing weights still in the wrong order vote against the right
        // match). Later passes climb the whole objective.
        const bool incomingOnly = m.sweeps == 1 && H > 1;
        bool changed = false;
        for (int h = 0; h < H; ++h) {
            const int n = net.widths()[std::size_t(h) + 1];
            // B' = B with every layer but h arranged; layer h in B's own order.
            std::vector<int> before = m.perms[std::size_t(h)];
            std::vector<double> beforeSigns = m.signs[std::size_t(h)];
            std::iota(m.perms[std::size_t(h)].begin(), m.perms[std::size_t(h)].end(), 0);
            std::fill(m.signs[std::size_t(h)].begin(), m.signs[std::size_t(h)].end(), 1.0);
            arrangeNeurons(net, b, m.perms, &m.signs, arranged);
            // C (n x n) = W_h^A W_h^B'^T + b_h^A b_h^B'^T + W_{h+1}^A^T W_{h+1}^B'.
            const double* pb = arranged.data();
            const auto WA = net.weightsIn(a.data(), h), WB = net.weightsIn(pb, h);
            const auto bA = net.biasIn(a.data(), h), bB = net.biasIn(pb, h);
            const auto VA = net.weightsIn(a.data(), h + 1), VB = net.weightsIn(pb, h + 1);
            C.noalias() = WA * WB.transpose();
            C.noalias() += bA * bB.transpose();
            if (!incomingOnly) C.noalias() += VA.transpose() * VB;
            // Flipping B's neuron j negates both its rows' products; a sigmoid flip also adds
            // its outgoing weights to the next biases, whose product with A's depends on j only.
            Eigen::MatrixXd score = C;
            if (signFlips) {
                flipped = -C;
                if (!incomingOnly && signFlipOf(net.hiddenActivation(h)) == SignFlip::Complement)
                    flipped.rowwise() += (net.biasIn(a.data(), h + 1).transpose() * VB);
                score = C.cwiseMax(flipped);
            }
            const std::vector<int> p = maximumAssignment(score);
            auto total = [&](const std::vector<int>& q, const std::vector<double>* s) {
                double sum = 0;
                for (int i = 0; i < n; ++i) {
                    const auto j = Eigen::Index(q[std::size_t(i)]);
                    sum += s ? ((*s)[std::size_t(i)] < 0 ? flipped(i, j) : C(i, j)) : score(i, j);
                }
                return sum;
            };
            const double best = total(p, nullptr), current = total(before, &beforeSigns);
            // Only a strictly better arrangement replaces the current one, so sweeps end.
            const double tolerance = 1e-12 * (1.0 + score.cwiseAbs().sum());
            if (best > current + tolerance || incomingOnly) {
                m.perms[std::size_t(h)] = p;
                for (int i = 0; i < n; ++i) {
                    const auto j = Eigen::Index(p[std::size_t(i)]);
                    m.signs[std::size_t(h)][std::size_t(i)] = signFlips && flipped(i, j) > C(i, j) ? -1.0 : 1.0;
                }
                changed = changed || m.perms[std::size_t(h)] != before || m.signs[std::size_t(h)] != beforeSigns;
            } else {
                m.perms[std::size_t(h)] = std::move(before);
                m.signs[std::size_t(h)] = std::move(beforeSigns);
            }
        }
        if (!changed) {
            m.converged = true;
            break;
        }
    }
    return m;
}

Eigen::VectorXd applyMatching(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& b, const NeuronMatching& m)
{
    if (b.size() != net.parameterCount())
        throw std::invalid_argument("parameter vector has " + std::to_string(b.size()) + " entries, the network "
                                    + std::to_string(net.parameterCount()));
    const int H = net.hiddenLayerCount();
    if (int(m.perms.size()) != H || int(m.signs.size()) != H)
        throw std::invalid_argument("the matching has " + std::to_string(m.perms.size()) + " permutations and "
                                    + std::to_string(m.signs.size()) + " sign lists, the network "
                                    + std::to_string(H) + " hidden layers");
    for (int h = 0; h < H; ++h) {
        const int n = net.widths()[std::size_t(h) + 1];
        checkPermutation(m.perms[std::size_t(h)], n);
        const auto& s = m.signs[std::size_t(h)];
        if (int(s.size()) != n)
            throw std::invalid_argument("layer " + std::to_string(h) + " has " + std::to_string(n) + " neurons, its signs "
                                        + std::to_string(s.size()));
        for (double v : s) {
            if (v != 1.0 && v != -1.0) throw std::invalid_argument("signs must be +1 or -1");
            if (v < 0 && !hasSignFlip(net.hiddenActivation(h)))
                throw std::invalid_argument("hidden layer " + std::to_string(h) + " is "
                                            + std::string(activationName(net.hiddenActivation(h)))
                                            + ", which has no sign flip: its signs must be +1");
        }
    }
    Eigen::VectorXd out(b.size());
    arrangeNeurons(net, b, m.perms, &m.signs, out);
    return out;
}

std::string matchingArrangementCount(const Network& net, bool signFlips)
{
    return countEquivalentNetworks(hiddenWidths(net), signFlips).decimal;
}

} // namespace minima
