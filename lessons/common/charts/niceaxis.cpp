#include "lessons/common/charts/niceaxis.h"

#include <QCategoryAxis>
#include <QLogValueAxis>
#include <QValueAxis>
#include <QVariant>

#include <algorithm>
#include <cmath>

#include "lessons/common/charts/numberformat.h"

namespace minima {

namespace {
const char* const kLo = "minimaNiceLo";
const char* const kHi = "minimaNiceHi";
const char* const kWanted = "minimaNiceMaxTicks";   // what the lab asked for
const char* const kFitted = "minimaNiceFitTicks";   // what the axis's pixel length allows
const char* const kCustom = "minimaCustomLabels";
const char* const kExact = "minimaExactRange";   // the range stays [lo, hi]; only the ticks are nice

// Qt redoes the axis's layout and every attached series' geometry on each setter call, equal
// value or not: only what changes is set.
void setDynamicTicks(QValueAxis* axis, const NiceTicks& t)
{
    if (axis->tickType() != QValueAxis::TicksDynamic) axis->setTickType(QValueAxis::TicksDynamic);
    if (axis->tickAnchor() != 0) axis->setTickAnchor(0);
    if (axis->tickInterval() != t.step) axis->setTickInterval(t.step);
    if (axis->min() != t.from || axis->max() != t.to) axis->setRange(t.from, t.to);
    const QString format = QStringLiteral("%.") + QString::number(decimalsForStep(t.step)) + QStringLiteral("f");
    if (axis->labelFormat() != format) axis->setLabelFormat(format);
}

void apply(QValueAxis* axis, NiceTicks t)
{
    if (axis->property(kExact).toBool()) {
        // Ticks at the nice step's multiples inside the range, which stays where the lab put it.
        t.from = axis->property(kLo).toDouble();
        t.to = axis->property(kHi).toDouble();
        if (t.step > 0 && !axis->property(kCustom).toBool()) {
            setDynamicTicks(axis, t);
            return;
        }
    }
    if (axis->property(kCustom).toBool()) {
        auto* cat = static_cast<QCategoryAxis*>(axis);
        QStringList labels;
        QList<double> values;
        for (double v : t.values())
            if (v >= t.from - 1e-9 * t.step && v <= t.to + 1e-9 * t.step) {
                labels << formatTick(v, t.step);
                values << v;
            }
        setCategoryLabels(cat, t.from, labels, values);
        if (cat->min() != t.from || cat->max() != t.to) cat->setRange(t.from, t.to);
        return;
    }
    setDynamicTicks(axis, t);
}
} // namespace

void setCategoryLabels(QCategoryAxis* axis, double start, const QStringList& labels, const QList<double>& values)
{
    // Each remove() and append() lays the axis out again: labels that are already there stay.
    const QStringList old = axis->categoriesLabels();
    bool same = old == labels && axis->startValue() == start;
    for (qsizetype i = 0; same && i < labels.size(); ++i) same = axis->endValue(labels[i]) == values[i];
    if (same) return;
    for (const QString& l : old) axis->remove(l);
    axis->setStartValue(start);
    for (qsizetype i = 0; i < labels.size() && i < values.size(); ++i) axis->append(labels[i], values[i]);
}

int applyLogRange(QLogValueAxis* axis, int decadesPerLabel)
{
    const double lo = axis->property("minimaLogLo").toDouble(), hi = axis->property("minimaLogHi").toDouble();
    if (!(lo > 0) || !(hi > 0)) return 0;
    const int k = std::max(1, decadesPerLabel);
    int from = int(std::floor(std::log10(lo) / k + 1e-9)) * k;
    int to = int(std::ceil(std::log10(hi) / k - 1e-9)) * k;
    if (to <= from) to = from + k;
    axis->setProperty("minimaLogStep", k);
    const double base = std::pow(10.0, k);
    if (axis->base() != base) axis->setBase(base);
    const double a = std::pow(10.0, from), b = std::pow(10.0, to);
    if (axis->min() != a || axis->max() != b) axis->setRange(a, b);
    // The labels are drawn by FigureChart as powers of ten; this format only sizes their room.
    const QString format = QStringLiteral("%.0e");
    if (axis->labelFormat() != format) axis->setLabelFormat(format);
    return (to - from) / k + 1;
}

std::vector<double> NiceTicks::values() const
{
    std::vector<double> out;
    if (!(step > 0)) return out;
    const long long first = std::llround(from / step), last = std::llround(to / step);
    for (long long i = first; i <= last && out.size() < 1000; ++i) out.push_back(double(i) * step);
    return out;
}

NiceTicks niceTicks(double lo, double hi, int maxTicks)
{
    NiceTicks t;
    if (!std::isfinite(lo) || !std::isfinite(hi)) return t;
    if (lo > hi) std::swap(lo, hi);
    if (!(hi - lo > 1e-12 * std::max(1.0, std::abs(hi)))) {
        const double pad = std::max(0.5, 0.05 * std::abs(lo));
        lo -= pad;
        hi += pad;
    }
    maxTicks = std::max(2, maxTicks);
    const double raw = (hi - lo) / double(maxTicks - 1);
    double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (;;) {
        for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
            const double step = m * magnitude;
            if (step < raw * (1 - 1e-12)) continue;
            const double from = std::floor(lo / step + 1e-9) * step, to = std::ceil(hi / step - 1e-9) * step;
            if (std::llround((to - from) / step) + 1 <= maxTicks) {
                t.from = from == 0 ? 0.0 : from;   // no −0
                t.to = to == 0 ? 0.0 : to;
                t.step = step;
                return t;
            }
        }
        magnitude *= 10;
    }
}

NiceTicks niceTicksInside(double lo, double hi, int maxTicks)
{
    NiceTicks t;
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(hi > lo)) return niceTicks(lo, hi, maxTicks);
    maxTicks = std::max(2, maxTicks);
    // The smallest 1-2-5 step with at most maxTicks multiples in [lo, hi], and at least
    // (hi - lo)/maxTicks, so that labels sized for maxTicks ticks over the length keep their
    // room. Any step of at least (hi - lo)/(maxTicks - 1) fits: the search ends there.
    const double least = (hi - lo) / double(maxTicks), fits = (hi - lo) / double(maxTicks - 1);
    double magnitude = std::pow(10.0, std::floor(std::log10(least)));
    t.from = lo;
    t.to = hi;
    for (t.step = 0; t.step == 0; magnitude *= 10)
        for (double m : {1.0, 2.0, 2.5, 5.0}) {
            const double step = m * magnitude;
            if (step < least * (1 - 1e-12)) continue;
            const double inside = std::floor(hi / step + 1e-9) - std::ceil(lo / step - 1e-9) + 1;
            if (inside <= maxTicks || step >= fits * (1 - 1e-12)) {
                t.step = step;
                break;
            }
        }
    return t;
}

namespace {
// The ticks an axis gets for at most maxTicks: counted inside [lo, hi] on an exact range
// (the range does not widen to the ticks), over the widened range otherwise.
NiceTicks ticksFor(const QValueAxis* axis, double lo, double hi, int maxTicks)
{
    return axis->property(kExact).toBool() ? niceTicksInside(lo, hi, maxTicks) : niceTicks(lo, hi, maxTicks);
}
} // namespace

void setNiceRange(QValueAxis* axis, double lo, double hi, int maxTicks)
{
    if (!axis || !std::isfinite(lo) || !std::isfinite(hi)) return;
    axis->setProperty(kLo, lo);
    axis->setProperty(kHi, hi);
    axis->setProperty(kWanted, maxTicks);
    const QVariant fitted = axis->property(kFitted);
    apply(axis, ticksFor(axis, lo, hi, fitted.isValid() ? std::min(maxTicks, fitted.toInt()) : maxTicks));
}

void setExactRange(QValueAxis* axis, double lo, double hi, int maxTicks)
{
    if (!axis || !std::isfinite(lo) || !std::isfinite(hi) || !(hi > lo)) return;
    axis->setProperty(kExact, true);
    setNiceRange(axis, lo, hi, maxTicks);
}

bool refitAxis(QValueAxis* axis, double pixels, double labelExtent)
{
    if (!axis || !axis->property(kLo).isValid()) return false;
    if (!(pixels > 0) || !(labelExtent > 0)) return true;
    // A label and at least as much space again between two labels.
    const int fit = std::clamp(int(pixels / (1.8 * labelExtent)) + 1, 2, 11);
    if (axis->property(kFitted).isValid() && fit == axis->property(kFitted).toInt()) return true;
    axis->setProperty(kFitted, fit);
    apply(axis, ticksFor(axis, axis->property(kLo).toDouble(), axis->property(kHi).toDouble(),
                         std::min(fit, axis->property(kWanted).toInt())));
    return true;
}

void setLogRange(QLogValueAxis* axis, double lo, double hi)
{
    if (!axis || !std::isfinite(lo) || !std::isfinite(hi) || !(lo > 0) || !(hi > 0)) return;
    if (lo > hi) std::swap(lo, hi);
    axis->setProperty("minimaLogLo", lo);
    axis->setProperty("minimaLogHi", hi);
    axis->setProperty("minimaLogLabels", true);
    const QVariant step = axis->property("minimaLogStep");
    applyLogRange(axis, step.isValid() ? step.toInt() : 1);
}

QValueAxis* makeValueAxis()
{
    auto* axis = new QCategoryAxis;
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setProperty(kCustom, true);
    return axis;
}

} // namespace minima
