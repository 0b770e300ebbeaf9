#include "lessons/common/charts/numberformat.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace minima {

namespace {

const QChar kMinus(0x2212);

QString withMinus(QString s)
{
    return s.replace(QLatin1Char('-'), kMinus);
}

QString dropZeros(QString s)
{
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0'))) s.chop(1);
        if (s.endsWith(QLatin1Char('.'))) s.chop(1);
    }
    return s;
}

} // namespace

QString superscript(int e)
{
    static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
    QString out;
    if (e < 0) out += QChar(0x207B);
    for (QChar c : QString::number(std::abs(e))) out += digits[c.digitValue()];
    return out;
}

QString powerOfTen(int e)
{
    if (e == 0) return QStringLiteral("1");
    if (e == 1) return QStringLiteral("10");
    return QStringLiteral("10") + superscript(e);
}

QString formatFixed(double x, int decimals)
{
    if (!std::isfinite(x)) return formatNumber(x);
    decimals = std::clamp(decimals, 0, 15);
    if (std::abs(x) < 0.5 * std::pow(10.0, -decimals)) x = 0;   // no "−0"
    return withMinus(dropZeros(QString::number(x, 'f', decimals)));
}

QString formatNumber(double x, int significant)
{
    if (std::isnan(x)) return QCoreApplication::translate("minima::Numbers", "not a number");
    if (std::isinf(x))
        return x > 0 ? QCoreApplication::translate("minima::Numbers", "infinity")
                     : QString(kMinus) + QCoreApplication::translate("minima::Numbers", "infinity");
    if (x == 0) return QStringLiteral("0");
    significant = std::clamp(significant, 1, 15);
    const double a = std::abs(x);
    int e = int(std::floor(std::log10(a)));
    // Rounding to `significant` digits may carry into the next decade (9.996 -> 10.0).
    const double scale = std::pow(10.0, significant - 1 - e);
    const double rounded = std::round(a * scale) / scale;
    if (rounded >= std::pow(10.0, e + 1)) ++e;
    if (e >= -3 && e < 5) {
        const int decimals = std::max(0, significant - 1 - e);
        return formatFixed(x < 0 ? -rounded : rounded, decimals);
    }
    const double mantissa = rounded / std::pow(10.0, e);
    const QString m = dropZeros(QString::number(mantissa, 'f', std::max(0, significant - 1)));
    const QString sign = x < 0 ? QString(kMinus) : QString();
    if (m == QLatin1String("1")) return sign + powerOfTen(e);
    return sign + m + QStringLiteral("·") + powerOfTen(e);
}

QString formatPoint(double x, double y, int decimals)
{
    return QStringLiteral("(%1, %2)").arg(formatFixed(x, decimals), formatFixed(y, decimals));
}

int decimalsForStep(double step)
{
    if (!(step > 0) || !std::isfinite(step)) return 0;
    for (int d = 0; d < 12; ++d) {
        const double scaled = step * std::pow(10.0, d);
        if (std::abs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled)) return d;
    }
    return 12;
}

QString formatTick(double v, double step)
{
    if (!std::isfinite(v) || !(step > 0) || !std::isfinite(step)) return formatNumber(v);
    if (std::abs(v) < 1e-9 * step) return QStringLiteral("0");
    const double a = std::abs(v);
    if (a >= 1e5 || a < 1e-3) {
        // Far from 1: ticks on whole decades read as powers of ten, others with a mantissa.
        const double l = std::log10(a);
        if (std::abs(l - std::round(l)) < 1e-9) return (v < 0 ? QString(kMinus) : QString()) + powerOfTen(int(std::round(l)));
        return formatNumber(v, 3);
    }
    return formatFixed(v, decimalsForStep(step));
}

} // namespace minima
