#include "engine/answers/compare.h"

#include <algorithm>
#include <cmath>

#include "engine/answers/numbertext.h"

namespace minima::answers::detail {

namespace {

// An upper estimate of the number of terms GiNaC's normal() could expand a tree into:
// sums add, products multiply, an integer power e of an s-term sum gives up to s^e.
double expansionTerms(const Node& n)
{
    auto t = [](const NodePtr& p) { return expansionTerms(*p); };
    switch (n.kind) {
    case Node::Kind::Number:
    case Node::Kind::Name: return 1.0;
    case Node::Kind::Add:
    case Node::Kind::Sub: return t(n.args[0]) + t(n.args[1]);
    case Node::Kind::Mul:
    case Node::Kind::Div: return t(n.args[0]) * t(n.args[1]);
    case Node::Kind::Neg: return t(n.args[0]);
    case Node::Kind::Pow: {
        const double base = t(n.args[0]);
        if (n.args[1]->kind == Node::Kind::Number) {
            try {
                const double e = std::abs(decimalValue(n.args[1]->text).to_double());
                return base <= 1.0 ? 1.0 : std::pow(base, std::min(e, 1000.0));
            } catch (const std::exception&) {
                return 1e300;
            }
        }
        return base * t(n.args[1]) * 4.0;
    }
    case Node::Kind::Factorial:
    case Node::Kind::Call: {
        double s = 1.0;
        for (const NodePtr& a : n.args) s += t(a);
        return s;
    }
    }
    return 1e300;
}

// Symbolic normalisation, only when it is cheap: small trees whose expansion stays small
// (normal() of (n+l+1)^64 (n-l+2)^64 would expand into millions of terms).
bool cheapToNormalise(const Node& n)
{
    return countNodes(n) <= 200 && expansionTerms(n) <= 2000.0;
}

} // namespace

Comparison compareExpressions(const Node& learner, const std::vector<PointValue>& learnerValues,
                              const Node& candidate, const std::vector<Point>& points,
                              const std::map<std::string, ex>& symbolic, const Bounds& bounds)
{
    Comparison c;
    // 1. Symbolic normalisation: a zero difference settles it.
    if (cheapToNormalise(learner) && cheapToNormalise(candidate)) {
        try {
            const ex d = (evaluate(learner, bounds, symbolic) - evaluate(candidate, bounds, symbolic)).normal();
            if (d.is_zero()) { c.same = true; return c; }
        } catch (const std::exception&) {
        }
    }
    // 2. Exact evaluation at the test points.
    const std::vector<PointValue> expected = valuesAt(candidate, points, bounds);
    int compared = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!expected[i].ok) continue;   // the candidate is undefined here: no information
        const PointValue& v = learnerValues[i];
        if (!v.ok) {
            c.bound = v.bound;
            c.difference = "For " + points[i].label + " your expression cannot be "
                + (v.bound ? "checked: " : "evaluated: ") + v.error;
            return c;
        }
        ++compared;
        if (!sameValue(v.value, expected[i].value)) {
            c.difference = "For " + points[i].label + " your expression gives " + describeNumber(v.value)
                + ", but it should give " + describeNumber(expected[i].value) + ".";
            return c;
        }
    }
    c.same = compared > 0;
    return c;
}

} // namespace minima::answers::detail
