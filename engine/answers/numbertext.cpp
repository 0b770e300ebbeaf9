#include "engine/answers/numbertext.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "engine/answers/checker.h"

namespace minima::answers {

namespace detail {

std::string toString(const ex& e)
{
    std::ostringstream s;
    s << e;
    return s.str();
}

// The exact rational a decimal literal stands for: "7.5e-1" -> 3/4.
numeric decimalValue(const std::string& text)
{
    std::string mantissa = text;
    long exponent = 0;
    const auto e = text.find_first_of("eE");
    if (e != std::string::npos) {
        mantissa = text.substr(0, e);
        exponent = std::stol(text.substr(e + 1));
    }
    const auto dot = mantissa.find('.');
    if (dot != std::string::npos) {
        exponent -= long(mantissa.size() - dot - 1);
        mantissa.erase(dot, 1);
    }
    const auto nz = mantissa.find_first_not_of('0');
    mantissa = nz == std::string::npos ? "0" : mantissa.substr(nz);
    numeric value(mantissa.c_str());
    if (exponent > 0) value *= GiNaC::pow(numeric(10), numeric(exponent));
    else if (exponent < 0) value /= GiNaC::pow(numeric(10), numeric(-exponent));
    return value;
}

numeric rationalOf(double x) { return decimalValue(shortestDecimal(x)); }

namespace {

// A number too long to quote (1e-100000 is a 100,001-digit fraction): its size in words, so
// feedback stays a sentence.
std::string longNumberText(const ex& e, const std::string& s)
{
    if (GiNaC::is_a<numeric>(e) && GiNaC::ex_to<numeric>(e).is_rational() && !GiNaC::ex_to<numeric>(e).is_integer()) {
        const numeric v = GiNaC::ex_to<numeric>(e);
        const long top = long(toString(GiNaC::abs(v.numer())).size());
        const long bottom = long(toString(v.denom()).size());
        return std::string(v < 0 ? "a negative fraction" : "a fraction") + " of about 10^" + std::to_string(top - bottom);
    }
    std::size_t digits = 0;
    for (char c : s) digits += (c >= '0' && c <= '9');
    return "a " + std::to_string(digits) + "-digit number";
}

} // namespace

std::string describeNumber(const ex& e)
{
    std::string s = toString(e);
    if (s.size() > 40) return longNumberText(e, s);
    return s;
}
// For feedback: a learner's number that is too long to quote is described by its size.
std::string shortNumberText(const numeric& v)
{
    if (const std::string t = toString(v); t.size() > 40) return longNumberText(v, t);
    return numberText(v);
}

std::string numberText(const numeric& v)
{
    if (v.is_integer()) return toString(v);
    if (v.is_rational()) {
        // 3/4 reads better with its decimal: "3/4 = 0.75".
        std::ostringstream s;
        s.precision(12);
        s << v.to_double();
        return toString(v) + " (" + s.str() + ")";
    }
    std::ostringstream s;
    s.precision(12);
    s << v.to_double();
    return s.str();
}

// Numeric answers (integer, number) are constants: a learner may write "4!^3" but no names.
// Thousands separators ("3,715,891,200") and underscores are dropped first. A thousands group
// never follows a leading 0, and has three digits: "0,250", "0,25" and "1,5" are no thousands
// but may be a decimal comma, which this locale-free reader does not guess at: they are not
// read (decimalCommaMessage says why), never taken for 250. The exercise panel reads them with
// a decimal point where the locale writes decimals with a comma.
bool looksLikeDecimalComma(std::string_view input)
{
    std::string core(input);
    core.erase(std::remove(core.begin(), core.end(), '_'), core.end());
    const std::size_t b = core.find_first_not_of(" \t");
    if (b == std::string::npos) return false;
    core = core.substr(b, core.find_last_not_of(" \t") - b + 1);
    std::size_t i = (core[0] == '-' || core[0] == '+') ? 1 : 0;
    const std::size_t digitsFrom = i;
    while (i < core.size() && core[i] >= '0' && core[i] <= '9') ++i;
    if (i == digitsFrom || i >= core.size() || core[i] != ',') return false;
    const std::size_t comma = i;
    if (comma + 1 >= core.size() || core.find_first_not_of("0123456789", comma + 1) != std::string::npos) return false;
    return core[digitsFrom] == '0' || core.size() - comma - 1 != 3;
}

const std::string decimalCommaMessage =
    "A comma here is no thousands separator (those come before groups of three digits, never after a leading 0): "
    "write a decimal with a point, e.g. 0.25.";

std::string normaliseNumberInput(std::string_view input)
{
    std::string s(input);
    s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
    // Only a plain number with groups of three after each comma.
    bool grouped = s.find(',') != std::string::npos;
    std::size_t b = s.find_first_not_of(" \t");
    std::size_t e = s.find_last_not_of(" \t");
    if (grouped && b != std::string::npos) {
        std::string core = s.substr(b, e - b + 1);
        std::size_t i = (core[0] == '-' || core[0] == '+') ? 1 : 0;
        const std::size_t digitsFrom = i;
        std::size_t firstGroup = 0;
        while (i < core.size() && core[i] >= '0' && core[i] <= '9') { ++i; ++firstGroup; }
        grouped = firstGroup >= 1 && firstGroup <= 3 && core[digitsFrom] != '0';
        while (grouped && i < core.size()) {
            if (core[i] == '.') break;
            if (core[i] != ',') { grouped = false; break; }
            for (int k = 1; k <= 3; ++k)
                if (i + k >= core.size() || core[i + k] < '0' || core[i + k] > '9') grouped = false;
            i += 4;
        }
        if (grouped) s.erase(std::remove(s.begin(), s.end(), ','), s.end());
    }
    return s;
}

} // namespace detail

std::string shortestDecimal(double x)
{
    if (!std::isfinite(x)) return "0";
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, res.ptr);
}

} // namespace minima::answers
