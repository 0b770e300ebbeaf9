#include "engine/answers/intervals.h"

#include <algorithm>
#include <sstream>

#include "engine/answers/numbertext.h"

namespace minima::answers::detail {

bool lessEnd(const End& a, const End& b)
{
    if (a.inf != b.inf) return a.inf < b.inf;
    if (a.inf != 0) return false;
    return a.v < b.v;
}
bool sameEnd(const End& a, const End& b) { return !lessEnd(a, b) && !lessEnd(b, a); }

namespace {

bool emptyInterval(const Interval& i)
{
    if (lessEnd(i.hi, i.lo)) return true;
    if (sameEnd(i.lo, i.hi)) return i.lo.inf != 0 || !(i.loClosed && i.hiClosed);
    return false;
}

} // namespace

RealSet normalise(std::vector<Interval> parts)
{
    parts.erase(std::remove_if(parts.begin(), parts.end(), emptyInterval), parts.end());
    for (Interval& i : parts) {
        if (i.lo.inf) i.loClosed = false;
        if (i.hi.inf) i.hiClosed = false;
    }
    std::sort(parts.begin(), parts.end(), [](const Interval& a, const Interval& b) {
        if (!sameEnd(a.lo, b.lo)) return lessEnd(a.lo, b.lo);
        return a.loClosed && !b.loClosed;
    });
    RealSet out;
    for (const Interval& i : parts) {
        if (!out.empty()) {
            Interval& cur = out.back();
            const bool touches = lessEnd(i.lo, cur.hi) || (sameEnd(i.lo, cur.hi) && (cur.hiClosed || i.loClosed));
            if (touches) {
                if (lessEnd(cur.hi, i.hi)) { cur.hi = i.hi; cur.hiClosed = i.hiClosed; }
                else if (sameEnd(cur.hi, i.hi)) cur.hiClosed = cur.hiClosed || i.hiClosed;
                continue;
            }
        }
        out.push_back(i);
    }
    return out;
}

RealSet allReals() { return {Interval{End{-1, 0}, End{1, 0}, false, false}}; }

RealSet complement(const RealSet& s)
{
    std::vector<Interval> out;
    End from{-1, 0};
    bool fromClosed = false;
    for (const Interval& i : s) {
        out.push_back({from, i.lo, fromClosed, !i.loClosed});
        from = i.hi;
        fromClosed = !i.hiClosed;
    }
    out.push_back({from, End{1, 0}, fromClosed, false});
    return normalise(out);
}

RealSet unite(const RealSet& a, const RealSet& b)
{
    std::vector<Interval> all(a);
    all.insert(all.end(), b.begin(), b.end());
    return normalise(all);
}

RealSet intersect(const RealSet& a, const RealSet& b) { return complement(unite(complement(a), complement(b))); }

bool sameSet(const RealSet& a, const RealSet& b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!sameEnd(a[i].lo, b[i].lo) || !sameEnd(a[i].hi, b[i].hi) || a[i].loClosed != b[i].loClosed
            || a[i].hiClosed != b[i].hiClosed)
            return false;
    }
    return true;
}

std::string formatEnd(const End& e)
{
    if (e.inf < 0) return "-\xE2\x88\x9E";
    if (e.inf > 0) return "\xE2\x88\x9E";
    if (e.v.is_rational()) return toString(e.v);
    std::ostringstream s;
    s.precision(10);
    s << e.v.to_double();
    return s.str();
}

std::string intervalText(const std::string& lo, const std::string& hi, bool loClosed, bool hiClosed)
{
    std::string out = loClosed ? "[" : "(";
    out += lo;
    out += ", ";
    out += hi;
    out += hiClosed ? "]" : ")";
    return out;
}

std::string formatSet(const RealSet& s)
{
    if (s.empty()) return "no value (\xE2\x88\x85)";
    if (sameSet(s, allReals())) return "all real numbers";
    std::string out;
    for (const Interval& i : s) {
        if (!out.empty()) out += " \xE2\x88\xAA ";
        if (sameEnd(i.lo, i.hi)) {
            out += "{";
            out += formatEnd(i.lo);
            out += "}";
        } else {
            out += intervalText(formatEnd(i.lo), formatEnd(i.hi), i.loClosed, i.hiClosed);
        }
    }
    return out;
}

// A number in the set (for "k = ... is in your set" feedback).
numeric witness(const Interval& i)
{
    if (i.lo.inf && i.hi.inf) return 0;
    if (i.lo.inf) return i.hiClosed ? i.hi.v : i.hi.v - 1;
    if (i.hi.inf) return i.loClosed ? i.lo.v : i.lo.v + 1;
    if (i.loClosed) return i.lo.v;
    return (i.lo.v + i.hi.v) / 2;
}

namespace {

End endValue(const NodePtr& node, int inf, const Bounds& bounds, const std::map<std::string, ex>& env)
{
    if (!node) return End{inf, 0};
    return End{0, realValue(evaluate(*node, bounds, env))};
}

RealSet comparisonSet(const std::string& op, const numeric& c, bool variableOnLeft)
{
    std::string o = op;
    if (!variableOnLeft) {   // "0 < k" is "k > 0"
        if (o == "<") o = ">";
        else if (o == ">") o = "<";
        else if (o == "<=") o = ">=";
        else if (o == ">=") o = "<=";
    }
    const End v{0, c}, lo{-1, 0}, hi{1, 0};
    if (o == "<") return normalise({{lo, v, false, false}});
    if (o == "<=") return normalise({{lo, v, false, true}});
    if (o == ">") return normalise({{v, hi, false, false}});
    if (o == ">=") return normalise({{v, hi, true, false}});
    const RealSet point = normalise({{v, v, true, true}});
    if (o == "=") return point;
    return complement(point);
}

} // namespace

RealSet conditionSet(const Condition& c, const std::string& variable, const Bounds& bounds,
                     const std::map<std::string, ex>& env)
{
    switch (c.kind) {
    case Condition::Kind::All: return allReals();
    case Condition::Kind::Empty: return {};
    case Condition::Kind::Or: {
        RealSet s;
        for (const Condition& p : c.parts) s = unite(s, conditionSet(p, variable, bounds, env));
        return s;
    }
    case Condition::Kind::And: {
        RealSet s = allReals();
        for (const Condition& p : c.parts) s = intersect(s, conditionSet(p, variable, bounds, env));
        return s;
    }
    case Condition::Kind::Interval: {
        const End lo = endValue(c.lo, -1, bounds, env);
        const End hi = endValue(c.hi, 1, bounds, env);
        if (lessEnd(hi, lo)) throw MathError("The interval " + formatEnd(lo) + " to " + formatEnd(hi) + " runs backwards.");
        return normalise({{lo, hi, c.loClosed, c.hiClosed}});
    }
    case Condition::Kind::Compare: {
        RealSet s = allReals();
        auto isVar = [&](const NodePtr& n) { return n->kind == Node::Kind::Name && n->text == variable; };
        for (std::size_t i = 0; i < c.ops.size(); ++i) {
            const NodePtr& l = c.terms[i];
            const NodePtr& r = c.terms[i + 1];
            if (isVar(l) == isVar(r))
                throw MathError("Write the condition on " + variable + " alone, e.g. \"" + variable + " > 0\".");
            const NodePtr& constant = isVar(l) ? r : l;
            const numeric v = realValue(evaluate(*constant, bounds, env));
            s = intersect(s, comparisonSet(c.ops[i], v, isVar(l)));
        }
        return s;
    }
    }
    return {};
}

} // namespace minima::answers::detail
