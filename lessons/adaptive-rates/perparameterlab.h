#pragma once
// Lab 1, "A learning rate per parameter": the bowl f(x) = ½ xᵀHx with eigenvalues 1 and κ,
// axis-aligned or rotated. Gradient descent, AdaGrad and RMSProp run from one start (the
// engine's Optimizer, engine/experiments/perparameter.h): their paths on the contour map, their
// loss per step on a log axis, and each coordinate's effective learning rate ε/(δ + √rᵢ) per
// step on log-log axes beside gradient descent's constant rate, with a t^(-1/2) guide. The
// readout gives each method's steps to |x| ≤ 0.01 and the measured slope of AdaGrad's and
// RMSProp's rates. Everything is computed in the lab's job.
#include <QList>
#include <QPointF>

#include "lessons/common/lab.h"

class QDoubleSpinBox;
class QLineSeries;
class QLogValueAxis;
class QScatterSeries;
class QSpinBox;
class QValueAxis;

namespace minima {

class EqualUnits;
class FigureChart;
struct PerParameterView;

class PerParameterLab : public Lab {
    Q_OBJECT
public:
    explicit PerParameterLab(LessonContext& context, QWidget* parent = nullptr);
    ~PerParameterLab() override;

    QDoubleSpinBox* kappa() const { return kappa_; }
    QDoubleSpinBox* angle() const { return angle_; }
    QSpinBox* steps() const { return steps_; }
    QDoubleSpinBox* gdRate() const { return gdRate_; }
    QDoubleSpinBox* adagradRate() const { return adagradRate_; }
    QDoubleSpinBox* rmspropRate() const { return rmspropRate_; }
    QDoubleSpinBox* rho() const { return rho_; }
    QDoubleSpinBox* startX() const { return startX_; }
    QDoubleSpinBox* startY() const { return startY_; }
    FigureChart* mapChart() const { return map_; }
    FigureChart* lossChart() const { return loss_; }
    FigureChart* rateChart() const { return rate_; }

protected:
    void run() override;

private:
    void showMap(const PerParameterView& v);
    void showCharts(const PerParameterView& v);

    QDoubleSpinBox* kappa_;
    QDoubleSpinBox* angle_;
    QSpinBox* steps_;
    QDoubleSpinBox* gdRate_;
    QDoubleSpinBox* adagradRate_;
    QDoubleSpinBox* rmspropRate_;
    QDoubleSpinBox* rho_;
    QDoubleSpinBox* startX_;
    QDoubleSpinBox* startY_;
    FigureChart* map_;
    FigureChart* loss_;
    FigureChart* rate_;
    QValueAxis* mapX_;
    QValueAxis* mapY_;
    QValueAxis* lossX_;
    QLogValueAxis* lossY_;
    QLogValueAxis* rateX_;
    QLogValueAxis* rateY_;
    QList<QLineSeries*> contours_;
    QList<QLineSeries*> paths_;       // GD, AdaGrad, RMSProp
    QList<QLineSeries*> losses_;      // the same order
    QList<QLineSeries*> rates_;       // GD, AdaGrad x, AdaGrad y, RMSProp x, RMSProp y
    QLineSeries* guide_;              // ∝ t^(-1/2)
    QScatterSeries* start_;
    QScatterSeries* minimum_;
    EqualUnits* equal_;
};

} // namespace minima
