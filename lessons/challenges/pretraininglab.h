#pragma once
// Lab 2, "Greedy layer-wise pre-training" (Bengio et al. 2007): the same deep sigmoid
// network fine-tuned with SGD after each hidden layer was pre-trained as an autoencoder of
// the layer below, against its twin trained from the naive initialisation. Top: the two
// loss curves. Bottom: the reconstruction loss of each autoencoder while it trains.
#include "engine/experiments/depth.h"
#include "lessons/challenges/controls.h"
#include "lessons/common/lab.h"

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace minima {

class LessonContext;
class LogCurveChart;

class PretrainingLab : public Lab {
    Q_OBJECT
public:
    explicit PretrainingLab(LessonContext& context, QWidget* parent = nullptr);

    QComboBox* datasetBox() const { return shared_.dataset; }
    QSpinBox* depthSpin() const { return depth_; }
    QSpinBox* pretrainEpochsSpin() const { return pretrainEpochs_; }
    QSpinBox* epochsSpin() const { return shared_.epochs; }
    QDoubleSpinBox* learningRateSpin() const { return rate_; }
    QSpinBox* seedSpin() const { return shared_.seed; }
    LogCurveChart* lossChart() const { return loss_; }
    LogCurveChart* reconstructionChart() const { return reconstruction_; }

    PretrainingParams params() const;
    const PretrainingResult& result() const { return result_; }

protected:
    void run() override;

private:
    void showResult(const PretrainingResult& r);
    // The reconstruction chart and the readout, a turn after the losses (Lab::showNext()).
    void showReconstruction();

    SharedControls shared_;
    QSpinBox* depth_;
    QSpinBox* pretrainEpochs_;
    QDoubleSpinBox* rate_;
    LogCurveChart* loss_;
    LogCurveChart* reconstruction_;
    PretrainingResult result_;
};

} // namespace minima
