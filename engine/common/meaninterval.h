#pragma once
// How sure a mean of a few measurements is: the Student t interval, mean ± t s / √n, s the
// sample standard deviation and t the 0.975 quantile of Student's t with n - 1 degrees of
// freedom for 95 % ("Student" 1908, "The probable error of a mean", Biometrika 6). For the
// few seed pairs an experiment can afford the normal quantile 1.96 would be too narrow
// (t = 12.7 for two values, 2.36 for eight).
#include <vector>

namespace minima {

struct MeanInterval {
    double mean = 0;
    double low = 0;    // NaN for fewer than two values: no interval
    double high = 0;
};

// The two-sided quantile: t with P(|T| <= t) = level for T of Student's t distribution with
// dof degrees of freedom, found by bisection on the closed form of P(|T| <= t) for an
// integer dof (Abramowitz & Stegun 1964, 26.7.3 and 26.7.4). Throws std::invalid_argument for
// dof < 1 or a level outside (0, 1).
double studentQuantile(double level, int dof);

// mean ± t s / √n of `values` at `level` (95 % by default). Throws std::invalid_argument for
// no values, a non-finite value or a level outside (0, 1).
MeanInterval studentInterval(const std::vector<double>& values, double level = 0.95);

} // namespace minima
