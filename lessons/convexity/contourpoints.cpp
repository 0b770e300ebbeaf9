#include "lessons/convexity/contourpoints.h"

namespace minima {

QList<QPointF> thinnedPoints(const Polyline& line, double tolerance)
{
    QList<QPointF> out;
    for (const Point2& p : thinnedPolyline(line, tolerance).points) out.append({p.x(), p.y()});
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
