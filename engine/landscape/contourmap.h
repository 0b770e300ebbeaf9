#pragma once
// The numbers behind a heat map with contour lines: a function sampled on a square grid, its
// contour lines and the range of values the colours span, plus the value ranges the labs use
// to frame a graph. Plain computation on values: meant for a lab's job.
#include <functional>
#include <vector>

#include "engine/common/progress.h"
#include "engine/landscape/contours.h"
#include "engine/landscape/grid.h"
#include "engine/surfaces/surface.h"

namespace minima {

struct ValueRange {
    double low = 0;
    double high = 0;
};

// The smallest and largest finite values ({0, 0} when none is finite).
ValueRange finiteRange(const std::vector<double>& values);

// Of the finite values in ascending order, the one at index n * percent / 100 (n of them,
// integer division): 0 gives the smallest, 100 the largest. NaN when none is finite.
double percentileValue(std::vector<double> values, int percent);

// The range a graph of `values` is framed in: the finite values trimmed to their 1st..99th
// percentile, so one pole (1/x) does not flatten the rest, padded by 8% on each side; a flat
// set gets a band of 1 around its value; none finite gives [-1, 1].
ValueRange plotRange(std::vector<double> values);

struct ContourMap {
    Grid2D grid;
    std::vector<ContourLevel> contours;
    double low = 0, high = 0;   // the values the colours span
    int finite = 0;             // the grid's cells with a finite value
};

// `surface` on a cells x cells grid over `domain`, with `contourCount` levels spread by
// quantile (contourLevels()); the colours span the grid's minimum to its maximum.
ContourMap surfaceContourMap(const Surface& surface, const Domain& domain, int cells, int contourCount,
                             Progress& progress = Progress::none());

// A typed or listed function that may be undefined in places, on a cells x cells grid: contour
// lines (`contourCount` levels) only where it is defined on the whole grid, and colours from the
// smallest finite value up to the 95th percentile (unless `logColours`, and only with more than
// 20 finite cells), so a steep rim does not wash out the middle; higher values take the top colour.
ContourMap trimmedContourMap(const std::function<double(const Point2&)>& f, const Domain& domain, int cells,
                             int contourCount, bool logColours);

} // namespace minima
