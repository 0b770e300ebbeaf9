#include "engine/answers/parser.h"

#include <algorithm>
#include <memory>

namespace minima::answers {

namespace {

const char* const kFunctions[] = {"factorial", "sqrt", "exp", "log", "ln", "abs", "binomial"};

std::string joinNames(const std::vector<std::string>& names)
{
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) out += (i + 1 == names.size()) ? " and " : ", ";
        out += names[i];
    }
    return out;
}

} // namespace

bool isKnownFunction(std::string_view name)
{
    return std::find(std::begin(kFunctions), std::end(kFunctions), name) != std::end(kFunctions);
}

namespace detail {

int precedence(const Node& n)
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

NodePtr Parser::parseExpression()
{
    Depth d(*this);
    NodePtr left = parseTerm();
    while (peek().kind == Tok::Plus || peek().kind == Tok::Minus) {
        const Tok op = next().kind;
        NodePtr right = parseTerm();
        left = make(op == Tok::Plus ? Node::Kind::Add : Node::Kind::Sub, {left, right});
    }
    return left;
}

void Parser::fail(const Token& at, const std::string& what) const
{
    if (at.kind == Tok::End) throw ReadError(what + " The answer ends too early.");
    throw ReadError(what + " (at \"" + at.text + "\", position " + std::to_string(at.pos + 1) + ")");
}

void Parser::expect(Tok kind, const char* text)
{
    if (peek().kind != kind) fail(peek(), std::string("Expected \"") + text + "\".");
    next();
}

NodePtr Parser::make(Node::Kind kind, std::vector<NodePtr> args, std::string text, bool implicit)
{
    if (++nodes_ > bounds_.maxNodes)
        throw ReadError("The answer has more than " + std::to_string(bounds_.maxNodes)
                        + " numbers, names and operators; please simplify it.");
    auto n = std::make_shared<Node>();
    n->kind = kind;
    n->args = std::move(args);
    n->text = std::move(text);
    n->implicit = implicit;
    return n;
}

bool Parser::startsFactor(const Token& tok) const
{
    if (tok.kind == Tok::Number || tok.kind == Tok::LParen) return true;
    if (tok.kind != Tok::Name) return false;
    // In a condition the words "or", "and", "in" are connectives, not names.
    if (conditionMode_ && (tok.text == "or" || tok.text == "and" || tok.text == "in" || tok.text == "U"))
        return false;
    return true;
}

NodePtr Parser::parseTerm()
{
    NodePtr left = parseUnary();
    for (;;) {
        const Token& tok = peek();
        if (tok.kind == Tok::Star || tok.kind == Tok::Slash) {
            const Tok op = next().kind;
            NodePtr right = parseUnary();
            left = make(op == Tok::Star ? Node::Kind::Mul : Node::Kind::Div, {left, right});
        } else if (startsFactor(tok)) {
            // Juxtaposition: "2n", "2 n", "n l", "2(n+1)". Two bare numbers in a row ("2 3")
            // are refused: that is more likely a typo for 23 than a product.
            if (tok.kind == Tok::Number && endsWithNumber(*left))
                fail(tok, "Two numbers in a row: write * between them if you mean a product.");
            NodePtr right = parseUnary();
            left = make(Node::Kind::Mul, {left, right}, {}, true);
        } else {
            return left;
        }
    }
}

bool Parser::endsWithNumber(const Node& n)
{
    if (n.kind == Node::Kind::Number) return true;
    if (n.kind == Node::Kind::Mul || n.kind == Node::Kind::Div) return endsWithNumber(*n.args.back());
    return false;
}

NodePtr Parser::parseUnary()
{
    Depth d(*this);
    if (peek().kind == Tok::Minus) {
        next();
        return make(Node::Kind::Neg, {parseUnary()});
    }
    if (peek().kind == Tok::Plus) {
        next();
        return parseUnary();
    }
    return parsePower();
}

NodePtr Parser::parsePower()
{
    NodePtr base = parsePostfix();
    if (peek().kind == Tok::Caret) {
        next();
        NodePtr exponent = parseUnary();   // right associative; allows 2^-1
        return make(Node::Kind::Pow, {base, exponent});
    }
    return base;
}

NodePtr Parser::parsePostfix()
{
    NodePtr n = parsePrimary();
    while (peek().kind == Tok::Bang) {
        next();
        n = make(Node::Kind::Factorial, {n});
    }
    return n;
}

bool Parser::isName(const std::string& s) const
{
    return std::find(names_.begin(), names_.end(), s) != names_.end();
}

NodePtr Parser::parsePrimary()
{
    const Token tok = peek();
    switch (tok.kind) {
    case Tok::Number: {
        next();
        checkNumberLiteral(tok);
        return make(Node::Kind::Number, {}, tok.text);
    }
    case Tok::LParen: {
        next();
        NodePtr inner = parseExpression();
        if (peek().kind != Tok::RParen) fail(peek(), "A \"(\" is not closed.");
        next();
        return inner;
    }
    case Tok::Name: {
        next();
        if (isKnownFunction(tok.text) && !isName(tok.text)) {
            if (peek().kind != Tok::LParen)
                fail(peek(), tok.text + " needs its argument in brackets, e.g. " + tok.text + "(n).");
            next();
            std::vector<NodePtr> args{parseExpression()};
            while (peek().kind == Tok::Comma) {
                next();
                args.push_back(parseExpression());
            }
            if (peek().kind != Tok::RParen) fail(peek(), "A \"(\" is not closed.");
            next();
            const std::size_t want = tok.text == "binomial" ? 2 : 1;
            if (args.size() != want)
                fail(tok, tok.text + " takes " + std::to_string(want) + " argument"
                              + (want == 1 ? "" : "s") + ".");
            std::string fn = tok.text == "ln" ? "log" : tok.text;
            return make(Node::Kind::Call, std::move(args), fn);
        }
        if (isName(tok.text)) return make(Node::Kind::Name, {}, tok.text);
        // "nl" for n*l when both are names and "nl" is not.
        if (NodePtr split = splitNames(tok.text)) return split;
        if (names_.empty())
            fail(tok, "Unknown name \"" + tok.text + "\": this answer is a number.");
        fail(tok, "Unknown name \"" + tok.text + "\": this answer can use " + joinNames(names_) + ".");
    }
    case Tok::End:
        if (p_ == 0) throw ReadError("The answer is empty.");
        fail(tok, "Something is missing.");
    case Tok::RParen:
        fail(tok, "A \")\" has no matching \"(\".");
    default:
        fail(tok, "Did not expect \"" + tok.text + "\" here.");
    }
}

NodePtr Parser::splitNames(const std::string& word)
{
    std::vector<std::string> parts;
    std::size_t i = 0;
    while (i < word.size()) {
        std::size_t best = 0;
        for (const std::string& n : names_)
            if (n.size() > best && word.compare(i, n.size(), n) == 0) best = n.size();
        if (best == 0) return nullptr;
        parts.push_back(word.substr(i, best));
        i += best;
    }
    if (parts.size() < 2) return nullptr;
    NodePtr n = make(Node::Kind::Name, {}, parts[0]);
    for (std::size_t k = 1; k < parts.size(); ++k)
        n = make(Node::Kind::Mul, {n, make(Node::Kind::Name, {}, parts[k])}, {}, true);
    return n;
}

void Parser::checkNumberLiteral(const Token& tok) const
{
    const auto e = tok.text.find_first_of("eE");
    if (e == std::string::npos) return;
    std::string_view digits(tok.text);
    digits.remove_prefix(e + 1);
    if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) digits.remove_prefix(1);
    if (digits.size() > 9 || std::stol(std::string(digits)) > bounds_.maxExponent)
        fail(tok, "The exponent of " + tok.text + " is too large to check (limit: e"
                      + std::to_string(bounds_.maxExponent) + ").");
}

} // namespace detail

} // namespace minima::answers
