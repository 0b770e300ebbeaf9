#include "engine/answers/tokens.h"

#include <algorithm>
#include <cctype>

namespace minima::answers::detail {

namespace {

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

} // namespace

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

} // namespace minima::answers::detail
