#pragma once
// Critical points (grad f = 0) of a 2-D surface and their kind from the eigenvalues of
// the Hessian: both positive -> minimum, both negative -> maximum, mixed -> saddle,
// a zero eigenvalue -> degenerate (the second-derivative test is silent).
#include <vector>

#include "engine/surfaces/surface.h"

namespace minima {

struct CriticalPoint {
    Point2 at;
    double value = 0.0;
    PointKind kind = PointKind::Degenerate;
    Eigen::Vector2d eigenvalues;   // of the Hessian, ascending
};

CriticalPoint classifyCriticalPoint(const Surface& surface, const Point2& at);

// Newton's method on the gradient (x <- x - H^-1 grad f) from every point of a
// seeds x seeds grid over the domain; roots inside the domain are merged when closer
// than 1e-6 of the domain's size and sorted by value.
std::vector<CriticalPoint> findCriticalPoints(const Surface& surface, const Domain& domain, int seeds = 24);

} // namespace minima
