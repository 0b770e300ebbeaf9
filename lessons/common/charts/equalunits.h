#pragma once
// Equal units on both axes of a map: a circle looks round and a straight chord looks straight,
// whatever the plot area's shape. The box given is always shown whole; the axis with more
// room per unit is widened around its centre. The axes must come from makeValueAxis(); their
// tick labels (formatTick) are written here, with as many ticks as the axis's pixels hold.
#include <QObject>
#include <QPointer>
#include <QRectF>

class QChart;
class QValueAxis;

namespace minima {

class EqualUnits : public QObject {
    Q_OBJECT
public:
    EqualUnits(QChart* chart, QValueAxis* x, QValueAxis* y, QObject* parent = nullptr);

    // x from box.left() to box.right(), y from box.top() (the lower bound) to box.bottom().
    void setBox(const QRectF& box);
    QRectF box() const { return box_; }
    // Off: the box fills the plot area (a graph y = f(x)); on (the default): equal units.
    void setEqual(bool equal);
    bool isEqual() const { return equal_; }
    // The ranges on show now (the box widened along one axis).
    QRectF shown() const;

private:
    void apply();

    QPointer<QChart> chart_;
    QValueAxis* x_;
    QValueAxis* y_;
    QRectF box_;
    bool queued_ = false;
    bool equal_ = true;
};

} // namespace minima
