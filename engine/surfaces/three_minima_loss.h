#pragma once
// The 1-D loss of the local-minima lesson: a shallow local minimum, a deep local minimum
// and a global minimum, built as the mean of per-sample losses over a seeded dataset so
// that a mini-batch gradient is a true sample mean (not added noise):
//
//   L(w) = (1/N) sum_i l_i(w),
//   l_i(w) = c w^2 + a_i w - sum_k d_k K((w - m_k - o_ik) / h_k),   K(u) = (1 - u^2)^3 for |u| < 1, else 0
//
// Well k (shallow, deep, global) has centre m_k, depth d_k (the parameters) and half-width
// h_k; sample i places it at a per-sample offset o_ik ~ N(0, spread^2) and adds its own
// slope a_i ~ N(0, slopeSpread^2) (both clipped at 3 standard deviations and centred so
// they average to zero over the dataset: the full loss has neither). K is the triweight
// kernel: smooth (C^2) and of compact support, so a sample only pulls on w near its own
// copy of the well.
//
// Why small batches leave the shallow minimum and not the deep one: a batch of B samples
// sees the full gradient plus mean(a) + kappa_k mean(o) (kappa_k the well's curvature),
// a disagreement of standard deviation ~ 1/sqrt(B). SGD with rate lr then wanders like a
// particle at temperature T ~ lr Var / 2, and leaves a well at a rate ~ exp(-barrier / T)
// (Kramers 1940). The shallow well's barrier (about 0.54) is a fraction of the deep one's
// (about 3.0), so the same jitter carries w out of it and not out of the deep one; the
// curvatures at the three minima are alike (about 5.8, 4.1, 5.5): the barrier decides, not
// sharpness. A full batch sees no jitter at all.
// With the defaults (depths 1, 3, 4; N = 256; lr 0.05; 2000 steps) the shallow minimum
// is left about 99% of the time at batch 1, ~50% at batch 2, rarely from batch 8 on; the
// deep one essentially never (tst_surfaces and tst_experiments_surfaces check this).
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace minima {

struct ThreeMinimaLossParams {
    double shallowDepth = 1.0;
    double deepDepth = 3.0;
    double globalDepth = 4.0;
    int samples = 256;
    std::uint64_t seed = 1;
};

struct LossMinimum {
    double w = 0.0;
    double value = 0.0;
    std::string role;   // "shallow", "deep" or "global": the well it belongs to
};

class ThreeMinimaLoss {
public:
    static constexpr int kWells = 3;
    static constexpr double kBowl = 0.02;                        // c
    static constexpr double kCentres[kWells] = {-3.5, 0.0, 5.0};  // m_k: shallow, deep, global
    static constexpr double kHalfWidths[kWells] = {0.6, 2.0, 2.0};  // h_k
    static constexpr double kSpread = 0.25;                      // std of o_ik
    static constexpr double kSlopeSpread = 3.0;                  // std of a_i
    static constexpr double kDomainMin = -8.0, kDomainMax = 10.0;

    // Throws std::invalid_argument when a depth is not positive and finite or
    // samples is outside [1, 100000].
    explicit ThreeMinimaLoss(const ThreeMinimaLossParams& params = {});

    const ThreeMinimaLossParams& params() const { return params_; }
    int sampleCount() const { return params_.samples; }

    // The full loss (mean over all samples) and its derivatives.
    double value(double w) const;
    double gradient(double w) const;
    double secondDerivative(double w) const;

    // The mean over a mini-batch of sample indices (each in [0, N)).
    double batchValue(double w, std::span<const int> batch) const;
    double batchGradient(double w, std::span<const int> batch) const;
    double batchSecondDerivative(double w, std::span<const int> batch) const;
    // batchGradient without the index checks, for hot loops whose indices are valid by
    // construction (count >= 1, every idx[j] in [0, N)).
    double batchGradientTrusted(double w, const int* idx, int count) const
    {
        return sampleSum<1>(w, idx, count) / double(count);
    }

    // Local minima of the full loss, in increasing w, found numerically (roots of L' on a
    // fine scan, refined by bisection, kept where L'' > 0), each labelled by its well.
    const std::vector<LossMinimum>& minima() const { return minima_; }
    // Local maxima separating consecutive minima: barriers_[j] lies between minima j and j+1.
    const std::vector<double>& barriers() const { return barriers_; }
    // Index of the minimum whose basin (for gradient flow on the full loss) holds w.
    int basinOf(double w) const;
    // Index of the minimum with the given role, or -1.
    int minimumIndex(const std::string& role) const;

private:
    template <int Order> double sampleSum(double w, const int* idx, int count) const;

    ThreeMinimaLossParams params_;
    double depths_[kWells];
    double reach_[kWells];            // a sample's well k acts only for |w - m_k| < reach_k
    std::vector<double> offsets_;     // o_ik at [k * N + i]
    std::vector<double> slopes_;      // a_i
    std::vector<int> all_;            // 0..N-1
    std::vector<LossMinimum> minima_;
    std::vector<double> barriers_;
};

// Defined here so hot loops (the escape experiment) inline it.
// Order 0: sum_i l_i(w), order 1: sum_i l_i'(w), order 2: sum_i l_i''(w), over the given
// samples. With u = (w - m_k - o_ik) / h_k:
//   d/dw [-d K(u)]   = 6 d u (1 - u^2)^2 / h
//   d2/dw2 [-d K(u)] = -d (1 - u^2)(30 u^2 - 6) / h^2
template <int Order>
inline double ThreeMinimaLoss::sampleSum(double w, const int* idx, int count) const
{
    double sum = 0.0;
    if constexpr (Order == 0) sum = count * kBowl * w * w;
    else if constexpr (Order == 1) sum = count * 2.0 * kBowl * w;
    else sum = count * 2.0 * kBowl;
    if constexpr (Order < 2) {
        double slope = 0.0;
        for (int j = 0; j < count; ++j) slope += slopes_[std::size_t(idx[j])];
        sum += Order == 0 ? slope * w : slope;
    }
    const std::size_t n = std::size_t(params_.samples);
    for (int k = 0; k < kWells; ++k) {
        const double r = w - kCentres[k];
        if (std::abs(r) >= reach_[k]) continue;
        const double* o = offsets_.data() + std::size_t(k) * n;
        const double invH = 1.0 / kHalfWidths[k], d = depths_[k];
        double acc = 0.0;
        for (int j = 0; j < count; ++j) {
            const double u = (r - o[idx[j]]) * invH;
            const double q = 1.0 - u * u;
            if (q <= 0.0) continue;
            if constexpr (Order == 0) acc -= q * q * q;
            else if constexpr (Order == 1) acc += 6.0 * u * q * q;
            else acc -= q * (30.0 * u * u - 6.0);
        }
        if constexpr (Order == 0) sum += d * acc;
        else if constexpr (Order == 1) sum += d * invH * acc;
        else sum += d * invH * invH * acc;
    }
    return sum;
}

} // namespace minima
