#pragma once
// The answer checker: decides whether what a learner typed is the expected answer, exactly
// where possible (GiNaC big integers and rationals, symbolic normalisation, exact evaluation
// at several points of each variable's domain), says how the input was read, and gives
// targeted feedback for anticipated mistakes. No Qt: the exercise layer fills an AnswerKey.
//
// "Could not read" (Verdict::Unreadable) is for input that cannot be read or checked
// (empty, unknown names, a bound hit); it is never a wrong attempt.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/answers/reading.h"

namespace minima::answers {

enum class CheckKind { Integer, Number, Expression, Choice, Condition };

// A free variable of an expression or condition answer, with the domain used to test it.
struct Variable {
    std::string name;
    bool integer = true;    // a count: tested at whole numbers in [lo, hi]
    double lo = 1.0;
    double hi = 8.0;
};

// An anticipated mistake: an answer written like the expected one, and what to tell the learner.
struct Mistake {
    std::string answer;
    std::string feedback;
};

struct AnswerKey {
    CheckKind kind = CheckKind::Integer;
    // Integer, Number: an expression over the parameters (e.g. "n!^l"), or an exact value.
    // Expression: an expression over the parameters and the variables.
    // Condition: a condition on the one variable (e.g. "k > 0").
    // Choice: the right option ids, separated by commas.
    std::string expected;
    std::vector<std::pair<std::string, std::string>> parameters;   // name -> exact value ("4", "0.3")
    std::vector<Variable> variables;
    std::vector<std::string> choices;   // Choice: every option id
    bool multipleChoice = false;        // Choice: several options may be right
    double relativeTolerance = 0.0;     // Number: |x - e| <= rel * |e| ...
    double absoluteTolerance = 0.0;     // ... or |x - e| <= abs; both 0: exact
    std::vector<Mistake> mistakes;
};

enum class Verdict { Correct, Wrong, Unreadable };

struct CheckResult {
    Verdict verdict = Verdict::Unreadable;
    std::string reading;    // how the input was read, e.g. "(n!)^l"; empty if unreadable
    std::string feedback;   // what was right or wrong and why, or why it could not be read
    std::string expected;   // the expected answer, for teachers and "show solution"
};

struct Preview {
    bool ok = false;
    std::string text;       // the reading when ok, else why it cannot be read
    // When ok: the reading typeset as a teacher writes it, as rich text (HTML with <i>, <sup>,
    // <sub>; names and numbers escaped): "(<i>n</i>!)<sup><i>l</i></sup>", fractions as
    // numerator over denominator, <= as ≤. Empty for choices.
    std::string html;
};

// How the input would be read, without marking it (for a live preview).
Preview previewAnswer(const AnswerKey& key, std::string_view input, const Bounds& bounds = {});

// Marks the input. Never throws; every input is answered within the bounds.
CheckResult checkAnswer(const AnswerKey& key, std::string_view input, const Bounds& bounds = {});

// The expected answer as shown to people: "13824", "0.75 (within 1% relative)", "(n!)^l",
// "(0, ∞)", "b, c". Empty if the key is broken (see validateKey).
std::string expectedAnswer(const AnswerKey& key);

// Empty when the key is sound (expected answer and every mistake read and evaluate, choices
// exist, a condition has one variable, tolerances are finite and >= 0, and no listed mistake
// is accepted as the right answer: a mistake that equals the answer, or that the tolerance
// accepts, would mark the naive guess correct); else the reason.
std::string validateKey(const AnswerKey& key);

// The first listed mistake that checkAnswer would mark right (equal to the answer, or within
// its tolerance), or empty. validateKey refuses such a key.
std::string acceptedMistake(const AnswerKey& key);

// The evaluation work (bits of exact values built) done on this thread so far. A caller
// measures a span of work as the difference of two readings: a pack's total at load and an
// exercise's per check are bounded with it (Bounds bound one expression).
long long evaluationWork();

// Exact value of a constant expression with the given parameters: "4!^3" -> "13824",
// "0.75" -> "3/4", "2/3" -> "2/3". Non-rational values (sqrt(2)) are given to 17 digits.
bool exactValue(std::string_view text, const std::vector<std::pair<std::string, std::string>>& parameters,
                std::string* value, std::string* error);

// A double as the shortest decimal that reads back to it ("0.1", "2.5e-07"): the exact
// rational a tolerance or a computed value stands for.
std::string shortestDecimal(double x);

} // namespace minima::answers
