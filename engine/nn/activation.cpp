#include "engine/nn/activation.h"

#include <algorithm>
#include <cmath>

namespace minima {

std::string_view activationName(Activation a)
{
    switch (a) {
    case Activation::ReLU: return "relu";
    case Activation::LeakyReLU: return "leaky-relu";
    case Activation::Tanh: return "tanh";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Linear: return "linear";
    }
    return "linear";
}

std::optional<Activation> activationFromName(std::string_view name)
{
    for (Activation a : {Activation::ReLU, Activation::LeakyReLU, Activation::Tanh, Activation::Sigmoid,
                         Activation::Linear})
        if (activationName(a) == name) return a;
    if (name == "leaky") return Activation::LeakyReLU;
    return std::nullopt;
}

namespace {

// Work in blocks that fit on the stack: no allocation, and each block stays in L1.
constexpr Eigen::Index kBlock = 256;

// Taylor coefficients of tanh x = x + c1 x^3 + c2 x^5 + ..., from the Bernoulli numbers:
// c_k = 2^2k (2^2k - 1) B_2k / (2k)! (Abramowitz & Stegun 4.5.64); exact fractions -1/3, 2/15,
// -17/315, 62/2835, -1382/155925, ... rounded to double.
constexpr double kTanhSeries[] = {
    -3.33333333333333315e-01, 1.33333333333333331e-01, -5.39682539682539708e-02,
    2.18694885361552030e-02,  -8.86323552990219733e-03, 3.59212803657248114e-03,
    -1.45583438705131833e-03, 5.90027440945585947e-04, -2.39129114243552478e-04,
    9.69153795692945095e-05,  -3.92783238833168327e-05, 1.59189050693289637e-05,
};
constexpr double kSeriesLimit = 0.25;

} // namespace

void vectorTanh(const double* in, double* out, Eigen::Index n)
{
    alignas(64) double e[kBlock];
    for (Eigen::Index start = 0; start < n; start += kBlock) {
        const Eigen::Index m = std::min(kBlock, n - start);
        const double* x = in + start;
        double* y = out + start;
        // e = exp(-2|x|) through Eigen's vectorised exp.
        Eigen::Map<Eigen::ArrayXd>(e, m) = (-2.0 * Eigen::Map<const Eigen::ArrayXd>(x, m).abs()).exp();
        // A plain loop of arithmetic and blends: the compiler vectorises it.
        for (Eigen::Index i = 0; i < m; ++i) {
            const double xi = x[i];
            const double x2 = xi * xi;
            double p = kTanhSeries[11];
            for (int k = 10; k >= 0; --k) p = p * x2 + kTanhSeries[k];
            const double series = xi + xi * x2 * p;
            const double far = std::copysign((1.0 - e[i]) / (1.0 + e[i]), xi);
            y[i] = std::fabs(xi) < kSeriesLimit ? series : far;
        }
    }
}

void vectorSigmoid(const double* in, double* out, Eigen::Index n)
{
    alignas(64) double e[kBlock];
    for (Eigen::Index start = 0; start < n; start += kBlock) {
        const Eigen::Index m = std::min(kBlock, n - start);
        // sigma(x) = 1 / (1 + exp(-x)): exp(-x) = inf for very negative x gives 0, as it should.
        Eigen::Map<Eigen::ArrayXd> ea(e, m);
        ea = (-Eigen::Map<const Eigen::ArrayXd>(in + start, m)).exp();
        Eigen::Map<Eigen::ArrayXd>(out + start, m) = (1.0 + ea).inverse();
    }
}

void activate(Activation f, const Eigen::MatrixXd& z, Eigen::MatrixXd& a)
{
    if (&a != &z) a.resize(z.rows(), z.cols());
    switch (f) {
    case Activation::ReLU: a.array() = z.array().max(0.0); break;
    case Activation::LeakyReLU: a.array() = z.array().max(kLeakySlope * z.array()); break;
    case Activation::Tanh: vectorTanh(z.data(), a.data(), z.size()); break;
    case Activation::Sigmoid: vectorSigmoid(z.data(), a.data(), z.size()); break;
    case Activation::Linear: if (&a != &z) a = z; break;
    }
}

void multiplyByDerivative(Activation f, const Eigen::MatrixXd& z, const Eigen::MatrixXd& a, Eigen::MatrixXd& delta)
{
    switch (f) {
    case Activation::ReLU: delta.array() *= (z.array() > 0.0).cast<double>(); break;
    case Activation::LeakyReLU:
        delta.array() *= (z.array() > 0.0).cast<double>() * (1.0 - kLeakySlope) + kLeakySlope;
        break;
    case Activation::Tanh: delta.array() *= 1.0 - a.array().square(); break;
    case Activation::Sigmoid: delta.array() *= a.array() * (1.0 - a.array()); break;
    case Activation::Linear: break;
    }
}

} // namespace minima
