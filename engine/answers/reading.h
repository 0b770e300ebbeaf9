#pragma once
// Reading what people type as an answer: a tokenizer and a recursive-descent parser that
// turn text such as `n!^l`, `factorial(n)^l`, `2 n`, `7.5e-1` or `0 < k` into a small tree,
// checked against size bounds BEFORE anything is evaluated, and a preview that shows how the
// text was read (`(n!)^l`). Evaluation (exact, on GiNaC) lives in checker.h.
//
// Precedence, loosest first:  + -   * / and juxtaposition   unary -   ^ **   postfix !
// so `n!^l` is (n!)^l, `-2^2` is -(2^2), `2^-1` is 1/2, `a^b^c` is a^(b^c), `1/2n` is (1/2)*n.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace minima::answers {

// Limits checked while reading and evaluating. Every input is answered quickly: a bound hit
// is reported with a sentence, never by hanging or exhausting memory.
struct Bounds {
    std::size_t maxLength = 2000;          // characters of input
    int maxDepth = 100;                    // nesting: two per bracket, one per power or sign
    std::size_t maxNodes = 1000;           // operators, numbers and names in one answer
    long maxFactorialArgument = 20000;     // 20000! has 77,338 digits
    long maxBits = 400000;                 // any exact intermediate value: about 120,000 digits
    long maxExponent = 100000;             // |exponent| of a power, and of 1eN in a number
    long maxWorkBits = 4000000;            // total size of big values built for one evaluation
};

struct Node {
    enum class Kind { Number, Name, Add, Sub, Mul, Div, Neg, Pow, Factorial, Call };
    Kind kind = Kind::Number;
    std::string text;                          // the number as typed, the name, or the function
    std::vector<std::shared_ptr<const Node>> args;
    bool implicit = false;                     // a product written by juxtaposition ("2n")
};
using NodePtr = std::shared_ptr<const Node>;

// The functions an answer may call (factorial, sqrt, exp, log, ln, abs, binomial).
bool isKnownFunction(std::string_view name);

struct Reading {
    bool ok = false;
    std::string error;      // when !ok: one sentence saying why it could not be read
    std::string preview;    // how the input was read, e.g. "(n!)^l"
    NodePtr tree;
};

// Reads an expression that may use the given names (variables and parameters).
Reading readExpression(std::string_view text, const std::vector<std::string>& names,
                       const Bounds& bounds = {});

// A statement about one variable: "k > 0", "0 < k <= 1", "k != 0", "(0, inf)", "[1, 2] or k > 5",
// "all reals", "none". Read into a tree of intervals and comparisons; checker.h turns it into a
// union of intervals.
struct Condition {
    enum class Kind { Or, And, Interval, Compare, All, Empty };
    Kind kind = Kind::Empty;
    std::vector<Condition> parts;              // Or, And
    NodePtr lo, hi;                            // Interval: nullptr is -inf / +inf
    bool loClosed = false, hiClosed = false;
    std::vector<NodePtr> terms;                // Compare: terms[0] ops[0] terms[1] ops[1] ...
    std::vector<std::string> ops;              // "<", "<=", ">", ">=", "=", "!="
};

struct ConditionReading {
    bool ok = false;
    std::string error;
    Condition condition;
};

ConditionReading readCondition(std::string_view text, const std::string& variable,
                               const Bounds& bounds = {});

// How a tree reads back, with the brackets that make the reading unambiguous.
std::string formatExpression(const Node& node);

// Number of nodes in a tree, and the largest literal exponent (for cheap-to-normalise checks).
std::size_t countNodes(const Node& node);

} // namespace minima::answers
