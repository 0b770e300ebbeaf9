#include "engine/symmetry/enumeration.h"

#include <algorithm>
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

// Builds arrangement `index` of net into s.params.
void buildArrangement(const Network& net, const std::vector<std::uint64_t>& radix, bool signFlips,
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
        std::uint64_t digit = index % radix[std::size_t(h)];
        index /= radix[std::size_t(h)];
        if (signFlips) {
            const std::uint64_t mask = digit & ((std::uint64_t(1) << n) - 1);
            digit >>= n;
            for (int i = 0; i < n; ++i) s.signs[std::size_t(h)][std::size_t(i)] = (mask >> i) & 1u ? -1.0 : 1.0;
        }
        nthPermutation(digit, n, s.perms[std::size_t(h)], s.pool);
    }
    arrangeNeurons(net, net.parameters(), s.perms, signFlips ? &s.signs : nullptr, s.params);
}

} // namespace

std::uint64_t arrangementCount(const Network& net, bool signFlips)
{
    std::uint64_t total = 1;
    for (int h = 0; h < net.hiddenLayerCount(); ++h) {
        const std::uint64_t c = layerArrangements(net.widths()[std::size_t(h) + 1], signFlips, kMaxArrangements);
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
    std::vector<std::uint64_t> radix;
    for (int h = 0; h < net.hiddenLayerCount(); ++h)
        radix.push_back(layerArrangements(net.widths()[std::size_t(h) + 1], signFlips, kMaxArrangements));

    Workspace baseWs;
    const Eigen::MatrixXd reference = forward(net, net.parameters(), inputs, baseWs);   // n_L x N

    std::vector<std::uint64_t> hashes(total);
    std::vector<double> deviation(total);
    const bool finished = parallelFor(std::size_t(total), [&](std::size_t i) {
        // One scratch per thread, reused: no allocation after the first arrangement.
        thread_local ArrangementScratch s;
        buildArrangement(net, radix, signFlips, i, s);
        const Eigen::MatrixXd& out = forward(net, s.params, inputs, s.ws);
        deviation[i] = (out - reference).cwiseAbs().maxCoeff();
        hashes[i] = hashParameters(s.params);
    }, progress, threads);

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
                buildArrangement(net, radix, signFlips, order[k], a);
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
