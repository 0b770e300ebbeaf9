#pragma once
// A line of many more points than its chart has pixel columns, thinned for drawing. Qt Charts
// recomputes and strokes a series' whole path on the GUI thread each time its points change:
// a 2,001-step path on a chart 400 pixels wide costs five times the strokes its picture needs.
#include <QList>
#include <QPointF>

class QXYSeries;

namespace minima {

// The points of a line whose x runs from xmin to xmax across `columns` pixel columns, keeping
// per column its lowest and highest point in their order, and the line's first and last point:
// the line drawn covers the same pixels (to antialiasing) and keeps its ends. Lines of no more
// than twice as many points as columns, or without columns to measure, are returned as they are.
QList<QPointF> thinnedForColumns(const QList<QPointF>& points, double xmin, double xmax, double columns);

// Gives the series these points unless it has them already (a result that leaves a line as it
// was, the contours under a new learning rate say, then costs no stroking). True if it changed.
bool replaceIfChanged(QXYSeries* series, const QList<QPointF>& points);

} // namespace minima
