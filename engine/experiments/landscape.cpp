#include "engine/experiments/landscape.h"
#include "engine/experiments/networkkeys.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine/common/json.h"
#include "engine/common/parallel.h"
#include "engine/common/random.h"
#include "engine/nn/datasets.h"
#include "engine/nn/training.h"

namespace minima {

Eigen::VectorXd filterNormalised(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& theta,
                                 const Eigen::Ref<const Eigen::VectorXd>& random)
{
    Eigen::VectorXd d = Eigen::VectorXd::Zero(theta.size());
    for (int l = 0; l < net.layerCount(); ++l) {
        const auto W = net.weightsIn(theta.data(), l);
        const auto R = net.weightsIn(random.data(), l);
        auto D = net.weightsIn(d.data(), l);
        for (Eigen::Index i = 0; i < W.rows(); ++i) {
            const double r = R.row(i).norm();
            if (r > 0) D.row(i) = R.row(i) * (W.row(i).norm() / r);
        }
    }
    return d;
}

namespace {

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define MINIMA_SIMD_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define MINIMA_SIMD_CLONES
#endif

// Samples per block: a block of every layer's activations stays in L1.
constexpr int kSampleBlock = 128;
// Four doubles as one value (GCC/Clang vector extension): one AVX register, or two SSE2
// ones in the baseline build; plain lanewise arithmetic, so every clone gives the same bits.
typedef double Lanes4 __attribute__((vector_size(32)));
// Samples per register tile of the layer product.
constexpr int kTile = 16;

// z = W a + b 1^T on a block of B samples, activations row-major (row k of a holds neuron
// k's value on the B samples, contiguous): W is nOut x nIn column-major (the network's
// layout). A tile of kTile samples is accumulated in registers over k.
MINIMA_SIMD_CLONES
void affineBlock(const double* W, const double* b, const double* a, double* z, int nOut, int nIn, int B)
{
    for (int i = 0; i < nOut; ++i) {
        int n0 = 0;
        for (; n0 + kTile <= B; n0 += kTile) {
            Lanes4 acc0 = {0, 0, 0, 0}, acc1 = acc0, acc2 = acc0, acc3 = acc0;
            for (int k = 0; k < nIn; ++k) {
                const double w = W[std::size_t(k) * std::size_t(nOut) + std::size_t(i)];
                const double* ak = a + std::size_t(k) * std::size_t(B) + std::size_t(n0);
                Lanes4 v[4];
                std::memcpy(v, ak, sizeof v);
                acc0 += w * v[0];
                acc1 += w * v[1];
                acc2 += w * v[2];
                acc3 += w * v[3];
            }
            double* zi = z + std::size_t(i) * std::size_t(B) + std::size_t(n0);
            const Lanes4 out[4] = {acc0 + b[i], acc1 + b[i], acc2 + b[i], acc3 + b[i]};
            std::memcpy(zi, out, sizeof out);
        }
        for (; n0 < B; ++n0) {
            double acc = 0.0;
            for (int k = 0; k < nIn; ++k)
                acc += W[std::size_t(k) * std::size_t(nOut) + std::size_t(i)] * a[std::size_t(k) * std::size_t(B) + std::size_t(n0)];
            z[std::size_t(i) * std::size_t(B) + std::size_t(n0)] = acc + b[i];
        }
    }
}

// z = P0 + alpha P1 + beta P2 over `count` contiguous values.
MINIMA_SIMD_CLONES
void planeBlock(const double* p0, const double* p1, const double* p2, double alpha, double beta, double* z, int count)
{
    for (int i = 0; i < count; ++i) z[i] = p0[i] + alpha * p1[i] + beta * p2[i];
}

// The MSE of a network at theta = centre + alpha d1 + beta d2, for many (alpha, beta).
// The first layer is linear in (alpha, beta): with W_0 = C + alpha D + beta E and
// b_0 = c + alpha d + beta e, z_0 = (C X + c) + alpha (D X + d) + beta (E X + e), so the
// three products are made once and each grid point only blends them.
class LossPlane {
public:
    LossPlane(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& centre, const Eigen::Ref<const Eigen::VectorXd>& d1,
              const Eigen::Ref<const Eigen::VectorXd>& d2, const Eigen::Ref<const Eigen::MatrixXd>& X,
              const Eigen::Ref<const Eigen::MatrixXd>& Y)
        : net_(net), centre_(centre), d1_(d1), d2_(d2), Y_(Y), N_(int(X.cols()))
    {
        const int n1 = net.widths()[1];
        for (int p = 0; p < 3; ++p) {
            const Eigen::Ref<const Eigen::VectorXd>& v = p == 0 ? centre : p == 1 ? d1 : d2;
            // Row-major n_1 x N, in blocks of kSampleBlock samples: block s holds rows of its B samples.
            const Eigen::MatrixXd z = (net.weightsIn(v.data(), 0) * X).colwise() + net.biasIn(v.data(), 0);
            plane_[p].resize(std::size_t(n1) * std::size_t(N_));
            for (int s0 = 0; s0 < N_; s0 += kSampleBlock) {
                const int B = std::min(kSampleBlock, N_ - s0);
                double* out = plane_[p].data() + std::size_t(s0) * std::size_t(n1);
                for (int i = 0; i < n1; ++i)
                    for (int n = 0; n < B; ++n) out[std::size_t(i) * std::size_t(B) + std::size_t(n)] = z(i, s0 + n);
            }
        }
        for (int w : net.widths()) widest_ = std::max(widest_, w);
    }

    struct Scratch {
        Eigen::VectorXd theta;
        std::vector<double> in, out;
    };

    double loss(double alpha, double beta, Scratch& s) const
    {
        const int L = net_.layerCount(), n1 = net_.widths()[1], K = net_.outputCount();
        s.theta.resize(centre_.size());
        s.theta = centre_ + alpha * d1_ + beta * d2_;
        const std::size_t size = std::size_t(widest_) * std::size_t(kSampleBlock);
        if (s.in.size() < size) { s.in.resize(size); s.out.resize(size); }
        double acc[kTile] = {};
        double tail = 0.0;
        for (int s0 = 0; s0 < N_; s0 += kSampleBlock) {
            const int B = std::min(kSampleBlock, N_ - s0);
            const std::size_t at = std::size_t(s0) * std::size_t(n1);
            // Layer 0 from the plane; then z_l = W_l a_l + b_l; activations row-major, B columns.
            planeBlock(plane_[0].data() + at, plane_[1].data() + at, plane_[2].data() + at, alpha, beta, s.out.data(), n1 * B);
            for (int l = 0;; ++l) {
                const int rows = net_.widths()[std::size_t(l) + 1];
                if (l + 1 == L) {
                    if (net_.output() == OutputActivation::Sigmoid) vectorSigmoid(s.out.data(), s.out.data(), rows * B);
                    break;
                }
                activateInPlace(net_.hiddenActivation(l), s.out.data(), rows * B);
                std::swap(s.in, s.out);
                const int next = net_.widths()[std::size_t(l) + 2];
                affineBlock(net_.weightsIn(s.theta.data(), l + 1).data(), net_.biasIn(s.theta.data(), l + 1).data(),
                            s.in.data(), s.out.data(), next, rows, B);
            }
            // sum_kn (a_kn - y_kn)^2 over the block; Y is K x N column-major.
            for (int k = 0; k < K; ++k) {
                const double* a = s.out.data() + std::size_t(k) * std::size_t(B);
                int n = 0;
                for (; n + kTile <= B; n += kTile)
                    for (int j = 0; j < kTile; ++j) {
                        const double e = a[n + j] - Y_(k, s0 + n + j);
                        acc[j] += e * e;
                    }
                for (; n < B; ++n) {
                    const double e = a[n] - Y_(k, s0 + n);
                    tail += e * e;
                }
            }
        }
        double sum = tail;
        for (double v : acc) sum += v;
        return sum / (double(K) * double(N_));
    }

private:
    const Network& net_;
    const Eigen::Ref<const Eigen::VectorXd>& centre_;
    const Eigen::Ref<const Eigen::VectorXd>& d1_;
    const Eigen::Ref<const Eigen::VectorXd>& d2_;
    const Eigen::Ref<const Eigen::MatrixXd>& Y_;
    int N_;
    int widest_ = 1;
    std::vector<double> plane_[3];
};

} // namespace

Eigen::MatrixXd networkLossGrid(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& centre,
                                const Eigen::Ref<const Eigen::VectorXd>& d1, const Eigen::Ref<const Eigen::VectorXd>& d2,
                                const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                                const std::vector<double>& coordinates, Progress& progress, Loss loss)
{
    checkLossFits(net, loss);
    if (X.rows() != net.inputCount())
        throw std::invalid_argument("inputs have " + std::to_string(X.rows()) + " rows, the network expects "
                                    + std::to_string(net.inputCount()));
    if (centre.size() != net.parameterCount() || d1.size() != net.parameterCount() || d2.size() != net.parameterCount())
        throw std::invalid_argument("parameter vector of the wrong size");
    if (Y.rows() != net.outputCount() || Y.cols() != X.cols())
        throw std::invalid_argument("targets must have one row per output and one column per input");
    const Eigen::Index n = Eigen::Index(coordinates.size());
    Eigen::MatrixXd losses(n, n);
    if (X.cols() == 0 || loss != Loss::MeanSquaredError) {
        // The general path: a full forward pass per point.
        struct Scratch {
            Workspace ws;
            Eigen::VectorXd theta;
        };
        const bool done = parallelFor(std::size_t(n * n), [&](std::size_t k) {
            thread_local Scratch s;   // reused by every point this thread computes
            const Eigen::Index i = Eigen::Index(k) % n, j = Eigen::Index(k) / n;
            s.theta.resize(centre.size());
            s.theta = centre + coordinates[std::size_t(i)] * d1 + coordinates[std::size_t(j)] * d2;
            forward(net, s.theta, X, s.ws);
            losses(j, i) = lossOfOutput(net, loss, s.ws, Y);
        }, progress);
        if (!done) return {};
        return losses;
    }
    const LossPlane plane(net, centre, d1, d2, X, Y);
    const bool done = parallelFor(std::size_t(n * n), [&](std::size_t k) {
        thread_local LossPlane::Scratch s;   // reused by every point this thread computes
        const Eigen::Index i = Eigen::Index(k) % n, j = Eigen::Index(k) / n;
        losses(j, i) = plane.loss(coordinates[std::size_t(i)], coordinates[std::size_t(j)], s);
    }, progress);
    if (!done) return {};
    return losses;
}

NetworkLandscapeResult runNetworkLandscape(const NetworkLandscapeParams& params, Progress& progress)
{
    if (params.grid < 2 || params.grid > 1001) throw std::invalid_argument("grid must be in [2, 1001]");
    if (!(params.span > 0) || params.span > 1e6) throw std::invalid_argument("span must be in (0, 1e6]");
    if (params.epochs < 0 || params.epochs > 100000) throw std::invalid_argument("epochs must be in [0, 100000]");
    if (!(params.learningRate > 0)) throw std::invalid_argument("learning rate must be > 0");
    const Dataset data = makeDataset(params.dataset, params.samples, params.noise, params.seed);
    std::vector<int> widths = params.widths;
    if (widths.size() < 2) throw std::invalid_argument("widths need an input and an output");
    if (widths.front() != data.inputs.rows() || widths.back() != 1)
        throw std::invalid_argument("widths must start with " + std::to_string(data.inputs.rows())
                                    + " inputs (the dataset's) and end with 1 output");

    NetworkLandscapeResult result;
    TrainingRecord record;
    const Network net = trainedNetwork(widths, params.activation, data, params.epochs, params.learningRate,
                                       params.seed, &record, progress);
    result.trainingLosses = record.losses;
    result.trainingDiverged = record.diverged;
    const Eigen::VectorXd& centre = net.parameters();
    const Eigen::Index P = centre.size();
    result.parameterCount = int(P);

    Eigen::VectorXd d1 = Eigen::VectorXd::Zero(P), d2 = Eigen::VectorXd::Zero(P);
    if (params.directions == LandscapeDirections::Chosen) {
        if (params.parameter1 < 0 || params.parameter1 >= P || params.parameter2 < 0 || params.parameter2 >= P
            || params.parameter1 == params.parameter2)
            throw std::invalid_argument("chosen parameters must be two different indexes in [0, " + std::to_string(P - 1) + "]");
        d1[params.parameter1] = 1;
        d2[params.parameter2] = 1;
    } else {
        Rng r1 = makeRng(params.seed, 31), r2 = makeRng(params.seed, 32);
        for (Eigen::Index i = 0; i < P; ++i) { d1[i] = normal01(r1); d2[i] = normal01(r2); }
        if (params.directions == LandscapeDirections::FilterNormalised) {
            d1 = filterNormalised(net, centre, d1);
            d2 = filterNormalised(net, centre, d2);
        } else {   // random, scaled to the length of theta (unit length if theta = 0)
            const double scale = centre.norm() > 0 ? centre.norm() : 1.0;
            d1 *= scale / d1.norm();
            d2 *= scale / d2.norm();
        }
    }

    for (int i = 0; i < params.grid; ++i)
        result.coordinates.push_back(-params.span + 2 * params.span * i / (params.grid - 1));
    result.losses = networkLossGrid(net, centre, d1, d2, data.inputs, data.targets, result.coordinates, progress);
    if (result.losses.size() == 0) { result.cancelled = true; return result; }

    result.minLoss = std::numeric_limits<double>::infinity();
    result.maxLoss = -std::numeric_limits<double>::infinity();
    for (Eigen::Index k = 0; k < result.losses.size(); ++k) {
        const double v = result.losses.data()[k];
        if (!std::isfinite(v)) { ++result.nonFinite; continue; }
        result.minLoss = std::min(result.minLoss, v);
        result.maxLoss = std::max(result.maxLoss, v);
    }
    // The centre's loss by the grid's own arithmetic, so it compares exactly with the cells.
    const std::vector<double> origin{0.0};
    result.centreLoss = networkLossGrid(net, centre, d1, d2, data.inputs, data.targets, origin, Progress::none())(0, 0);
    return result;
}

ExperimentInfo landscapeExperiment()
{
    auto params = trainedNetworkKeys<NetworkLandscapeParams>(
        "layer widths, input first; input must match the dataset, output 1",
        "Adam epochs training the centre, 0..100000 (0 = untrained)");
    params.integer("grid", &NetworkLandscapeParams::grid, 2, 1001, "points per axis, 2..1001")
        .real("span", &NetworkLandscapeParams::span, "the grid covers [-span, span] along each direction, > 0")
        .named(
            "directions", &NetworkLandscapeParams::directions, {"random", "filter", "chosen"},
            [](const std::string& key) {
                return key == "random" ? LandscapeDirections::Random
                    : key == "filter"  ? LandscapeDirections::FilterNormalised
                                       : LandscapeDirections::Chosen;
            },
            [](LandscapeDirections d) {
                return d == LandscapeDirections::Random ? "random" : d == LandscapeDirections::FilterNormalised ? "filter" : "chosen";
            },
            "random | filter (filter-normalised, Li et al. 2018) | chosen")
        .integer("param1", &NetworkLandscapeParams::parameter1, 0, 100000000, "for directions=chosen: index of the first parameter")
        .integer("param2", &NetworkLandscapeParams::parameter2, 0, 100000000, "for directions=chosen: index of the second parameter");
    return declareExperiment(
        "landscape", "Loss of a small network on a 2-D slice of parameter space around its trained parameters",
        std::move(params), [](JsonWriter& j, NetworkLandscapeParams& p, std::uint64_t seed, Progress& progress) {
            p.seed = seed;
            const NetworkLandscapeResult r = asParameterError([&] { return runNetworkLandscape(p, progress); });
            j.key("cancelled").value(r.cancelled);
            j.key("parameterCount").value(r.parameterCount);
            j.key("coordinates").numbers(r.coordinates);
            j.key("losses").beginArray();
            for (Eigen::Index row = 0; row < r.losses.rows(); ++row) j.numbers(r.losses.row(row));
            j.endArray();
            j.key("minLoss").value(r.minLoss);
            j.key("maxLoss").value(r.maxLoss);
            j.key("centreLoss").value(r.centreLoss);
            j.key("nonFinite").value(r.nonFinite);
            j.key("trainingLosses").numbers(r.trainingLosses);
            j.key("trainingDiverged").value(r.trainingDiverged);
    });
}

} // namespace minima
