#pragma once
// Lab 3, "A valley of minima": the loss of a one-hidden-neuron ReLU network over its
// incoming and outgoing weights (both biases held at 0), as a heat map. The data come from the
// network with wᵢₙ = wₒᵤₜ = 1, so every point with wᵢₙ·wₒᵤₜ = 1 and wᵢₙ > 0 fits them
// exactly: a whole curve of minima, along which rescaling moves the network.
#include "lessons/common/lab.h"

#include <Eigen/Core>

#include "engine/nn/network.h"

class QLineSeries;
class QScatterSeries;

namespace minima {

class ColourBar;
class FigureChart;
class HeatMapLayer;
class LessonContext;
class RescalingFactorControl;

// The lab's network and data, for the lab and its tests.
struct ValleyProblem {
    Network net;         // 1-1-1, ReLU hidden, linear output
    Eigen::MatrixXd X;   // 1 x 21: x = -1, -0.9, ..., 1
    Eigen::MatrixXd Y;   // relu(x): the network with wᵢₙ = wₒᵤₜ = 1, biases 0
    // The parameter vector for weights (wIn, wOut) and zero biases.
    Eigen::VectorXd parameters(double wIn, double wOut) const;
    // MSE at (wIn, wOut); allocates, so any thread may call it.
    double loss(double wIn, double wOut) const;
};
const ValleyProblem& valleyProblem();

struct ValleyRun;

class ValleyLab : public Lab {
    Q_OBJECT
public:
    explicit ValleyLab(LessonContext& context, QWidget* parent = nullptr);

    RescalingFactorControl* factor() const { return factor_; }
    FigureChart* chart() const { return chart_; }
    HeatMapLayer* heatMap() const { return heatMap_; }
    ColourBar* colourBar() const { return colourBar_; }
    // The rescaled network's (wᵢₙ, wₒᵤₜ); NaN-free, unchanged while k = 0 is refused.
    QPointF rescaledPoint() const { return rescaled_; }
    double rescaledLoss() const { return rescaledLoss_; }

protected:
    void run() override;

private:
    void showResult(const ValleyRun& r);

    RescalingFactorControl* factor_;
    FigureChart* chart_;
    HeatMapLayer* heatMap_;
    ColourBar* colourBar_;
    QLineSeries* branchPositive_;
    QLineSeries* branchNegative_;
    QLineSeries* path_;
    QScatterSeries* minimum_;
    QScatterSeries* rescaledMarker_;
    bool gridShown_ = false;
    QPointF rescaled_{1, 1};
    double rescaledLoss_ = 0;
};

} // namespace minima
