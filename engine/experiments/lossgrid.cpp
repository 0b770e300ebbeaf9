// networkLossGrid (engine/experiments/landscape.h): the loss of a network on a plane of
// parameter space, its kernels and their tiling over threads. Kept apart from the landscape
// experiment because it is built with its own floating-point options (CMakeLists.txt).
#include "engine/experiments/landscape.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/common/parallel.h"
#include "engine/nn/training.h"

namespace minima {

namespace {

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define MINIMA_SIMD_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#define MINIMA_AVX512_KERNEL 1
#else
#define MINIMA_SIMD_CLONES
#endif

// Samples per block: a block of every layer's activations stays in cache.
constexpr int kSampleBlock = 128;
// Grid points per side of a tile (one work item), at most.
constexpr int kTileSide = 16;
// Lanes of the loss sums (a fixed order, so the same bits for every thread count).
constexpr int kLanes = 16;

// ---- Elementwise kernels, in plain arithmetic the compiler vectorises. No FMA
// contraction (ISO C++ mode), so every clone gives the same bits.

// y = n ln2 + r with n = round(y / ln2), |r| <= ln2 / 2 (Cody & Waite 1980: ln2 split in
// a high part with trailing zero bits, so n * ln2hi is exact); returns q = e^r - 1 (Taylor
// to r^13, remainder < 5e-18 relative, no cancellation) and sets scale = 2^n, built from the
// exponent bits. Needs |y| <= 708. n is rounded by adding and subtracting 1.5 * 2^52. The
// polynomial is evaluated by Estrin's scheme (pairs, then pairs of pairs with r^2, r^4,
// r^8): a few more multiplications than Horner's rule but a chain of 4 steps instead of 13,
// which makes tanh about a fifth faster here (Knuth, TAOCP vol. 2, 4.6.4).
inline double splitExp(double y, double& scale)
{
    constexpr double kLog2e = 1.4426950408889634074;
    constexpr double kLn2Hi = 0x1.62e42fee00000p-1;
    constexpr double kLn2Lo = 0x1.a39ef35793c76p-33;
    constexpr double kRound = 0x1.8p52;
    const double t = y * kLog2e + kRound;
    const double n = t - kRound;
    const double r = (y - n * kLn2Hi) - n * kLn2Lo;
    // q = r P(r), P = sum_{k=0}^{12} r^k / (k + 1)!
    const double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    const double a0 = 1.0 + r * 0.5, a1 = 1.0 / 6.0 + r * (1.0 / 24.0), a2 = 1.0 / 120.0 + r * (1.0 / 720.0),
                 a3 = 1.0 / 5040.0 + r * (1.0 / 40320.0), a4 = 1.0 / 362880.0 + r * (1.0 / 3628800.0),
                 a5 = 1.0 / 39916800.0 + r * (1.0 / 479001600.0), a6 = 1.0 / 6227020800.0;
    const double b0 = a0 + r2 * a1, b1 = a2 + r2 * a3, b2 = a4 + r2 * a5;
    const double p = (b0 + r4 * b1) + r8 * (b2 + r4 * a6);
    std::int64_t bits;   // the low bits of t hold n: 2^n has the biased exponent n + 1023
    std::memcpy(&bits, &t, sizeof bits);
    const std::int64_t scaleBits = (bits - std::int64_t(0x4338000000000000) + 1023) << 52;
    std::memcpy(&scale, &scaleBits, sizeof scale);
    return p * r;
}

// 1 / d for d in [1, 2^62]: the float quotient (IEEE, so the same in every instruction
// set; relative error < 2^-23) refined by two Newton steps r <- r (2 - d r), each squaring
// the error: about one ulp. Where little else is computed (tanhFromFactors) it is about
// twice as fast as a double division; in tanh, where the division overlaps the polynomial,
// it is not.
inline double reciprocal(double d)
{
    double r = double(1.0f / float(d));
    r = r * (2.0 - d * r);
    return r * (2.0 - d * r);
}

// y = tanh(x) elementwise, in place allowed: tanh|x| = -m / (2 + m), m = expm1(-2|x|) =
// (2^n - 1) + 2^n q; below -708, m = -1 to double precision. Relative error below 7e-16
// against std::tanh over [-20, 20] (vectorTanh, with Horner's rule: below 5e-16).
MINIMA_SIMD_CLONES
void tanhKernel(const double* x, double* y, int count)
{
    for (int i = 0; i < count; ++i) {
        const double xi = x[i];
        const double y2 = -2.0 * std::fabs(xi);
        double scale;
        const double q = splitExp(y2 > -708.0 ? y2 : -708.0, scale);
        const double m = (scale - 1.0) + scale * q;
        y[i] = std::copysign(-m / (2.0 + m), xi);
    }
}

// e[i] = exp(-2 (p0[i] + beta p[i])), or exp(-2 beta p[i]) without p0: the factors of the
// first layer's tanh. Returns false if an exponent left [-708, 708] (it is clamped, and the
// point falls back to the direct tanh).
MINIMA_SIMD_CLONES
bool tanhFactor(const double* p0, const double* p, double coefficient, double* e, int count)
{
    int outside = 0;
    auto factor = [&](double y, int i) {
        outside |= int(std::fabs(y) > 708.0);
        y = y > 708.0 ? 708.0 : y < -708.0 ? -708.0 : y;
        double scale;
        const double q = splitExp(y, scale);
        e[i] = scale + scale * q;
    };
    if (p0)
        for (int i = 0; i < count; ++i) factor(-2.0 * (p0[i] + coefficient * p[i]), i);
    else
        for (int i = 0; i < count; ++i) factor(-2.0 * (coefficient * p[i]), i);
    return outside == 0;
}

// sum[n] += e^{z[n] - m[n]} (z <= m; below -708 the term is e^-708, negligible against the
// maximum's 1).
MINIMA_SIMD_CLONES
void exponentialsAdded(const double* z, const double* m, double* sum, int B)
{
    for (int n = 0; n < B; ++n) {
        const double y = z[n] - m[n];
        double scale;
        const double q = splitExp(y > -708.0 ? y : -708.0, scale);
        sum[n] += scale + scale * q;
    }
}

// h = tanh(u + v) from the factors a = e^{-2u}, b = e^{-2v}: with e = ab, tanh = (1 - e) / (1 + e).
// e has a relative error of a few ulp whatever u and v, so h has an absolute error of about
// 1e-16; e = ab is clamped at 2^60, where (1 - e) / (1 + e) is already -1.
MINIMA_SIMD_CLONES
void tanhFromFactors(const double* a, const double* b, double* h, int count)
{
    for (int i = 0; i < count; ++i) {
        const double p = a[i] * b[i];
        const double e = p < 0x1p60 ? p : 0x1p60;
        h[i] = (1.0 - e) * reciprocal(1.0 + e);
    }
}

// z = P0 + alpha P1 + beta P2 over `count` contiguous values.
MINIMA_SIMD_CLONES
void planeBlock(const double* p0, const double* p1, const double* p2, double alpha, double beta, double* z, int count)
{
    for (int i = 0; i < count; ++i) z[i] = p0[i] + alpha * p1[i] + beta * p2[i];
}

// ---- The layer product z = W a + b 1^T on a block of B samples. Activations are row-major
// (row k holds neuron k's values on the B samples, contiguous); W is nOut x nIn column-major
// (the network's layout). A register tile of Rows neurons x V vectors of samples is
// accumulated over k; every sample's sum runs over k in order from 0, so the tile shape (and
// the vector width) does not change a bit of the result.
// Lane helpers take vectors by reference (no ABI change warnings across instruction sets).
template <class Vec>
__attribute__((always_inline)) inline void loadLanes(Vec& v, const double* p)
{
    std::memcpy(&v, p, sizeof v);
}

template <class Vec>
__attribute__((always_inline)) inline void storeLanes(double* p, const Vec& v)
{
    std::memcpy(p, &v, sizeof v);
}

// Four neurons x two vectors of samples: eight independent sums, in registers.
template <class Vec>
__attribute__((always_inline)) inline void affineTile4(const double* W, const double* b, const double* a, double* z,
                                                       int nOut, int nIn, int B, int i, int n0)
{
    constexpr int lanes = int(sizeof(Vec) / sizeof(double));
    Vec c00{}, c01{}, c10{}, c11{}, c20{}, c21{}, c30{}, c31{};
    const double* ak = a + n0;
    const double* wk = W + i;
    for (int k = 0; k < nIn; ++k, ak += B, wk += nOut) {
        Vec x0, x1;
        loadLanes(x0, ak);
        loadLanes(x1, ak + lanes);
        const double w0 = wk[0], w1 = wk[1], w2 = wk[2], w3 = wk[3];
        c00 += w0 * x0;
        c01 += w0 * x1;
        c10 += w1 * x0;
        c11 += w1 * x1;
        c20 += w2 * x0;
        c21 += w2 * x1;
        c30 += w3 * x0;
        c31 += w3 * x1;
    }
    c00 += b[i];
    c01 += b[i];
    c10 += b[i + 1];
    c11 += b[i + 1];
    c20 += b[i + 2];
    c21 += b[i + 2];
    c30 += b[i + 3];
    c31 += b[i + 3];
    double* zi = z + std::size_t(i) * std::size_t(B) + std::size_t(n0);
    storeLanes(zi, c00);
    storeLanes(zi + lanes, c01);
    storeLanes(zi + B, c10);
    storeLanes(zi + B + lanes, c11);
    storeLanes(zi + 2 * B, c20);
    storeLanes(zi + 2 * B + lanes, c21);
    storeLanes(zi + 3 * B, c30);
    storeLanes(zi + 3 * B + lanes, c31);
}

// One neuron x two vectors of samples.
template <class Vec>
__attribute__((always_inline)) inline void affineTile1(const double* W, const double* b, const double* a, double* z,
                                                       int nOut, int nIn, int B, int i, int n0)
{
    constexpr int lanes = int(sizeof(Vec) / sizeof(double));
    Vec c0{}, c1{};
    const double* ak = a + n0;
    const double* wk = W + i;
    for (int k = 0; k < nIn; ++k, ak += B, wk += nOut) {
        const double w = wk[0];
        Vec x0, x1;
        loadLanes(x0, ak);
        loadLanes(x1, ak + lanes);
        c0 += w * x0;
        c1 += w * x1;
    }
    double* zi = z + std::size_t(i) * std::size_t(B) + std::size_t(n0);
    c0 += b[i];
    c1 += b[i];
    storeLanes(zi, c0);
    storeLanes(zi + lanes, c1);
}

template <class Vec>
__attribute__((always_inline)) inline void affineKernel(const double* W, const double* b, const double* a, double* z,
                                                        int nOut, int nIn, int B)
{
    constexpr int width = 2 * int(sizeof(Vec) / sizeof(double));
    int n0 = 0;
    for (; n0 + width <= B; n0 += width) {
        int i = 0;
        for (; i + 4 <= nOut; i += 4) affineTile4<Vec>(W, b, a, z, nOut, nIn, B, i, n0);
        for (; i < nOut; ++i) affineTile1<Vec>(W, b, a, z, nOut, nIn, B, i, n0);
    }
    for (; n0 < B; ++n0)   // the block's last samples, one at a time
        for (int i = 0; i < nOut; ++i) {
            double acc = 0.0;
            for (int k = 0; k < nIn; ++k)
                acc += W[std::size_t(k) * std::size_t(nOut) + std::size_t(i)] * a[std::size_t(k) * std::size_t(B) + std::size_t(n0)];
            z[std::size_t(i) * std::size_t(B) + std::size_t(n0)] = acc + b[i];
        }
}

typedef double Lanes4 __attribute__((vector_size(32)));
#ifdef MINIMA_AVX512_KERNEL
typedef double Lanes8 __attribute__((vector_size(64)));

// Four neurons x 16 samples in eight AVX-512 registers: eight independent sums cover the
// adder's latency on both ports.
__attribute__((target("avx512f"))) void affineBlock512(const double* W, const double* b, const double* a, double* z,
                                                       int nOut, int nIn, int B)
{
    affineKernel<Lanes8>(W, b, a, z, nOut, nIn, B);
}
#endif

// Four neurons x 8 samples in four-lane vectors (AVX2 registers, or SSE2 pairs).
MINIMA_SIMD_CLONES
void affineBlockGeneric(const double* W, const double* b, const double* a, double* z, int nOut, int nIn, int B)
{
    affineKernel<Lanes4>(W, b, a, z, nOut, nIn, B);
}

void affineBlock(const double* W, const double* b, const double* a, double* z, int nOut, int nIn, int B)
{
#ifdef MINIMA_AVX512_KERNEL
    static const bool avx512 = __builtin_cpu_supports("avx512f");
    if (avx512) { affineBlock512(W, b, a, z, nOut, nIn, B); return; }
#endif
    affineBlockGeneric(W, b, a, z, nOut, nIn, B);
}

// softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^-|z|).
double softplus(double z) { return std::max(z, 0.0) + std::log1p(std::exp(-std::fabs(z))); }

// The loss of a network at theta = centre + alpha d1 + beta d2, for a tile of (alpha, beta).
// The first layer is linear in (alpha, beta): with W_0 = C + alpha D + beta E and
// b_0 = c + alpha d + beta e, z_0 = (C X + c) + alpha (D X + d) + beta (E X + e), so the
// three products are made once per grid and each point only blends them. For a tanh first
// layer even that blend is avoided: tanh(u + v) = (1 - e^{-2u} e^{-2v}) / (1 + e^{-2u} e^{-2v})
// with u = (C X + c) + beta (E X + e) the same along a row of the tile and v = alpha (D X + d)
// the same down a column, so a tile of T x T points needs 2T exponentials per neuron and
// sample instead of T^2 tanh. Later layers go through a register-tiled product.
class LossPlane {
public:
    LossPlane(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& centre, const Eigen::Ref<const Eigen::VectorXd>& d1,
              const Eigen::Ref<const Eigen::VectorXd>& d2, const Eigen::Ref<const Eigen::MatrixXd>& X,
              const Eigen::Ref<const Eigen::MatrixXd>& Y, Loss loss)
        : net_(net), Y_(Y), loss_(loss), N_(int(X.cols())), n1_(net.widths()[1]), L_(net.layerCount()),
          K_(net.outputCount()), separable_(net.layerCount() > 1 && net.hiddenActivation(0) == Activation::Tanh)
    {
        for (int p = 0; p < 3; ++p) {
            const Eigen::Ref<const Eigen::VectorXd>& v = p == 0 ? centre : p == 1 ? d1 : d2;
            // Row-major n_1 x N, in blocks of kSampleBlock samples: block s holds rows of its B samples.
            const Eigen::MatrixXd z = (net.weightsIn(v.data(), 0) * X).colwise() + net.biasIn(v.data(), 0);
            plane_[p].resize(std::size_t(n1_) * std::size_t(N_));
            for (int s0 = 0; s0 < N_; s0 += kSampleBlock) {
                const int B = std::min(kSampleBlock, N_ - s0);
                double* out = plane_[p].data() + std::size_t(s0) * std::size_t(n1_);
                for (int i = 0; i < n1_; ++i)
                    for (int n = 0; n < B; ++n) out[std::size_t(i) * std::size_t(B) + std::size_t(n)] = z(i, s0 + n);
            }
            // The parameters of the later layers (the tail of the vector).
            const Eigen::Index from = L_ > 1 ? net.weightOffset(1) : net.parameterCount();
            tail_[p] = v.tail(net.parameterCount() - from);
        }
        tailOffset_ = L_ > 1 ? net.weightOffset(1) : net.parameterCount();
        for (int w : net.widths()) widest_ = std::max(widest_, w);
        // Tiles small enough that their factors and parameters stay in cache, and that one
        // takes some 10 ms at most (a tile is where a cancelled run stops).
        const double blockValues = double(n1_) * kSampleBlock;
        double pointWork = double(n1_);
        for (int l = 1; l < L_; ++l) pointWork += double(net.widths()[std::size_t(l)]) * net.widths()[std::size_t(l) + 1];
        pointWork *= double(N_);
        side_ = kTileSide;
        while (side_ > 1
               && (2.0 * side_ * blockValues > double(1 << 17) || double(side_) * side_ * double(tail_[0].size()) > double(1 << 18)
                   || double(side_) * side_ * pointWork > double(1 << 26)))
            --side_;
    }

    int tileSide() const { return side_; }

    struct Scratch {
        std::vector<double> thetas;           // tile points x tail parameters
        std::vector<double> rowFactors, colFactors;
        std::vector<char> rowOk, colOk;
        std::vector<double> in, out;
    };

    // Loss sums of the tile of points (alphas[c], betas[r]) into out (row-major, rows x cols).
    void tile(const double* alphas, int cols, const double* betas, int rows, Scratch& s, double* out) const
    {
        const std::size_t T = std::size_t(tail_[0].size()), points = std::size_t(rows) * std::size_t(cols);
        s.thetas.resize(points * T);
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c) {
                Eigen::Map<Eigen::VectorXd> t(s.thetas.data() + (std::size_t(r) * std::size_t(cols) + std::size_t(c)) * T, Eigen::Index(T));
                t = tail_[0] + alphas[c] * tail_[1] + betas[r] * tail_[2];
            }
        const std::size_t blockValues = std::size_t(n1_) * kSampleBlock;
        s.rowFactors.resize(std::size_t(rows) * blockValues);
        s.colFactors.resize(std::size_t(cols) * blockValues);
        s.rowOk.resize(std::size_t(rows));
        s.colOk.resize(std::size_t(cols));
        const std::size_t size = std::size_t(std::max(widest_, 2)) * std::size_t(kSampleBlock);
        if (s.in.size() < size) { s.in.resize(size); s.out.resize(size); }
        std::fill(out, out + points, 0.0);
        for (int s0 = 0; s0 < N_; s0 += kSampleBlock) {
            const int B = std::min(kSampleBlock, N_ - s0);
            const int count = n1_ * B;
            const std::size_t at = std::size_t(s0) * std::size_t(n1_);
            const double *p0 = plane_[0].data() + at, *p1 = plane_[1].data() + at, *p2 = plane_[2].data() + at;
            if (separable_) {
                for (int r = 0; r < rows; ++r)
                    s.rowOk[std::size_t(r)] = tanhFactor(p0, p2, betas[r], s.rowFactors.data() + std::size_t(r) * blockValues, count);
                for (int c = 0; c < cols; ++c)
                    s.colOk[std::size_t(c)] = tanhFactor(nullptr, p1, alphas[c], s.colFactors.data() + std::size_t(c) * blockValues, count);
            }
            for (int r = 0; r < rows; ++r)
                for (int c = 0; c < cols; ++c) {
                    const double* theta = s.thetas.data() + (std::size_t(r) * std::size_t(cols) + std::size_t(c)) * T;
                    // Layer 0: from the factors, or the blend of the three products.
                    if (separable_ && s.rowOk[std::size_t(r)] && s.colOk[std::size_t(c)]) {
                        tanhFromFactors(s.rowFactors.data() + std::size_t(r) * blockValues,
                                        s.colFactors.data() + std::size_t(c) * blockValues, s.out.data(), count);
                    } else {
                        planeBlock(p0, p1, p2, alphas[c], betas[r], s.out.data(), count);
                        if (L_ > 1) activate(net_.hiddenActivation(0), s.out.data(), count);
                    }
                    // Later layers: z_l = W_l a_l + b_l; activations row-major, B columns.
                    for (int l = 1; l < L_; ++l) {
                        std::swap(s.in, s.out);
                        const int rowsIn = net_.widths()[std::size_t(l)], rowsOut = net_.widths()[std::size_t(l) + 1];
                        const double* W = theta + (net_.weightOffset(l) - tailOffset_);
                        const double* bias = theta + (net_.biasOffset(l) - tailOffset_);
                        affineBlock(W, bias, s.in.data(), s.out.data(), rowsOut, rowsIn, B);
                        if (l + 1 < L_) activate(net_.hiddenActivation(l), s.out.data(), rowsOut * B);
                    }
                    out[std::size_t(r) * std::size_t(cols) + std::size_t(c)] += blockLoss(s.out.data(), s.in.data(), s0, B);
                }
        }
        const double scale = loss_ == Loss::SoftmaxCrossEntropy ? double(N_) : double(K_) * double(N_);
        for (std::size_t k = 0; k < points; ++k) out[k] /= scale;
    }

private:
    static void activate(Activation f, double* values, int count)
    {
        if (f == Activation::Tanh) tanhKernel(values, values, count);
        else activateInPlace(f, values, count);
    }

    // The block's share of the loss sum from the output pre-activations z (K x B, row-major);
    // work (at least 2 B values) is scratch.
    double blockLoss(double* z, double* work, int s0, int B) const
    {
        double acc[kLanes] = {};
        double tail = 0.0;
        auto lanes = [&](auto&& term) {   // sum of term(k, n) in a fixed order
            for (int k = 0; k < K_; ++k) {
                int n = 0;
                for (; n + kLanes <= B; n += kLanes)
                    for (int j = 0; j < kLanes; ++j) acc[j] += term(k, n + j);
                for (; n < B; ++n) tail += term(k, n);
            }
        };
        auto zAt = [&](int k, int n) { return z[std::size_t(k) * std::size_t(B) + std::size_t(n)]; };
        switch (loss_) {
        case Loss::MeanSquaredError:
            if (net_.output() == OutputActivation::Sigmoid) vectorSigmoid(z, z, Eigen::Index(K_) * B);
            lanes([&](int k, int n) {
                const double e = zAt(k, n) - Y_(k, s0 + n);
                return e * e;
            });
            break;
        case Loss::BinaryCrossEntropy:   // -[y log s(z) + (1 - y) log(1 - s(z))] = softplus(z) - y z
            lanes([&](int k, int n) { return softplus(zAt(k, n)) - Y_(k, s0 + n) * zAt(k, n); });
            break;
        case Loss::SoftmaxCrossEntropy: {
            // -sum_k y_k log softmax(z)_k = sum_k y_k (lse - z_k), lse = m + log sum_k e^{z_k - m}
            double* m = work;
            double* sum = work + B;
            for (int n = 0; n < B; ++n) { m[n] = zAt(0, n); sum[n] = 0.0; }
            for (int k = 1; k < K_; ++k)
                for (int n = 0; n < B; ++n) m[n] = std::max(m[n], zAt(k, n));
            for (int k = 0; k < K_; ++k) exponentialsAdded(z + std::size_t(k) * std::size_t(B), m, sum, B);
            for (int n = 0; n < B; ++n) m[n] += std::log(sum[n]);   // m now holds lse
            lanes([&](int k, int n) { return Y_(k, s0 + n) * (m[n] - zAt(k, n)); });
            break;
        }
        }
        double total = tail;
        for (double v : acc) total += v;
        return total;
    }

    const Network& net_;
    const Eigen::Ref<const Eigen::MatrixXd>& Y_;
    Loss loss_;
    int N_, n1_, L_, K_;
    bool separable_;
    int widest_ = 1;
    int side_ = 1;
    Eigen::Index tailOffset_ = 0;
    std::vector<double> plane_[3];
    Eigen::VectorXd tail_[3];
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
    const int n = int(coordinates.size());
    Eigen::MatrixXd losses(n, n);
    if (X.cols() == 0) {
        // No samples: the loss is evaluateLoss's 0 / 0 everywhere.
        Workspace ws;
        losses.setConstant(evaluateLoss(net, centre, X, Y, loss, ws));
        return losses;
    }
    const LossPlane plane(net, centre, d1, d2, X, Y, loss);
    // Work items are tiles of side x side points; a point's value does not depend on its tile.
    // Large tiles share more factors, small ones balance the threads: at least 8 per thread.
    int side = plane.tileSide();
    const std::size_t wanted = 8 * std::size_t(workerCount());
    auto tilesPerSide = [&](int t) { return (n + t - 1) / t; };
    while (side > 1 && std::size_t(tilesPerSide(side)) * std::size_t(tilesPerSide(side)) < wanted) --side;
    const int tiles = tilesPerSide(side);
    const bool done = parallelFor(std::size_t(tiles) * std::size_t(tiles), [&](std::size_t item) {
        thread_local LossPlane::Scratch s;   // reused by every tile this thread computes
        const int i0 = int(item % std::size_t(tiles)) * side, j0 = int(item / std::size_t(tiles)) * side;
        const int cols = std::min(side, n - i0), rows = std::min(side, n - j0);
        double out[kTileSide * kTileSide];
        plane.tile(coordinates.data() + i0, cols, coordinates.data() + j0, rows, s, out);
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c) losses(j0 + r, i0 + c) = out[r * cols + c];
    }, progress);
    if (!done) return {};
    return losses;
}

} // namespace minima
