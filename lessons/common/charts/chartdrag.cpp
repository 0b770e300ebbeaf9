#include "lessons/common/charts/chartdrag.h"

#include <QChart>
#include <QChartView>
#include <QMouseEvent>

namespace minima {

namespace {
constexpr double kGrabRadius = 24.0;   // pixels
}

ChartDrag::ChartDrag(QChartView* view, std::function<QList<QPointF>()> handles, QObject* parent)
    : QObject(parent), view_(view), viewport_(view->viewport()), handles_(std::move(handles))
{
    view_->viewport()->installEventFilter(this);
    view_->viewport()->setMouseTracking(true);
}

QPointF ChartDrag::valueAt(const QPoint& viewportPos) const
{
    return view_->chart()->mapToValue(view_->chart()->mapFromScene(view_->mapToScene(viewportPos)));
}

QPoint ChartDrag::positionOf(const QPointF& value) const
{
    return view_->mapFromScene(view_->chart()->mapToScene(view_->chart()->mapToPosition(value)));
}

bool ChartDrag::eventFilter(QObject* watched, QEvent* event)
{
    // Compared with the viewport kept at construction: while the view is being destroyed its
    // children still send events, and the view itself must not be called then.
    if (watched != viewport_) return false;
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() != Qt::LeftButton) return false;
        const QList<QPointF> handles = handles_();
        double best = kGrabRadius;
        active_ = -1;
        for (int i = 0; i < handles.size(); ++i) {
            const QPoint p = positionOf(handles[i]);
            const double d = std::hypot(double(p.x() - e->position().x()), double(p.y() - e->position().y()));
            if (d <= best) {
                best = d;
                active_ = i;
            }
        }
        if (active_ < 0) return false;
        view_->viewport()->setCursor(Qt::ClosedHandCursor);
        return true;
    }
    case QEvent::MouseMove: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (active_ < 0) {
            // An open hand over a handle says it can be dragged.
            const QList<QPointF> handles = handles_();
            bool over = false;
            for (const QPointF& h : handles) {
                const QPoint p = positionOf(h);
                over = over || std::hypot(double(p.x() - e->position().x()), double(p.y() - e->position().y())) <= kGrabRadius;
            }
            view_->viewport()->setCursor(over ? Qt::OpenHandCursor : Qt::ArrowCursor);
            return false;
        }
        const QRectF plot = view_->chart()->plotArea();
        const QPointF scene = view_->chart()->mapFromScene(view_->mapToScene(e->position().toPoint()));
        const QPointF clamped(std::clamp(scene.x(), plot.left(), plot.right()), std::clamp(scene.y(), plot.top(), plot.bottom()));
        emit dragged(active_, view_->chart()->mapToValue(clamped));
        return true;
    }
    case QEvent::MouseButtonRelease:
        if (active_ < 0) return false;
        active_ = -1;
        view_->viewport()->setCursor(Qt::OpenHandCursor);
        return true;
    default:
        return false;
    }
}

} // namespace minima
