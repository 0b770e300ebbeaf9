#pragma once
// Lab 2, "Greedy layer-wise pre-training" (Bengio et al. 2007): the same deep sigmoid
// network fine-tuned with SGD after each hidden layer was pre-trained as an autoencoder of
// the layer below, against its twin trained from the naive initialisation. Top: the two
// loss curves. Bottom: the reconstruction loss of each autoencoder while it trains.
#include <QWidget>

#include "lessons/common/debounce.h"
#include "engine/experiments/depth.h"

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;
class QTimer;

namespace minima {

class FigureJob;
class LessonContext;
class LogCurveChart;
class JobStatus;

class PretrainingLab : public QWidget {
    Q_OBJECT
public:
    explicit PretrainingLab(LessonContext& context, QWidget* parent = nullptr);

    QComboBox* datasetBox() const { return dataset_; }
    QSpinBox* depthSpin() const { return depth_; }
    QSpinBox* pretrainEpochsSpin() const { return pretrainEpochs_; }
    QSpinBox* epochsSpin() const { return epochs_; }
    QDoubleSpinBox* learningRateSpin() const { return rate_; }
    QSpinBox* seedSpin() const { return seed_; }
    LogCurveChart* lossChart() const { return loss_; }
    LogCurveChart* reconstructionChart() const { return reconstruction_; }
    JobStatus* status() const { return status_; }
    FigureJob* job() const { return job_; }

    PretrainingParams params() const;
    const PretrainingResult& result() const { return result_; }

signals:
    void resultShown();

public slots:
    void run();

private:
    void show(const PretrainingResult& r);

    QComboBox* dataset_;
    QSpinBox* depth_;
    QSpinBox* pretrainEpochs_;
    QSpinBox* epochs_;
    QDoubleSpinBox* rate_;
    QSpinBox* seed_;
    LogCurveChart* loss_;
    LogCurveChart* reconstruction_;
    JobStatus* status_;
    FigureJob* job_;
    DebounceTimer* debounce_;
    PretrainingResult result_;
};

} // namespace minima
