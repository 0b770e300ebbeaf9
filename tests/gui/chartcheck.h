#pragma once
// What a learner would see on every chart of a widget: no NaN or infinity in any series
// or axis range, nor in a 3-D view's surface, axes or items.
#include <QAbstractAxis>
#include <QChartView>
#include <QLogValueAxis>
#include <QValueAxis>
#include <QWidget>
#include <QXYSeries>
#include <QtDataVisualization/Q3DSurface>
#include <QtDataVisualization/QCustom3DItem>
#include <QtDataVisualization/QSurface3DSeries>
#include <QtDataVisualization/QSurfaceDataProxy>
#include <QtDataVisualization/QValue3DAxis>

#include <cmath>

#include "lessons/common/charts/surface3d.h"

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
    for (SurfaceView3D* view : root->findChildren<SurfaceView3D*>()) {
        const QSurfaceDataArray* rows = view->series()->dataProxy()->array();
        for (qsizetype r = 0; rows && r < rows->size(); ++r) {
            const QSurfaceDataRow& row = *rows->at(r);
            for (qsizetype c = 0; c < row.size(); ++c) {
                const QVector3D p = row[c].position();
                if (!std::isfinite(p.x()) || !std::isfinite(p.y()) || !std::isfinite(p.z()))
                    return QStringLiteral("3-D view, surface row %1 column %2 is (%3, %4, %5)").arg(r).arg(c).arg(p.x()).arg(p.y()).arg(p.z());
            }
        }
        for (QValue3DAxis* axis : {view->graph()->axisX(), view->graph()->axisY(), view->graph()->axisZ()})
            if (!std::isfinite(axis->min()) || !std::isfinite(axis->max()))
                return QStringLiteral("3-D view, axis \"%1\" has range [%2, %3]").arg(axis->title()).arg(axis->min()).arg(axis->max());
        for (QCustom3DItem* item : view->graph()->customItems()) {
            const QVector3D p = item->position();
            if (item->isVisible() && (!std::isfinite(p.x()) || !std::isfinite(p.y()) || !std::isfinite(p.z())))
                return QStringLiteral("3-D view, an item is at (%1, %2, %3)").arg(p.x()).arg(p.y()).arg(p.z());
        }
    }
    return {};
}

} // namespace minima
