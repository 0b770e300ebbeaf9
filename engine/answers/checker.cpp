#include "engine/answers/checker.h"

#include <cmath>
#include <set>

#include "engine/answers/bounded.h"
#include "engine/answers/keys.h"
#include "engine/answers/kinds.h"
#include "engine/answers/numbertext.h"
#include "engine/answers/typeset.h"

// The public entry points of checker.h. The work is done in namespace detail: bounded.h (exact
// evaluation), numbertext.h, keys.h, testpoints.h, compare.h, intervals.h, kinds.h, typeset.h.
// evaluationWork() is defined with the evaluator, shortestDecimal() with the number text.
namespace minima::answers {

using namespace detail;

Preview previewAnswer(const AnswerKey& key, std::string_view input, const Bounds& bounds)
{
    Preview p;
    try {
        switch (key.kind) {
        case CheckKind::Integer:
        case CheckKind::Number: {
            const Reading r = readExpression(normaliseNumberInput(input), {}, bounds);
            p.ok = r.ok;
            p.text = r.ok ? r.preview : looksLikeDecimalComma(input) ? decimalCommaMessage : r.error;
            if (r.ok) p.html = typeset(*r.tree);
            return p;
        }
        case CheckKind::Expression: {
            const Reading r = readExpression(input, variableNames(key), bounds);
            p.ok = r.ok;
            p.text = r.ok ? r.preview : r.error;
            if (r.ok) p.html = typeset(*r.tree);
            return p;
        }
        case CheckKind::Choice: {
            std::set<std::string> picked;
            p.ok = readChoices(input, key, &picked, &p.text);
            if (p.ok) p.text = joinSet(picked);
            return p;
        }
        case CheckKind::Condition: {
            const SetReading s = readSet(input, key, bounds);
            p.ok = s.ok;
            p.text = s.ok ? key.variables[0].name + " \xE2\x88\x88 " + formatSet(s.set) : s.error;
            if (s.ok) {
                // As typed, typeset, then the set it describes: "k ≥ 0  (k ∈ [0, ∞))".
                const ConditionReading c = readCondition(input, key.variables[0].name, bounds);
                p.html = (c.ok ? typesetCondition(c.condition) + " &nbsp;(" : std::string("("))
                    + typesetName(key.variables[0].name) + " \xE2\x88\x88 " + htmlEscape(formatSet(s.set)) + ")";
            }
            return p;
        }
        }
    } catch (const std::exception& e) {
        p.ok = false;
        p.text = e.what();
    }
    return p;
}

CheckResult checkAnswer(const AnswerKey& key, std::string_view input, const Bounds& bounds)
{
    try {
        switch (key.kind) {
        case CheckKind::Integer:
        case CheckKind::Number: return checkNumber(key, input, bounds);
        case CheckKind::Expression: return checkExpression(key, input, bounds);
        case CheckKind::Choice: return checkChoice(key, input);
        case CheckKind::Condition: return checkCondition(key, input, bounds);
        }
    } catch (const std::exception& e) {
        return unreadable(std::string("The answer could not be checked: ") + e.what());
    }
    return unreadable("Unknown kind of answer.");
}

std::string expectedAnswer(const AnswerKey& key)
{
    if (!validateReading(key).empty()) return {};
    const Bounds bounds;
    try {
        switch (key.kind) {
        case CheckKind::Integer:
        case CheckKind::Number: {
            std::string out = numberText(realValue(keyValue(key.expected, key, parameterValues(key, bounds), bounds)));
            if (key.kind == CheckKind::Number && !toleranceText(key).empty())
                out += " (within " + toleranceText(key) + ")";
            return out;
        }
        case CheckKind::Expression: {
            std::vector<std::string> names = variableNames(key);
            for (const auto& p : key.parameters) names.push_back(p.first);
            return readExpression(key.expected, names, bounds).preview;
        }
        case CheckKind::Choice: {
            std::set<std::string> s;
            std::string error;
            readChoices(key.expected, key, &s, &error);
            return joinSet(s);
        }
        case CheckKind::Condition: {
            const SetReading s = readSet(key.expected, key, bounds);
            return key.variables[0].name + " \xE2\x88\x88 " + formatSet(s.set);
        }
        }
    } catch (const std::exception&) {
    }
    return {};
}

std::string validateKey(const AnswerKey& key)
{
    std::string problem = validateReading(key);
    if (!problem.empty()) return problem;
    // No listed mistake may be marked right: not equal to the answer, not within its tolerance.
    const std::string accepted = acceptedMistake(key);
    if (!accepted.empty()) return "mistake \"" + accepted + "\" is accepted as the right answer (" + expectedAnswer(key) + ")";
    return {};
}

std::string acceptedMistake(const AnswerKey& key)
{
    AnswerKey bare = key;
    bare.mistakes.clear();
    for (const Mistake& m : key.mistakes) {
        // A numeric mistake is written over the parameters ("b/a"); the learner types its
        // value, so its value is what is checked.
        std::string typed = m.answer;
        if (key.kind == CheckKind::Integer || key.kind == CheckKind::Number) {
            std::string value, error;
            if (!exactValue(m.answer, key.parameters, &value, &error)) continue;
            typed = value;
        }
        if (checkAnswer(bare, typed).verdict == Verdict::Correct) return m.answer;
    }
    return {};
}

bool exactValue(std::string_view text, const std::vector<std::pair<std::string, std::string>>& parameters,
                std::string* value, std::string* error)
{
    const Bounds bounds;
    AnswerKey key;
    key.parameters = parameters;
    try {
        const Reading r = readExpression(text, parameterNames(key), bounds);
        if (!r.ok) { if (error) *error = r.error; return false; }
        const numeric v = realValue(evaluate(*r.tree, bounds, parameterValues(key, bounds)));
        if (v.is_rational()) *value = toString(v);
        else *value = shortestDecimal(v.to_double());
        return true;
    } catch (const std::exception& e) {
        if (error) *error = e.what();
        return false;
    }
}

} // namespace minima::answers
