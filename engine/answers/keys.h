#pragma once
// What an answer key says: its parameters' values, the names an answer may use, the value of
// an expression written over the parameters, the tolerance it allows, and whether it reads.
#include <map>
#include <string>
#include <vector>

#include "engine/answers/bounded.h"
#include "engine/answers/checker.h"

namespace minima::answers::detail {

// The parameters that have an exact value (a non-numeric one, e.g. an activation name, has none).
std::map<std::string, ex> parameterValues(const AnswerKey& key, const Bounds& bounds);
std::vector<std::string> parameterNames(const AnswerKey& key);
std::vector<std::string> variableNames(const AnswerKey& key);

// The value of an expression over the key's parameters. Throws MathError if it does not read.
ex keyValue(const std::string& text, const AnswerKey& key, const std::map<std::string, ex>& params,
            const Bounds& bounds);

// Whether x is the expected value within the key's tolerance (exact for integers).
bool withinTolerance(const AnswerKey& key, const numeric& x, const numeric& expected);
// "1% relative", "0.5 absolute", "1% relative or 0.5 absolute"; empty when exact.
std::string toleranceText(const AnswerKey& key);

// Empty when the key's expected answer and mistakes read and evaluate; else the reason.
std::string validateReading(const AnswerKey& key);

} // namespace minima::answers::detail
