#include "lessons/common/charts/thinline.h"

#include <QXYSeries>

#include <algorithm>
#include <cmath>

namespace minima {

QList<QPointF> thinnedForColumns(const QList<QPointF>& points, double xmin, double xmax, double columns)
{
    const qsizetype n = points.size();
    if (!(columns >= 1) || !(xmax > xmin) || !std::isfinite(columns) || n <= 2 * qsizetype(columns) + 2) return points;
    QList<QPointF> out;
    out.reserve(2 * qsizetype(columns) + 4);
    out.append(points.front());
    const double perColumn = columns / (xmax - xmin);
    qsizetype i = 1;
    while (i < n - 1) {
        // One column's run of points: its lowest and highest, in the order the line meets them.
        const double column = std::floor((points[i].x() - xmin) * perColumn);
        qsizetype lo = i, hi = i;
        qsizetype j = i + 1;
        for (; j < n - 1 && std::floor((points[j].x() - xmin) * perColumn) == column; ++j) {
            if (points[j].y() < points[lo].y()) lo = j;
            if (points[j].y() > points[hi].y()) hi = j;
        }
        if (lo == hi) {
            out.append(points[lo]);
        } else {
            out.append(points[std::min(lo, hi)]);
            out.append(points[std::max(lo, hi)]);
        }
        i = j;
    }
    out.append(points.back());
    return out;
}

bool replaceIfChanged(QXYSeries* series, const QList<QPointF>& points)
{
    if (!series || series->points() == points) return false;
    if (points.isEmpty()) series->clear();
    else series->replace(points);
    return true;
}

} // namespace minima
