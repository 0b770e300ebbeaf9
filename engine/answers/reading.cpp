#include "engine/answers/reading.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace minima::answers {

namespace {

// ---------------------------------------------------------------- tokens

enum class Tok {
    End, Number, Name, Plus, Minus, Star, Slash, Caret, Bang, LParen, RParen, LBracket, RBracket,
    Comma, Less, LessEq, Greater, GreaterEq, Equal, NotEqual, Infinity, Union, Intersection,
    Reals, EmptySet
};

struct Token {
    Tok kind = Tok::End;
    std::string text;
    std::size_t pos = 0;   // byte offset, for messages
    bool spaceBefore = false;
};

struct ReadError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool isNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Non-ASCII symbols people paste or type on phones, mapped to the ASCII reading.
struct Symbol {
    const char* utf8;
    Tok kind;
    const char* text;
};
const Symbol kSymbols[] = {
    {"\xC2\xB7", Tok::Star, "*"},        // middle dot
    {"\xC3\x97", Tok::Star, "*"},        // multiplication sign
    {"\xE2\x8B\x85", Tok::Star, "*"},    // dot operator
    {"\xC3\xB7", Tok::Slash, "/"},       // division sign
    {"\xE2\x88\x92", Tok::Minus, "-"},   // minus sign
    {"\xE2\x80\x93", Tok::Minus, "-"},   // en dash
    {"\xE2\x89\xA4", Tok::LessEq, "<="},
    {"\xE2\x89\xA5", Tok::GreaterEq, ">="},
    {"\xE2\x89\xA0", Tok::NotEqual, "!="},
    {"\xE2\x88\x9E", Tok::Infinity, "inf"},
    {"\xE2\x88\xAA", Tok::Union, "or"},
    {"\xE2\x88\xA9", Tok::Intersection, "and"},
    {"\xE2\x84\x9D", Tok::Reals, "R"},
    {"\xE2\x88\x85", Tok::EmptySet, "none"},
    {"\xC2\xA0", Tok::End, " "},         // no-break space: skipped
    {"\xE2\x80\xAF", Tok::End, " "},     // narrow no-break space: skipped
    {"\xE2\x80\x89", Tok::End, " "},     // thin space: skipped
};

std::vector<Token> tokenize(std::string_view s, const Bounds& bounds)
{
    if (s.size() > bounds.maxLength)
        throw ReadError("The answer is " + std::to_string(s.size()) + " characters long; the limit is "
                        + std::to_string(bounds.maxLength) + ".");
    std::vector<Token> out;
    std::size_t i = 0;
    bool space = false;
    auto push = [&](Tok k, std::string text, std::size_t pos) {
        out.push_back({k, std::move(text), pos, space});
        space = false;
    };
    while (i < s.size()) {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { space = true; ++i; continue; }
        if (isDigit(c) || (c == '.' && i + 1 < s.size() && isDigit(s[i + 1]))) {
            const std::size_t start = i;
            while (i < s.size() && isDigit(s[i])) ++i;
            if (i < s.size() && s[i] == '.') {
                ++i;
                while (i < s.size() && isDigit(s[i])) ++i;
            }
            // Scientific notation only when digits follow the e: "2e3" is 2000, "2e" is 2*e.
            if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
                std::size_t j = i + 1;
                if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
                if (j < s.size() && isDigit(s[j])) {
                    i = j;
                    while (i < s.size() && isDigit(s[i])) ++i;
                }
            }
            push(Tok::Number, std::string(s.substr(start, i - start)), start);
            continue;
        }
        if (isNameStart(c)) {
            const std::size_t start = i;
            while (i < s.size() && isNameChar(s[i])) ++i;
            push(Tok::Name, std::string(s.substr(start, i - start)), start);
            continue;
        }
        const std::size_t start = i;
        auto two = [&](char next) { return i + 1 < s.size() && s[i + 1] == next; };
        switch (c) {
        case '+': push(Tok::Plus, "+", start); ++i; continue;
        case '-': push(Tok::Minus, "-", start); ++i; continue;
        case '*':
            if (two('*')) { push(Tok::Caret, "^", start); i += 2; }
            else { push(Tok::Star, "*", start); ++i; }
            continue;
        case '/': push(Tok::Slash, "/", start); ++i; continue;
        case '^': push(Tok::Caret, "^", start); ++i; continue;
        case '!':
            if (two('=')) { push(Tok::NotEqual, "!=", start); i += 2; }
            else { push(Tok::Bang, "!", start); ++i; }
            continue;
        case '(': push(Tok::LParen, "(", start); ++i; continue;
        case ')': push(Tok::RParen, ")", start); ++i; continue;
        case '[': push(Tok::LBracket, "[", start); ++i; continue;
        case ']': push(Tok::RBracket, "]", start); ++i; continue;
        case ',': push(Tok::Comma, ",", start); ++i; continue;
        case '<':
            if (two('=')) { push(Tok::LessEq, "<=", start); i += 2; }
            else if (two('>')) { push(Tok::NotEqual, "!=", start); i += 2; }
            else { push(Tok::Less, "<", start); ++i; }
            continue;
        case '>':
            if (two('=')) { push(Tok::GreaterEq, ">=", start); i += 2; }
            else { push(Tok::Greater, ">", start); ++i; }
            continue;
        case '=':
            push(Tok::Equal, "=", start);
            i += two('=') ? 2 : 1;
            continue;
        case '|':
            if (two('|')) { push(Tok::Union, "or", start); i += 2; continue; }
            break;
        case '&':
            if (two('&')) { push(Tok::Intersection, "and", start); i += 2; continue; }
            break;
        default:
            break;
        }
        // Superscript two and three read as ^2 and ^3.
        if (s.substr(i, 2) == "\xC2\xB2" || s.substr(i, 2) == "\xC2\xB3") {
            push(Tok::Caret, "^", start);
            push(Tok::Number, s[i + 1] == '\xB2' ? "2" : "3", start);
            i += 2;
            continue;
        }
        bool matched = false;
        for (const Symbol& sym : kSymbols) {
            const std::string_view u(sym.utf8);
            if (s.substr(i, u.size()) == u) {
                if (sym.kind == Tok::End) space = true;
                else push(sym.kind, sym.text, start);
                i += u.size();
                matched = true;
                break;
            }
        }
        if (matched) continue;
        // Report the whole UTF-8 character, not one byte of it.
        std::size_t len = 1;
        const unsigned char u = static_cast<unsigned char>(c);
        if (u >= 0xF0) len = 4;
        else if (u >= 0xE0) len = 3;
        else if (u >= 0xC0) len = 2;
        len = std::min(len, s.size() - i);
        throw ReadError("Could not read the character \"" + std::string(s.substr(i, len)) + "\" at position "
                        + std::to_string(i + 1) + ".");
    }
    out.push_back({Tok::End, "", s.size(), space});
    return out;
}

// ---------------------------------------------------------------- parser

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

class Parser {
public:
    Parser(std::vector<Token> tokens, const std::vector<std::string>& names, const Bounds& bounds)
        : t_(std::move(tokens)), names_(names), bounds_(bounds)
    {
    }

    NodePtr parseExpression()
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

    const Token& peek(std::size_t ahead = 0) const { return t_[std::min(p_ + ahead, t_.size() - 1)]; }
    const Token& next() { const Token& tok = t_[p_]; if (p_ + 1 < t_.size()) ++p_; return tok; }
    std::size_t position() const { return p_; }
    void rewind(std::size_t p) { p_ = p; }

    [[noreturn]] void fail(const Token& at, const std::string& what) const
    {
        if (at.kind == Tok::End) throw ReadError(what + " The answer ends too early.");
        throw ReadError(what + " (at \"" + at.text + "\", position " + std::to_string(at.pos + 1) + ")");
    }

    void expect(Tok kind, const char* text)
    {
        if (peek().kind != kind) fail(peek(), std::string("Expected \"") + text + "\".");
        next();
    }

    void setConditionMode(bool on) { conditionMode_ = on; }

private:
    struct Depth {
        explicit Depth(Parser& p) : parser(p)
        {
            if (++parser.depth_ > parser.bounds_.maxDepth)
                throw ReadError("The answer nests brackets or powers too deeply (limit: "
                                + std::to_string(parser.bounds_.maxDepth / 2) + " levels); please simplify it.");
        }
        ~Depth() { --parser.depth_; }
        Parser& parser;
    };

    NodePtr make(Node::Kind kind, std::vector<NodePtr> args, std::string text = {}, bool implicit = false)
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

    bool startsFactor(const Token& tok) const
    {
        if (tok.kind == Tok::Number || tok.kind == Tok::LParen) return true;
        if (tok.kind != Tok::Name) return false;
        // In a condition the words "or", "and", "in" are connectives, not names.
        if (conditionMode_ && (tok.text == "or" || tok.text == "and" || tok.text == "in" || tok.text == "U"))
            return false;
        return true;
    }

    NodePtr parseTerm()
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

    static bool endsWithNumber(const Node& n)
    {
        if (n.kind == Node::Kind::Number) return true;
        if (n.kind == Node::Kind::Mul || n.kind == Node::Kind::Div) return endsWithNumber(*n.args.back());
        return false;
    }

    NodePtr parseUnary()
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

    NodePtr parsePower()
    {
        NodePtr base = parsePostfix();
        if (peek().kind == Tok::Caret) {
            next();
            NodePtr exponent = parseUnary();   // right associative; allows 2^-1
            return make(Node::Kind::Pow, {base, exponent});
        }
        return base;
    }

    NodePtr parsePostfix()
    {
        NodePtr n = parsePrimary();
        while (peek().kind == Tok::Bang) {
            next();
            n = make(Node::Kind::Factorial, {n});
        }
        return n;
    }

    bool isName(const std::string& s) const
    {
        return std::find(names_.begin(), names_.end(), s) != names_.end();
    }

    NodePtr parsePrimary()
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

    // Greedy split of an unknown word into declared names ("nl" -> n l); nullptr if impossible.
    NodePtr splitNames(const std::string& word)
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

    void checkNumberLiteral(const Token& tok) const
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

    std::vector<Token> t_;
    std::size_t p_ = 0;
    std::vector<std::string> names_;
    const Bounds& bounds_;
    int depth_ = 0;
    std::size_t nodes_ = 0;
    bool conditionMode_ = false;
};

// ---------------------------------------------------------------- formatting

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

bool isAtom(const Node& n)
{
    if (n.kind == Node::Kind::Name || n.kind == Node::Kind::Call) return true;
    // "2.5!" or "1e3^2" would read oddly; only plain whole numbers go without brackets.
    return n.kind == Node::Kind::Number
        && n.text.find_first_not_of("0123456789") == std::string::npos;
}

std::string wrap(const std::string& s) { return "(" + s + ")"; }

} // namespace

bool isKnownFunction(std::string_view name)
{
    return std::find(std::begin(kFunctions), std::end(kFunctions), name) != std::end(kFunctions);
}

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
    Reading r;
    try {
        Parser p(tokenize(text, bounds), names, bounds);
        NodePtr tree = p.parseExpression();
        if (p.peek().kind != Tok::End) {
            if (p.peek().kind == Tok::RParen) p.fail(p.peek(), "A \")\" has no matching \"(\".");
            p.fail(p.peek(), "Did not expect \"" + p.peek().text + "\" here.");
        }
        r.tree = tree;
        r.preview = formatExpression(*tree);
        r.ok = true;
    } catch (const ReadError& e) {
        r.error = e.what();
    } catch (const std::exception& e) {
        r.error = std::string("Could not read the answer: ") + e.what();
    }
    return r;
}

// ---------------------------------------------------------------- conditions

namespace {

class ConditionParser {
public:
    ConditionParser(Parser& p, const std::string& variable) : p_(p), variable_(variable) {}

    Condition parseOr()
    {
        Condition first = parseAnd();
        if (!isOr(p_.peek())) return first;
        Condition c;
        c.kind = Condition::Kind::Or;
        c.parts.push_back(std::move(first));
        while (isOr(p_.peek())) {
            p_.next();
            c.parts.push_back(parseAnd());
        }
        return c;
    }

private:
    static bool isWord(const Token& t, const char* w) { return t.kind == Tok::Name && t.text == w; }
    static bool isOr(const Token& t) { return t.kind == Tok::Union || isWord(t, "or") || isWord(t, "U"); }
    static bool isAnd(const Token& t) { return t.kind == Tok::Intersection || isWord(t, "and"); }
    static bool isRelation(Tok k)
    {
        return k == Tok::Less || k == Tok::LessEq || k == Tok::Greater || k == Tok::GreaterEq
            || k == Tok::Equal || k == Tok::NotEqual;
    }

    Condition parseAnd()
    {
        Condition first = parseAtom();
        if (!isAnd(p_.peek())) return first;
        Condition c;
        c.kind = Condition::Kind::And;
        c.parts.push_back(std::move(first));
        while (isAnd(p_.peek())) {
            p_.next();
            c.parts.push_back(parseAtom());
        }
        return c;
    }

    // An interval endpoint: an expression, or +-inf.
    NodePtr parseEndpoint(int* infinity)
    {
        *infinity = 0;
        std::size_t save = p_.position();
        int sign = 1;
        if (p_.peek().kind == Tok::Minus) { sign = -1; p_.next(); }
        else if (p_.peek().kind == Tok::Plus) p_.next();
        const Token& t = p_.peek();
        if (t.kind == Tok::Infinity || isWord(t, "inf") || isWord(t, "infinity") || isWord(t, "oo")) {
            p_.next();
            *infinity = sign;
            return nullptr;
        }
        p_.rewind(save);
        return p_.parseExpression();
    }

    Condition parseAtom()
    {
        const Token& t = p_.peek();
        if (t.kind == Tok::End) {
            if (p_.position() == 0) throw ReadError("The answer is empty.");
            p_.fail(t, "Something is missing.");
        }
        if (t.kind == Tok::Reals || isWord(t, "R") || isWord(t, "all") || isWord(t, "any")
            || isWord(t, "always")) {
            p_.next();
            // "all reals", "all real numbers", "any k", "all k": the rest is decoration.
            while (p_.peek().kind == Tok::Name
                   && (p_.peek().text == "real" || p_.peek().text == "reals" || p_.peek().text == "numbers"
                       || p_.peek().text == "values" || p_.peek().text == variable_))
                p_.next();
            Condition c;
            c.kind = Condition::Kind::All;
            return c;
        }
        if (t.kind == Tok::EmptySet || isWord(t, "none") || isWord(t, "never") || isWord(t, "empty")) {
            p_.next();
            Condition c;
            c.kind = Condition::Kind::Empty;
            return c;
        }
        // "k in (0, inf)" / "k in [0, 1]"
        if (t.kind == Tok::Name && t.text == variable_ && isWord(p_.peek(1), "in")) {
            p_.next();
            p_.next();
            return parseAtom();
        }
        if (t.kind == Tok::LBracket || t.kind == Tok::LParen) {
            // Either an interval "(a, b)" or a bracketed condition "(k > 0)" or an expression "(k) > 0".
            const std::size_t save = p_.position();
            p_.next();
            int loInf = 0;
            bool interval = false;
            NodePtr lo;
            try {
                lo = parseEndpoint(&loInf);
                interval = p_.peek().kind == Tok::Comma;
            } catch (const ReadError&) {
                interval = false;
            }
            if (interval) {
                p_.next();
                int hiInf = 0;
                NodePtr hi = parseEndpoint(&hiInf);
                if (p_.peek().kind != Tok::RParen && p_.peek().kind != Tok::RBracket)
                    p_.fail(p_.peek(), "An interval ends with \")\" or \"]\".");
                Condition c;
                c.kind = Condition::Kind::Interval;
                if (loInf > 0 || hiInf < 0)
                    p_.fail(p_.peek(), "An interval runs from its lower end to its upper end.");
                c.lo = lo;
                c.hi = hi;
                c.loClosed = t.kind == Tok::LBracket && !loInf;
                c.hiClosed = p_.peek().kind == Tok::RBracket && !hiInf;
                p_.next();
                return c;
            }
            p_.rewind(save);
            if (t.kind == Tok::LParen) {
                // A bracketed condition, if what follows the matching ")" is not a relation.
                p_.next();
                try {
                    Condition inner = parseOr();
                    if (p_.peek().kind == Tok::RParen && !isRelation(p_.peek(1).kind)) {
                        p_.next();
                        return inner;
                    }
                } catch (const ReadError&) {
                }
                p_.rewind(save);
            } else {
                p_.fail(t, "An interval is written [a, b], (a, b), [a, b) or (a, b].");
            }
        }
        // A comparison chain: "k > 0", "0 < k <= 1", "k != 0".
        Condition c;
        c.kind = Condition::Kind::Compare;
        c.terms.push_back(p_.parseExpression());
        if (!isRelation(p_.peek().kind))
            p_.fail(p_.peek(), "Expected a condition such as \"" + variable_ + " > 0\" or an interval such as \"(0, inf)\".");
        while (isRelation(p_.peek().kind)) {
            c.ops.push_back(p_.next().text);
            int inf = 0;
            NodePtr term = parseEndpoint(&inf);
            if (inf) p_.fail(p_.peek(), "Compare with a number, not with infinity.");
            c.terms.push_back(term);
        }
        return c;
    }

    Parser& p_;
    const std::string& variable_;
};

} // namespace

ConditionReading readCondition(std::string_view text, const std::string& variable, const Bounds& bounds)
{
    ConditionReading r;
    try {
        Parser p(tokenize(text, bounds), {variable}, bounds);
        p.setConditionMode(true);
        ConditionParser cp(p, variable);
        r.condition = cp.parseOr();
        if (p.peek().kind != Tok::End) p.fail(p.peek(), "Did not expect \"" + p.peek().text + "\" here.");
        r.ok = true;
    } catch (const ReadError& e) {
        r.error = e.what();
    } catch (const std::exception& e) {
        r.error = std::string("Could not read the answer: ") + e.what();
    }
    return r;
}

} // namespace minima::answers
