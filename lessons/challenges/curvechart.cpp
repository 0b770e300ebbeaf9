#include "lessons/challenges/curvechart.h"

#include <QChart>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

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
    QList<QPointF> points;
    points.reserve(qsizetype(ys.size()));
    for (std::size_t i = 0; i < ys.size(); ++i)
        if (std::isfinite(ys[i])) points.append({x0 + double(i), std::max(ys[i], kLogFloor)});
    series->replace(points);
    QPen pen(color);
    pen.setWidthF(2.0);
    pen.setStyle(style);
    if (series->pen() != pen) series->setPen(pen);
    if (series->pointsVisible() != markers) series->setPointsVisible(markers);
    return series;
}

QLineSeries* LogCurveChart::addLevel(const QString& name, double y, const QColor& color)
{
    QLineSeries* s = addCurve(name, {y}, 0.0, color, Qt::DashLine);
    QPen pen = s->pen();
    pen.setWidthF(2.5);
    s->setPen(pen);
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
    for (QAbstractSeries* a : chart()->series()) {
        auto* s = qobject_cast<QLineSeries*>(a);
        if (!s) continue;
        for (const QPointF& p : s->points()) {
            ymin = std::min(ymin, p.y());
            ymax = std::max(ymax, p.y());
            if (!levels_.contains(s)) {
                xmin = std::min(xmin, p.x());
                xmax = std::max(xmax, p.x());
            }
        }
    }
    if (!std::isfinite(xmin)) { xmin = 0; xmax = 1; }
    if (xmax <= xmin) xmax = xmin + 1;
    if (!std::isfinite(ymin)) { ymin = 0.1; ymax = 1; }
    // Reference levels span the curves' x range.
    for (QLineSeries* level : levels_) {
        const double y = level->points().isEmpty() ? 1.0 : level->points().first().y();
        level->replace(QList<QPointF>{{xmin, y}, {xmax, y}});
    }
    // Integer ticks (one per layer when they fit) or a nice range; whole decades on y.
    setNiceRange(axisX_, xmin, xmax, integerTicks ? int(std::lround(xmax - xmin)) + 1 : 6);
    setLogRange(axisY_, ymin, ymax);
    restyle();
}

} // namespace minima
