#pragma once
// The bounded evaluator: a tree read from an answer evaluated exactly on GiNaC, every bound
// checked before the operation that could break it. Two kinds of failure only: BoundHit (too
// large to check) and MathError (undefined, or any GiNaC/CLN failure).
#include <map>
#include <stdexcept>
#include <string>

#include <ginac/ginac.h>

#include "engine/answers/reading.h"

namespace minima::answers::detail {

using GiNaC::ex;
using GiNaC::numeric;

// A bound was hit: the input is too large to check (not wrong, not read).
struct BoundHit : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// The value is undefined (0/0, factorial(-1), log(0)).
struct MathError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The value of the tree with the names in env. Throws BoundHit or MathError.
ex evaluate(const Node& n, const Bounds& bounds, const std::map<std::string, ex>& env);

// A real number: exact when rational, else a float from evalf. Throws MathError if not real.
numeric realValue(const ex& v);

// Equal values: exactly when both are rational, else within a relative 1e-12.
bool sameValue(const ex& a, const ex& b);

} // namespace minima::answers::detail
