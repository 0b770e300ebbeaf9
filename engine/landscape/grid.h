#pragma once
// A 2-D function sampled on a regular grid over a domain (for heat maps and contours).
#include <functional>
#include <vector>

#include "engine/common/progress.h"
#include "engine/surfaces/surface.h"

namespace minima {

// values[r * cols + c] = f(x(c), y(r)); x(0) = xMin, x(cols-1) = xMax, y(0) = yMin (bottom row).
struct Grid2D {
    Domain domain;
    int rows = 0;
    int cols = 0;
    std::vector<double> values;

    double x(int c) const { return domain.xMin + (domain.xMax - domain.xMin) * c / (cols - 1); }
    double y(int r) const { return domain.yMin + (domain.yMax - domain.yMin) * r / (rows - 1); }
    double at(int r, int c) const { return values[std::size_t(r) * std::size_t(cols) + std::size_t(c)]; }
    double minValue() const;
    double maxValue() const;
};

// Throws std::invalid_argument when rows or cols is outside [2, 4096] or the domain is empty.
Grid2D evaluateGrid(const std::function<double(const Point2&)>& f, const Domain& domain, int rows, int cols,
                    Progress& progress = Progress::none());
Grid2D evaluateGrid(const Surface& surface, const Domain& domain, int rows, int cols,
                    Progress& progress = Progress::none());

} // namespace minima
