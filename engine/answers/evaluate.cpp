#include "engine/answers/evaluate.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numbers>

namespace minima::answers {

namespace {

enum Function { Factorial, Sqrt, Exp, Log, Abs, Binomial };

bool functionIndex(const std::string& name, int* index)
{
    static const char* const names[] = {"factorial", "sqrt", "exp", "log", "abs", "binomial"};
    for (int i = 0; i < 6; ++i)
        if (name == names[i]) {
            *index = i;
            return true;
        }
    if (name == "ln") {
        *index = Log;
        return true;
    }
    return false;
}

// n! = Gamma(n + 1) for real n (Euler); exact for whole n up to 170.
double factorial(double n) { return std::tgamma(n + 1.0); }

void markUses(const Node& n, const std::vector<std::string>& variables, bool* uses)
{
    if (n.kind == Node::Kind::Name) {
        const auto it = std::find(variables.begin(), variables.end(), n.text);
        if (it != variables.end()) uses[it - variables.begin()] = true;
    }
    for (const NodePtr& a : n.args) markUses(*a, variables, uses);
}

} // namespace

int RealFunction::add(const Node& node, const std::vector<std::string>& variables, std::string* error)
{
    Op op;
    op.kind = node.kind;
    switch (node.kind) {
    case Node::Kind::Number:
        op.value = std::strtod(node.text.c_str(), nullptr);
        break;
    case Node::Kind::Name: {
        const auto it = std::find(variables.begin(), variables.end(), node.text);
        if (it != variables.end()) op.variable = int(it - variables.begin());
        else if (node.text == "e") op.value = std::numbers::e;
        else if (node.text == "pi") op.value = std::numbers::pi;
        else {
            if (error) *error = "Unknown name \"" + node.text + "\".";
            return -1;
        }
        break;
    }
    case Node::Kind::Call:
        if (!functionIndex(node.text, &op.function)) {
            if (error) *error = "Unknown function \"" + node.text + "\".";
            return -1;
        }
        break;
    default:
        break;
    }
    if (!node.args.empty()) {
        op.a = add(*node.args[0], variables, error);
        if (op.a < 0) return -1;
    }
    if (node.args.size() > 1) {
        op.b = add(*node.args[1], variables, error);
        if (op.b < 0) return -1;
    }
    ops_.push_back(op);
    return int(ops_.size()) - 1;
}

RealFunction RealFunction::compile(const Node& tree, const std::vector<std::string>& variables, std::string* error)
{
    RealFunction f;
    f.variables_ = int(variables.size());
    if (f.add(tree, variables, error) < 0) f.ops_.clear();
    return f;
}

double RealFunction::at(int i, const double* v) const
{
    const Op& op = ops_[std::size_t(i)];
    switch (op.kind) {
    case Node::Kind::Number: return op.value;
    case Node::Kind::Name: return op.variable >= 0 ? v[op.variable] : op.value;
    case Node::Kind::Add: return at(op.a, v) + at(op.b, v);
    case Node::Kind::Sub: return at(op.a, v) - at(op.b, v);
    case Node::Kind::Mul: return at(op.a, v) * at(op.b, v);
    case Node::Kind::Div: return at(op.a, v) / at(op.b, v);
    case Node::Kind::Neg: return -at(op.a, v);
    case Node::Kind::Pow: return std::pow(at(op.a, v), at(op.b, v));
    case Node::Kind::Factorial: return factorial(at(op.a, v));
    case Node::Kind::Call: {
        const double x = at(op.a, v);
        switch (op.function) {
        case Factorial: return factorial(x);
        case Sqrt: return std::sqrt(x);
        case Exp: return std::exp(x);
        case Log: return std::log(x);
        case Abs: return std::abs(x);
        case Binomial: {
            // binomial(n, k) = n! / (k! (n - k)!)
            const double k = at(op.b, v);
            return factorial(x) / (factorial(k) * factorial(x - k));
        }
        }
        break;
    }
    }
    return std::nan("");
}

double RealFunction::operator()(const double* values) const
{
    if (ops_.empty()) return std::nan("");
    return at(int(ops_.size()) - 1, values);
}

TypedFunction readFunction(std::string_view text, const std::vector<std::string>& variables, const Bounds& bounds)
{
    TypedFunction t;
    if (variables.size() > 4) {
        t.error = "At most four variables.";
        return t;
    }
    std::vector<std::string> names = variables;
    for (const char* constant : {"e", "pi"})
        if (std::find(names.begin(), names.end(), constant) == names.end()) names.emplace_back(constant);
    const Reading r = readExpression(text, names, bounds);
    if (!r.ok) {
        t.error = r.error;
        return t;
    }
    t.preview = r.preview;
    t.function = RealFunction::compile(*r.tree, variables, &t.error);
    if (!t.function.ok()) return t;
    markUses(*r.tree, variables, t.uses);
    t.ok = true;
    return t;
}

} // namespace minima::answers
