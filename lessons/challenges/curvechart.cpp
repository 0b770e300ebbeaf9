#include "lessons/challenges/curvechart.h"

#include <QChart>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace minima {

LogCurveChart::LogCurveChart(const QString& title, const QString& xTitle, const QString& yTitle, QWidget* parent)
    : FigureChart(parent), axisX_(new QValueAxis), axisY_(new QLogValueAxis)
{
    chart()->setTitle(title);
    axisX_->setTitleText(xTitle);
    axisX_->setLabelFormat(QStringLiteral("%g"));
    axisY_->setTitleText(yTitle);
    axisY_->setBase(10.0);
    axisY_->setLabelFormat(QStringLiteral("%g"));
    axisY_->setMinorTickCount(8);
    chart()->addAxis(axisX_, Qt::AlignBottom);
    chart()->addAxis(axisY_, Qt::AlignLeft);
    chart()->legend()->setAlignment(Qt::AlignRight);
    restyle();
}

void LogCurveChart::clearCurves()
{
    chart()->removeAllSeries();
    levels_.clear();
}

QLineSeries* LogCurveChart::addCurve(const QString& name, const std::vector<double>& ys, double x0, const QColor& color,
                                     Qt::PenStyle style, bool markers)
{
    auto* series = new QLineSeries;
    series->setName(name);
    QList<QPointF> points;
    points.reserve(qsizetype(ys.size()));
    for (std::size_t i = 0; i < ys.size(); ++i)
        if (std::isfinite(ys[i])) points.append({x0 + double(i), std::max(ys[i], kLogFloor)});
    series->replace(points);
    QPen pen(color);
    pen.setWidthF(2.0);
    pen.setStyle(style);
    series->setPen(pen);
    series->setPointsVisible(markers);
    chart()->addSeries(series);
    series->attachAxis(axisX_);
    series->attachAxis(axisY_);
    return series;
}

QLineSeries* LogCurveChart::addLevel(const QString& name, double y, const QColor& color)
{
    QLineSeries* s = addCurve(name, {y}, 0.0, color, Qt::DashLine);
    levels_.append(s);
    return s;
}

void LogCurveChart::fitAxes(bool integerTicks)
{
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
    axisX_->setRange(xmin, xmax);
    if (integerTicks) {
        axisX_->setTickType(QValueAxis::TicksDynamic);
        axisX_->setTickAnchor(xmin);
        axisX_->setTickInterval(1.0);
        axisX_->setLabelFormat(QStringLiteral("%d"));
        axisX_->setRange(xmin - 0.25, xmax + 0.25);
    } else {
        axisX_->setTickType(QValueAxis::TicksFixed);
        axisX_->setTickCount(6);
        // Nice numbers change the tick count too: start from the same count so a state always gives the same axis.
        axisX_->setTickCount(6);
        axisX_->applyNiceNumbers();
    }
    // Whole decades when the curves span a few of them; powers of 2 (labels ½, ¼, ...)
    // when they span less than about one, so the axis still carries several labels.
    const double base = ymax / ymin > 20 ? 10.0 : 2.0;
    const double logBase = std::log(base);
    double lo = std::pow(base, std::floor(std::log(ymin) / logBase + 1e-9));
    double hi = std::pow(base, std::ceil(std::log(ymax) / logBase - 1e-9));
    if (hi <= lo) hi = lo * base;
    axisY_->setBase(base);
    axisY_->setLabelFormat(base == 10.0 ? QStringLiteral("%g") : QStringLiteral("%.3g"));
    // A hair wider than the powers themselves, so the end labels are drawn.
    axisY_->setRange(lo * (1 - 1e-6), hi * (1 + 1e-6));
    restyle();
}

} // namespace minima
