#include "engine/landscape/contours.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <utility>

namespace minima {

namespace {

struct Segment {
    long long a, b;   // edge ids
};

} // namespace

std::vector<Polyline> marchingSquares(const Grid2D& grid, double level)
{
    const int rows = grid.rows, cols = grid.cols;
    std::vector<Polyline> out;
    if (rows < 2 || cols < 2 || !std::isfinite(level)) return out;

    // Edge ids: horizontal edge (r, c)-(r, c+1) and vertical edge (r, c)-(r+1, c).
    const long long horizontalCount = (long long)rows * (cols - 1);
    auto hEdge = [&](int r, int c) { return (long long)r * (cols - 1) + c; };
    auto vEdge = [&](int r, int c) { return horizontalCount + (long long)r * cols + c; };
    std::unordered_map<long long, Point2> crossing;
    auto place = [&](long long id) {
        if (crossing.count(id)) return;
        int r0, c0, r1, c1;
        if (id < horizontalCount) {
            r0 = r1 = int(id / (cols - 1));
            c0 = int(id % (cols - 1));
            c1 = c0 + 1;
        } else {
            const long long k = id - horizontalCount;
            r0 = int(k / cols);
            c0 = c1 = int(k % cols);
            r1 = r0 + 1;
        }
        const double va = grid.at(r0, c0), vb = grid.at(r1, c1);
        const double t = std::clamp((level - va) / (vb - va), 0.0, 1.0);
        crossing[id] = Point2(grid.x(c0) + t * (grid.x(c1) - grid.x(c0)), grid.y(r0) + t * (grid.y(r1) - grid.y(r0)));
    };

    std::vector<Segment> segments;
    for (int r = 0; r + 1 < rows; ++r) {
        for (int c = 0; c + 1 < cols; ++c) {
            const double v00 = grid.at(r, c), v01 = grid.at(r, c + 1), v11 = grid.at(r + 1, c + 1),
                         v10 = grid.at(r + 1, c);
            if (!(std::isfinite(v00) && std::isfinite(v01) && std::isfinite(v11) && std::isfinite(v10))) continue;
            const int index = (v00 >= level ? 1 : 0) | (v01 >= level ? 2 : 0) | (v11 >= level ? 4 : 0)
                              | (v10 >= level ? 8 : 0);
            if (index == 0 || index == 15) continue;
            // E0 bottom, E1 right, E2 top, E3 left.
            const long long e[4] = {hEdge(r, c), vEdge(r, c + 1), hEdge(r + 1, c), vEdge(r, c)};
            auto add = [&](int i, int j) { segments.push_back({e[i], e[j]}); };
            const bool centreAbove = 0.25 * (v00 + v01 + v11 + v10) >= level;
            switch (index) {
            case 1: case 14: add(3, 0); break;
            case 2: case 13: add(0, 1); break;
            case 3: case 12: add(3, 1); break;
            case 4: case 11: add(1, 2); break;
            case 6: case 9: add(0, 2); break;
            case 7: case 8: add(3, 2); break;
            case 5:   // v00 and v11 above
                if (centreAbove) { add(0, 1); add(2, 3); } else { add(3, 0); add(1, 2); }
                break;
            case 10:  // v01 and v10 above
                if (centreAbove) { add(3, 0); add(1, 2); } else { add(0, 1); add(2, 3); }
                break;
            default: break;
            }
        }
    }

    // Join segments that share an edge crossing: every crossing belongs to at most two.
    std::unordered_map<long long, std::vector<int>> byEdge;
    for (int i = 0; i < int(segments.size()); ++i) {
        byEdge[segments[std::size_t(i)].a].push_back(i);
        byEdge[segments[std::size_t(i)].b].push_back(i);
    }
    std::vector<char> used(segments.size(), 0);
    auto nextSegment = [&](long long edge) {
        for (int s : byEdge[edge])
            if (!used[std::size_t(s)]) return s;
        return -1;
    };
    for (int i = 0; i < int(segments.size()); ++i) {
        if (used[std::size_t(i)]) continue;
        used[std::size_t(i)] = 1;
        std::vector<long long> chain = {segments[std::size_t(i)].a, segments[std::size_t(i)].b};
        // Forward from the end, then backward from the start.
        for (int pass = 0; pass < 2; ++pass) {
            for (;;) {
                const long long tail = chain.back();
                const int s = nextSegment(tail);
                if (s < 0) break;
                used[std::size_t(s)] = 1;
                const Segment& seg = segments[std::size_t(s)];
                chain.push_back(seg.a == tail ? seg.b : seg.a);
            }
            if (chain.front() == chain.back() && chain.size() > 2) break;
            std::reverse(chain.begin(), chain.end());
        }
        Polyline line;
        line.closed = chain.size() > 2 && chain.front() == chain.back();
        for (long long id : chain) {
            place(id);
            line.points.push_back(crossing[id]);
        }
        out.push_back(std::move(line));
    }
    return out;
}

std::vector<ContourLevel> contourLines(const Grid2D& grid, const std::vector<double>& levels)
{
    std::vector<ContourLevel> out;
    for (double level : levels) out.push_back({level, marchingSquares(grid, level)});
    return out;
}

std::vector<double> contourLevels(const Grid2D& grid, int count)
{
    std::vector<double> finite;
    for (double v : grid.values)
        if (std::isfinite(v)) finite.push_back(v);
    std::vector<double> levels;
    if (finite.empty() || count < 1) return levels;
    std::sort(finite.begin(), finite.end());
    for (int k = 1; k <= count; ++k) {
        const double q = double(k) / (count + 1);
        const double v = finite[std::size_t(q * double(finite.size() - 1))];
        if (levels.empty() || v > levels.back()) levels.push_back(v);
    }
    return levels;
}

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

Polyline thinnedPolyline(const Polyline& line, double tolerance)
{
    const std::vector<Point2>& pts = line.points;
    if (pts.size() <= 2 || !(tolerance > 0)) return line;
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
    Polyline out;
    out.closed = line.closed;
    for (std::size_t i = 0; i < pts.size(); ++i)
        if (keep[i]) out.points.push_back(pts[i]);
    return out;
}

} // namespace minima
