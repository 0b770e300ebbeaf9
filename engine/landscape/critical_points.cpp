#include "engine/landscape/critical_points.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <Eigen/Eigenvalues>
#include <Eigen/LU>

namespace minima {

CriticalPoint classifyCriticalPoint(const Surface& surface, const Point2& at)
{
    const Eigen::Matrix2d h = surface.hessian(at);
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> eig(h, Eigen::EigenvaluesOnly);
    return {at, surface.value(at), classifyHessian(h, 1e-8), eig.eigenvalues()};
}

std::vector<CriticalPoint> findCriticalPoints(const Surface& surface, const Domain& domain, int seeds)
{
    if (seeds < 1 || seeds > 1000) throw std::invalid_argument("seeds per side must be in [1, 1000]");
    const double size = std::max(domain.xMax - domain.xMin, domain.yMax - domain.yMin);
    const double maxStep = size / 4.0;
    std::vector<CriticalPoint> found;
    for (int i = 0; i < seeds; ++i) {
        for (int j = 0; j < seeds; ++j) {
            Point2 x(domain.xMin + (domain.xMax - domain.xMin) * (i + 0.5) / seeds,
                     domain.yMin + (domain.yMax - domain.yMin) * (j + 0.5) / seeds);
            bool ok = false;
            for (int it = 0; it < 60; ++it) {
                const Point2 g = surface.gradient(x);
                const double scale = std::max(1.0, std::abs(surface.value(x)));
                if (g.norm() < 1e-11 * scale) { ok = true; break; }
                const Eigen::FullPivLU<Eigen::Matrix2d> lu(surface.hessian(x));
                if (!lu.isInvertible()) break;
                Point2 step = lu.solve(g);
                if (!step.allFinite()) break;
                // Keep Newton from flying off: cap a step at a quarter of the domain.
                if (step.norm() > maxStep) step *= maxStep / step.norm();
                x -= step;
                if (!domain.contains(x)) break;
            }
            if (!ok || !domain.contains(x)) continue;
            const bool seen = std::any_of(found.begin(), found.end(), [&](const CriticalPoint& c) {
                return (c.at - x).norm() < 1e-6 * size;
            });
            if (!seen) found.push_back(classifyCriticalPoint(surface, x));
        }
    }
    std::sort(found.begin(), found.end(), [](const CriticalPoint& a, const CriticalPoint& b) {
        return a.value < b.value || (a.value == b.value && a.at.x() < b.at.x());
    });
    return found;
}

} // namespace minima
