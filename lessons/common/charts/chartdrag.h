#pragma once
// Dragging points on a chart: press near a handle, move, release. Positions are mapped from
// the view to data values with chart()->mapToValue(view->mapToScene(pos)). Every handle a
// learner can drag also has spin boxes in its lab, so the mouse is never the only way.
#include <QList>
#include <QObject>
#include <QPointF>

#include <functional>

class QChartView;

namespace minima {

class ChartDrag : public QObject {
    Q_OBJECT
public:
    // `handles` gives the handles' current positions in data coordinates.
    ChartDrag(QChartView* view, std::function<QList<QPointF>()> handles, QObject* parent = nullptr);

    // The data point under a position of the view's viewport.
    QPointF valueAt(const QPoint& viewportPos) const;
    // Where a data point is drawn, in viewport coordinates.
    QPoint positionOf(const QPointF& value) const;
    int activeHandle() const { return active_; }

signals:
    void dragged(int handle, QPointF value);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QChartView* view_;
    QWidget* viewport_;   // compared only, never called
    std::function<QList<QPointF>()> handles_;
    int active_ = -1;
};

} // namespace minima
