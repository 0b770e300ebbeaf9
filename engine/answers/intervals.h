#pragma once
// Sets of real numbers as sorted unions of disjoint intervals, exact at their ends: what a
// condition answer ("k > 0", "[1, 2] or k > 5") describes, and how two of them compare.
#include <map>
#include <string>
#include <vector>

#include "engine/answers/bounded.h"

namespace minima::answers::detail {

struct End {
    int inf = 0;   // -1: -infinity, +1: +infinity, 0: finite
    numeric v;
};

struct Interval {
    End lo, hi;
    bool loClosed = false, hiClosed = false;
};
using RealSet = std::vector<Interval>;   // sorted, disjoint, not touching

bool lessEnd(const End& a, const End& b);
bool sameEnd(const End& a, const End& b);

// The intervals as a RealSet: empty ones dropped, overlapping and touching ones merged.
RealSet normalise(std::vector<Interval> parts);
RealSet allReals();
RealSet complement(const RealSet& s);
RealSet unite(const RealSet& a, const RealSet& b);
RealSet intersect(const RealSet& a, const RealSet& b);
bool sameSet(const RealSet& a, const RealSet& b);

// "(0, ∞)", "{2}", "no value (∅)", "all real numbers".
std::string formatEnd(const End& e);
std::string formatSet(const RealSet& s);
// An interval from its ends as written: "[0, ∞)", "(a, b]".
std::string intervalText(const std::string& lo, const std::string& hi, bool loClosed, bool hiClosed);

// A number in the set (for "k = ... is in your set" feedback).
numeric witness(const Interval& i);

// The set of values of the variable that satisfy the condition. Throws MathError.
RealSet conditionSet(const Condition& c, const std::string& variable, const Bounds& bounds,
                     const std::map<std::string, ex>& env);

} // namespace minima::answers::detail
