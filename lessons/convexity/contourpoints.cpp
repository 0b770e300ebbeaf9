#include "lessons/convexity/contourpoints.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace minima {

namespace {

// Distance from p to the segment from a to b (to a itself when the segment is a point).
double distanceToSegment(const Point2& p, const Point2& a, const Point2& b)
{
    const Point2 ab = b - a;
    const double length2 = ab.squaredNorm();
    if (!(length2 > 0)) return (p - a).norm();
    const double t = std::clamp((p - a).dot(ab) / length2, 0.0, 1.0);
    return (p - (a + t * ab)).norm();
}

} // namespace

QList<QPointF> thinnedPoints(const Polyline& line, double tolerance)
{
    const std::vector<Point2>& pts = line.points;
    QList<QPointF> out;
    if (pts.size() <= 2 || !(tolerance > 0)) {
        for (const Point2& p : pts) out.append({p.x(), p.y()});
        return out;
    }
    std::vector<bool> keep(pts.size(), false);
    keep.front() = keep.back() = true;
    // A loop's first and last points coincide: split it at the point farthest from its start.
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    if (line.closed || (pts.front() - pts.back()).norm() == 0) {
        std::size_t far = 1;
        for (std::size_t i = 1; i + 1 < pts.size(); ++i)
            if ((pts[i] - pts.front()).norm() > (pts[far] - pts.front()).norm()) far = i;
        keep[far] = true;
        spans.push_back({0, far});
        spans.push_back({far, pts.size() - 1});
    } else {
        spans.push_back({0, pts.size() - 1});
    }
    while (!spans.empty()) {
        const auto [first, last] = spans.back();
        spans.pop_back();
        double worst = -1;
        std::size_t at = first;
        for (std::size_t i = first + 1; i < last; ++i) {
            const double d = distanceToSegment(pts[i], pts[first], pts[last]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        if (worst > tolerance) {
            keep[at] = true;
            spans.push_back({first, at});
            spans.push_back({at, last});
        }
    }
    for (std::size_t i = 0; i < pts.size(); ++i)
        if (keep[i]) out.append({pts[i].x(), pts[i].y()});
    return out;
}

std::vector<QList<QPointF>> thinnedContours(const std::vector<ContourLevel>& levels, double tolerance)
{
    std::vector<QList<QPointF>> out;
    for (const ContourLevel& level : levels)
        for (const Polyline& line : level.lines) out.push_back(thinnedPoints(line, tolerance));
    return out;
}

} // namespace minima
