#include "engine/surfaces/terrain.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/common/random.h"

namespace minima {

Terrain::Terrain(std::uint64_t seed, int wellCount)
{
    if (wellCount < 1 || wellCount > 64) throw std::invalid_argument("terrain needs 1 to 64 wells");
    Rng rng = makeRng(seed, 0);
    for (int j = 0; j < wellCount; ++j) {
        GaussianWell w;
        w.centre = {uniform(rng, -kHalfSide, kHalfSide), uniform(rng, -kHalfSide, kHalfSide)};
        w.depth = uniform(rng, 0.5, 2.0);
        w.width = uniform(rng, 0.5, 1.2);
        wells_.push_back(w);
    }
    // Minima: polish from each well centre (and the origin, the bowl's own minimum), keep
    // the points where the Hessian is positive definite, merge duplicates.
    std::vector<Point2> starts;
    for (const auto& w : wells_) starts.push_back(w.centre);
    starts.push_back(Point2::Zero());
    for (const Point2& s : starts) {
        const Point2 m = polishMinimum(*this, s, 500);
        if (gradient(m).norm() > 1e-8 || classifyHessian(hessian(m), 1e-10) != PointKind::Minimum) continue;
        const bool seen = std::any_of(minima_.begin(), minima_.end(),
                                      [&](const KnownPoint& k) { return (k.at - m).norm() < 1e-5; });
        if (!seen) minima_.push_back({m, value(m), PointKind::Minimum, false});
    }
    std::sort(minima_.begin(), minima_.end(), [](const KnownPoint& a, const KnownPoint& b) {
        return a.value < b.value || (a.value == b.value && a.at.x() < b.at.x());
    });
    if (!minima_.empty()) minima_.front().global = true;
}

Eigen::Matrix2d Terrain::hessian(const Point2& p) const
{
    Eigen::Matrix2d h = 2.0 * kBowl * Eigen::Matrix2d::Identity();
    for (const auto& w : wells_) {
        const Point2 r = p - w.centre;
        const double s2 = w.width * w.width;
        const double e = w.depth * std::exp(-r.squaredNorm() / (2.0 * s2));
        h += (e / s2) * Eigen::Matrix2d::Identity() - (e / (s2 * s2)) * (r * r.transpose());
    }
    return h;
}

} // namespace minima
