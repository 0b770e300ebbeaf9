#pragma once
// The tokens of a typed answer: numbers, names, operators, brackets and relations, with the
// non-ASCII symbols people paste (·, ×, −, ≤, ∞, ∪, ², ...) read as their ASCII meaning.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/answers/reading.h"

namespace minima::answers::detail {

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

// The tokens of s, ending with Tok::End. Throws ReadError (too long, or an unknown character).
std::vector<Token> tokenize(std::string_view s, const Bounds& bounds);

} // namespace minima::answers::detail
