#pragma once
// The five kinds of answer, each read and marked: integers and numbers (one checker, with or
// without a tolerance), expressions, choices and conditions.
#include <set>
#include <string>
#include <string_view>

#include "engine/answers/checker.h"
#include "engine/answers/intervals.h"

namespace minima::answers::detail {

// "Could not read": why, and no verdict.
CheckResult unreadable(std::string why);

CheckResult checkNumber(const AnswerKey& key, std::string_view input, const Bounds& bounds);
CheckResult checkExpression(const AnswerKey& key, std::string_view input, const Bounds& bounds);
CheckResult checkChoice(const AnswerKey& key, std::string_view input);
CheckResult checkCondition(const AnswerKey& key, std::string_view input, const Bounds& bounds);

// "a, c", "c a", "a and c": a set of known option ids (case-insensitive).
bool readChoices(std::string_view input, const AnswerKey& key, std::set<std::string>* out, std::string* error);
std::string joinSet(const std::set<std::string>& s);

// A condition answer read as the set of values it describes.
struct SetReading {
    bool ok = false;
    std::string error;
    RealSet set;
};

SetReading readSet(std::string_view text, const AnswerKey& key, const Bounds& bounds);

} // namespace minima::answers::detail
