#pragma once
// Whether two expressions are the same: a zero symbolic difference when normalising is cheap,
// else the same exact value at every test point where the candidate is defined.
#include <map>
#include <string>
#include <vector>

#include "engine/answers/testpoints.h"

namespace minima::answers::detail {

struct Comparison {
    bool same = false;
    bool bound = false;       // the learner's value hit a bound: undecided, not wrong
    std::string difference;   // where they differ, for feedback
};

// The learner's expression (with its values at the points) against a candidate answer.
Comparison compareExpressions(const Node& learner, const std::vector<PointValue>& learnerValues,
                              const Node& candidate, const std::vector<Point>& points,
                              const std::map<std::string, ex>& symbolic, const Bounds& bounds);

} // namespace minima::answers::detail
