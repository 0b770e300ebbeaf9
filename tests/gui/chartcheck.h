#pragma once
// What a learner would see on every chart of a widget: no NaN or infinity in any series
// or axis range.
#include <QAbstractAxis>
#include <QChartView>
#include <QLogValueAxis>
#include <QValueAxis>
#include <QWidget>
#include <QXYSeries>

#include <cmath>

namespace minima {

// Returns an empty string when every chart under `root` is finite, else what is not.
inline QString nonFiniteOnCharts(QWidget* root)
{
    for (QChartView* view : root->findChildren<QChartView*>()) {
        QChart* chart = view->chart();
        if (!chart) continue;
        for (QAbstractSeries* s : chart->series()) {
            auto* xy = qobject_cast<QXYSeries*>(s);
            if (!xy) continue;
            const QList<QPointF> points = xy->points();
            for (qsizetype i = 0; i < points.size(); ++i) {
                if (!std::isfinite(points[i].x()) || !std::isfinite(points[i].y()))
                    return QStringLiteral("chart \"%1\", series \"%2\", point %3 is (%4, %5)")
                        .arg(chart->title(), s->name()).arg(i).arg(points[i].x()).arg(points[i].y());
            }
        }
        for (QAbstractAxis* axis : chart->axes()) {
            double lo = 0, hi = 0;
            if (auto* v = qobject_cast<QValueAxis*>(axis)) lo = v->min(), hi = v->max();
            else if (auto* l = qobject_cast<QLogValueAxis*>(axis)) lo = l->min(), hi = l->max();
            if (!std::isfinite(lo) || !std::isfinite(hi))
                return QStringLiteral("chart \"%1\", axis \"%2\" has range [%3, %4]").arg(chart->title(), axis->titleText()).arg(lo).arg(hi);
        }
    }
    return {};
}

} // namespace minima
