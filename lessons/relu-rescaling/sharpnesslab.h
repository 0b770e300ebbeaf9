#pragma once
// Lab 4, "Same function, different sharpness": the trained network of lab 1 rescaled by k > 0
// at one neuron computes the same function with the same loss, yet the largest eigenvalue of
// the loss's Hessian (its sharpness) changes with k (Dinh, Pascanu, Bengio & Bengio 2017).
// The numbers come from the engine's `rescale` experiment.
#include "lessons/common/lab.h"

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
class LessonContext;
class RescalingFactorControl;

// The rescale experiment's settings for the lesson's network (lab 1's), one neuron and k.
RescaleParams lessonRescaleParams(int hidden, int neuron, double k);

struct SharpnessRun;

class SharpnessLab : public Lab {
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

    // The k values of the chart's curve.
    static std::vector<double> curveFactors();

protected:
    void run() override;

private:
    void showResult(const SharpnessRun& r);

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
    QLabel* afterHeader_;
    QLabel* lossBefore_;
    QLabel* lossAfter_;
    QLabel* sharpBefore_;
    QLabel* sharpAfter_;
    QLabel* deviation_;
    int curveNeuron_ = -1;   // the neuron index whose curve is on show
};

} // namespace minima
