#include "engine/common/meaninterval.h"

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace minima {

namespace {

// P(|T| <= t) for dof degrees of freedom, with theta = atan(t / √dof) (A & S 26.7.3, 26.7.4):
//   dof odd:  (2/π) [theta + sin theta (cos theta + (2/3) cos³ theta + ...
//                    + (2·4···(dof−3))/(1·3···(dof−2)) cos^(dof−2) theta)]   (2 theta/π for dof 1)
//   dof even: sin theta [1 + (1/2) cos² theta + (1·3)/(2·4) cos⁴ theta + ...
//                    + (1·3···(dof−3))/(2·4···(dof−2)) cos^(dof−2) theta]
double twoSidedProbability(double t, int dof)
{
    const double theta = std::atan(t / std::sqrt(double(dof)));
    const double s = std::sin(theta), c = std::cos(theta), c2 = c * c;
    if (dof % 2 == 1) {
        if (dof == 1) return 2 * theta / std::numbers::pi;
        double term = c, sum = c;
        for (int k = 1; k <= (dof - 3) / 2; ++k) {
            term *= c2 * (2.0 * k) / (2.0 * k + 1);
            sum += term;
        }
        return 2 / std::numbers::pi * (theta + s * sum);
    }
    double term = 1, sum = 1;
    for (int k = 1; k <= (dof - 2) / 2; ++k) {
        term *= c2 * (2.0 * k - 1) / (2.0 * k);
        sum += term;
    }
    return s * sum;
}

} // namespace

double studentQuantile(double level, int dof)
{
    if (dof < 1) throw std::invalid_argument("Student t needs at least 1 degree of freedom");
    if (!(level > 0 && level < 1)) throw std::invalid_argument("confidence level must be in (0, 1)");
    double lo = 0, hi = 1;
    while (twoSidedProbability(hi, dof) < level) hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; ++i) {
        const double mid = (lo + hi) / 2;
        (twoSidedProbability(mid, dof) < level ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

MeanInterval studentInterval(const std::vector<double>& values, double level)
{
    if (values.empty()) throw std::invalid_argument("a mean needs at least one value");
    if (!(level > 0 && level < 1)) throw std::invalid_argument("confidence level must be in (0, 1)");
    const double n = double(values.size());
    double sum = 0;
    for (double v : values) {
        if (!std::isfinite(v)) throw std::invalid_argument("values must be finite");
        sum += v;
    }
    MeanInterval r;
    r.mean = sum / n;
    if (values.size() < 2) {
        r.low = r.high = std::numeric_limits<double>::quiet_NaN();
        return r;
    }
    double squares = 0;
    for (double v : values) squares += (v - r.mean) * (v - r.mean);
    const double half = studentQuantile(level, int(values.size()) - 1) * std::sqrt(squares / (n - 1) / n);
    r.low = r.mean - half;
    r.high = r.mean + half;
    return r;
}

} // namespace minima
