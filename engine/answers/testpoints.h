#pragma once
// The points an expression answer is tested at: eight per key, fixed for a given key, each
// variable drawn from its domain; and an expression's exact value at each of them.
#include <map>
#include <string>
#include <vector>

#include "engine/answers/bounded.h"
#include "engine/answers/checker.h"

namespace minima::answers::detail {

struct Point {
    std::map<std::string, ex> env;
    std::string label;   // "n = 3, l = 2"
};

struct PointValue {
    bool ok = false;
    bool bound = false;
    ex value;
    std::string error;
};

std::vector<Point> testPoints(const AnswerKey& key, const std::map<std::string, ex>& params);

// The tree's value at each point; where it fails, why (and whether a bound was hit).
std::vector<PointValue> valuesAt(const Node& tree, const std::vector<Point>& points, const Bounds& bounds);

} // namespace minima::answers::detail
