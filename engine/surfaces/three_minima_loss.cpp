#include "engine/surfaces/three_minima_loss.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "engine/common/random.h"

namespace minima {

ThreeMinimaLoss::ThreeMinimaLoss(const ThreeMinimaLossParams& params) : params_(params)
{
    for (double d : {params.shallowDepth, params.deepDepth, params.globalDepth})
        if (!(std::isfinite(d) && d > 0.0 && d <= 1e3))
            throw std::invalid_argument("well depths must be in (0, 1000]");
    if (params.samples < 1 || params.samples > 100000)
        throw std::invalid_argument("the dataset needs 1 to 100000 samples");
    depths_[0] = params.shallowDepth;
    depths_[1] = params.deepDepth;
    depths_[2] = params.globalDepth;

    const int n = params.samples;
    offsets_.resize(std::size_t(kWells) * std::size_t(n));
    Rng rng = makeRng(params.seed, 0);
    for (int k = 0; k < kWells; ++k) {
        double* o = offsets_.data() + std::size_t(k) * std::size_t(n);
        double mean = 0.0;
        for (int i = 0; i < n; ++i) {
            o[i] = kSpread * std::clamp(normal01(rng), -3.0, 3.0);
            mean += o[i];
        }
        mean /= n;
        double far = 0.0;
        for (int i = 0; i < n; ++i) {
            o[i] -= mean;
            far = std::max(far, std::abs(o[i]));
        }
        reach_[k] = kHalfWidths[k] + far;
    }
    slopes_.resize(std::size_t(n));
    {
        double mean = 0.0;
        for (int i = 0; i < n; ++i) {
            slopes_[std::size_t(i)] = kSlopeSpread * std::clamp(normal01(rng), -3.0, 3.0);
            mean += slopes_[std::size_t(i)];
        }
        mean /= n;
        for (double& a : slopes_) a -= mean;
    }
    all_.resize(std::size_t(n));
    std::iota(all_.begin(), all_.end(), 0);

    // Scan L' for sign changes on a fine grid, refine each by bisection.
    const int steps = 4800;
    const double dx = (kDomainMax - kDomainMin) / steps;
    double a = kDomainMin, ga = gradient(a);
    std::vector<double> minimaW;
    for (int s = 1; s <= steps; ++s) {
        const double b = kDomainMin + s * dx, gb = gradient(b);
        if ((ga < 0) != (gb < 0) && ga != 0) {
            double lo = a, hi = b, glo = ga;
            for (int it = 0; it < 80; ++it) {
                const double mid = 0.5 * (lo + hi), gm = gradient(mid);
                if ((gm < 0) == (glo < 0)) { lo = mid; glo = gm; } else hi = mid;
            }
            const double root = 0.5 * (lo + hi);
            if (ga < 0) minimaW.push_back(root);     // L' goes - to +: a minimum
            else if (!minimaW.empty()) barriers_.push_back(root);
        }
        a = b;
        ga = gb;
    }
    // A maximum after the last minimum separates nothing.
    while (barriers_.size() >= minimaW.size() && !barriers_.empty()) barriers_.pop_back();
    static const char* roles[kWells] = {"shallow", "deep", "global"};
    for (double w : minimaW) {
        int nearest = 0;
        for (int k = 1; k < kWells; ++k)
            if (std::abs(w - kCentres[k]) < std::abs(w - kCentres[nearest])) nearest = k;
        minima_.push_back({w, value(w), roles[nearest]});
    }
}

double ThreeMinimaLoss::value(double w) const { return sampleSum<0>(w, all_.data(), int(all_.size())) / double(all_.size()); }
double ThreeMinimaLoss::gradient(double w) const { return sampleSum<1>(w, all_.data(), int(all_.size())) / double(all_.size()); }
double ThreeMinimaLoss::secondDerivative(double w) const
{
    return sampleSum<2>(w, all_.data(), int(all_.size())) / double(all_.size());
}

static void checkBatch(std::span<const int> batch, int n)
{
    if (batch.empty()) throw std::invalid_argument("empty mini-batch");
    for (int i : batch)
        if (i < 0 || i >= n) throw std::out_of_range("sample index out of range");
}

double ThreeMinimaLoss::batchValue(double w, std::span<const int> batch) const
{
    checkBatch(batch, params_.samples);
    return sampleSum<0>(w, batch.data(), int(batch.size())) / double(batch.size());
}
double ThreeMinimaLoss::batchGradient(double w, std::span<const int> batch) const
{
    checkBatch(batch, params_.samples);
    return sampleSum<1>(w, batch.data(), int(batch.size())) / double(batch.size());
}
double ThreeMinimaLoss::batchSecondDerivative(double w, std::span<const int> batch) const
{
    checkBatch(batch, params_.samples);
    return sampleSum<2>(w, batch.data(), int(batch.size())) / double(batch.size());
}

int ThreeMinimaLoss::basinOf(double w) const
{
    return int(std::upper_bound(barriers_.begin(), barriers_.end(), w) - barriers_.begin());
}

int ThreeMinimaLoss::minimumIndex(const std::string& role) const
{
    for (std::size_t j = 0; j < minima_.size(); ++j)
        if (minima_[j].role == role) return int(j);
    return -1;
}

} // namespace minima
