#pragma once
// Contour lines as chart points, thinned for drawing. A chart redraws (and strokes) every point
// of a line series whenever its data or its axes change, so a marching-squares polyline with a
// point on every grid edge it crosses is thinned to the points that matter at `tolerance`
// (thinnedPolyline() in engine/landscape/contours.h). Meant for a lab's job.
#include <QList>
#include <QPointF>

#include <vector>

#include "engine/landscape/contours.h"

namespace minima {

QList<QPointF> thinnedPoints(const Polyline& line, double tolerance);

// Every polyline of every level, thinned, in order.
std::vector<QList<QPointF>> thinnedContours(const std::vector<ContourLevel>& levels, double tolerance);

} // namespace minima
