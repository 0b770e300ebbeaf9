#include "engine/answers/reading.h"

#include "engine/answers/parser.h"

namespace minima::answers {

namespace {

using detail::precedence;

bool isAtom(const Node& n)
{
    if (n.kind == Node::Kind::Name || n.kind == Node::Kind::Call) return true;
    // "2.5!" or "1e3^2" would read oddly; only plain whole numbers go without brackets.
    return n.kind == Node::Kind::Number
        && n.text.find_first_not_of("0123456789") == std::string::npos;
}

std::string wrap(const std::string& s) { return "(" + s + ")"; }

} // namespace

std::string formatExpression(const Node& n)
{
    auto f = [](const NodePtr& p) { return formatExpression(*p); };
    switch (n.kind) {
    case Node::Kind::Number:
    case Node::Kind::Name: return n.text;
    case Node::Kind::Add:
    case Node::Kind::Sub: {
        const Node& r = *n.args[1];
        std::string right = f(n.args[1]);
        if (precedence(r) <= 1 || r.kind == Node::Kind::Neg) right = wrap(right);
        return f(n.args[0]) + (n.kind == Node::Kind::Add ? " + " : " - ") + right;
    }
    case Node::Kind::Mul: {
        const Node& l = *n.args[0];
        const Node& r = *n.args[1];
        std::string left = f(n.args[0]);
        std::string right = f(n.args[1]);
        if (precedence(l) < 2 || l.kind == Node::Kind::Div) left = wrap(left);
        if (precedence(r) <= 3 || r.kind == Node::Kind::Div) right = wrap(right);
        return left + "\xC2\xB7" + right;   // middle dot
    }
    case Node::Kind::Div: {
        std::string left = f(n.args[0]);
        std::string right = f(n.args[1]);
        if (precedence(*n.args[0]) < 4) left = wrap(left);
        if (precedence(*n.args[1]) < 4) right = wrap(right);
        return left + "/" + right;
    }
    case Node::Kind::Neg: {
        // "-2^2" reads back as -(2^2): the sign applies after the power.
        std::string inner = f(n.args[0]);
        if (!isAtom(*n.args[0]) && n.args[0]->kind != Node::Kind::Factorial) inner = wrap(inner);
        return "-" + inner;
    }
    case Node::Kind::Pow: {
        std::string base = f(n.args[0]);
        std::string exponent = f(n.args[1]);
        if (!isAtom(*n.args[0])) base = wrap(base);
        if (!isAtom(*n.args[1])) exponent = wrap(exponent);
        return base + "^" + exponent;
    }
    case Node::Kind::Factorial: {
        std::string inner = f(n.args[0]);
        if (!isAtom(*n.args[0])) inner = wrap(inner);
        return inner + "!";
    }
    case Node::Kind::Call: {
        std::string out = n.text + "(";
        for (std::size_t i = 0; i < n.args.size(); ++i) out += (i ? ", " : "") + f(n.args[i]);
        return out + ")";
    }
    }
    return {};
}

std::size_t countNodes(const Node& n)
{
    std::size_t c = 1;
    for (const NodePtr& a : n.args) c += countNodes(*a);
    return c;
}

Reading readExpression(std::string_view text, const std::vector<std::string>& names, const Bounds& bounds)
{
    using detail::Tok;
    return detail::readOrExplain<Reading>([&](Reading& r) {
        detail::Parser p(detail::tokenize(text, bounds), names, bounds);
        NodePtr tree = p.parseExpression();
        if (p.peek().kind != Tok::End) {
            if (p.peek().kind == Tok::RParen) p.fail(p.peek(), "A \")\" has no matching \"(\".");
            p.fail(p.peek(), "Did not expect \"" + p.peek().text + "\" here.");
        }
        r.tree = tree;
        r.preview = formatExpression(*tree);
    });
}

} // namespace minima::answers
