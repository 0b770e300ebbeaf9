#include "engine/nn/activation.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

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

// expm1(y) = e^y - 1 for y in [-708, 0], in plain arithmetic the compiler can vectorise:
// y = n ln2 + r with n = round(y / ln2) and |r| <= ln2 / 2 (Cody & Waite 1980: ln2 split in a
// high part with trailing zero bits and a low part, so n * ln2hi is exact); then
// q = e^r - 1 = r (1 + r/2 + r^2/6 + ... + r^12/13!) (remainder < 5e-18 relative, and no
// cancellation, so tiny y keep full precision) and e^y - 1 = (2^n - 1) + 2^n q, with 2^n built
// from the exponent bits. n is rounded by adding and subtracting 1.5 * 2^52.
inline double expm1NonPositive(double y)
{
    constexpr double kLog2e = 1.4426950408889634074;
    constexpr double kLn2Hi = 0x1.62e42fee00000p-1;
    constexpr double kLn2Lo = 0x1.a39ef35793c76p-33;
    constexpr double kRound = 0x1.8p52;
    const double t = y * kLog2e + kRound;
    const double n = t - kRound;
    const double r = (y - n * kLn2Hi) - n * kLn2Lo;
    double p = 1.0 / 6227020800.0;   // 1/13!
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    const double q = p * r;
    // The low bits of t hold n: 2^n has the biased exponent n + 1023.
    std::int64_t bits;
    std::memcpy(&bits, &t, sizeof bits);
    const std::int64_t scaleBits = (bits - std::int64_t(0x4338000000000000) + 1023) << 52;
    double scale;
    std::memcpy(&scale, &scaleBits, sizeof scale);
    return (scale - 1.0) + scale * q;
}

// The loop body of vectorTanh; built for AVX-512, for AVX2 and for the baseline, the right
// one picked at load time. No FMA contraction (ISO C++ mode), so all give identical bits.
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void tanhBlock(const double* x, double* y, Eigen::Index m)
{
    for (Eigen::Index i = 0; i < m; ++i) {
        const double xi = x[i];
        // tanh|x| = -m / (2 + m), m = expm1(-2|x|); below -708, m = -1 to double precision.
        const double y2 = -2.0 * std::fabs(xi);
        const double em1 = expm1NonPositive(y2 > -708.0 ? y2 : -708.0);
        y[i] = std::copysign(-em1 / (2.0 + em1), xi);
    }
}

} // namespace

void vectorTanh(const double* in, double* out, Eigen::Index n)
{
    tanhBlock(in, out, n);
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

void activateInPlace(Activation f, double* values, Eigen::Index n)
{
    Eigen::Map<Eigen::ArrayXd> v(values, n);
    switch (f) {
    case Activation::ReLU: v = v.max(0.0); break;
    case Activation::LeakyReLU: v = v.max(kLeakySlope * v); break;
    case Activation::Tanh: vectorTanh(values, values, n); break;
    case Activation::Sigmoid: vectorSigmoid(values, values, n); break;
    case Activation::Linear: break;
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
