#pragma once
// A figure's series found by name, and its values checked, for the lesson tests.
#include <QAbstractBarSeries>
#include <QAbstractSeries>
#include <QBarSet>
#include <QChart>
#include <QString>
#include <QXYSeries>

#include <cmath>

#include "lessons/common/charts/figurechart.h"

namespace minima {

// The series of `chart` whose object name is `objectName`, as an XY series; null if none.
inline QXYSeries* seriesNamed(FigureChart* chart, const QString& objectName)
{
    for (QAbstractSeries* s : chart->chart()->series())
        if (s->objectName() == objectName) return qobject_cast<QXYSeries*>(s);
    return nullptr;
}

// The series of `chart` whose legend name is `name`, as an XY series; null if none.
inline QXYSeries* seriesTitled(FigureChart* chart, const QString& name)
{
    for (QAbstractSeries* s : chart->chart()->series())
        if (s->name() == name) return qobject_cast<QXYSeries*>(s);
    return nullptr;
}

// True when every point of every XY series and every bar of every bar series is finite.
inline bool allFinite(FigureChart* chart)
{
    for (QAbstractSeries* s : chart->chart()->series()) {
        if (auto* xy = qobject_cast<QXYSeries*>(s)) {
            for (const QPointF& p : xy->points())
                if (!std::isfinite(p.x()) || !std::isfinite(p.y())) return false;
        } else if (auto* bars = qobject_cast<QAbstractBarSeries*>(s)) {
            for (QBarSet* set : bars->barSets())
                for (int i = 0; i < set->count(); ++i)
                    if (!std::isfinite(set->at(i))) return false;
        }
    }
    return true;
}

} // namespace minima
