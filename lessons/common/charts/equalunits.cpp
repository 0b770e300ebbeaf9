#include "lessons/common/charts/equalunits.h"

#include <QCategoryAxis>
#include <QChart>
#include <QFontMetricsF>
#include <QTimer>

#include <algorithm>
#include <cmath>

#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"

namespace minima {

namespace {

// Labels at nice ticks inside [lo, hi], as many as `pixels` hold, on a category axis.
void label(QValueAxis* axis, double lo, double hi, double pixels, double labelExtent)
{
    auto* cat = qobject_cast<QCategoryAxis*>(axis);
    const int fit = std::clamp(int(pixels / (1.8 * std::max(1.0, labelExtent))) + 1, 2, 11);
    NiceTicks t = niceTicks(lo, hi, fit);
    // Only the ticks inside the range: the range itself is not widened to the ticks.
    if (cat) {
        QStringList labels;
        QList<double> values;
        for (double v : t.values())
            if (v >= lo - 1e-9 * (hi - lo) && v <= hi + 1e-9 * (hi - lo)) {
                labels << formatTick(v, t.step);
                values << v;
            }
        setCategoryLabels(cat, lo, labels, values);
    }
    if (axis->min() != lo || axis->max() != hi) axis->setRange(lo, hi);
}

} // namespace

EqualUnits::EqualUnits(QChart* chart, QValueAxis* x, QValueAxis* y, QObject* parent)
    : QObject(parent), chart_(chart), x_(x), y_(y), box_(-1, -1, 2, 2)
{
    // The ranges are set after the layout has settled (queued), never from inside it: setting a
    // range changes the labels, which changes the plot area again.
    connect(chart, &QChart::plotAreaChanged, this, [this] {
        if (queued_) return;
        queued_ = true;
        QTimer::singleShot(0, this, [this] {
            queued_ = false;
            apply();
        });
    });
}

void EqualUnits::setBox(const QRectF& box)
{
    box_ = box.normalized();
    apply();
}

void EqualUnits::setEqual(bool equal)
{
    equal_ = equal;
    x_->setProperty("minimaEqualFitted", QVariant());
    apply();
}

QRectF EqualUnits::shown() const { return QRectF(QPointF(x_->min(), y_->min()), QPointF(x_->max(), y_->max())); }

void EqualUnits::apply()
{
    if (!chart_ || !(box_.width() > 0) || !(box_.height() > 0)) return;
    const QRectF plot = chart_->plotArea();
    double xLo = box_.left(), xHi = box_.right(), yLo = box_.top(), yHi = box_.bottom();
    // Degenerate plot areas (while a window is being laid out) keep the box; the aspect is bounded.
    if (equal_ && plot.width() > 40 && plot.height() > 40) {
        const double aspect = std::clamp(plot.width() / plot.height(), 0.2, 5.0);
        const double w = box_.width(), h = box_.height();
        if (w / h < aspect) {
            const double half = 0.5 * h * aspect, c = box_.center().x();
            xLo = c - half;
            xHi = c + half;
        } else {
            const double half = 0.5 * w / aspect, c = box_.center().y();
            yLo = c - half;
            yHi = c + half;
        }
    }
    const double tol = 1e-4 * std::min(box_.width(), box_.height());
    const bool same = std::abs(x_->min() - xLo) < tol && std::abs(x_->max() - xHi) < tol && std::abs(y_->min() - yLo) < tol
                      && std::abs(y_->max() - yHi) < tol
                      && std::abs(x_->property("minimaEqualFitted").toDouble() - plot.width()) < 0.1 * plot.width()
                      && std::abs(y_->property("minimaEqualFitted").toDouble() - plot.height()) < 0.1 * plot.height();
    if (same) return;
    const QFontMetricsF fx(x_->labelsFont()), fy(y_->labelsFont());
    const double xExtent = std::max({fx.horizontalAdvance(formatTick(xLo, 0.1)), fx.horizontalAdvance(formatTick(xHi, 0.1)),
                                     fx.horizontalAdvance(QStringLiteral("−0.0"))});
    label(x_, xLo, xHi, plot.width() > 40 ? plot.width() : 400, xExtent);
    label(y_, yLo, yHi, plot.height() > 40 ? plot.height() : 300, fy.height());
    x_->setProperty("minimaEqualFitted", plot.width());
    y_->setProperty("minimaEqualFitted", plot.height());
}

} // namespace minima
