#include "lessons/relu-rescaling/niceaxis.h"

#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace minima {

void setNiceRange(QValueAxis* axis, double lo, double hi, int ticks)
{
    if (!std::isfinite(lo) || !std::isfinite(hi)) lo = hi = std::isfinite(lo) ? lo : (std::isfinite(hi) ? hi : 0.0);
    if (hi - lo < 1e-9) {
        lo -= 0.5;
        hi += 0.5;
    }
    const double raw = (hi - lo) / std::max(1, ticks);
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * decade;
    for (double m : {1.0, 2.0, 5.0})
        if (m * decade >= raw) {
            step = m * decade;
            break;
        }
    const double from = std::floor(lo / step) * step, to = std::ceil(hi / step) * step;
    axis->setRange(from, to);
    axis->setTickCount(int(std::lround((to - from) / step)) + 1);
    const int decimals = step >= 1 ? 0 : int(std::ceil(-std::log10(step) - 1e-9));
    axis->setLabelFormat(QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f"));
}

} // namespace minima
