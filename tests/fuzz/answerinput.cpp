#include "tests/fuzz/answerinput.h"

#include <string_view>
#include <vector>

#include "engine/answers/checker.h"
#include "engine/answers/reading.h"

namespace minima::fuzz {

namespace {

using namespace minima::answers;

// The answer keys of the lessons' hardest cases: big integers (n!^l), symbolic equivalence
// over counts, a tolerance, a condition on k, and several right options.
const std::vector<AnswerKey>& answerKeys()
{
    static const std::vector<AnswerKey> keys = [] {
        std::vector<AnswerKey> k(6);
        k[0].kind = CheckKind::Integer;
        k[0].expected = "n!^l";
        k[0].parameters = {{"n", "4"}, {"l", "3"}};
        k[0].mistakes = {{"(n*l)!", "orderings of all neurons"}, {"n^l", "choices, not orderings"}};

        k[1].kind = CheckKind::Expression;
        k[1].expected = "n!^l";
        k[1].variables = {{"n", true, 1, 6}, {"l", true, 1, 4}};
        k[1].mistakes = {{"(n^l)!", "one pool"}, {"n!*l", "layers multiply"}};

        k[2].kind = CheckKind::Number;
        k[2].expected = "2/(a + b)";
        k[2].parameters = {{"a", "0.5"}, {"b", "2"}};
        k[2].relativeTolerance = 0.01;

        k[3].kind = CheckKind::Condition;
        k[3].expected = "k > 0";
        k[3].variables = {{"k", false, -10, 10}};
        k[3].mistakes = {{"k != 0", "negative k changes the unit"}};

        k[4].kind = CheckKind::Choice;
        k[4].expected = "b, c";
        k[4].choices = {"a", "b", "c", "d"};
        k[4].multipleChoice = true;

        k[5].kind = CheckKind::Expression;
        k[5].expected = "sqrt(x)^3 / exp(x) + binomial(m, 2)";
        k[5].variables = {{"x", false, 0.5, 4}, {"m", true, 2, 9}};
        return k;
    }();
    return keys;
}

} // namespace

std::string runAnswerInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const Bounds bounds;

    const Reading reading = readExpression(input, {"n", "l", "k", "x"}, bounds);
    if (reading.ok && !reading.tree) return "readExpression: ok without a tree";
    if (!reading.ok && reading.error.empty()) return "readExpression: refused without a reason";
    if (reading.ok) {
        formatExpression(*reading.tree);
        countNodes(*reading.tree);
    }
    const ConditionReading condition = readCondition(input, "k", bounds);
    if (!condition.ok && condition.error.empty()) return "readCondition: refused without a reason";

    static const bool keysSound = [] {
        for (const AnswerKey& key : answerKeys())
            if (!validateKey(key).empty()) return false;
        return true;
    }();
    if (!keysSound) return "a fixed answer key does not validate";

    for (const AnswerKey& key : answerKeys()) {
        const Preview preview = previewAnswer(key, input, bounds);
        if (!preview.ok && preview.text.empty()) return "previewAnswer: refused without a reason";
        const CheckResult result = checkAnswer(key, input, bounds);
        if (result.verdict != Verdict::Correct && result.verdict != Verdict::Wrong && result.verdict != Verdict::Unreadable)
            return "checkAnswer: no verdict";
        if (result.verdict == Verdict::Unreadable && result.feedback.empty())
            return "checkAnswer: could not read, without a reason";
        if (input.size() > bounds.maxLength && result.verdict != Verdict::Unreadable)
            return "checkAnswer: marked an input longer than the bound";
        if (result.verdict != Verdict::Unreadable && (result.expected.empty() || result.reading.empty()))
            return "checkAnswer: marked without saying how it read the input and what was expected";
    }
    return {};
}

} // namespace minima::fuzz
