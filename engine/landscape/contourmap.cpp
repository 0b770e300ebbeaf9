#include "engine/landscape/contourmap.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace minima {

namespace {

std::vector<double> finiteOnly(std::vector<double> values)
{
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }), values.end());
    return values;
}

int countFinite(const std::vector<double>& values)
{
    return int(std::count_if(values.begin(), values.end(), [](double v) { return std::isfinite(v); }));
}

} // namespace

ValueRange finiteRange(const std::vector<double>& values)
{
    double lo = INFINITY, hi = -INFINITY;
    for (double v : values)
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    if (!std::isfinite(lo)) lo = hi = 0;
    return {lo, hi};
}

double percentileValue(std::vector<double> values, int percent)
{
    values = finiteOnly(std::move(values));
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    const std::size_t at = std::min(values.size() - 1, values.size() * std::size_t(std::clamp(percent, 0, 100)) / 100);
    std::nth_element(values.begin(), values.begin() + long(at), values.end());
    return values[at];
}

ValueRange plotRange(std::vector<double> values)
{
    values = finiteOnly(std::move(values));
    if (values.empty()) return {-1, 1};
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    double lo = values[n / 100], hi = values[n - 1 - n / 100];
    if (hi - lo < 1e-9 * std::max(1.0, std::abs(hi))) {
        lo -= 1;
        hi += 1;
    }
    const double pad = 0.08 * (hi - lo);
    return {lo - pad, hi + pad};
}

ContourMap surfaceContourMap(const Surface& surface, const Domain& domain, int cells, int contourCount,
                             Progress& progress)
{
    ContourMap m;
    m.grid = evaluateGrid(surface, domain, cells, cells, progress);
    m.contours = contourLines(m.grid, contourLevels(m.grid, contourCount));
    m.low = m.grid.minValue();
    m.high = m.grid.maxValue();
    m.finite = countFinite(m.grid.values);
    return m;
}

ContourMap trimmedContourMap(const std::function<double(const Point2&)>& f, const Domain& domain, int cells,
                             int contourCount, bool logColours)
{
    ContourMap m;
    m.grid = evaluateGrid(f, domain, cells, cells);
    const ValueRange range = finiteRange(m.grid.values);
    m.low = range.low;
    m.high = range.high;
    m.finite = countFinite(m.grid.values);
    if (!logColours && m.finite > 20) m.high = std::max(m.low + 1e-12, percentileValue(m.grid.values, 95));
    if (std::size_t(m.finite) == m.grid.values.size())
        m.contours = contourLines(m.grid, contourLevels(m.grid, contourCount));
    return m;
}

} // namespace minima
