#include "engine/answers/typeset.h"

#include "engine/answers/intervals.h"
#include "engine/answers/parser.h"

namespace minima::answers::detail {

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

namespace {

const std::string kMinus = "\xE2\x88\x92";   // U+2212 minus sign

bool typesetAtom(const Node& n)
{
    if (n.kind == Node::Kind::Call && n.text == "factorial") return false;   // written n!
    if (n.kind == Node::Kind::Name || n.kind == Node::Kind::Call) return true;
    return n.kind == Node::Kind::Number && n.text.find_first_not_of("0123456789") == std::string::npos;
}

std::string paren(const std::string& s) { return "(" + s + ")"; }

} // namespace

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

namespace {

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

} // namespace

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
        if (precedence(r) <= 1 || r.kind == Node::Kind::Neg) right = paren(right);
        return t(n.args[0]) + (n.kind == Node::Kind::Add ? " + " : " " + kMinus + " ") + right;
    }
    case Node::Kind::Mul: {
        const Node& l = *n.args[0];
        const Node& r = *n.args[1];
        std::string left = t(n.args[0]);
        std::string right = t(n.args[1]);
        if (precedence(l) < 2) left = paren(left);
        if (precedence(r) <= 3) right = paren(right);
        const bool sideBySide = n.implicit && l.kind == Node::Kind::Number && r.kind != Node::Kind::Number
            && precedence(r) > 3;
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
        if (n.text == "abs" && n.args.size() == 1) {
            std::string out = "|";
            out += t(n.args[0]);
            out += "|";
            return out;
        }
        if (n.text == "exp" && n.args.size() == 1) return "e<sup>" + t(n.args[0]) + "</sup>";
        std::string out = htmlEscape(n.text == "log" ? std::string("ln") : n.text) + "(";
        for (std::size_t i = 0; i < n.args.size(); ++i) out += (i ? ", " : "") + t(n.args[i]);
        return out + ")";
    }
    }
    return {};
}

namespace {

std::string typesetOp(const std::string& op)
{
    if (op == "<=") return "\xE2\x89\xA4";
    if (op == ">=") return "\xE2\x89\xA5";
    if (op == "!=") return "\xE2\x89\xA0";
    if (op == "<") return "&lt;";
    if (op == ">") return "&gt;";
    return htmlEscape(op);
}

} // namespace

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
        return intervalText(lo, hi, c.loClosed, c.hiClosed);
    }
    case Condition::Kind::Compare: {
        std::string out;
        for (std::size_t i = 0; i < c.terms.size(); ++i) {
            if (i) {
                out += " ";
                out += typesetOp(c.ops[i - 1]);
                out += " ";
            }
            out += typeset(*c.terms[i]);
        }
        return out;
    }
    case Condition::Kind::All: return "all real numbers";
    case Condition::Kind::Empty: return "no value";
    }
    return {};
}

} // namespace minima::answers::detail
