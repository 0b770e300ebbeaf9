#pragma once
// How sure a share of successes is: the Wilson score interval for a binomial proportion
// (E. B. Wilson, "Probable inference, the law of succession, and statistical inference",
// J. Amer. Statist. Assoc. 22, 1927; recommended over the Wald interval p ± z·√(p(1−p)/n) by
// R. G. Newcombe, "Two-sided confidence intervals for the single proportion", Statistics in
// Medicine 17, 1998, method 3). Unlike the Wald interval it stays inside [0, 1] and does not
// collapse to a point at 0 of n or n of n.

namespace minima {

struct ProportionInterval {
    double share = 0;   // successes / trials
    double low = 0;
    double high = 0;
};

// z of the two-sided 95 % normal interval: the 0.975 quantile of the standard normal.
inline constexpr double kZ95 = 1.959963984540054;

// The Wilson score interval of `successes` out of `trials` at the normal quantile z
// (kZ95 for 95 %): (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n). trials = 0 gives
// share 0 and the whole [0, 1]; successes are clamped to [0, trials].
ProportionInterval wilsonInterval(int successes, int trials, double z = kZ95);

} // namespace minima
