#include "engine/landscape/grid.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/common/parallel.h"

namespace minima {

double Grid2D::minValue() const
{
    double m = INFINITY;
    for (double v : values)
        if (std::isfinite(v)) m = std::min(m, v);
    return m;
}

double Grid2D::maxValue() const
{
    double m = -INFINITY;
    for (double v : values)
        if (std::isfinite(v)) m = std::max(m, v);
    return m;
}

Grid2D evaluateGrid(const std::function<double(const Point2&)>& f, const Domain& domain, int rows, int cols,
                    Progress& progress)
{
    if (rows < 2 || cols < 2 || rows > 4096 || cols > 4096)
        throw std::invalid_argument("a grid needs 2 to 4096 rows and columns");
    if (!(domain.xMax > domain.xMin) || !(domain.yMax > domain.yMin))
        throw std::invalid_argument("empty grid domain");
    Grid2D g;
    g.domain = domain;
    g.rows = rows;
    g.cols = cols;
    g.values.resize(std::size_t(rows) * std::size_t(cols));
    parallelFor(std::size_t(rows), [&](std::size_t r) {
        for (int c = 0; c < cols; ++c)
            g.values[r * std::size_t(cols) + std::size_t(c)] = f(Point2(g.x(c), g.y(int(r))));
    }, progress);
    return g;
}

Grid2D evaluateGrid(const Surface& surface, const Domain& domain, int rows, int cols, Progress& progress)
{
    return evaluateGrid([&surface](const Point2& p) { return surface.value(p); }, domain, rows, cols, progress);
}

} // namespace minima
