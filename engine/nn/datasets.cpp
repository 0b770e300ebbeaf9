#include "engine/nn/datasets.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "engine/common/random.h"

namespace minima {

namespace {
constexpr double kPi = 3.14159265358979323846;

void checkArguments(int samples, double noise)
{
    if (samples < 1 || samples > 1000000)
        throw std::invalid_argument("samples " + std::to_string(samples) + " out of range [1, 1000000]");
    if (!std::isfinite(noise) || noise < 0)
        throw std::invalid_argument("noise must be a finite number >= 0");
}

Dataset emptyDataset(const char* name, int d, int samples, bool classification)
{
    Dataset ds;
    ds.name = name;
    ds.inputs.resize(d, samples);
    ds.targets.resize(1, samples);
    ds.classification = classification;
    return ds;
}
} // namespace

Dataset xorDataset(int samples, double noise, std::uint64_t seed)
{
    checkArguments(samples, noise);
    Rng rng = makeRng(seed, 1);
    Dataset ds = emptyDataset("xor", 2, samples, true);
    static const double corner[4][2] = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}};
    for (int n = 0; n < samples; ++n) {
        const double* c = corner[n % 4];
        ds.inputs(0, n) = c[0] + noise * normal01(rng);
        ds.inputs(1, n) = c[1] + noise * normal01(rng);
        ds.targets(0, n) = (c[0] * c[1] < 0) ? 1.0 : 0.0;
    }
    return ds;
}

Dataset twoMoons(int samples, double noise, std::uint64_t seed)
{
    checkArguments(samples, noise);
    Rng rng = makeRng(seed, 2);
    Dataset ds = emptyDataset("moons", 2, samples, true);
    for (int n = 0; n < samples; ++n) {
        const bool lower = n % 2 == 1;
        const double t = kPi * uniform01(rng);
        // upper moon (cos t, sin t); lower moon (1 - cos t, 1/2 - sin t); centred on x = 1/2
        const double x = lower ? 1.0 - std::cos(t) : std::cos(t);
        const double y = lower ? 0.5 - std::sin(t) : std::sin(t);
        ds.inputs(0, n) = x - 0.5 + noise * normal01(rng);
        ds.inputs(1, n) = y - 0.25 + noise * normal01(rng);
        ds.targets(0, n) = lower ? 1.0 : 0.0;
    }
    return ds;
}

Dataset circles(int samples, double noise, std::uint64_t seed, double factor)
{
    checkArguments(samples, noise);
    if (!(factor > 0 && factor < 1)) throw std::invalid_argument("circles: factor must be in (0, 1)");
    Rng rng = makeRng(seed, 3);
    Dataset ds = emptyDataset("circles", 2, samples, true);
    for (int n = 0; n < samples; ++n) {
        const bool inner = n % 2 == 1;
        const double t = 2 * kPi * uniform01(rng);
        const double r = inner ? factor : 1.0;
        ds.inputs(0, n) = r * std::cos(t) + noise * normal01(rng);
        ds.inputs(1, n) = r * std::sin(t) + noise * normal01(rng);
        ds.targets(0, n) = inner ? 1.0 : 0.0;
    }
    return ds;
}

Dataset spirals(int samples, double noise, std::uint64_t seed, double turns)
{
    checkArguments(samples, noise);
    if (!(turns > 0 && turns <= 20)) throw std::invalid_argument("spirals: turns must be in (0, 20]");
    Rng rng = makeRng(seed, 4);
    Dataset ds = emptyDataset("spirals", 2, samples, true);
    for (int n = 0; n < samples; ++n) {
        const bool second = n % 2 == 1;
        const double t = 0.05 + 0.95 * uniform01(rng);
        const double angle = 2 * kPi * turns * t + (second ? kPi : 0.0);
        ds.inputs(0, n) = t * std::cos(angle) + noise * normal01(rng);
        ds.inputs(1, n) = t * std::sin(angle) + noise * normal01(rng);
        ds.targets(0, n) = second ? 1.0 : 0.0;
    }
    return ds;
}

Dataset sineRegression(int samples, double noise, std::uint64_t seed)
{
    checkArguments(samples, noise);
    Rng rng = makeRng(seed, 5);
    Dataset ds = emptyDataset("sine", 1, samples, false);
    for (int n = 0; n < samples; ++n) {
        const double x = uniform(rng, -kPi, kPi);
        ds.inputs(0, n) = x;
        ds.targets(0, n) = std::sin(x) + noise * normal01(rng);
    }
    return ds;
}

const std::vector<std::string>& datasetNames()
{
    static const std::vector<std::string> names{"xor", "moons", "circles", "spirals", "sine"};
    return names;
}

Dataset makeDataset(std::string_view name, int samples, double noise, std::uint64_t seed)
{
    if (name == "xor") return xorDataset(samples, noise, seed);
    if (name == "moons") return twoMoons(samples, noise, seed);
    if (name == "circles") return circles(samples, noise, seed);
    if (name == "spirals") return spirals(samples, noise, seed);
    if (name == "sine") return sineRegression(samples, noise, seed);
    throw std::invalid_argument("unknown dataset '" + std::string(name) + "' (xor, moons, circles, spirals, sine)");
}

Eigen::MatrixXd oneHot(const Dataset& data)
{
    const int K = data.classCount;
    if (K < 3 || data.targets.rows() != 1) throw std::invalid_argument("oneHot needs a multi-class set (labels 0..K-1, K > 2)");
    Eigen::MatrixXd Y = Eigen::MatrixXd::Zero(K, data.targets.cols());
    for (Eigen::Index n = 0; n < data.targets.cols(); ++n) {
        const double label = data.targets(0, n);
        if (!(label >= 0 && label < K) || label != std::floor(label))
            throw std::invalid_argument("label " + std::to_string(label) + " of sample " + std::to_string(n)
                                        + " is not a class in [0, " + std::to_string(K - 1) + "]");
        Y(Eigen::Index(label), n) = 1.0;
    }
    return Y;
}

int multiClassCount(const Eigen::Ref<const Eigen::MatrixXd>& targets)
{
    if (targets.rows() != 1 || targets.cols() == 0) return 0;
    double largest = 0;
    for (Eigen::Index n = 0; n < targets.cols(); ++n) {
        const double v = targets(0, n);
        // 10^6 classes at most: a label beyond that is a regression target, not a class.
        if (!(v >= 0 && v <= 1e6) || v != std::floor(v)) return 0;
        largest = std::max(largest, v);
    }
    return largest >= 2 ? int(largest) + 1 : 0;
}

DatasetSplit splitDataset(const Dataset& data, double testFraction, std::uint64_t seed)
{
    const Eigen::Index N = data.inputs.cols();
    if (N < 2 || data.targets.cols() != N) throw std::invalid_argument("a split needs at least 2 samples");
    if (!(testFraction > 0 && testFraction < 1)) throw std::invalid_argument("test fraction must be in (0, 1)");
    const Eigen::Index nTest = std::clamp<Eigen::Index>(Eigen::Index(std::llround(testFraction * double(N))), 1, N - 1);
    std::vector<Eigen::Index> order(static_cast<std::size_t>(N));
    std::iota(order.begin(), order.end(), Eigen::Index(0));
    Rng rng = makeRng(seed, 41);
    for (std::size_t i = order.size() - 1; i > 0; --i)
        std::swap(order[i], order[std::size_t(uniformIndex(rng, i + 1))]);
    DatasetSplit split;
    const auto part = [&](Dataset& out, Eigen::Index first, Eigen::Index count, const char* suffix) {
        out.name = data.name + suffix;
        out.classification = data.classification;
        out.classCount = data.classCount;
        out.inputs.resize(data.inputs.rows(), count);
        out.targets.resize(data.targets.rows(), count);
        for (Eigen::Index k = 0; k < count; ++k) {
            out.inputs.col(k) = data.inputs.col(order[std::size_t(first + k)]);
            out.targets.col(k) = data.targets.col(order[std::size_t(first + k)]);
        }
    };
    part(split.test, 0, nTest, " (test)");
    part(split.train, nTest, N - nTest, " (training)");
    return split;
}

} // namespace minima
