#include "engine/answers/bounded.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/answers/checker.h"
#include "engine/answers/numbertext.h"

namespace minima::answers {

namespace detail {

namespace {

// Bits of an exact number (numerator + denominator); 64 for a float.
long bitsOf(const ex& e)
{
    if (!GiNaC::is_a<numeric>(e)) return 0;
    const numeric& n = GiNaC::ex_to<numeric>(e);
    if (n.is_rational()) return long(n.numer().int_length()) + long(n.denom().int_length());
    return 64;
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

} // namespace

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

} // namespace detail

long long evaluationWork() { return detail::threadWork; }

} // namespace minima::answers
