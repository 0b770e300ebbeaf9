#pragma once
// The chart every lab of this lesson draws on: curves against epoch (or layer) on a
// logarithmic y axis, since losses and gradient norms span several decades.
#include <QColor>
#include <QList>
#include <QPen>
#include <QPointF>
#include <QString>

#include <vector>

#include "lessons/common/charts/figurechart.h"

class QLineSeries;
class QLogValueAxis;
class QValueAxis;

namespace minima {

// The colour of reference levels (ln 2): a neutral grey, readable on light and dark palettes.
QColor levelColor();

class LogCurveChart : public FigureChart {
    Q_OBJECT
public:
    LogCurveChart(const QString& title, const QString& xTitle, const QString& yTitle, QWidget* parent = nullptr);

    // Starts a new set of curves. The series on show are kept and refilled by the next
    // addCurve()/addLevel() calls, in order (a new result does not rebuild the chart's items
    // and key); fitAxes() removes those left over. The new points and pens are applied by
    // fitAxes(), after the axes have their new ranges: Qt recomputes (and strokes) a series'
    // whole path on every range, pen or point change, so each curve is drawn once per result.
    void clearCurves();
    // Adds ys[i] at x = x0 + i. Values are drawn no lower than kLogFloor (a log axis cannot
    // show 0); the caller never passes NaN or infinity (the engine never records them).
    QLineSeries* addCurve(const QString& name, const std::vector<double>& ys, double x0, const QColor& color,
                          Qt::PenStyle style = Qt::SolidLine, bool markers = false);
    // A horizontal reference line from the first to the last x of the curves; add it after the
    // curves so it is drawn above them.
    // Drawn dashed and wider, unlike any curve.
    QLineSeries* addLevel(const QString& name, double y, const QColor& color);
    // Fits the x axis to the curves and the y axis to whole decades around them; integer
    // ticks on x when `integerTicks`. Call after the last curve: it also spans the levels.
    void fitAxes(bool integerTicks = false);

    QValueAxis* axisX() const { return axisX_; }
    QLogValueAxis* axisY() const { return axisY_; }

    static constexpr double kLogFloor = 1e-12;

private:
    QValueAxis* axisX_;
    QLogValueAxis* axisY_;
    struct Pending {
        QList<QPointF> points;
        QPen pen;
        bool markers = false;
        bool level = false;   // spans the curves' x range at points.first().y()
    };
    QList<QLineSeries*> levels_;
    QList<QLineSeries*> curves_;   // every series, in the order drawn
    QList<Pending> pending_;       // what the current set gives each of them
    qsizetype used_ = 0;           // how many of them the current set has refilled
};

} // namespace minima
