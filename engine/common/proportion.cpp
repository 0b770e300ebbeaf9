#include "engine/common/proportion.h"

#include <algorithm>
#include <cmath>

namespace minima {

ProportionInterval wilsonInterval(int successes, int trials, double z)
{
    ProportionInterval r;
    if (trials <= 0) {
        r.high = 1;
        return r;
    }
    const double n = trials;
    const double k = std::clamp(successes, 0, trials);
    const double p = k / n;
    const double z2 = z * z;
    const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    const double half = z / (1 + z2 / n) * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    r.share = p;
    // At 0 of n and n of n the bound is exactly 0 or 1 (centre = half there, up to rounding).
    r.low = k == 0 ? 0.0 : std::max(0.0, centre - half);
    r.high = k == n ? 1.0 : std::min(1.0, centre + half);
    return r;
}

} // namespace minima
