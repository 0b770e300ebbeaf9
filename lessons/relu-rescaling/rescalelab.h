#pragma once
// Lab 1, "Rescale a neuron": one hidden neuron of the trained 1-4-4-1 ReLU network gets its
// incoming weights and bias multiplied by k and its outgoing weights by 1/k. The original and
// the rescaled network's outputs are plotted together: the same curve for k > 0, a different
// one for k < 0 or when the bias is left unscaled; k = 0 is refused with the reason.
#include "lessons/common/lab.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace minima {

class FigureChart;
class LessonContext;
class NetworkDiagram;
class RescalingFactorControl;
struct RescaleOutputs;

class RescaleLab : public Lab {
    Q_OBJECT
public:
    explicit RescaleLab(LessonContext& context, QWidget* parent = nullptr);

    RescalingFactorControl* factor() const { return factor_; }
    QComboBox* neuronBox() const { return neuron_; }
    QCheckBox* scaleBiasBox() const { return scaleBias_; }
    NetworkDiagram* originalDiagram() const { return before_; }
    NetworkDiagram* rescaledDiagram() const { return after_; }
    FigureChart* chart() const { return chart_; }
    // The chosen neuron's weights before and after, under the diagrams.
    QLabel* weights() const { return weights_; }

protected:
    void run() override;

private:
    void showResult(const RescaleOutputs& r);
    void selectFromDiagram(int layer, int index);

    RescalingFactorControl* factor_;
    QComboBox* neuron_;
    QCheckBox* scaleBias_;
    NetworkDiagram* before_;
    NetworkDiagram* after_;
    QLabel* afterTitle_;
    FigureChart* chart_;
    QLineSeries* original_;
    QLineSeries* rescaled_;
    QScatterSeries* data_;
    QValueAxis* axisY_;
    QLabel* weights_;
    bool networkShown_ = false;
};

} // namespace minima
