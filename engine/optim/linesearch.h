#pragma once
// A line search that satisfies the strong Wolfe conditions (Nocedal & Wright, "Numerical
// Optimization", 2nd ed., algorithms 3.5 and 3.6): along a descent direction p from x, with
// phi(a) = f(x + a p) and phi'(a) = grad f(x + a p) . p, it finds a step a > 0 with
//   phi(a) <= phi(0) + c1 a phi'(0)           (sufficient decrease, Armijo)
//   |phi'(a)| <= c2 |phi'(0)|                 (the strong curvature condition)
// for 0 < c1 < c2 < 1. Algorithm 3.5 brackets a step by expanding trial steps; 3.6 ("zoom")
// shrinks the bracket with safeguarded cubic interpolation (N&W 3.59), falling back to
// bisection when the cubic leaves the bracket's inner part.
#include <functional>

namespace minima {

struct WolfeSettings {
    double c1 = 1e-4;            // N&W: 1e-4 is usual
    double c2 = 0.9;             // 0.9 for Newton and quasi-Newton steps, 0.1 for nonlinear CG
    double maxStep = 1e10;
    int maxEvaluations = 40;     // trial steps in all, bracketing and zoom

    void validate() const;       // std::invalid_argument unless 0 < c1 < c2 < 1 and the rest positive
};

// phi and phi' at one step, computed together by the caller (one point evaluated).
struct LinePoint {
    double value = 0;
    double slope = 0;            // phi'(a)
};

struct LineSearchResult {
    bool ok = false;             // a step meeting both conditions was found
    double step = 0;             // the step accepted (ok), else the best sufficient-decrease step tried, or 0
    LinePoint at;                // phi and phi' there
    int evaluations = 0;         // calls of phi
    const char* failure = "";    // why not, when !ok
};

// `phi(a)` returns phi(a) and phi'(a); `at0` is phi(0), phi'(0) (phi'(0) < 0 required);
// `initialStep` the first trial (1 for Newton and quasi-Newton directions).
LineSearchResult strongWolfeSearch(const std::function<LinePoint(double)>& phi, LinePoint at0, double initialStep,
                                   const WolfeSettings& settings = {});

// Both strong Wolfe conditions at step a, for tests and for a caller's own check.
bool satisfiesStrongWolfe(LinePoint at0, double step, LinePoint at, const WolfeSettings& settings);

} // namespace minima
