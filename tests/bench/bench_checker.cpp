// How long the answer checker takes, for ordinary answers and for the hostile ones it must
// refuse quickly (the issue asks for well under a second each).
#include <benchmark/benchmark.h>

#include <string>

#include "engine/answers/checker.h"

using namespace minima::answers;

namespace {

AnswerKey symmetryKey()
{
    AnswerKey k;
    k.kind = CheckKind::Expression;
    k.expected = "n!^l";
    k.variables = {{"n", true, 1, 7}, {"l", true, 1, 4}};
    k.mistakes = {{"(n*l)!", "pooled"}, {"(n^l)!", "power"}, {"n^l", "choices"}, {"n!*l", "sum"}, {"l!^n", "swapped"}};
    return k;
}

AnswerKey integerKey()
{
    AnswerKey k;
    k.kind = CheckKind::Integer;
    k.expected = "n!^l";
    k.parameters = {{"n", "100"}, {"l", "2"}};
    return k;
}

void check(benchmark::State& state, const AnswerKey& key, const std::string& input)
{
    for (auto _ : state) benchmark::DoNotOptimize(checkAnswer(key, input));
}

} // namespace

BENCHMARK_CAPTURE(check, expression_right, symmetryKey(), std::string("factorial(n)^l"));
BENCHMARK_CAPTURE(check, expression_near_miss, symmetryKey(), std::string("(n*l)!"));
BENCHMARK_CAPTURE(check, expression_unanticipated, symmetryKey(), std::string("2*n!^l + l"));
BENCHMARK_CAPTURE(check, integer_316_digits, integerKey(), std::string("(100!)^2"));
BENCHMARK_CAPTURE(check, hostile_10000_chars, integerKey(), std::string(10000, '9'));
BENCHMARK_CAPTURE(check, hostile_nested, integerKey(), std::string(900, '(') + "1" + std::string(900, ')'));
BENCHMARK_CAPTURE(check, hostile_power_tower, symmetryKey(), std::string("10^10^10"));
BENCHMARK_CAPTURE(check, hostile_big_factorial, integerKey(), std::string("factorial(10^9)"));
BENCHMARK_CAPTURE(check, hostile_largest_allowed_factorial, integerKey(), std::string("20000!"));
BENCHMARK_CAPTURE(check, hostile_sum_of_factorials, integerKey(), [] {
    std::string s;
    for (int i = 0; i < 300; ++i) s += "9999!+";
    return s + "1";
}());
BENCHMARK_CAPTURE(check, hostile_exp_tower, symmetryKey(), std::string("exp(exp(exp(n)))"));

BENCHMARK_MAIN();
