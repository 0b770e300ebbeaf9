#pragma once
// Evaluating a typed formula at real points. reading.h turns text such as `x^4 - x^2` or
// `abs(x) + y^2` into a tree; checker.h decides answers exactly on GiNaC. A figure that plots
// a learner's function, or a convexity test that samples it, needs the same tree as a fast
// double-precision function instead: RealFunction is that tree compiled once, with each
// variable resolved to an index so an evaluation does no lookup and no allocation.
//
// Real semantics: n! is Gamma(n + 1), binomial(n, k) = Gamma(n+1) / (Gamma(k+1) Gamma(n-k+1)),
// log is the natural logarithm; outside a function's domain (log of a negative, sqrt of a
// negative, 0^-1) the value is NaN or infinite, never an exception. The names `e` and `pi`,
// when not variables, are the constants.
#include <string>
#include <string_view>
#include <vector>

#include "engine/answers/reading.h"

namespace minima::answers {

class RealFunction {
public:
    RealFunction() = default;

    // The function of the listed variables (in that order) that `tree` computes. Returns an
    // empty function (ok() false) with a sentence in *error for a name that is neither a
    // variable nor a constant, or an unknown function.
    static RealFunction compile(const Node& tree, const std::vector<std::string>& variables, std::string* error);

    bool ok() const { return !ops_.empty(); }
    int variableCount() const { return variables_; }

    // f at values[0..variableCount()-1]. An empty function returns NaN.
    double operator()(const double* values) const;
    double operator()(double x) const { return (*this)(&x); }
    double operator()(double x, double y) const
    {
        const double v[2] = {x, y};
        return (*this)(v);
    }

private:
    struct Op {
        Node::Kind kind = Node::Kind::Number;
        int function = 0;   // Call: which function
        double value = 0;   // Number: the literal; Name: a constant
        int variable = -1;  // Name: the variable's index, or -1 for a constant
        int a = -1, b = -1; // operands: indices into ops_
    };
    int add(const Node& node, const std::vector<std::string>& variables, std::string* error);
    double at(int index, const double* values) const;

    std::vector<Op> ops_;   // ops_.back() is the root
    int variables_ = 0;
};

// A typed function of the given variables: read (with the reading's bounds) and compiled.
struct TypedFunction {
    bool ok = false;
    std::string error;       // when !ok: why it could not be read or compiled
    std::string preview;     // how the text was read, e.g. "x^4 - x^2"
    bool uses[4] = {false, false, false, false};   // which of the (at most four) variables occur
    RealFunction function;
};

// Reads `text` as a function of `variables` (at most four). The constants e and pi may be used
// unless they are variables.
TypedFunction readFunction(std::string_view text, const std::vector<std::string>& variables,
                           const Bounds& bounds = {});

} // namespace minima::answers
