#include "lessons/challenges/curvechart.h"

#include <QChart>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "lessons/common/charts/niceaxis.h"

namespace minima {

QColor levelColor() { return QColor(0x88, 0x88, 0x88); }

LogCurveChart::LogCurveChart(const QString& title, const QString& xTitle, const QString& yTitle, QWidget* parent)
    : FigureChart(parent), axisX_(makeValueAxis()), axisY_(new QLogValueAxis)
{
    chart()->setTitle(title);
    axisX_->setTitleText(xTitle);
    axisY_->setTitleText(yTitle);
    setNiceRange(axisX_, 0, 1);
    setLogRange(axisY_, 0.1, 1);
    chart()->addAxis(axisX_, Qt::AlignBottom);
    chart()->addAxis(axisY_, Qt::AlignLeft);
    restyle();
}

void LogCurveChart::clearCurves()
{
    used_ = 0;
    levels_.clear();
    pending_.clear();
}

QLineSeries* LogCurveChart::addCurve(const QString& name, const std::vector<double>& ys, double x0, const QColor& color,
                                     Qt::PenStyle style, bool markers)
{
    QLineSeries* series = nullptr;
    if (used_ < curves_.size()) {
        series = curves_[used_];
    } else {
        series = new QLineSeries;
        chart()->addSeries(series);
        series->attachAxis(axisX_);
        series->attachAxis(axisY_);
        curves_.append(series);
    }
    ++used_;
    if (series->name() != name) series->setName(name);
    Pending p;
    p.points.reserve(qsizetype(ys.size()));
    for (std::size_t i = 0; i < ys.size(); ++i)
        if (std::isfinite(ys[i])) p.points.append({x0 + double(i), std::max(ys[i], kLogFloor)});
    p.pen = QPen(color);
    p.pen.setWidthF(2.0);
    p.pen.setStyle(style);
    p.markers = markers;
    pending_.append(std::move(p));
    return series;
}

QLineSeries* LogCurveChart::addLevel(const QString& name, double y, const QColor& color)
{
    QLineSeries* s = addCurve(name, {y}, 0.0, color, Qt::DashLine);
    pending_.last().pen.setWidthF(2.5);
    pending_.last().level = true;
    levels_.append(s);
    return s;
}

void LogCurveChart::fitAxes(bool integerTicks)
{
    // The series the current set did not refill go.
    while (curves_.size() > used_) {
        QLineSeries* extra = curves_.takeLast();
        chart()->removeSeries(extra);
        delete extra;
    }
    double xmin = std::numeric_limits<double>::infinity(), xmax = -xmin;
    double ymin = xmin, ymax = -xmin;
    for (const Pending& p : std::as_const(pending_))
        for (const QPointF& q : p.points) {
            ymin = std::min(ymin, q.y());
            ymax = std::max(ymax, q.y());
            if (!p.level) {
                xmin = std::min(xmin, q.x());
                xmax = std::max(xmax, q.x());
            }
        }
    if (!std::isfinite(xmin)) { xmin = 0; xmax = 1; }
    if (xmax <= xmin) xmax = xmin + 1;
    if (!std::isfinite(ymin)) { ymin = 0.1; ymax = 1; }
    // Reference levels span the curves' x range.
    for (Pending& p : pending_)
        if (p.level) {
            const double y = p.points.isEmpty() ? 1.0 : p.points.first().y();
            p.points = QList<QPointF>{{xmin, y}, {xmax, y}};
        }
    // The curves that change are emptied first, so the new ranges do not redraw their old points.
    const qsizetype n = std::min(curves_.size(), pending_.size());
    for (qsizetype i = 0; i < n; ++i)
        if (curves_[i]->points() != pending_[i].points && curves_[i]->count() > 0) curves_[i]->clear();
    // Integer ticks (one per layer when they fit) or a nice range; whole decades on y.
    setNiceRange(axisX_, xmin, xmax, integerTicks ? int(std::lround(xmax - xmin)) + 1 : 6);
    setLogRange(axisY_, ymin, ymax);
    for (qsizetype i = 0; i < n; ++i) {
        QLineSeries* series = curves_[i];
        const Pending& p = pending_[i];
        if (series->pen() != p.pen) series->setPen(p.pen);
        if (series->pointsVisible() != p.markers) series->setPointsVisible(p.markers);
        if (series->points() != p.points) series->replace(p.points);
    }
    restyle();
}

} // namespace minima
