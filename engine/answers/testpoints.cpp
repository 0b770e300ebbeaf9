#include "engine/answers/testpoints.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>

#include "engine/answers/numbertext.h"
#include "engine/common/random.h"

namespace minima::answers::detail {

namespace {

std::uint64_t fnv1a(std::string_view s)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : s) { h ^= c; h *= 0x100000001b3ull; }
    return h;
}

} // namespace

std::vector<Point> testPoints(const AnswerKey& key, const std::map<std::string, ex>& params)
{
    // Eight points, fixed for a given key so a verdict never changes between runs.
    constexpr int kPoints = 8;
    Rng rng = makeRng(fnv1a(key.expected), 7);
    std::vector<Point> points;
    for (int i = 0; i < kPoints; ++i) {
        Point p;
        p.env = params;
        for (const Variable& v : key.variables) {
            numeric value;
            if (v.integer) {
                const long lo = long(std::ceil(v.lo));
                const long hi = std::max(lo, long(std::floor(v.hi)));
                value = numeric(lo + long(uniformIndex(rng, std::uint64_t(hi - lo + 1))));
            } else {
                // A rational in [lo, hi] on a grid of 1/840 of the range: exact, and rarely special.
                const numeric lo = rationalOf(v.lo);
                const numeric hi = rationalOf(v.hi);
                value = lo + (hi - lo) * numeric(long(uniformIndex(rng, 841)), 840);
            }
            p.env[v.name] = value;
            if (!p.label.empty()) p.label += ", ";
            p.label += v.name + " = " + toString(value);
        }
        points.push_back(std::move(p));
    }
    return points;
}

std::vector<PointValue> valuesAt(const Node& tree, const std::vector<Point>& points, const Bounds& bounds)
{
    std::vector<PointValue> out;
    for (const Point& p : points) {
        PointValue v;
        try {
            v.value = evaluate(tree, bounds, p.env);
            realValue(v.value);
            v.ok = true;
        } catch (const BoundHit& e) {
            v.bound = true;
            v.error = e.what();
        } catch (const std::exception& e) {
            v.error = e.what();
        }
        out.push_back(std::move(v));
    }
    return out;
}

} // namespace minima::answers::detail
