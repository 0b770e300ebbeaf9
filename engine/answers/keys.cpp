#include "engine/answers/keys.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "engine/answers/kinds.h"
#include "engine/answers/numbertext.h"
#include "engine/answers/testpoints.h"

namespace minima::answers::detail {

std::map<std::string, ex> parameterValues(const AnswerKey& key, const Bounds& bounds)
{
    std::map<std::string, ex> env;
    for (const auto& [name, text] : key.parameters) {
        const Reading r = readExpression(text, {}, bounds);
        if (!r.ok) continue;   // a non-numeric parameter (e.g. an activation name)
        try {
            env[name] = evaluate(*r.tree, bounds, {});
        } catch (const std::exception&) {
        }
    }
    return env;
}

std::vector<std::string> parameterNames(const AnswerKey& key)
{
    std::vector<std::string> names;
    for (const auto& p : key.parameters) names.push_back(p.first);
    return names;
}

std::vector<std::string> variableNames(const AnswerKey& key)
{
    std::vector<std::string> names;
    for (const Variable& v : key.variables) names.push_back(v.name);
    return names;
}

ex keyValue(const std::string& text, const AnswerKey& key, const std::map<std::string, ex>& params,
            const Bounds& bounds)
{
    const Reading r = readExpression(text, parameterNames(key), bounds);
    if (!r.ok) throw MathError(r.error);
    return evaluate(*r.tree, bounds, params);
}

namespace {

numeric toleranceFor(const AnswerKey& key, const numeric& expected)
{
    const numeric rel = rationalOf(key.relativeTolerance) * GiNaC::abs(expected);
    const numeric abs = rationalOf(key.absoluteTolerance);
    return std::max(rel, abs);
}

} // namespace

bool withinTolerance(const AnswerKey& key, const numeric& x, const numeric& expected)
{
    if (key.kind == CheckKind::Integer || (key.relativeTolerance == 0 && key.absoluteTolerance == 0))
        return x == expected || (!x.is_rational() && sameValue(x, expected));
    return GiNaC::abs(x - expected) <= toleranceFor(key, expected);
}

std::string toleranceText(const AnswerKey& key)
{
    std::vector<std::string> parts;
    if (key.relativeTolerance > 0) {
        parts.push_back(shortestDecimal(key.relativeTolerance * 100) + "% relative");
    }
    if (key.absoluteTolerance > 0) parts.push_back(shortestDecimal(key.absoluteTolerance) + " absolute");
    if (parts.empty()) return {};
    return parts.size() == 1 ? parts[0] : parts[0] + " or " + parts[1];
}

std::string validateReading(const AnswerKey& key)
{
    const Bounds bounds;
    if (!(key.relativeTolerance >= 0) || !(key.absoluteTolerance >= 0) || !std::isfinite(key.relativeTolerance)
        || !std::isfinite(key.absoluteTolerance))
        return "tolerances must be finite numbers >= 0";
    try {
        const auto params = parameterValues(key, bounds);
        switch (key.kind) {
        case CheckKind::Integer:
        case CheckKind::Number: {
            const numeric e = realValue(keyValue(key.expected, key, params, bounds));
            if (key.kind == CheckKind::Integer && !e.is_integer())
                return "the expected answer " + toString(e) + " is not a whole number";
            for (const Mistake& m : key.mistakes) {
                try {
                    realValue(keyValue(m.answer, key, params, bounds));
                } catch (const std::exception& ex) {
                    return "mistake \"" + m.answer + "\": " + ex.what();
                }
            }
            return {};
        }
        case CheckKind::Expression: {
            std::vector<std::string> names = variableNames(key);
            for (const auto& p : key.parameters) names.push_back(p.first);
            for (const Variable& v : key.variables)
                if (!(v.lo <= v.hi) || !std::isfinite(v.lo) || !std::isfinite(v.hi))
                    return "variable " + v.name + " needs a range with lo <= hi";
            const Reading e = readExpression(key.expected, names, bounds);
            if (!e.ok) return "the expected answer: " + e.error;
            const auto points = testPoints(key, params);
            const auto values = valuesAt(*e.tree, points, bounds);
            if (std::none_of(values.begin(), values.end(), [](const PointValue& v) { return v.ok; }))
                return "the expected answer cannot be evaluated in the variables' ranges: " + values[0].error;
            for (const Mistake& m : key.mistakes) {
                const Reading mr = readExpression(m.answer, names, bounds);
                if (!mr.ok) return "mistake \"" + m.answer + "\": " + mr.error;
            }
            return {};
        }
        case CheckKind::Choice: {
            if (key.choices.empty()) return "a choice exercise needs options";
            std::set<std::string> s;
            std::string error;
            if (!readChoices(key.expected, key, &s, &error)) return "the expected answer: " + error;
            AnswerKey anyCount = key;
            anyCount.multipleChoice = true;
            for (const Mistake& m : key.mistakes) {
                std::set<std::string> ms;
                if (!readChoices(m.answer, anyCount, &ms, &error)) return "mistake \"" + m.answer + "\": " + error;
            }
            return {};
        }
        case CheckKind::Condition: {
            const SetReading e = readSet(key.expected, key, bounds);
            if (!e.ok) return "the expected answer: " + e.error;
            for (const Mistake& m : key.mistakes) {
                const SetReading ms = readSet(m.answer, key, bounds);
                if (!ms.ok) return "mistake \"" + m.answer + "\": " + ms.error;
            }
            return {};
        }
        }
    } catch (const std::exception& e) {
        return e.what();
    }
    return "unknown kind";
}

} // namespace minima::answers::detail
