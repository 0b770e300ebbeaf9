#pragma once
// Contour lines of a gridded function by marching squares (Lorensen & Cline 1987, in 2-D):
// each grid cell is classified by which corners lie above the level, crossings are placed
// on the cell edges by linear interpolation, and the segments are joined into polylines.
// The two ambiguous (saddle) cells are resolved by the mean of the four corners.
#include <vector>

#include "engine/landscape/grid.h"

namespace minima {

struct Polyline {
    std::vector<Point2> points;
    bool closed = false;   // a loop: the last point repeats the first
};

struct ContourLevel {
    double level = 0.0;
    std::vector<Polyline> lines;
};

std::vector<Polyline> marchingSquares(const Grid2D& grid, double level);
std::vector<ContourLevel> contourLines(const Grid2D& grid, const std::vector<double>& levels);

// `count` levels spread between the grid's minimum and maximum; quantile spacing so that
// surfaces with a huge range (Rosenbrock) still show lines near their minima.
std::vector<double> contourLevels(const Grid2D& grid, int count);

// `line` thinned to the points that matter at `tolerance` (Douglas & Peucker 1973): no dropped
// point lies farther than `tolerance` from the line kept. Its ends (and, for a loop, the point
// farthest from its start) are always kept; a tolerance that is not positive keeps every point.
Polyline thinnedPolyline(const Polyline& line, double tolerance);

} // namespace minima
