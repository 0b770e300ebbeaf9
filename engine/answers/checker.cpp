#include "engine/answers/checker.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>

#include <ginac/ginac.h>

#include "engine/common/random.h"

namespace minima::answers {

namespace {

using GiNaC::ex;
using GiNaC::numeric;

// A bound was hit: the input is too large to check (not wrong, not read).
struct BoundHit : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// The value is undefined (0/0, factorial(-1), log(0)).
struct MathError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string toString(const ex& e)
{
    std::ostringstream s;
    s << e;
    return s.str();
}

// Bits of an exact number (numerator + denominator); 64 for a float.
long bitsOf(const ex& e)
{
    if (!GiNaC::is_a<numeric>(e)) return 0;
    const numeric& n = GiNaC::ex_to<numeric>(e);
    if (n.is_rational()) return long(n.numer().int_length()) + long(n.denom().int_length());
    return 64;
}

// The exact rational a decimal literal stands for: "7.5e-1" -> 3/4.
numeric decimalValue(const std::string& text)
{
    std::string mantissa = text;
    long exponent = 0;
    const auto e = text.find_first_of("eE");
    if (e != std::string::npos) {
        mantissa = text.substr(0, e);
        exponent = std::stol(text.substr(e + 1));
    }
    const auto dot = mantissa.find('.');
    if (dot != std::string::npos) {
        exponent -= long(mantissa.size() - dot - 1);
        mantissa.erase(dot, 1);
    }
    const auto nz = mantissa.find_first_not_of('0');
    mantissa = nz == std::string::npos ? "0" : mantissa.substr(nz);
    numeric value(mantissa.c_str());
    if (exponent > 0) value *= GiNaC::pow(numeric(10), numeric(exponent));
    else if (exponent < 0) value /= GiNaC::pow(numeric(10), numeric(-exponent));
    return value;
}

// A number too long to quote (1e-100000 is a 100,001-digit fraction): its size in words, so
// feedback stays a sentence.
std::string longNumberText(const ex& e, const std::string& s)
{
    if (GiNaC::is_a<numeric>(e) && GiNaC::ex_to<numeric>(e).is_rational() && !GiNaC::ex_to<numeric>(e).is_integer()) {
        const numeric v = GiNaC::ex_to<numeric>(e);
        const long top = long(toString(GiNaC::abs(v.numer())).size());
        const long bottom = long(toString(v.denom()).size());
        return std::string(v < 0 ? "a negative fraction" : "a fraction") + " of about 10^" + std::to_string(top - bottom);
    }
    std::size_t digits = 0;
    for (char c : s) digits += (c >= '0' && c <= '9');
    return "a " + std::to_string(digits) + "-digit number";
}

std::string describeNumber(const ex& e)
{
    std::string s = toString(e);
    if (s.size() > 40) return longNumberText(e, s);
    return s;
}

// Work spent on this thread (bits of exact values built), for budgets across evaluations.
thread_local long long threadWork = 0;

// Evaluates a tree on GiNaC, checking every bound before the operation that could break it.
class Evaluator {
public:
    Evaluator(const Bounds& bounds, const std::map<std::string, ex>& env) : b_(bounds), env_(env) {}

    ex eval(const Node& n)
    {
        switch (n.kind) {
        case Node::Kind::Number: {
            const ex v = decimalValue(n.text);
            checkSize(v, n);
            return v;
        }
        case Node::Kind::Name: {
            const auto it = env_.find(n.text);
            if (it == env_.end()) throw MathError("\"" + n.text + "\" has no value here.");
            return it->second;
        }
        case Node::Kind::Add: return eval(*n.args[0]) + eval(*n.args[1]);
        case Node::Kind::Sub: return eval(*n.args[0]) - eval(*n.args[1]);
        case Node::Kind::Neg: return -eval(*n.args[0]);
        case Node::Kind::Mul: {
            const ex a = eval(*n.args[0]);
            const ex c = eval(*n.args[1]);
            guardProduct(a, c, n);
            return spend(a * c);
        }
        case Node::Kind::Div: {
            const ex a = eval(*n.args[0]);
            const ex c = eval(*n.args[1]);
            if (GiNaC::is_a<numeric>(c) && GiNaC::ex_to<numeric>(c).is_zero())
                throw MathError(GiNaC::is_a<numeric>(a) && GiNaC::ex_to<numeric>(a).is_zero()
                                    ? "0/0 is undefined." : "It divides by zero.");
            guardProduct(a, c, n);
            return spend(a / c);
        }
        case Node::Kind::Pow: return power(n);
        case Node::Kind::Factorial: {
            const ex a = eval(*n.args[0]);
            if (GiNaC::is_a<numeric>(a)) {
                const numeric& x = GiNaC::ex_to<numeric>(a);
                if (!x.is_nonneg_integer())
                    throw MathError("A factorial needs a whole number >= 0, and " + describeNumber(a)
                                    + " is not one.");
                if (x > b_.maxFactorialArgument)
                    throw BoundHit(describeNumber(a) + "! is too large to check (the limit is "
                                   + std::to_string(b_.maxFactorialArgument) + "!).");
                return spend(GiNaC::factorial(x));
            }
            return GiNaC::factorial(a);
        }
        case Node::Kind::Call: return call(n);
        }
        throw MathError("Unknown operation.");
    }

private:
    void checkSize(const ex& v, const Node& n) const
    {
        if (bitsOf(v) > b_.maxBits) throw BoundHit(tooLarge(n));
    }

    std::string tooLarge(const Node& n) const
    {
        std::string what = formatExpression(n);
        if (what.size() > 40) what = what.substr(0, 37) + "...";
        return what + " is too large to check (the limit is about "
            + std::to_string(long(double(b_.maxBits) * 0.30103 / 1000.0) * 1000) + " digits).";
    }

    void guardProduct(const ex& a, const ex& c, const Node& n) const
    {
        if (bitsOf(a) + bitsOf(c) > b_.maxBits) throw BoundHit(tooLarge(n));
    }

    ex spend(const ex& v)
    {
        work_ += bitsOf(v);
        threadWork += bitsOf(v);
        if (work_ > b_.maxWorkBits)
            throw BoundHit("The answer takes too much arithmetic to check; please simplify it.");
        return v;
    }

    // |v| as a float when v is a constant that is not a plain number (exp(100), 2^sqrt(2)), so
    // an exponent can be bounded before GiNaC evaluates it: exp(exp(100)) would ask CLN for
    // e^(2.7e43), an integer of about 4e43 bits. Every exp and power inside v was bounded when
    // it was built, so evaluating v itself stays small. -1 when v has names in it.
    static double constantMagnitude(const ex& v)
    {
        const ex f = GiNaC::evalf(v);
        if (!GiNaC::is_a<numeric>(f)) return -1.0;
        return GiNaC::abs(GiNaC::ex_to<numeric>(f)).to_double();
    }

    ex power(const Node& n)
    {
        const ex base = eval(*n.args[0]);
        const ex exponent = eval(*n.args[1]);
        if (!GiNaC::is_a<numeric>(exponent) && constantMagnitude(exponent) > double(b_.maxExponent)) {
            std::string what = formatExpression(n);
            if (what.size() > 40) what = what.substr(0, 37) + "...";
            throw BoundHit("The exponent of " + what + " is too large to check (the limit is "
                           + std::to_string(b_.maxExponent) + ").");
        }
        if (GiNaC::is_a<numeric>(exponent)) {
            const numeric& e = GiNaC::ex_to<numeric>(exponent);
            if (!e.is_real()) throw MathError("A power with a complex exponent is not supported.");
            if (GiNaC::abs(e) > b_.maxExponent)
            {
                std::string what = formatExpression(n);
                if (what.size() > 40) what = what.substr(0, 37) + "...";
                throw BoundHit("The exponent of " + what + " is " + describeNumber(exponent)
                               + ", too large to check (the limit is " + std::to_string(b_.maxExponent) + ").");
            }
            if (GiNaC::is_a<numeric>(base)) {
                const numeric& x = GiNaC::ex_to<numeric>(base);
                if (x.is_zero() && e.is_negative()) throw MathError("It divides by zero (0 to a negative power).");
                // GiNaC throws for pow(0, 0) after allocating the power, and the power leaks.
                if (x.is_zero() && e.is_zero()) throw MathError("0^0 is undefined.");
                if (e.is_rational() && x.is_rational()) {
                    // |x^e| has about |e| * bits(x) bits.
                    const double estimate = std::abs(e.to_double()) * double(bitsOf(base));
                    if (estimate > double(b_.maxBits)) throw BoundHit(tooLarge(n));
                }
            }
        }
        return spend(GiNaC::pow(base, exponent));
    }

    ex call(const Node& n)
    {
        std::vector<ex> a;
        for (const NodePtr& arg : n.args) a.push_back(eval(*arg));
        const bool num = GiNaC::is_a<numeric>(a[0]);
        const numeric x = num ? GiNaC::ex_to<numeric>(a[0]) : numeric(0);
        if (n.text == "factorial") {
            Node f;
            f.kind = Node::Kind::Factorial;
            f.args = n.args;
            return eval(f);
        }
        if (n.text == "sqrt") {
            if (num && x.is_real() && x.is_negative()) throw MathError("The square root of a negative number is not real.");
            return GiNaC::sqrt(a[0]);
        }
        if (n.text == "exp") {
            if (num && x.is_real() && GiNaC::abs(x) > b_.maxExponent) throw BoundHit(tooLarge(n));
            if (!num && constantMagnitude(a[0]) > double(b_.maxExponent)) throw BoundHit(tooLarge(n));
            return GiNaC::exp(a[0]);
        }
        if (n.text == "log") {
            if (num && x.is_real() && !x.is_positive()) throw MathError("The logarithm needs a positive number.");
            return GiNaC::log(a[0]);
        }
        if (n.text == "abs") return GiNaC::abs(a[0]);
        if (n.text == "binomial") {
            if (num && GiNaC::is_a<numeric>(a[1])) {
                const numeric& k = GiNaC::ex_to<numeric>(a[1]);
                if (!x.is_integer() || !k.is_integer())
                    throw MathError("binomial needs whole numbers.");
                if (GiNaC::abs(x) > b_.maxFactorialArgument) throw BoundHit(tooLarge(n));
                return spend(GiNaC::binomial(x, k));
            }
            return GiNaC::binomial(a[0], a[1]);
        }
        throw MathError("Unknown function " + n.text + ".");
    }

    const Bounds& b_;
    const std::map<std::string, ex>& env_;
    long work_ = 0;
};

// Turns any GiNaC/CLN failure into MathError, so callers catch two kinds only.
ex evaluate(const Node& n, const Bounds& bounds, const std::map<std::string, ex>& env)
{
    try {
        Evaluator ev(bounds, env);
        return ev.eval(n);
    } catch (const BoundHit&) {
        throw;
    } catch (const MathError&) {
        throw;
    } catch (const std::exception& e) {
        throw MathError(std::string("It cannot be evaluated (") + e.what() + ").");
    }
}

// A real number: exact when rational, else a float from evalf. Throws MathError if not real.
numeric realValue(const ex& v)
{
    ex f = v;
    if (!GiNaC::is_a<numeric>(f)) f = GiNaC::evalf(v);
    if (!GiNaC::is_a<numeric>(f)) throw MathError("It does not give a number.");
    const numeric& n = GiNaC::ex_to<numeric>(f);
    if (!n.is_real()) throw MathError("It is not a real number.");
    return n;
}

bool sameValue(const ex& a, const ex& b)
{
    try {
        if (GiNaC::is_a<numeric>(a) && GiNaC::is_a<numeric>(b)) {
            const numeric& x = GiNaC::ex_to<numeric>(a);
            const numeric& y = GiNaC::ex_to<numeric>(b);
            if (x.is_rational() && y.is_rational()) return x == y;
        }
        const numeric x = realValue(a);
        const numeric y = realValue(b);
        if (x.is_rational() && y.is_rational()) return x == y;
        const numeric scale = std::max(GiNaC::abs(x), GiNaC::abs(y));
        return GiNaC::abs(x - y) <= scale * numeric(1, 1000000000) * numeric(1, 1000);
    } catch (const std::exception&) {
        return false;
    }
}

std::map<std::string, ex> parameterValues(const AnswerKey& key, const Bounds& bounds)
{
    std::map<std::string, ex> env;
    for (const auto& [name, text] : key.parameters) {
        const Reading r = readExpression(text, {}, bounds);
        if (!r.ok) continue;   // a non-numeric parameter (e.g. an activation name)
        try {
            env[name] = evaluate(*r.tree, bounds, {});
        } catch (const std::exception&) {
        }
    }
    return env;
}

std::vector<std::string> parameterNames(const AnswerKey& key)
{
    std::vector<std::string> names;
    for (const auto& p : key.parameters) names.push_back(p.first);
    return names;
}

std::vector<std::string> variableNames(const AnswerKey& key)
{
    std::vector<std::string> names;
    for (const Variable& v : key.variables) names.push_back(v.name);
    return names;
}

// Numeric answers (integer, number) are constants: a learner may write "4!^3" but no names.
// Thousands separators ("3,715,891,200") and underscores are dropped first. A thousands group
// never follows a leading 0, and has three digits: "0,250", "0,25" and "1,5" are no thousands
// but may be a decimal comma, which this locale-free reader does not guess at: they are not
// read (decimalCommaMessage says why), never taken for 250. The exercise panel reads them with
// a decimal point where the locale writes decimals with a comma.
bool looksLikeDecimalComma(std::string_view input)
{
    std::string core(input);
    core.erase(std::remove(core.begin(), core.end(), '_'), core.end());
    const std::size_t b = core.find_first_not_of(" \t");
    if (b == std::string::npos) return false;
    core = core.substr(b, core.find_last_not_of(" \t") - b + 1);
    std::size_t i = (core[0] == '-' || core[0] == '+') ? 1 : 0;
    const std::size_t digitsFrom = i;
    while (i < core.size() && core[i] >= '0' && core[i] <= '9') ++i;
    if (i == digitsFrom || i >= core.size() || core[i] != ',') return false;
    const std::size_t comma = i;
    if (comma + 1 >= core.size() || core.find_first_not_of("0123456789", comma + 1) != std::string::npos) return false;
    return core[digitsFrom] == '0' || core.size() - comma - 1 != 3;
}

const std::string decimalCommaMessage =
    "A comma here is no thousands separator (those come before groups of three digits, never after a leading 0): "
    "write a decimal with a point, e.g. 0.25.";

std::string normaliseNumberInput(std::string_view input)
{
    std::string s(input);
    s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
    // Only a plain number with groups of three after each comma.
    bool grouped = s.find(',') != std::string::npos;
    std::size_t b = s.find_first_not_of(" \t");
    std::size_t e = s.find_last_not_of(" \t");
    if (grouped && b != std::string::npos) {
        std::string core = s.substr(b, e - b + 1);
        std::size_t i = (core[0] == '-' || core[0] == '+') ? 1 : 0;
        const std::size_t digitsFrom = i;
        std::size_t firstGroup = 0;
        while (i < core.size() && core[i] >= '0' && core[i] <= '9') { ++i; ++firstGroup; }
        grouped = firstGroup >= 1 && firstGroup <= 3 && core[digitsFrom] != '0';
        while (grouped && i < core.size()) {
            if (core[i] == '.') break;
            if (core[i] != ',') { grouped = false; break; }
            for (int k = 1; k <= 3; ++k)
                if (i + k >= core.size() || core[i + k] < '0' || core[i + k] > '9') grouped = false;
            i += 4;
        }
        if (grouped) s.erase(std::remove(s.begin(), s.end(), ','), s.end());
    }
    return s;
}

// ---------------------------------------------------------------- points for expressions

struct Point {
    std::map<std::string, ex> env;
    std::string label;   // "n = 3, l = 2"
};

numeric rationalOf(double x) { return decimalValue(shortestDecimal(x)); }

std::uint64_t fnv1a(std::string_view s)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : s) { h ^= c; h *= 0x100000001b3ull; }
    return h;
}

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

struct PointValue {
    bool ok = false;
    bool bound = false;
    ex value;
    std::string error;
};

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

struct Comparison {
    bool same = false;
    bool bound = false;       // the learner's value hit a bound: undecided, not wrong
    std::string difference;   // where they differ, for feedback
};

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

// ---------------------------------------------------------------- sets of reals

struct End {
    int inf = 0;   // -1: -infinity, +1: +infinity, 0: finite
    numeric v;
};

bool lessEnd(const End& a, const End& b)
{
    if (a.inf != b.inf) return a.inf < b.inf;
    if (a.inf != 0) return false;
    return a.v < b.v;
}
bool sameEnd(const End& a, const End& b) { return !lessEnd(a, b) && !lessEnd(b, a); }

struct Interval {
    End lo, hi;
    bool loClosed = false, hiClosed = false;
};
using RealSet = std::vector<Interval>;   // sorted, disjoint, not touching

bool emptyInterval(const Interval& i)
{
    if (lessEnd(i.hi, i.lo)) return true;
    if (sameEnd(i.lo, i.hi)) return i.lo.inf != 0 || !(i.loClosed && i.hiClosed);
    return false;
}

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

std::string formatSet(const RealSet& s)
{
    if (s.empty()) return "no value (\xE2\x88\x85)";
    if (sameSet(s, allReals())) return "all real numbers";
    std::string out;
    for (const Interval& i : s) {
        if (!out.empty()) out += " \xE2\x88\xAA ";
        if (sameEnd(i.lo, i.hi)) out += "{" + formatEnd(i.lo) + "}";
        else out += std::string(i.loClosed ? "[" : "(") + formatEnd(i.lo) + ", " + formatEnd(i.hi) + (i.hiClosed ? "]" : ")");
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

// ---------------------------------------------------------------- the kinds

CheckResult unreadable(std::string why)
{
    CheckResult r;
    r.verdict = Verdict::Unreadable;
    r.feedback = std::move(why);
    return r;
}

const std::string kWrong = "Not quite.";

struct ConstantReading {
    Reading reading;
    ex value;
    std::string error;
    bool ok = false;
};

ConstantReading readConstant(std::string_view input, const Bounds& bounds)
{
    ConstantReading c;
    c.reading = readExpression(normaliseNumberInput(input), {}, bounds);
    if (!c.reading.ok) {
        c.error = looksLikeDecimalComma(input) ? decimalCommaMessage : c.reading.error;
        return c;
    }
    try {
        c.value = evaluate(*c.reading.tree, bounds, {});
        realValue(c.value);
        c.ok = true;
    } catch (const std::exception& e) {
        c.error = e.what();
    }
    return c;
}

ex keyValue(const std::string& text, const AnswerKey& key, const std::map<std::string, ex>& params,
            const Bounds& bounds)
{
    const Reading r = readExpression(text, parameterNames(key), bounds);
    if (!r.ok) throw MathError(r.error);
    return evaluate(*r.tree, bounds, params);
}

numeric toleranceFor(const AnswerKey& key, const numeric& expected)
{
    const numeric rel = rationalOf(key.relativeTolerance) * GiNaC::abs(expected);
    const numeric abs = rationalOf(key.absoluteTolerance);
    return std::max(rel, abs);
}

bool withinTolerance(const AnswerKey& key, const numeric& x, const numeric& expected)
{
    if (key.kind == CheckKind::Integer || (key.relativeTolerance == 0 && key.absoluteTolerance == 0))
        return x == expected || (!x.is_rational() && sameValue(x, expected));
    return GiNaC::abs(x - expected) <= toleranceFor(key, expected);
}

std::string toleranceText(const AnswerKey& key)
{
    std::vector<std::string> parts;
    if (key.relativeTolerance > 0) {
        parts.push_back(shortestDecimal(key.relativeTolerance * 100) + "% relative");
    }
    if (key.absoluteTolerance > 0) parts.push_back(shortestDecimal(key.absoluteTolerance) + " absolute");
    if (parts.empty()) return {};
    return parts.size() == 1 ? parts[0] : parts[0] + " or " + parts[1];
}

std::string numberText(const numeric& v);

// For feedback: a learner's number that is too long to quote is described by its size.
std::string shortNumberText(const numeric& v)
{
    if (const std::string t = toString(v); t.size() > 40) return longNumberText(v, t);
    return numberText(v);
}

std::string numberText(const numeric& v)
{
    if (v.is_integer()) return toString(v);
    if (v.is_rational()) {
        // 3/4 reads better with its decimal: "3/4 = 0.75".
        std::ostringstream s;
        s.precision(12);
        s << v.to_double();
        return toString(v) + " (" + s.str() + ")";
    }
    std::ostringstream s;
    s.precision(12);
    s << v.to_double();
    return s.str();
}

CheckResult checkNumber(const AnswerKey& key, std::string_view input, const Bounds& bounds)
{
    const ConstantReading c = readConstant(input, bounds);
    if (!c.ok) return unreadable(c.error);
    const auto params = parameterValues(key, bounds);
    CheckResult r;
    r.reading = c.reading.preview;
    numeric expected, x;
    try {
        expected = realValue(keyValue(key.expected, key, params, bounds));
        x = realValue(c.value);
    } catch (const std::exception& e) {
        return unreadable(std::string("This exercise's answer cannot be computed: ") + e.what());
    }
    r.expected = numberText(expected);
    if (key.kind == CheckKind::Number && !toleranceText(key).empty())
        r.expected += " (within " + toleranceText(key) + ")";
    if (withinTolerance(key, x, expected)) {
        r.verdict = Verdict::Correct;
        r.feedback = "Right: " + describeNumber(c.value) + ".";
        if (key.kind == CheckKind::Number && !(x == expected) && !toleranceText(key).empty())
            r.feedback = "Right: " + shortNumberText(x) + " is within " + toleranceText(key) + " of the exact value.";
        return r;
    }
    r.verdict = Verdict::Wrong;
    for (const Mistake& m : key.mistakes) {
        try {
            if (withinTolerance(key, x, realValue(keyValue(m.answer, key, params, bounds)))) {
                r.feedback = m.feedback;
                return r;
            }
        } catch (const std::exception&) {
        }
    }
    if (key.kind == CheckKind::Integer) {
        if (!x.is_integer()) {
            r.feedback = kWrong + " The answer is a whole number, and " + describeNumber(c.value) + " is not.";
            return r;
        }
        const std::size_t have = toString(GiNaC::abs(x)).size();
        const std::size_t want = toString(GiNaC::abs(expected)).size();
        r.feedback = kWrong + " " + describeNumber(c.value) + " is not the expected count.";
        if (have != want)
            r.feedback += " Yours has " + std::to_string(have) + " digit" + (have == 1 ? "" : "s")
                + "; the answer has " + std::to_string(want) + ".";
        return r;
    }
    r.feedback = kWrong + " " + shortNumberText(x) + " is not close enough to the expected value";
    if (!toleranceText(key).empty()) r.feedback += " (allowed: " + toleranceText(key) + ")";
    r.feedback += ".";
    return r;
}

CheckResult checkExpression(const AnswerKey& key, std::string_view input, const Bounds& bounds)
{
    const std::vector<std::string> names = variableNames(key);
    const Reading reading = readExpression(input, names, bounds);
    if (!reading.ok) return unreadable(reading.error);
    const auto params = parameterValues(key, bounds);
    std::map<std::string, ex> symbolic = params;
    for (const Variable& v : key.variables) symbolic[v.name] = GiNaC::symbol(v.name);

    std::vector<std::string> keyNames = names;
    for (const auto& p : key.parameters) keyNames.push_back(p.first);
    const Reading expected = readExpression(key.expected, keyNames, bounds);
    if (!expected.ok) return unreadable("This exercise's answer cannot be read: " + expected.error);

    CheckResult r;
    r.reading = reading.preview;
    r.expected = expected.preview;
    // A bound hit anywhere in the learner's expression (e.g. 10^10^10) is reported, not marked.
    try {
        evaluate(*reading.tree, bounds, symbolic);
    } catch (const BoundHit& e) {
        return unreadable(e.what());
    } catch (const std::exception&) {
        // Undefined symbolically (e.g. 0/0): the points below say where.
    }

    const std::vector<Point> points = testPoints(key, params);
    const std::vector<PointValue> values = valuesAt(*reading.tree, points, bounds);
    // Undefined at every point (n/0, 0^(n-n), log(n-n)): nothing was said, so nothing is marked.
    if (!values.empty() && std::none_of(values.begin(), values.end(), [](const PointValue& v) { return v.ok || v.bound; }))
        return unreadable("This expression is undefined wherever it was tried (" + values.front().error
                          + "), so it cannot be an answer.");
    const Comparison right = compareExpressions(*reading.tree, values, *expected.tree, points, symbolic, bounds);
    if (right.same) {
        r.verdict = Verdict::Correct;
        r.feedback = "Right: " + reading.preview + " is the expected expression.";
        return r;
    }
    if (right.bound) return unreadable(right.difference);
    r.verdict = Verdict::Wrong;
    for (const Mistake& m : key.mistakes) {
        const Reading mr = readExpression(m.answer, keyNames, bounds);
        if (!mr.ok) continue;
        if (compareExpressions(*reading.tree, values, *mr.tree, points, symbolic, bounds).same) {
            r.feedback = m.feedback;
            return r;
        }
    }
    r.feedback = kWrong + " " + (right.difference.empty() ? std::string("It is not the expected expression.") : right.difference);
    return r;
}

std::string lower(std::string s)
{
    for (char& ch : s) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

// "a, c", "c a", "a and c": a set of known option ids (case-insensitive).
bool readChoices(std::string_view input, const AnswerKey& key, std::set<std::string>* out, std::string* error)
{
    std::string word;
    std::vector<std::string> words;
    for (char ch : std::string(input) + " ") {
        if (ch == ',' || ch == ';' || ch == ' ' || ch == '\t' || ch == '\n') {
            if (!word.empty() && lower(word) != "and") words.push_back(word);
            word.clear();
        } else {
            word += ch;
        }
    }
    if (words.empty()) { *error = "Pick an option."; return false; }
    for (const std::string& w : words) {
        auto it = std::find_if(key.choices.begin(), key.choices.end(),
                               [&](const std::string& c) { return lower(c) == lower(w); });
        if (it == key.choices.end()) {
            std::string all;
            for (const std::string& c : key.choices) all += (all.empty() ? "" : ", ") + c;
            *error = "There is no option \"" + w + "\"; the options are " + all + ".";
            return false;
        }
        out->insert(*it);
    }
    if (!key.multipleChoice && out->size() > 1) { *error = "Pick one option."; return false; }
    return true;
}

std::string joinSet(const std::set<std::string>& s)
{
    std::string out;
    for (const std::string& x : s) out += (out.empty() ? "" : ", ") + x;
    return out;
}

CheckResult checkChoice(const AnswerKey& key, std::string_view input)
{
    std::set<std::string> picked, expected;
    std::string error;
    if (!readChoices(input, key, &picked, &error)) return unreadable(error);
    if (!readChoices(key.expected, key, &expected, &error)) return unreadable("This exercise's answer is broken: " + error);
    CheckResult r;
    r.reading = joinSet(picked);
    r.expected = joinSet(expected);
    if (picked == expected) {
        r.verdict = Verdict::Correct;
        r.feedback = "Right.";
        return r;
    }
    r.verdict = Verdict::Wrong;
    for (const Mistake& m : key.mistakes) {
        std::set<std::string> ms;
        std::string ignored;
        AnswerKey anyCount = key;
        anyCount.multipleChoice = true;
        if (readChoices(m.answer, anyCount, &ms, &ignored) && ms == picked) {
            r.feedback = m.feedback;
            return r;
        }
    }
    if (key.multipleChoice) {
        int good = 0, bad = 0;
        for (const std::string& p : picked) (expected.count(p) ? good : bad)++;
        const int missing = int(expected.size()) - good;
        r.feedback = kWrong + " " + std::to_string(good) + " of your choices " + (good == 1 ? "is" : "are")
            + " right, " + std::to_string(bad) + " " + (bad == 1 ? "is" : "are") + " not, and "
            + std::to_string(missing) + " right option" + (missing == 1 ? " is" : "s are") + " missing.";
    } else {
        r.feedback = kWrong + " \"" + joinSet(picked) + "\" is not the right option.";
    }
    return r;
}

struct SetReading {
    bool ok = false;
    std::string error;
    RealSet set;
};

SetReading readSet(std::string_view text, const AnswerKey& key, const Bounds& bounds)
{
    SetReading s;
    if (key.variables.size() != 1) { s.error = "A condition answer needs exactly one variable."; return s; }
    const ConditionReading c = readCondition(text, key.variables[0].name, bounds);
    if (!c.ok) { s.error = c.error; return s; }
    try {
        s.set = conditionSet(c.condition, key.variables[0].name, bounds, parameterValues(key, bounds));
        s.ok = true;
    } catch (const std::exception& e) {
        s.error = e.what();
    }
    return s;
}

CheckResult checkCondition(const AnswerKey& key, std::string_view input, const Bounds& bounds)
{
    const SetReading learner = readSet(input, key, bounds);
    if (!learner.ok) return unreadable(learner.error);
    const SetReading expected = readSet(key.expected, key, bounds);
    if (!expected.ok) return unreadable("This exercise's answer cannot be read: " + expected.error);
    const std::string& var = key.variables[0].name;
    CheckResult r;
    r.reading = var + " \xE2\x88\x88 " + formatSet(learner.set);
    r.expected = var + " \xE2\x88\x88 " + formatSet(expected.set);
    if (sameSet(learner.set, expected.set)) {
        r.verdict = Verdict::Correct;
        r.feedback = "Right: " + r.reading + ".";
        return r;
    }
    r.verdict = Verdict::Wrong;
    for (const Mistake& m : key.mistakes) {
        const SetReading ms = readSet(m.answer, key, bounds);
        if (ms.ok && sameSet(ms.set, learner.set)) {
            r.feedback = m.feedback;
            return r;
        }
    }
    const RealSet extra = intersect(learner.set, complement(expected.set));
    const RealSet missing = intersect(expected.set, complement(learner.set));
    if (!extra.empty())
        r.feedback = kWrong + " " + var + " = " + toString(witness(extra[0])) + " is in your set, but the condition fails there.";
    else if (!missing.empty())
        r.feedback = kWrong + " " + var + " = " + toString(witness(missing[0])) + " also satisfies the condition, but is not in your set.";
    else
        r.feedback = kWrong;
    return r;
}

} // namespace

std::string shortestDecimal(double x)
{
    if (!std::isfinite(x)) return "0";
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, res.ptr);
}

namespace {

// ---------------------------------------------------------------- typesetting the reading

std::string htmlEscape(std::string_view s)
{
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

const std::string kMinus = "\xE2\x88\x92";   // U+2212 minus sign

int typesetPrecedence(const Node& n)
{
    switch (n.kind) {
    case Node::Kind::Add:
    case Node::Kind::Sub: return 1;
    case Node::Kind::Mul:
    case Node::Kind::Div: return 2;
    case Node::Kind::Neg: return 3;
    case Node::Kind::Pow: return 4;
    case Node::Kind::Factorial: return 5;
    default: return 6;
    }
}

bool typesetAtom(const Node& n)
{
    if (n.kind == Node::Kind::Call && n.text == "factorial") return false;   // written n!
    if (n.kind == Node::Kind::Name || n.kind == Node::Kind::Call) return true;
    return n.kind == Node::Kind::Number && n.text.find_first_not_of("0123456789") == std::string::npos;
}

std::string paren(const std::string& s) { return "(" + s + ")"; }

// A name in italics, Greek letters by their symbol.
std::string typesetName(const std::string& name)
{
    static const std::pair<const char*, const char*> greek[] = {
        {"alpha", "\xCE\xB1"}, {"beta", "\xCE\xB2"}, {"gamma", "\xCE\xB3"}, {"delta", "\xCE\xB4"},
        {"epsilon", "\xCE\xB5"}, {"eta", "\xCE\xB7"}, {"theta", "\xCE\xB8"}, {"kappa", "\xCE\xBA"},
        {"lambda", "\xCE\xBB"}, {"mu", "\xCE\xBC"}, {"pi", "\xCF\x80"}, {"sigma", "\xCF\x83"}};
    for (const auto& [word, symbol] : greek)
        if (name == word) return std::string("<i>") + symbol + "</i>";
    return "<i>" + htmlEscape(name) + "</i>";
}

// "7.5e-1" as 7.5·10⁻¹ (a real superscript), "1e3" as 10³.
std::string typesetNumber(const std::string& text)
{
    const std::size_t e = text.find_first_of("eE");
    if (e == std::string::npos) return htmlEscape(text);
    const std::string mantissa = text.substr(0, e);
    std::string exponent = text.substr(e + 1);
    if (!exponent.empty() && exponent[0] == '+') exponent.erase(0, 1);
    if (!exponent.empty() && exponent[0] == '-') exponent = kMinus + exponent.substr(1);
    const std::string power = "10<sup>" + htmlEscape(exponent) + "</sup>";
    return mantissa == "1" ? power : htmlEscape(mantissa) + "\xC2\xB7" + power;
}

// How a teacher writes the tree: powers as superscripts, (n!)^l with its brackets, a/b as a
// fraction, products with a middle dot (or side by side, as typed: 2n), minus signs.
std::string typeset(const Node& n)
{
    auto t = [](const NodePtr& p) { return typeset(*p); };
    switch (n.kind) {
    case Node::Kind::Number: return typesetNumber(n.text);
    case Node::Kind::Name: return typesetName(n.text);
    case Node::Kind::Add:
    case Node::Kind::Sub: {
        const Node& r = *n.args[1];
        std::string right = t(n.args[1]);
        if (typesetPrecedence(r) <= 1 || r.kind == Node::Kind::Neg) right = paren(right);
        return t(n.args[0]) + (n.kind == Node::Kind::Add ? " + " : " " + kMinus + " ") + right;
    }
    case Node::Kind::Mul: {
        const Node& l = *n.args[0];
        const Node& r = *n.args[1];
        std::string left = t(n.args[0]);
        std::string right = t(n.args[1]);
        if (typesetPrecedence(l) < 2) left = paren(left);
        if (typesetPrecedence(r) <= 3) right = paren(right);
        const bool sideBySide = n.implicit && l.kind == Node::Kind::Number && r.kind != Node::Kind::Number
            && typesetPrecedence(r) > 3;
        return left + (sideBySide ? "" : "\xC2\xB7") + right;
    }
    case Node::Kind::Div:   // numerator over denominator: ᵃ⁄_b with the fraction slash U+2044
        return "<sup>" + t(n.args[0]) + "</sup>\xE2\x81\x84<sub>" + t(n.args[1]) + "</sub>";
    case Node::Kind::Neg: {
        std::string inner = t(n.args[0]);
        if (!typesetAtom(*n.args[0]) && n.args[0]->kind != Node::Kind::Factorial) inner = paren(inner);
        return kMinus + inner;
    }
    case Node::Kind::Pow: {
        std::string base = t(n.args[0]);
        if (!typesetAtom(*n.args[0])) base = paren(base);
        return base + "<sup>" + t(n.args[1]) + "</sup>";
    }
    case Node::Kind::Factorial: {
        std::string inner = t(n.args[0]);
        if (!typesetAtom(*n.args[0])) inner = paren(inner);
        return inner + "!";
    }
    case Node::Kind::Call: {
        if (n.text == "factorial" && n.args.size() == 1) {
            std::string inner = t(n.args[0]);
            if (!typesetAtom(*n.args[0])) inner = paren(inner);
            return inner + "!";
        }
        if (n.text == "sqrt" && n.args.size() == 1) return "\xE2\x88\x9A(" + t(n.args[0]) + ")";
        if (n.text == "abs" && n.args.size() == 1) return "|" + t(n.args[0]) + "|";
        if (n.text == "exp" && n.args.size() == 1) return "e<sup>" + t(n.args[0]) + "</sup>";
        std::string out = htmlEscape(n.text == "log" ? std::string("ln") : n.text) + "(";
        for (std::size_t i = 0; i < n.args.size(); ++i) out += (i ? ", " : "") + t(n.args[i]);
        return out + ")";
    }
    }
    return {};
}

std::string typesetOp(const std::string& op)
{
    if (op == "<=") return "\xE2\x89\xA4";
    if (op == ">=") return "\xE2\x89\xA5";
    if (op == "!=") return "\xE2\x89\xA0";
    if (op == "<") return "&lt;";
    if (op == ">") return "&gt;";
    return htmlEscape(op);
}

std::string typesetCondition(const Condition& c)
{
    switch (c.kind) {
    case Condition::Kind::Or:
    case Condition::Kind::And: {
        std::string out;
        for (const Condition& p : c.parts) {
            if (!out.empty()) out += c.kind == Condition::Kind::Or ? " or " : " and ";
            out += typesetCondition(p);
        }
        return out;
    }
    case Condition::Kind::Interval: {
        const std::string lo = c.lo ? typeset(*c.lo) : kMinus + "\xE2\x88\x9E";
        const std::string hi = c.hi ? typeset(*c.hi) : std::string("\xE2\x88\x9E");
        return std::string(c.loClosed ? "[" : "(") + lo + ", " + hi + (c.hiClosed ? "]" : ")");
    }
    case Condition::Kind::Compare: {
        std::string out;
        for (std::size_t i = 0; i < c.terms.size(); ++i) {
            if (i) out += " " + typesetOp(c.ops[i - 1]) + " ";
            out += typeset(*c.terms[i]);
        }
        return out;
    }
    case Condition::Kind::All: return "all real numbers";
    case Condition::Kind::Empty: return "no value";
    }
    return {};
}

} // namespace

Preview previewAnswer(const AnswerKey& key, std::string_view input, const Bounds& bounds)
{
    Preview p;
    try {
        switch (key.kind) {
        case CheckKind::Integer:
        case CheckKind::Number: {
            const Reading r = readExpression(normaliseNumberInput(input), {}, bounds);
            p.ok = r.ok;
            p.text = r.ok ? r.preview : looksLikeDecimalComma(input) ? decimalCommaMessage : r.error;
            if (r.ok) p.html = typeset(*r.tree);
            return p;
        }
        case CheckKind::Expression: {
            const Reading r = readExpression(input, variableNames(key), bounds);
            p.ok = r.ok;
            p.text = r.ok ? r.preview : r.error;
            if (r.ok) p.html = typeset(*r.tree);
            return p;
        }
        case CheckKind::Choice: {
            std::set<std::string> picked;
            p.ok = readChoices(input, key, &picked, &p.text);
            if (p.ok) p.text = joinSet(picked);
            return p;
        }
        case CheckKind::Condition: {
            const SetReading s = readSet(input, key, bounds);
            p.ok = s.ok;
            p.text = s.ok ? key.variables[0].name + " \xE2\x88\x88 " + formatSet(s.set) : s.error;
            if (s.ok) {
                // As typed, typeset, then the set it describes: "k ≥ 0  (k ∈ [0, ∞))".
                const ConditionReading c = readCondition(input, key.variables[0].name, bounds);
                p.html = (c.ok ? typesetCondition(c.condition) + " &nbsp;(" : std::string("("))
                    + typesetName(key.variables[0].name) + " \xE2\x88\x88 " + htmlEscape(formatSet(s.set)) + ")";
            }
            return p;
        }
        }
    } catch (const std::exception& e) {
        p.ok = false;
        p.text = e.what();
    }
    return p;
}

CheckResult checkAnswer(const AnswerKey& key, std::string_view input, const Bounds& bounds)
{
    try {
        switch (key.kind) {
        case CheckKind::Integer:
        case CheckKind::Number: return checkNumber(key, input, bounds);
        case CheckKind::Expression: return checkExpression(key, input, bounds);
        case CheckKind::Choice: return checkChoice(key, input);
        case CheckKind::Condition: return checkCondition(key, input, bounds);
        }
    } catch (const std::exception& e) {
        return unreadable(std::string("The answer could not be checked: ") + e.what());
    }
    return unreadable("Unknown kind of answer.");
}

namespace {
std::string validateReading(const AnswerKey& key);
}

std::string expectedAnswer(const AnswerKey& key)
{
    if (!validateReading(key).empty()) return {};
    const Bounds bounds;
    try {
        switch (key.kind) {
        case CheckKind::Integer:
        case CheckKind::Number: {
            std::string out = numberText(realValue(keyValue(key.expected, key, parameterValues(key, bounds), bounds)));
            if (key.kind == CheckKind::Number && !toleranceText(key).empty())
                out += " (within " + toleranceText(key) + ")";
            return out;
        }
        case CheckKind::Expression: {
            std::vector<std::string> names = variableNames(key);
            for (const auto& p : key.parameters) names.push_back(p.first);
            return readExpression(key.expected, names, bounds).preview;
        }
        case CheckKind::Choice: {
            std::set<std::string> s;
            std::string error;
            readChoices(key.expected, key, &s, &error);
            return joinSet(s);
        }
        case CheckKind::Condition: {
            const SetReading s = readSet(key.expected, key, bounds);
            return key.variables[0].name + " \xE2\x88\x88 " + formatSet(s.set);
        }
        }
    } catch (const std::exception&) {
    }
    return {};
}

long long evaluationWork() { return threadWork; }

std::string validateKey(const AnswerKey& key)
{
    std::string problem = validateReading(key);
    if (!problem.empty()) return problem;
    // No listed mistake may be marked right: not equal to the answer, not within its tolerance.
    const std::string accepted = acceptedMistake(key);
    if (!accepted.empty()) return "mistake \"" + accepted + "\" is accepted as the right answer (" + expectedAnswer(key) + ")";
    return {};
}

std::string acceptedMistake(const AnswerKey& key)
{
    AnswerKey bare = key;
    bare.mistakes.clear();
    for (const Mistake& m : key.mistakes) {
        // A numeric mistake is written over the parameters ("b/a"); the learner types its
        // value, so its value is what is checked.
        std::string typed = m.answer;
        if (key.kind == CheckKind::Integer || key.kind == CheckKind::Number) {
            std::string value, error;
            if (!exactValue(m.answer, key.parameters, &value, &error)) continue;
            typed = value;
        }
        if (checkAnswer(bare, typed).verdict == Verdict::Correct) return m.answer;
    }
    return {};
}

namespace {
std::string validateReading(const AnswerKey& key)
{
    const Bounds bounds;
    if (!(key.relativeTolerance >= 0) || !(key.absoluteTolerance >= 0) || !std::isfinite(key.relativeTolerance)
        || !std::isfinite(key.absoluteTolerance))
        return "tolerances must be finite numbers >= 0";
    try {
        const auto params = parameterValues(key, bounds);
        switch (key.kind) {
        case CheckKind::Integer:
        case CheckKind::Number: {
            const numeric e = realValue(keyValue(key.expected, key, params, bounds));
            if (key.kind == CheckKind::Integer && !e.is_integer())
                return "the expected answer " + toString(e) + " is not a whole number";
            for (const Mistake& m : key.mistakes) {
                try {
                    realValue(keyValue(m.answer, key, params, bounds));
                } catch (const std::exception& ex) {
                    return "mistake \"" + m.answer + "\": " + ex.what();
                }
            }
            return {};
        }
        case CheckKind::Expression: {
            std::vector<std::string> names = variableNames(key);
            for (const auto& p : key.parameters) names.push_back(p.first);
            for (const Variable& v : key.variables)
                if (!(v.lo <= v.hi) || !std::isfinite(v.lo) || !std::isfinite(v.hi))
                    return "variable " + v.name + " needs a range with lo <= hi";
            const Reading e = readExpression(key.expected, names, bounds);
            if (!e.ok) return "the expected answer: " + e.error;
            const auto points = testPoints(key, params);
            const auto values = valuesAt(*e.tree, points, bounds);
            if (std::none_of(values.begin(), values.end(), [](const PointValue& v) { return v.ok; }))
                return "the expected answer cannot be evaluated in the variables' ranges: " + values[0].error;
            for (const Mistake& m : key.mistakes) {
                const Reading mr = readExpression(m.answer, names, bounds);
                if (!mr.ok) return "mistake \"" + m.answer + "\": " + mr.error;
            }
            return {};
        }
        case CheckKind::Choice: {
            if (key.choices.empty()) return "a choice exercise needs options";
            std::set<std::string> s;
            std::string error;
            if (!readChoices(key.expected, key, &s, &error)) return "the expected answer: " + error;
            AnswerKey anyCount = key;
            anyCount.multipleChoice = true;
            for (const Mistake& m : key.mistakes) {
                std::set<std::string> ms;
                if (!readChoices(m.answer, anyCount, &ms, &error)) return "mistake \"" + m.answer + "\": " + error;
            }
            return {};
        }
        case CheckKind::Condition: {
            const SetReading e = readSet(key.expected, key, bounds);
            if (!e.ok) return "the expected answer: " + e.error;
            for (const Mistake& m : key.mistakes) {
                const SetReading ms = readSet(m.answer, key, bounds);
                if (!ms.ok) return "mistake \"" + m.answer + "\": " + ms.error;
            }
            return {};
        }
        }
    } catch (const std::exception& e) {
        return e.what();
    }
    return "unknown kind";
}
} // namespace

bool exactValue(std::string_view text, const std::vector<std::pair<std::string, std::string>>& parameters,
                std::string* value, std::string* error)
{
    const Bounds bounds;
    AnswerKey key;
    key.parameters = parameters;
    try {
        const Reading r = readExpression(text, parameterNames(key), bounds);
        if (!r.ok) { if (error) *error = r.error; return false; }
        const numeric v = realValue(evaluate(*r.tree, bounds, parameterValues(key, bounds)));
        if (v.is_rational()) *value = toString(v);
        else *value = shortestDecimal(v.to_double());
        return true;
    } catch (const std::exception& e) {
        if (error) *error = e.what();
        return false;
    }
}

} // namespace minima::answers
