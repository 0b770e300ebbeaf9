#include "engine/symmetry/enumeration.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/common/parallel.h"
#include "engine/symmetry/symmetry.h"

namespace minima {

namespace {

std::uint64_t layerArrangements(int n, bool flips, std::uint64_t limit)
{
    std::uint64_t c = 1;
    for (int k = 2; k <= n; ++k) {
        c *= std::uint64_t(k);
        if (c > limit) return 0;
    }
    if (flips) {
        if (n >= 63) return 0;
        c *= std::uint64_t(1) << n;
        if (c > limit || (c >> n) == 0) return 0;
    }
    return c;
}

// The k-th permutation of 0..n-1 in lexicographic order (k in [0, n!)), by the factorial
// number system (Lehmer code). `pool` is scratch of size n.
void nthPermutation(std::uint64_t k, int n, std::vector<int>& out, std::vector<int>& pool)
{
    std::uint64_t fact = 1;
    for (int i = 2; i < n; ++i) fact *= std::uint64_t(i);   // (n-1)!
    for (int i = 0; i < n; ++i) pool[std::size_t(i)] = i;
    int remaining = n;
    for (int i = 0; i < n; ++i) {
        const std::uint64_t digit = fact ? k / fact : 0;
        k = fact ? k % fact : 0;
        out[std::size_t(i)] = pool[std::size_t(digit)];
        std::copy(pool.begin() + std::ptrdiff_t(digit) + 1, pool.begin() + remaining, pool.begin() + std::ptrdiff_t(digit));
        --remaining;
        if (remaining > 1) fact /= std::uint64_t(remaining);
        else fact = 1;
    }
}

// Digit of one hidden layer of n neurons -> its permutation and signs.
void decodeLayer(std::uint64_t digit, int n, bool signFlips, std::vector<int>& perm, std::vector<double>& signs,
                 std::vector<int>& pool)
{
    if (signFlips) {
        const std::uint64_t mask = digit & ((std::uint64_t(1) << n) - 1);
        digit >>= n;
        for (int i = 0; i < n; ++i) signs[std::size_t(i)] = (mask >> i) & 1u ? -1.0 : 1.0;
    } else {
        std::fill(signs.begin(), signs.begin() + n, 1.0);
    }
    nthPermutation(digit, n, perm, pool);
}

// FNV-1a over the bits of the parameters, with -0.0 read as 0.0.
std::uint64_t hashParameters(const Eigen::VectorXd& p)
{
    std::uint64_t h = 1469598103934665603ull;
    for (Eigen::Index i = 0; i < p.size(); ++i) {
        const double v = p[i] + 0.0;
        std::uint64_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        for (int b = 0; b < 8; ++b) {
            h ^= (bits >> (8 * b)) & 0xffu;
            h *= 1099511628211ull;
        }
    }
    return h;
}

struct ArrangementScratch {
    std::vector<int> widths;   // the network the buffers were sized for
    std::vector<std::vector<int>> perms;
    std::vector<std::vector<double>> signs;
    std::vector<int> pool;
    Eigen::VectorXd params;
    Workspace ws;
};

// Which hidden layers are enumerated with their sign flips: those whose activation has one
// (symmetry.h), when flips are asked for.
std::vector<bool> layerFlips(const Network& net, bool signFlips)
{
    std::vector<bool> flips;
    for (int h = 0; h < net.hiddenLayerCount(); ++h) flips.push_back(signFlips && hasSignFlip(net.hiddenActivation(h)));
    return flips;
}

// Builds arrangement `index` of net into s.params.
void buildArrangement(const Network& net, const std::vector<std::uint64_t>& radix, const std::vector<bool>& flips,
                      std::uint64_t index, ArrangementScratch& s)
{
    const int H = net.hiddenLayerCount();
    if (s.widths != net.widths()) {
        s.widths = net.widths();
        s.perms.assign(std::size_t(H), {});
        s.signs.assign(std::size_t(H), {});
        int widest = 1;
        for (int h = 0; h < H; ++h) {
            const int n = net.widths()[std::size_t(h) + 1];
            s.perms[std::size_t(h)].resize(std::size_t(n));
            s.signs[std::size_t(h)].assign(std::size_t(n), 1.0);
            widest = std::max(widest, n);
        }
        s.pool.resize(std::size_t(widest));
        s.params.resize(net.parameterCount());
    }
    // Mixed radix: digit h is the arrangement of hidden layer h (permutation, then sign mask).
    for (int h = 0; h < H; ++h) {
        const int n = net.widths()[std::size_t(h) + 1];
        decodeLayer(index % radix[std::size_t(h)], n, flips[std::size_t(h)], s.perms[std::size_t(h)], s.signs[std::size_t(h)], s.pool);
        index /= radix[std::size_t(h)];
    }
    const bool anyFlips = std::find(flips.begin(), flips.end(), true) != flips.end();
    arrangeNeurons(net, net.parameters(), s.perms, anyFlips ? &s.signs : nullptr, s.params);
}

// Which enumerateArrangements call a thread's cache belongs to.
std::atomic<std::uint64_t> enumerationCalls{0};

// The forward passes of arrangements that share their first layers' digits share work.
// Hidden layer h of an arrangement computes rows z'_h(i) = s_h(i) zBase_h(p_h(i)), where
// zBase_h is layer h with its own neurons in place (its inputs already arranged by the
// layers before): W'(i, j) = s(i) W(p(i), j) and b'(i) = s(i) b(p(i)), and negating every
// term of a sum negates the rounded sum exactly. So a'_h(i) = f(zBase_h(p(i))) or
// f(-zBase_h(p(i))), bit for bit: each layer is computed once per prefix of digits (with
// the same Eigen product as forward(), on the same values), and every arrangement
// only runs its output layer.
struct PrefixCache {
    std::uint64_t call = ~std::uint64_t(0);
    int known = 0;                          // digits[0..known) valid, aIn[1..known] arranged
    std::vector<std::uint64_t> digits;
    std::vector<Eigen::MatrixXd> aIn;       // aIn[h]: input of weight layer h (h >= 1), n_h x N
    std::vector<Eigen::MatrixXd> pos, neg;  // f(zBase_h), f(-zBase_h), n_{h+1} x N
    std::vector<int> perm;
    std::vector<double> sign;
    ArrangementScratch base;                // parameters of a prefix (later digits 0)
    Eigen::MatrixXd z;
};

// pos/neg of hidden layer h from the prefix parameters in c.base and its input.
void layerBase(const Network& net, const Eigen::Ref<const Eigen::MatrixXd>& inputs, const std::vector<bool>& flips, int h,
               PrefixCache& c)
{
    const auto W = net.weightsIn(c.base.params.data(), h);   // n_{h+1} x n_h
    const auto b = net.biasIn(c.base.params.data(), h);
    // As in forward(): z = W a + b 1^T.
    if (h == 0) c.z.noalias() = W * inputs;
    else c.z.noalias() = W * c.aIn[std::size_t(h)];
    c.z.colwise() += b;
    activate(net.hiddenActivation(h), c.z, c.pos[std::size_t(h)]);
    if (flips[std::size_t(h)]) {
        c.z = -c.z;
        activate(net.hiddenActivation(h), c.z, c.neg[std::size_t(h)]);
    }
}

} // namespace

std::uint64_t arrangementCount(const Network& net, bool signFlips)
{
    const std::vector<bool> flips = layerFlips(net, signFlips);
    std::uint64_t total = 1;
    for (int h = 0; h < net.hiddenLayerCount(); ++h) {
        const std::uint64_t c = layerArrangements(net.widths()[std::size_t(h) + 1], flips[std::size_t(h)], kMaxArrangements);
        if (c == 0 || total * c > kMaxArrangements) return 0;
        total *= c;
    }
    return total;
}

EnumerationResult enumerateArrangements(const Network& net, const Eigen::Ref<const Eigen::MatrixXd>& inputs,
                                        bool signFlips, Progress& progress, unsigned threads)
{
    const std::uint64_t total = arrangementCount(net, signFlips);
    if (total == 0)
        throw std::invalid_argument("more than " + std::to_string(kMaxArrangements)
                                    + " arrangements: too many to enumerate; use the exact count instead");
    if (inputs.rows() != net.inputCount() || inputs.cols() < 1)
        throw std::invalid_argument("inputs must have " + std::to_string(net.inputCount()) + " rows and at least one column");
    const std::vector<bool> flips = layerFlips(net, signFlips);
    std::vector<std::uint64_t> radix;
    for (int h = 0; h < net.hiddenLayerCount(); ++h)
        radix.push_back(layerArrangements(net.widths()[std::size_t(h) + 1], flips[std::size_t(h)], kMaxArrangements));

    Workspace baseWs;
    const Eigen::MatrixXd reference = forward(net, net.parameters(), inputs, baseWs);   // n_L x N

    std::vector<std::uint64_t> hashes(total);
    std::vector<double> deviation(total);
    const int H = net.hiddenLayerCount();
    // Shared prefixes need the activation of a row to depend only on its value: true of the
    // elementwise tanh, ReLU, leaky ReLU and linear; sigmoid's vectorised exp treats a tail
    // element differently, and its flips change the next layer's biases, so it takes the
    // plain path.
    bool sharePrefixes = H > 0;
    for (int h = 0; h < H; ++h)
        if (net.hiddenActivation(h) == Activation::Sigmoid) sharePrefixes = false;
    bool finished = false;
    if (!sharePrefixes) {
        finished = parallelFor(std::size_t(total), [&](std::size_t i) {
            // One scratch per thread, reused: no allocation after the first arrangement.
            thread_local ArrangementScratch s;
            buildArrangement(net, radix, flips, i, s);
            const Eigen::MatrixXd& out = forward(net, s.params, inputs, s.ws);
            deviation[i] = (out - reference).cwiseAbs().maxCoeff();
            hashes[i] = hashParameters(s.params);
        }, progress, threads);
    } else {
        // Work item j runs the arrangements with the LAST hidden layer's digit fastest, so
        // consecutive items share their prefix; its index in the enumeration order is i.
        std::vector<std::uint64_t> stride(std::size_t(H), 1);
        for (int h = 1; h < H; ++h) stride[std::size_t(h)] = stride[std::size_t(h) - 1] * radix[std::size_t(h) - 1];
        const std::uint64_t call = ++enumerationCalls;
        finished = parallelFor(std::size_t(total), [&](std::size_t j) {
            thread_local ArrangementScratch s;
            thread_local PrefixCache c;
            thread_local std::vector<std::uint64_t> d;
            d.resize(std::size_t(H));
            std::uint64_t i = 0, rest = j;
            for (int h = H - 1; h >= 0; --h) {
                d[std::size_t(h)] = rest % radix[std::size_t(h)];
                rest /= radix[std::size_t(h)];
                i += d[std::size_t(h)] * stride[std::size_t(h)];
            }
            if (c.call != call) {
                c.call = call;
                c.known = 0;
                c.digits.assign(std::size_t(H), 0);
                c.aIn.resize(std::size_t(H) + 1);
                c.pos.resize(std::size_t(H));
                c.neg.resize(std::size_t(H));
                buildArrangement(net, radix, flips, 0, c.base);
                layerBase(net, inputs, flips, 0, c);
            }
            int h = 0;
            while (h < c.known && c.digits[std::size_t(h)] == d[std::size_t(h)]) ++h;
            std::uint64_t prefix = 0;
            for (int k = 0; k < h; ++k) prefix += d[std::size_t(k)] * stride[std::size_t(k)];
            for (; h < H; ++h) {
                // a'_h(i) = f(+-zBase_h(p(i))): the input of weight layer h + 1.
                const int n = net.widths()[std::size_t(h) + 1];
                c.perm.resize(std::size_t(n));
                c.sign.assign(std::size_t(n), 1.0);
                c.base.pool.resize(std::max(c.base.pool.size(), std::size_t(n)));
                decodeLayer(d[std::size_t(h)], n, flips[std::size_t(h)], c.perm, c.sign, c.base.pool);
                const Eigen::MatrixXd& pos = c.pos[std::size_t(h)];
                const Eigen::MatrixXd& neg = c.neg[std::size_t(h)];
                Eigen::MatrixXd& a = c.aIn[std::size_t(h) + 1];
                a.resize(n, pos.cols());
                for (int r = 0; r < n; ++r)
                    a.row(r) = c.sign[std::size_t(r)] > 0 ? pos.row(c.perm[std::size_t(r)]) : neg.row(c.perm[std::size_t(r)]);
                c.digits[std::size_t(h)] = d[std::size_t(h)];
                c.known = h + 1;
                prefix += d[std::size_t(h)] * stride[std::size_t(h)];
                if (h + 1 < H) {
                    buildArrangement(net, radix, flips, prefix, c.base);
                    layerBase(net, inputs, flips, h + 1, c);
                }
            }
            // The output layer of arrangement i, as in forward().
            buildArrangement(net, radix, flips, i, s);
            const auto W = net.weightsIn(s.params.data(), H);   // n_L x n_H
            const auto b = net.biasIn(s.params.data(), H);
            c.z.noalias() = W * c.aIn[std::size_t(H)];
            c.z.colwise() += b;
            s.ws.a.resize(1);
            Eigen::MatrixXd& out = s.ws.a[0];
            switch (net.output()) {
            case OutputActivation::Linear: out = c.z; break;
            case OutputActivation::Sigmoid: activate(Activation::Sigmoid, c.z, out); break;
            case OutputActivation::Softmax:
                out = (c.z.rowwise() - c.z.colwise().maxCoeff()).array().exp().matrix();
                out.array().rowwise() /= out.colwise().sum().array();
                break;
            }
            deviation[i] = (out - reference).cwiseAbs().maxCoeff();
            hashes[i] = hashParameters(s.params);
        }, progress, threads);
    }

    EnumerationResult result;
    if (!finished) { result.cancelled = true; return result; }
    result.enumerated = total;
    result.maxOutputDeviation = *std::max_element(deviation.begin(), deviation.end());

    // Distinct vectors: sort by hash; within equal hashes compare the vectors themselves.
    std::vector<std::uint64_t> order(total);
    for (std::uint64_t i = 0; i < total; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint64_t a, std::uint64_t b) {
        return hashes[a] != hashes[b] ? hashes[a] < hashes[b] : a < b;
    });
    ArrangementScratch a;
    std::uint64_t distinct = 0;
    for (std::uint64_t start = 0; start < total;) {
        std::uint64_t end = start + 1;
        while (end < total && hashes[order[end]] == hashes[order[start]]) ++end;
        if (end - start == 1) {
            ++distinct;
        } else {
            // Rare: count distinct vectors in the group by pairwise comparison.
            std::vector<Eigen::VectorXd> seen;
            for (std::uint64_t k = start; k < end; ++k) {
                buildArrangement(net, radix, flips, order[k], a);
                const Eigen::VectorXd v = a.params.array() + 0.0;
                if (std::none_of(seen.begin(), seen.end(), [&](const Eigen::VectorXd& w) { return w == v; }))
                    seen.push_back(v);
            }
            distinct += seen.size();
        }
        start = end;
    }
    result.distinct = distinct;
    return result;
}

} // namespace minima
