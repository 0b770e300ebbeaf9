#pragma once
// Lab 1, "The gradient points the wrong way": the bowl f(x) = ½ xᵀHx with eigenvalues 1 and κ and
// a rotation. At a point the learner clicks or drags: the negative gradient −g, Newton's
// direction −H⁻¹g and the way to the minimum, with the angle between −g and that way. Beside
// it the loss's change along −g, −ε·gᵀg + ½·ε²·gᵀHg, as a parabola in the step ε with its best
// step ε* = gᵀg / gᵀHg; under it steepest descent with exact line search from the point, its
// zig-zag on the map and its loss per step on a log scale against ((κ − 1)/(κ + 1))^(2t).
// Everything is computed in the lab's job (engine/experiments/steepest.h).
#include <QList>
#include <QPointF>

#include "lessons/common/lab.h"

class QDoubleSpinBox;
class QLineSeries;
class QLogValueAxis;
class QPushButton;
class QScatterSeries;
class QSpinBox;
class QValueAxis;

namespace minima {

class ChartDrag;
class EqualUnits;
class FigureChart;
struct DirectionResult;

class DirectionLab : public Lab {
    Q_OBJECT
public:
    explicit DirectionLab(LessonContext& context, QWidget* parent = nullptr);
    ~DirectionLab() override;

    QDoubleSpinBox* kappa() const { return kappa_; }
    QDoubleSpinBox* angle() const { return angle_; }
    QDoubleSpinBox* pointX() const { return pointX_; }
    QDoubleSpinBox* pointY() const { return pointY_; }
    QSpinBox* steps() const { return steps_; }
    // Moves the point to the start ∝ (1/λ1, 1/λ2) in the eigenbasis, where the zig-zag is slowest.
    QPushButton* worstButton() const { return worst_; }
    FigureChart* mapChart() const { return map_; }
    FigureChart* lineChart() const { return line_; }
    FigureChart* lossChart() const { return loss_; }
    ChartDrag* drag() const { return drag_; }
    // Where a data point of the map is drawn, in its viewport's coordinates (for a click).
    QPoint mapPosition(const QPointF& value) const;

protected:
    void run() override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showMap(const DirectionResult& r);
    void showCharts(const DirectionResult& r);
    void setPoint(const QPointF& p);

    QDoubleSpinBox* kappa_;
    QDoubleSpinBox* angle_;
    QDoubleSpinBox* pointX_;
    QDoubleSpinBox* pointY_;
    QSpinBox* steps_;
    QPushButton* worst_;
    FigureChart* map_;
    FigureChart* line_;
    FigureChart* loss_;
    QValueAxis* mapX_;
    QValueAxis* mapY_;
    QValueAxis* stepX_;
    QValueAxis* changeY_;
    QValueAxis* lossX_;
    QLogValueAxis* lossY_;
    QList<QLineSeries*> contours_;
    QLineSeries* path_;
    QLineSeries* toMinimum_;
    QLineSeries* newton_;
    QLineSeries* steepest_;
    QScatterSeries* point_;
    QScatterSeries* minimum_;
    QLineSeries* model_;
    QScatterSeries* exact_;
    QLineSeries* bestLine_;
    QScatterSeries* best_;
    QLineSeries* zero_;
    QLineSeries* losses_;
    QLineSeries* bound_;
    QLineSeries* fromStart_;
    ChartDrag* drag_;
    EqualUnits* equal_;
};

} // namespace minima
