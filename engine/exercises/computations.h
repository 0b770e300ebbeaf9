#pragma once
// Named engine computations an exercise can ask for as its expected answer, e.g.
// "count-equivalent" with widths "{n},{n}" and activation "tanh". Each takes the exercise's
// arguments (text, after {param} substitution) and returns an exact number, a double or
// option ids. To add one: write a function in computations.cpp and list it in makeComputations().
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace minima::exercises {

using Arguments = std::map<std::string, std::string>;

// Thrown for a missing or bad argument; what() names it.
class ComputationError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Computed {
    enum class Kind { Exact, Real, Choices };
    Kind kind = Kind::Exact;
    std::string exact;                  // Exact: an integer or a fraction, "3715891200", "2/101"
    double real = 0.0;                  // Real
    std::vector<std::string> choices;   // Choices: option ids

    // The value as an answer-key text: the exact number, the double's shortest decimal, or
    // the ids joined by ", ".
    std::string answerText() const;
};

struct Computation {
    std::string name;
    std::string summary;                 // one line, for exercise authors
    std::vector<std::string> arguments;  // the argument names it reads
    Computed (*run)(const Arguments& args);
};

const std::vector<Computation>& computations();
const Computation* findComputation(std::string_view name);

// Runs a named computation. Throws ComputationError for an unknown name or a bad argument.
Computed compute(std::string_view name, const Arguments& args);

// prod_i n_i! * (2^n_i for tanh and sigmoid): the number of hidden-unit configurations that
// compute the same function by permuting neurons within a layer (and flipping signs of tanh
// units, tanh(-z) = -tanh(z), or of sigmoid units with the next biases corrected,
// sigmoid(-z) = 1 - sigmoid(z)): the group of engine/symmetry/symmetry.h. Exact, as a decimal string, from the symmetry part's count.
// Widths from 1 to 10000 each.
std::string countEquivalent(const std::vector<long>& widths, std::string_view activation);

} // namespace minima::exercises
