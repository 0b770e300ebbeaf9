#include "engine/optim/linesearch.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace minima {

void WolfeSettings::validate() const
{
    if (!(c1 > 0) || !(c2 > c1) || !(c2 < 1)) throw std::invalid_argument("the Wolfe constants need 0 < c1 < c2 < 1");
    if (!(maxStep > 0) || maxEvaluations < 2) throw std::invalid_argument("the line search needs a positive step bound and 2 or more trials");
}

bool satisfiesStrongWolfe(LinePoint at0, double step, LinePoint at, const WolfeSettings& s)
{
    return std::isfinite(at.value) && at.value <= at0.value + s.c1 * step * at0.slope
           && std::fabs(at.slope) <= s.c2 * std::fabs(at0.slope);
}

namespace {

// The minimiser of the cubic through (a, fa, da) and (b, fb, db) (N&W 3.59), or NaN when it
// has none.
double cubicMinimiser(double a, double fa, double da, double b, double fb, double db)
{
    const double d1 = da + db - 3 * (fa - fb) / (a - b);
    const double disc = d1 * d1 - da * db;
    if (!(disc >= 0)) return NAN;
    const double d2 = std::copysign(std::sqrt(disc), b - a);
    const double denominator = db - da + 2 * d2;
    if (denominator == 0) return NAN;
    return b - (b - a) * (db + d2 - d1) / denominator;
}

} // namespace

LineSearchResult strongWolfeSearch(const std::function<LinePoint(double)>& phi, LinePoint at0, double initialStep,
                                   const WolfeSettings& s)
{
    s.validate();
    LineSearchResult r;
    if (!(at0.slope < 0) || !std::isfinite(at0.value)) {
        r.failure = "not a descent direction";
        return r;
    }
    const double armijo = s.c1 * at0.slope, curvature = s.c2 * std::fabs(at0.slope);
    auto sufficient = [&](double a, const LinePoint& p) { return std::isfinite(p.value) && p.value <= at0.value + a * armijo; };
    auto remember = [&](double a, const LinePoint& p) {
        if (sufficient(a, p) && (r.step == 0 || p.value < r.at.value)) {
            r.step = a;
            r.at = p;
        }
    };

    // Algorithm 3.6: the bracket [lo, hi] holds a step meeting both conditions; lo is the best
    // sufficient-decrease step seen.
    auto zoom = [&](double lo, LinePoint atLo, double hi, LinePoint atHi) {
        while (r.evaluations < s.maxEvaluations) {
            const double left = std::min(lo, hi), width = std::fabs(hi - lo);
            if (!(width > 1e-16 * std::max(1.0, std::fabs(hi)))) break;
            double a = std::isfinite(atHi.value) && std::isfinite(atHi.slope)
                           ? cubicMinimiser(lo, atLo.value, atLo.slope, hi, atHi.value, atHi.slope)
                           : NAN;
            // Safeguard: stay in the middle 80 % of the bracket, else bisect.
            if (!std::isfinite(a) || a < left + 0.1 * width || a > left + 0.9 * width) a = 0.5 * (lo + hi);
            const LinePoint p = phi(a);
            ++r.evaluations;
            remember(a, p);
            if (!sufficient(a, p) || p.value >= atLo.value) {
                hi = a;
                atHi = p;
            } else {
                if (std::fabs(p.slope) <= curvature) {
                    r.ok = true;
                    r.step = a;
                    r.at = p;
                    return;
                }
                if (p.slope * (hi - lo) >= 0) {
                    hi = lo;
                    atHi = atLo;
                }
                lo = a;
                atLo = p;
            }
        }
        r.failure = "the bracket shrank without meeting the curvature condition";
    };

    // Algorithm 3.5: expand until a bracket is found or the step is accepted.
    double previous = 0, a = std::clamp(initialStep, 1e-300, s.maxStep);
    LinePoint atPrevious = at0;
    for (;;) {
        const LinePoint p = phi(a);
        ++r.evaluations;
        remember(a, p);
        if (!sufficient(a, p) || (previous > 0 && p.value >= atPrevious.value)) {
            zoom(previous, atPrevious, a, p);
            return r;
        }
        if (std::fabs(p.slope) <= curvature) {
            r.ok = true;
            r.step = a;
            r.at = p;
            return r;
        }
        if (p.slope >= 0) {
            zoom(a, p, previous, atPrevious);
            return r;
        }
        if (a >= s.maxStep) {
            r.failure = "the step reached its bound with the loss still falling";
            return r;
        }
        if (r.evaluations >= s.maxEvaluations) {
            r.failure = "too many trial steps";
            return r;
        }
        previous = a;
        atPrevious = p;
        a = std::min(2 * a, s.maxStep);
    }
}

} // namespace minima
