#pragma once
// Lab "BFGS and L-BFGS": BFGS on Rosenbrock or Beale from a start the learner types or clicks,
// its path on the contour map and, at the step the step slider picks, the ellipse of BFGS's
// quadratic model {d : dᵀH_k⁻¹d = c} beside the true Hessian's {d : dᵀ∇²f d = c} at the same
// point; the relative Frobenius error of the inverse-Hessian estimate along the run; and
// L-BFGS's iterations and gradient evaluations to a tolerance against its memory m = 1 .. 20, on
// the surface or on the chained or extended Rosenbrock function in 100 dimensions, beside full
// BFGS; and a 64-16-10 network trained full batch on the digits by gradient descent, Adam, BFGS
// and L-BFGS, loss against gradient evaluations (computed in the first job, then kept).
// Everything is computed in the lab's job (engine/experiments/quasinewton.h); the slider only
// picks which of the computed steps is drawn.
#include <QList>
#include <QPointF>

#include <memory>

#include "lessons/common/lab.h"

class QComboBox;
class QDoubleSpinBox;
class QLineSeries;
class QLogValueAxis;
class QScatterSeries;
class QSlider;
class QValueAxis;

namespace minima {

class EqualUnits;
class FigureChart;
struct FullBatchResult;
struct QuasiNewtonResult;

class QuasiNewtonLab : public Lab {
    Q_OBJECT
public:
    explicit QuasiNewtonLab(LessonContext& context, QWidget* parent = nullptr);
    ~QuasiNewtonLab() override;

    QComboBox* surface() const { return surface_; }
    QDoubleSpinBox* startX() const { return startX_; }
    QDoubleSpinBox* startY() const { return startY_; }
    QSlider* step() const { return step_; }
    QComboBox* problem() const { return problem_; }
    QComboBox* tolerance() const { return tolerance_; }
    FigureChart* mapChart() const { return map_; }
    FigureChart* errorChart() const { return error_; }
    FigureChart* memoryChart() const { return memory_; }
    // The network trained full batch on the digits by four methods (computed once, then kept).
    FigureChart* trainingChart() const { return training_; }
    // Where a data point of the map is drawn, in its viewport's coordinates (for a click).
    QPoint mapPosition(const QPointF& value) const;

protected:
    void run() override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void surfaceChosen();
    void showMap(const QuasiNewtonResult& r);
    void showCharts(const QuasiNewtonResult& r);
    void showStep();

    QComboBox* surface_;
    QDoubleSpinBox* startX_;
    QDoubleSpinBox* startY_;
    QSlider* step_ = nullptr;
    QComboBox* problem_;
    QComboBox* tolerance_;
    FigureChart* map_;
    FigureChart* error_;
    FigureChart* memory_;
    FigureChart* training_;
    QValueAxis* mapX_;
    QValueAxis* mapY_;
    QValueAxis* errorX_;
    QLogValueAxis* errorY_;
    QValueAxis* memoryX_;
    QValueAxis* memoryY_;
    QList<QLineSeries*> contours_;
    QLineSeries* path_;
    QLineSeries* estimateEllipse_;
    QLineSeries* trueEllipse_;
    QScatterSeries* start_;
    QScatterSeries* current_;
    QScatterSeries* minimum_;
    QLineSeries* errors_;
    QScatterSeries* errorNow_;
    QLineSeries* iterations_;
    QLineSeries* gradients_;
    QLineSeries* bfgsIterations_;
    QLineSeries* bfgsGradients_;
    QScatterSeries* unconverged_;
    QValueAxis* trainX_;
    QLogValueAxis* trainY_;
    QList<QLineSeries*> trainCurves_;   // gradient descent, Adam, BFGS, L-BFGS
    EqualUnits* equal_;
    std::shared_ptr<const QuasiNewtonResult> result_;
    std::shared_ptr<const FullBatchResult> trained_;   // the network's curves, once computed
    bool followLast_ = true;   // the slider follows the last step of a new run
};

} // namespace minima
