#include "engine/answers/reading.h"

#include <utility>

#include "engine/answers/parser.h"

// Reading a condition on one variable into a Condition tree: comparisons (chained), intervals
// with open or closed ends, "all reals", "none", joined by or / and.
namespace minima::answers {

namespace {

using detail::Parser;
using detail::ReadError;
using detail::Tok;
using detail::Token;
using detail::tokenize;

class ConditionParser {
public:
    ConditionParser(Parser& p, const std::string& variable) : p_(p), variable_(variable) {}

    Condition parseOr() { return joined(Condition::Kind::Or, isOr, &ConditionParser::parseAnd); }

private:
    static bool isWord(const Token& t, const char* w) { return t.kind == Tok::Name && t.text == w; }
    static bool isOr(const Token& t) { return t.kind == Tok::Union || isWord(t, "or") || isWord(t, "U"); }
    static bool isAnd(const Token& t) { return t.kind == Tok::Intersection || isWord(t, "and"); }
    static bool isRelation(Tok k)
    {
        return k == Tok::Less || k == Tok::LessEq || k == Tok::Greater || k == Tok::GreaterEq
            || k == Tok::Equal || k == Tok::NotEqual;
    }

    Condition parseAnd() { return joined(Condition::Kind::And, isAnd, &ConditionParser::parseAtom); }

    // Parts joined by a connective ("a or b or c"): one Or or And of them, or one part alone.
    Condition joined(Condition::Kind kind, bool (*isJoin)(const Token&), Condition (ConditionParser::*part)())
    {
        Condition first = (this->*part)();
        if (!isJoin(p_.peek())) return first;
        Condition c;
        c.kind = kind;
        c.parts.push_back(std::move(first));
        while (isJoin(p_.peek())) {
            p_.next();
            c.parts.push_back((this->*part)());
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
    return detail::readOrExplain<ConditionReading>([&](ConditionReading& r) {
        Parser p(tokenize(text, bounds), {variable}, bounds);
        p.setConditionMode(true);
        ConditionParser cp(p, variable);
        r.condition = cp.parseOr();
        if (p.peek().kind != Tok::End) p.fail(p.peek(), "Did not expect \"" + p.peek().text + "\" here.");
    });
}

} // namespace minima::answers
