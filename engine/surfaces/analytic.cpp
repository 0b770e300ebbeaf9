#include "engine/surfaces/analytic.h"

#include <algorithm>

namespace minima {

QuadraticBowl::QuadraticBowl(double lambda1, double lambda2, double angle)
    : l1_(lambda1), l2_(lambda2)
{
    const double c = std::cos(angle), s = std::sin(angle);
    Eigen::Matrix2d r;
    r << c, -s, s, c;
    a_ = r * Eigen::Vector2d(lambda1, lambda2).asDiagonal() * r.transpose();
    a_(1, 0) = a_(0, 1);   // exactly symmetric, whatever the rounding
}

std::vector<KnownPoint> QuadraticBowl::knownPoints() const
{
    // The origin is the only critical point (when A is invertible); its kind follows the
    // signs of the eigenvalues.
    return {{Point2::Zero(), 0.0, classifyHessian(a_, 1e-12), true}};
}

// Minima: Himmelblau, "Applied Nonlinear Programming" (1972); the maximum and saddles
// are the other five stationary points of the quartic, located by Newton's method on
// the gradient (checked in tst_surfaces against the Hessian classification).
std::vector<KnownPoint> Himmelblau::knownPoints() const
{
    return {
        {{3.0, 2.0}, 0.0, PointKind::Minimum, true},
        {{-2.805118, 3.131312}, 0.0, PointKind::Minimum, true},
        {{-3.779310, -3.283186}, 0.0, PointKind::Minimum, true},
        {{3.584428, -1.848126}, 0.0, PointKind::Minimum, true},
        {{-0.270845, -0.923039}, 181.617, PointKind::Maximum, true},
        {{0.086678, 2.884255}, 67.7192, PointKind::Saddle, false},
        {{-3.073026, -0.081353}, 104.0152, PointKind::Saddle, false},
        {{3.385154, 0.073852}, 13.3119, PointKind::Saddle, false},
        {{-0.127961, -1.953715}, 178.3372, PointKind::Saddle, false},
    };
}

// Dixon & Szego, "Towards Global Optimisation 2" (1978); six local minima, the global
// pair f = -1.0316 (Molga & Smutnicki, "Test functions for optimization needs", 2005).
std::vector<KnownPoint> SixHumpCamel::knownPoints() const
{
    return {
        {{0.089842, -0.712656}, -1.031628, PointKind::Minimum, true},
        {{-0.089842, 0.712656}, -1.031628, PointKind::Minimum, true},
        {{-1.703607, 0.796084}, -0.215464, PointKind::Minimum, false},
        {{1.703607, -0.796084}, -0.215464, PointKind::Minimum, false},
        {{-1.607105, -0.568651}, 2.104250, PointKind::Minimum, false},
        {{1.607105, 0.568651}, 2.104250, PointKind::Minimum, false},
    };
}

// Rosenbrock, "An automatic method for finding the greatest or least value of a
// function" (1960): the only stationary point, f = 0 at (1, 1).
std::vector<KnownPoint> Rosenbrock::knownPoints() const
{
    return {{{1.0, 1.0}, 0.0, PointKind::Minimum, true}};
}

// Beale (1958); global minimum f = 0 at (3, 0.5) (Molga & Smutnicki 2005).
std::vector<KnownPoint> Beale::knownPoints() const
{
    return {{{3.0, 0.5}, 0.0, PointKind::Minimum, true}};
}

// Rastrigin (1974): global minimum f = 0 at the origin, and a local minimum near every
// integer point: each coordinate solves x + 10 pi sin(2 pi x) = 0 near its integer k
// (refined here by Newton's method). All 121 in the plotting domain are listed, by value.
std::vector<KnownPoint> Rastrigin::knownPoints() const
{
    std::vector<double> roots;
    for (int k = -5; k <= 5; ++k) {
        double x = k;
        for (int it = 0; it < 50; ++it)
            x -= (x + 5.0 * kTwoPi * std::sin(kTwoPi * x)) / (1.0 + 5.0 * kTwoPi * kTwoPi * std::cos(kTwoPi * x));
        roots.push_back(x);
    }
    std::vector<KnownPoint> pts;
    for (double x : roots)
        for (double y : roots) {
            const Point2 p(x, y);
            pts.push_back({p, value(p), PointKind::Minimum, x == 0.0 && y == 0.0});
        }
    std::stable_sort(pts.begin(), pts.end(), [](const KnownPoint& a, const KnownPoint& b) { return a.value < b.value; });
    pts.front() = {Point2::Zero(), 0.0, PointKind::Minimum, true};
    return pts;
}

} // namespace minima
