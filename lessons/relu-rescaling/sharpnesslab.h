#pragma once
// Lab 4, "Same function, different sharpness": the trained network of lab 1 rescaled by k > 0
// at one neuron computes the same function with the same loss, yet the largest eigenvalue of
// the loss's Hessian (its sharpness) changes with k (Dinh, Pascanu, Bengio & Bengio 2017).
// The numbers come from the engine's `rescale` experiment.
#include <QWidget>

#include <vector>

#include "engine/experiments/rescale.h"

class QComboBox;
class QLabel;
class QLineSeries;
class QLogValueAxis;
class QScatterSeries;
class QValueAxis;

namespace minima {

class FigureChart;
class FigureJob;
class LessonContext;
class RescalingFactorControl;
class JobStatus;

// The rescale experiment's settings for the lesson's network (lab 1's), one neuron and k.
RescaleParams lessonRescaleParams(int hidden, int neuron, double k);

class SharpnessLab : public QWidget {
    Q_OBJECT
public:
    explicit SharpnessLab(LessonContext& context, QWidget* parent = nullptr);

    RescalingFactorControl* factor() const { return factor_; }
    QComboBox* neuronBox() const { return neuron_; }
    FigureChart* chart() const { return chart_; }
    QLabel* lossBefore() const { return lossBefore_; }
    QLabel* lossAfter() const { return lossAfter_; }
    QLabel* sharpnessBefore() const { return sharpBefore_; }
    QLabel* sharpnessAfter() const { return sharpAfter_; }
    QLabel* verdict() const { return verdict_; }

    // The k values of the chart's curve.
    static std::vector<double> curveFactors();

private:
    void computeCurve();
    void computePoint();

    RescalingFactorControl* factor_;
    QComboBox* neuron_;
    FigureChart* chart_;
    QLineSeries* sharpnessCurve_;
    QLineSeries* lossLine_;
    QScatterSeries* trained_;
    QScatterSeries* current_;
    QLogValueAxis* axisK_;
    QLogValueAxis* axisSharpness_;
    QValueAxis* axisLoss_;
    FigureJob* curveJob_;
    FigureJob* pointJob_;
    JobStatus* status_;
    QLabel* lossBefore_;
    QLabel* lossAfter_;
    QLabel* sharpBefore_;
    QLabel* sharpAfter_;
    QLabel* deviation_;
    QLabel* verdict_;
};

} // namespace minima
