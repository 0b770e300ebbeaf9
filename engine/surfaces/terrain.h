#pragma once
// A seeded "terrain" of Gaussian wells, the hidden landscape of the ant's view:
//   f(x) = c |x|^2 - sum_j d_j exp(-|x - m_j|^2 / (2 s_j^2))
// A mild bowl keeps every descent bounded; the wells (centre m_j, depth d_j, width s_j)
// are drawn from the seed. Its minima are not known in closed form: they are found by a
// Newton polish from every well centre, deduplicated and sorted (global first).
#include <cstdint>

#include "engine/surfaces/surface.h"

namespace minima {

struct GaussianWell {
    Point2 centre;
    double depth = 1.0;
    double width = 1.0;
};

class Terrain final : public Surface {
public:
    static constexpr double kBowl = 0.02;   // c in the formula above
    static constexpr double kHalfSide = 4.0;   // wells are drawn in [-4, 4]^2

    explicit Terrain(std::uint64_t seed = 1, int wellCount = 6);

    std::string name() const override { return "terrain"; }
    double value(const Point2& p) const override
    {
        double f = kBowl * p.squaredNorm();
        for (const auto& w : wells_) f -= w.depth * std::exp(-(p - w.centre).squaredNorm() / (2.0 * w.width * w.width));
        return f;
    }
    // grad f = 2c x + sum_j d_j e_j (x - m_j) / s_j^2, e_j = exp(-|x - m_j|^2 / (2 s_j^2))
    Point2 gradient(const Point2& p) const override
    {
        Point2 g = 2.0 * kBowl * p;
        for (const auto& w : wells_) {
            const Point2 r = p - w.centre;
            const double s2 = w.width * w.width;
            g += (w.depth * std::exp(-r.squaredNorm() / (2.0 * s2)) / s2) * r;
        }
        return g;
    }
    // H = 2c I + sum_j d_j e_j (I / s_j^2 - r r^T / s_j^4), r = x - m_j
    Eigen::Matrix2d hessian(const Point2& p) const override;
    Domain domain() const override { return {-5, 5, -5, 5}; }
    Point2 defaultStart() const override { return {-4.5, 4.5}; }
    std::vector<KnownPoint> knownPoints() const override { return minima_; }

    const std::vector<GaussianWell>& wells() const { return wells_; }

private:
    std::vector<GaussianWell> wells_;
    std::vector<KnownPoint> minima_;
};

} // namespace minima
