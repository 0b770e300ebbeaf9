#pragma once
// The recursive-descent parser of reading.h, over the tokens of tokens.h: expressions, with the
// precedence reading.h lists, every node and nesting level counted against the bounds. The
// condition reader drives it for the expressions inside a condition.
#include <algorithm>
#include <cstddef>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "engine/answers/tokens.h"

namespace minima::answers::detail {

// How tightly a node binds, loosest first: 1 for + -, 2 for * /, 3 for a sign, 4 for ^, 5 for !,
// 6 for a number, a name or a call. Reading back and typesetting bracket by it.
int precedence(const Node& n);

class Parser {
public:
    Parser(std::vector<Token> tokens, const std::vector<std::string>& names, const Bounds& bounds)
        : t_(std::move(tokens)), names_(names), bounds_(bounds)
    {
    }

    NodePtr parseExpression();

    const Token& peek(std::size_t ahead = 0) const { return t_[std::min(p_ + ahead, t_.size() - 1)]; }
    const Token& next() { const Token& tok = t_[p_]; if (p_ + 1 < t_.size()) ++p_; return tok; }
    std::size_t position() const { return p_; }
    void rewind(std::size_t p) { p_ = p; }

    [[noreturn]] void fail(const Token& at, const std::string& what) const;
    void expect(Tok kind, const char* text);

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

    NodePtr make(Node::Kind kind, std::vector<NodePtr> args, std::string text = {}, bool implicit = false);
    bool startsFactor(const Token& tok) const;
    NodePtr parseTerm();
    static bool endsWithNumber(const Node& n);
    NodePtr parseUnary();
    NodePtr parsePower();
    NodePtr parsePostfix();
    bool isName(const std::string& s) const;
    NodePtr parsePrimary();
    // Greedy split of an unknown word into declared names ("nl" -> n l); nullptr if impossible.
    NodePtr splitNames(const std::string& word);
    void checkNumberLiteral(const Token& tok) const;

    std::vector<Token> t_;
    std::size_t p_ = 0;
    std::vector<std::string> names_;
    const Bounds& bounds_;
    int depth_ = 0;
    std::size_t nodes_ = 0;
    bool conditionMode_ = false;
};

// A Reading or a ConditionReading filled by read(result) and then marked ok; when read throws,
// the result says why in one sentence instead.
template <class Result, class Read>
Result readOrExplain(Read read)
{
    Result r;
    try {
        read(r);
        r.ok = true;
    } catch (const ReadError& e) {
        r.error = e.what();
    } catch (const std::exception& e) {
        r.error = std::string("Could not read the answer: ") + e.what();
    }
    return r;
}

} // namespace minima::answers::detail
