#include "engine/experiments/params.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace minima {

double parseDouble(const std::string& text, const std::string& key)
{
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(v))
        throw ParameterError("bad value '" + text + "' for key '" + key + "': expected a finite number");
    return v;
}

long long parseInt(const std::string& text, const std::string& key, long long min, long long max)
{
    errno = 0;
    char* end = nullptr;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE)
        throw ParameterError("bad value '" + text + "' for key '" + key + "': expected an integer");
    if (v < min || v > max)
        throw ParameterError("value " + text + " for key '" + key + "' is out of range [" + std::to_string(min) + ", "
                             + std::to_string(max) + "]");
    return v;
}

// The comma-separated parts of text, spaces dropped; "" is one empty part.
static std::vector<std::string> splitList(const std::string& text)
{
    std::vector<std::string> parts;
    std::string cur;
    for (char c : text) {
        if (c == ',') { parts.push_back(cur); cur.clear(); }
        else if (c != ' ') cur += c;
    }
    parts.push_back(cur);
    return parts;
}

std::vector<double> parseDoubleList(const std::string& text, const std::string& key)
{
    std::vector<double> out;
    for (const auto& part : splitList(text)) out.push_back(parseDouble(part, key));
    return out;
}

std::vector<long long> parseIntList(const std::string& text, const std::string& key, long long min, long long max)
{
    std::vector<long long> out;
    for (const auto& part : splitList(text)) out.push_back(parseInt(part, key, min, max));
    return out;
}

const std::string& parseChoice(const std::string& text, const std::string& key, const std::vector<std::string>& allowed)
{
    for (const auto& a : allowed)
        if (a == text) return a;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    throw ParameterError("bad value '" + text + "' for key '" + key + "': expected one of " + list);
}

std::string formatNumber(double v)
{
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : std::string();
}

} // namespace minima
