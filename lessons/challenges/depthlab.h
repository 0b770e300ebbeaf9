#pragma once
// Lab 1, "Deeper is harder": sigmoid networks of depth 1 to 8 (hidden layers), naive
// initialisation, plain mini-batch SGD with the same budget. Top: the loss curve of each
// depth. Bottom: the gradient norm of each weight layer at initialisation, which shrinks
// towards the input, the more so the deeper the network.
#include "engine/experiments/depth.h"
#include "lessons/challenges/controls.h"
#include "lessons/common/lab.h"

class QColor;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace minima {

class LessonContext;
class LogCurveChart;

class DepthLab : public Lab {
    Q_OBJECT
public:
    explicit DepthLab(LessonContext& context, QWidget* parent = nullptr);

    QComboBox* datasetBox() const { return shared_.dataset; }
    QSpinBox* maxDepthSpin() const { return maxDepth_; }
    QSpinBox* epochsSpin() const { return shared_.epochs; }
    QDoubleSpinBox* learningRateSpin() const { return rate_; }
    QDoubleSpinBox* initScaleSpin() const { return scale_; }
    QSpinBox* seedSpin() const { return shared_.seed; }
    LogCurveChart* lossChart() const { return loss_; }
    LogCurveChart* gradientChart() const { return gradients_; }

    DepthParams params() const;
    // The last result on screen (empty before the first run ends).
    const DepthResult& result() const { return result_; }

    // The colour and line style of depth d (1 to 8): one Okabe-Ito hue each, solid (the dashed
    // line is ln 2).
    static QColor depthColor(int depth);
    static Qt::PenStyle depthStyle(int depth);

protected:
    void run() override;

private:
    void showResult(const DepthResult& r);
    void showGradients();   // the gradient chart and the readout, a turn after the losses

    SharedControls shared_;
    QSpinBox* maxDepth_;
    QDoubleSpinBox* rate_;
    QDoubleSpinBox* scale_;
    LogCurveChart* loss_;
    LogCurveChart* gradients_;
    DepthResult result_;
};

} // namespace minima
