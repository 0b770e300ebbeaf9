#include "engine/surfaces/surface.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <Eigen/Eigenvalues>

#include "engine/surfaces/analytic.h"
#include "engine/surfaces/terrain.h"

namespace minima {

std::string pointKindName(PointKind kind)
{
    switch (kind) {
    case PointKind::Minimum: return "minimum";
    case PointKind::Maximum: return "maximum";
    case PointKind::Saddle: return "saddle";
    case PointKind::Degenerate: return "degenerate";
    }
    return "degenerate";
}

std::vector<KnownPoint> Surface::minima() const
{
    std::vector<KnownPoint> out;
    for (const auto& p : knownPoints())
        if (p.kind == PointKind::Minimum) out.push_back(p);
    return out;
}

// Second-derivative test: both eigenvalues of the Hessian positive -> minimum, both
// negative -> maximum, opposite signs -> saddle, a zero one -> the test says nothing.
PointKind classifyHessian(const Eigen::Matrix2d& hessian, double tolerance)
{
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> eig(hessian, Eigen::EigenvaluesOnly);
    const Eigen::Vector2d l = eig.eigenvalues();
    if (!l.allFinite()) return PointKind::Degenerate;
    const double zero = std::max(tolerance, tolerance * l.cwiseAbs().maxCoeff());
    if (std::abs(l(0)) <= zero || std::abs(l(1)) <= zero) return PointKind::Degenerate;
    if (l(0) > 0 && l(1) > 0) return PointKind::Minimum;
    if (l(0) < 0 && l(1) < 0) return PointKind::Maximum;
    return PointKind::Saddle;
}

Point2 polishMinimum(const Surface& surface, Point2 x, int maxIterations)
{
    double fx = surface.value(x);
    for (int it = 0; it < maxIterations; ++it) {
        const Point2 g = surface.gradient(x);
        if (!g.allFinite() || g.norm() < 1e-13) break;
        const Eigen::Matrix2d h = surface.hessian(x);
        Point2 d = -g;
        if (classifyHessian(h, 1e-12) == PointKind::Minimum) d = h.ldlt().solve(-g);
        if (g.dot(d) >= 0) d = -g;
        // Armijo backtracking: accept t with f(x + t d) <= f(x) + 1e-4 t g.d
        double t = 1.0;
        bool moved = false;
        for (int k = 0; k < 60; ++k, t *= 0.5) {
            const Point2 trial = x + t * d;
            const double ft = surface.value(trial);
            if (std::isfinite(ft) && ft <= fx + 1e-4 * t * g.dot(d)) {
                moved = (trial - x).norm() > 0;
                x = trial;
                fx = ft;
                break;
            }
        }
        if (!moved) break;
    }
    return x;
}

const std::vector<std::string>& surfaceKeys()
{
    static const std::vector<std::string> keys = {"bowl", "himmelblau", "camel", "rosenbrock",
                                                  "beale", "rastrigin", "terrain"};
    return keys;
}

std::unique_ptr<Surface> makeSurface(const std::string& key, const SurfaceOptions& o)
{
    if (key == "bowl") return std::make_unique<QuadraticBowl>(o.bowlLambda1, o.bowlLambda2, o.bowlAngle);
    if (key == "himmelblau") return std::make_unique<Himmelblau>();
    if (key == "camel") return std::make_unique<SixHumpCamel>();
    if (key == "rosenbrock") return std::make_unique<Rosenbrock>();
    if (key == "beale") return std::make_unique<Beale>();
    if (key == "rastrigin") return std::make_unique<Rastrigin>();
    if (key == "terrain") return std::make_unique<Terrain>(o.terrainSeed, o.terrainWells);
    throw std::invalid_argument("unknown surface '" + key + "'");
}

} // namespace minima
