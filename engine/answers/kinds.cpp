#include "engine/answers/kinds.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

#include "engine/answers/compare.h"
#include "engine/answers/keys.h"
#include "engine/answers/numbertext.h"

namespace minima::answers::detail {

CheckResult unreadable(std::string why)
{
    CheckResult r;
    r.verdict = Verdict::Unreadable;
    r.feedback = std::move(why);
    return r;
}

namespace {

const std::string kWrong = "Not quite.";

struct ConstantReading {
    Reading reading;
    ex value;
    std::string error;
    bool ok = false;
};

ConstantReading readConstant(std::string_view input, const Bounds& bounds)
{
    ConstantReading c;
    c.reading = readExpression(normaliseNumberInput(input), {}, bounds);
    if (!c.reading.ok) {
        c.error = looksLikeDecimalComma(input) ? decimalCommaMessage : c.reading.error;
        return c;
    }
    try {
        c.value = evaluate(*c.reading.tree, bounds, {});
        realValue(c.value);
        c.ok = true;
    } catch (const std::exception& e) {
        c.error = e.what();
    }
    return c;
}

} // namespace

CheckResult checkNumber(const AnswerKey& key, std::string_view input, const Bounds& bounds)
{
    const ConstantReading c = readConstant(input, bounds);
    if (!c.ok) return unreadable(c.error);
    const auto params = parameterValues(key, bounds);
    CheckResult r;
    r.reading = c.reading.preview;
    numeric expected, x;
    try {
        expected = realValue(keyValue(key.expected, key, params, bounds));
        x = realValue(c.value);
    } catch (const std::exception& e) {
        return unreadable(std::string("This exercise's answer cannot be computed: ") + e.what());
    }
    r.expected = numberText(expected);
    if (key.kind == CheckKind::Number && !toleranceText(key).empty())
        r.expected += " (within " + toleranceText(key) + ")";
    if (withinTolerance(key, x, expected)) {
        r.verdict = Verdict::Correct;
        r.feedback = "Right: " + describeNumber(c.value) + ".";
        if (key.kind == CheckKind::Number && !(x == expected) && !toleranceText(key).empty())
            r.feedback = "Right: " + shortNumberText(x) + " is within " + toleranceText(key) + " of the exact value.";
        return r;
    }
    r.verdict = Verdict::Wrong;
    for (const Mistake& m : key.mistakes) {
        try {
            if (withinTolerance(key, x, realValue(keyValue(m.answer, key, params, bounds)))) {
                r.feedback = m.feedback;
                return r;
            }
        } catch (const std::exception&) {
        }
    }
    if (key.kind == CheckKind::Integer) {
        if (!x.is_integer()) {
            r.feedback = kWrong + " The answer is a whole number, and " + describeNumber(c.value) + " is not.";
            return r;
        }
        const std::size_t have = toString(GiNaC::abs(x)).size();
        const std::size_t want = toString(GiNaC::abs(expected)).size();
        r.feedback = kWrong + " " + describeNumber(c.value) + " is not the expected count.";
        if (have != want)
            r.feedback += " Yours has " + std::to_string(have) + " digit" + (have == 1 ? "" : "s")
                + "; the answer has " + std::to_string(want) + ".";
        return r;
    }
    r.feedback = kWrong + " " + shortNumberText(x) + " is not close enough to the expected value";
    if (!toleranceText(key).empty()) r.feedback += " (allowed: " + toleranceText(key) + ")";
    r.feedback += ".";
    return r;
}

CheckResult checkExpression(const AnswerKey& key, std::string_view input, const Bounds& bounds)
{
    const std::vector<std::string> names = variableNames(key);
    const Reading reading = readExpression(input, names, bounds);
    if (!reading.ok) return unreadable(reading.error);
    const auto params = parameterValues(key, bounds);
    std::map<std::string, ex> symbolic = params;
    for (const Variable& v : key.variables) symbolic[v.name] = GiNaC::symbol(v.name);

    std::vector<std::string> keyNames = names;
    for (const auto& p : key.parameters) keyNames.push_back(p.first);
    const Reading expected = readExpression(key.expected, keyNames, bounds);
    if (!expected.ok) return unreadable("This exercise's answer cannot be read: " + expected.error);

    CheckResult r;
    r.reading = reading.preview;
    r.expected = expected.preview;
    // A bound hit anywhere in the learner's expression (e.g. 10^10^10) is reported, not marked.
    try {
        evaluate(*reading.tree, bounds, symbolic);
    } catch (const BoundHit& e) {
        return unreadable(e.what());
    } catch (const std::exception&) {
        // Undefined symbolically (e.g. 0/0): the points below say where.
    }

    const std::vector<Point> points = testPoints(key, params);
    const std::vector<PointValue> values = valuesAt(*reading.tree, points, bounds);
    // Undefined at every point (n/0, 0^(n-n), log(n-n)): nothing was said, so nothing is marked.
    if (!values.empty() && std::none_of(values.begin(), values.end(), [](const PointValue& v) { return v.ok || v.bound; }))
        return unreadable("This expression is undefined wherever it was tried (" + values.front().error
                          + "), so it cannot be an answer.");
    const Comparison right = compareExpressions(*reading.tree, values, *expected.tree, points, symbolic, bounds);
    if (right.same) {
        r.verdict = Verdict::Correct;
        r.feedback = "Right: " + reading.preview + " is the expected expression.";
        return r;
    }
    if (right.bound) return unreadable(right.difference);
    r.verdict = Verdict::Wrong;
    for (const Mistake& m : key.mistakes) {
        const Reading mr = readExpression(m.answer, keyNames, bounds);
        if (!mr.ok) continue;
        if (compareExpressions(*reading.tree, values, *mr.tree, points, symbolic, bounds).same) {
            r.feedback = m.feedback;
            return r;
        }
    }
    r.feedback = kWrong + " " + (right.difference.empty() ? std::string("It is not the expected expression.") : right.difference);
    return r;
}

namespace {

std::string lower(std::string s)
{
    for (char& ch : s) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

} // namespace

// "a, c", "c a", "a and c": a set of known option ids (case-insensitive).
bool readChoices(std::string_view input, const AnswerKey& key, std::set<std::string>* out, std::string* error)
{
    std::string word;
    std::vector<std::string> words;
    for (char ch : std::string(input) + " ") {
        if (ch == ',' || ch == ';' || ch == ' ' || ch == '\t' || ch == '\n') {
            if (!word.empty() && lower(word) != "and") words.push_back(word);
            word.clear();
        } else {
            word += ch;
        }
    }
    if (words.empty()) { *error = "Pick an option."; return false; }
    for (const std::string& w : words) {
        auto it = std::find_if(key.choices.begin(), key.choices.end(),
                               [&](const std::string& c) { return lower(c) == lower(w); });
        if (it == key.choices.end()) {
            std::string all;
            for (const std::string& c : key.choices) all += (all.empty() ? "" : ", ") + c;
            *error = "There is no option \"" + w + "\"; the options are " + all + ".";
            return false;
        }
        out->insert(*it);
    }
    if (!key.multipleChoice && out->size() > 1) { *error = "Pick one option."; return false; }
    return true;
}

std::string joinSet(const std::set<std::string>& s)
{
    std::string out;
    for (const std::string& x : s) out += (out.empty() ? "" : ", ") + x;
    return out;
}

CheckResult checkChoice(const AnswerKey& key, std::string_view input)
{
    std::set<std::string> picked, expected;
    std::string error;
    if (!readChoices(input, key, &picked, &error)) return unreadable(error);
    if (!readChoices(key.expected, key, &expected, &error)) return unreadable("This exercise's answer is broken: " + error);
    CheckResult r;
    r.reading = joinSet(picked);
    r.expected = joinSet(expected);
    if (picked == expected) {
        r.verdict = Verdict::Correct;
        r.feedback = "Right.";
        return r;
    }
    r.verdict = Verdict::Wrong;
    for (const Mistake& m : key.mistakes) {
        std::set<std::string> ms;
        std::string ignored;
        AnswerKey anyCount = key;
        anyCount.multipleChoice = true;
        if (readChoices(m.answer, anyCount, &ms, &ignored) && ms == picked) {
            r.feedback = m.feedback;
            return r;
        }
    }
    if (key.multipleChoice) {
        int good = 0, bad = 0;
        for (const std::string& p : picked) (expected.count(p) ? good : bad)++;
        const int missing = int(expected.size()) - good;
        r.feedback = kWrong + " " + std::to_string(good) + " of your choices " + (good == 1 ? "is" : "are")
            + " right, " + std::to_string(bad) + " " + (bad == 1 ? "is" : "are") + " not, and "
            + std::to_string(missing) + " right option" + (missing == 1 ? " is" : "s are") + " missing.";
    } else {
        r.feedback = kWrong + " \"" + joinSet(picked) + "\" is not the right option.";
    }
    return r;
}

SetReading readSet(std::string_view text, const AnswerKey& key, const Bounds& bounds)
{
    SetReading s;
    if (key.variables.size() != 1) { s.error = "A condition answer needs exactly one variable."; return s; }
    const ConditionReading c = readCondition(text, key.variables[0].name, bounds);
    if (!c.ok) { s.error = c.error; return s; }
    try {
        s.set = conditionSet(c.condition, key.variables[0].name, bounds, parameterValues(key, bounds));
        s.ok = true;
    } catch (const std::exception& e) {
        s.error = e.what();
    }
    return s;
}

CheckResult checkCondition(const AnswerKey& key, std::string_view input, const Bounds& bounds)
{
    const SetReading learner = readSet(input, key, bounds);
    if (!learner.ok) return unreadable(learner.error);
    const SetReading expected = readSet(key.expected, key, bounds);
    if (!expected.ok) return unreadable("This exercise's answer cannot be read: " + expected.error);
    const std::string& var = key.variables[0].name;
    CheckResult r;
    r.reading = var + " \xE2\x88\x88 " + formatSet(learner.set);
    r.expected = var + " \xE2\x88\x88 " + formatSet(expected.set);
    if (sameSet(learner.set, expected.set)) {
        r.verdict = Verdict::Correct;
        r.feedback = "Right: " + r.reading + ".";
        return r;
    }
    r.verdict = Verdict::Wrong;
    for (const Mistake& m : key.mistakes) {
        const SetReading ms = readSet(m.answer, key, bounds);
        if (ms.ok && sameSet(ms.set, learner.set)) {
            r.feedback = m.feedback;
            return r;
        }
    }
    const RealSet extra = intersect(learner.set, complement(expected.set));
    const RealSet missing = intersect(expected.set, complement(learner.set));
    if (!extra.empty())
        r.feedback = kWrong + " " + var + " = " + toString(witness(extra[0])) + " is in your set, but the condition fails there.";
    else if (!missing.empty())
        r.feedback = kWrong + " " + var + " = " + toString(witness(missing[0])) + " also satisfies the condition, but is not in your set.";
    else
        r.feedback = kWrong;
    return r;
}

} // namespace minima::answers::detail
