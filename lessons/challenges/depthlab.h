#pragma once
// Lab 1, "Deeper is harder": sigmoid networks of depth 1 to 8 (hidden layers), naive
// initialisation, plain mini-batch SGD with the same budget. Top: the loss curve of each
// depth. Bottom: the gradient norm of each weight layer at initialisation, which shrinks
// towards the input, the more so the deeper the network.
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

class DepthLab : public QWidget {
    Q_OBJECT
public:
    explicit DepthLab(LessonContext& context, QWidget* parent = nullptr);

    QComboBox* datasetBox() const { return dataset_; }
    QSpinBox* maxDepthSpin() const { return maxDepth_; }
    QSpinBox* epochsSpin() const { return epochs_; }
    QDoubleSpinBox* learningRateSpin() const { return rate_; }
    QDoubleSpinBox* initScaleSpin() const { return scale_; }
    QSpinBox* seedSpin() const { return seed_; }
    LogCurveChart* lossChart() const { return loss_; }
    LogCurveChart* gradientChart() const { return gradients_; }
    JobStatus* status() const { return status_; }
    FigureJob* job() const { return job_; }

    DepthParams params() const;
    // The last result on screen (empty before the first run ends).
    const DepthResult& result() const { return result_; }

signals:
    void resultShown();

public slots:
    void run();

private:
    void show(const DepthResult& r);

    QComboBox* dataset_;
    QSpinBox* maxDepth_;
    QSpinBox* epochs_;
    QDoubleSpinBox* rate_;
    QDoubleSpinBox* scale_;
    QSpinBox* seed_;
    LogCurveChart* loss_;
    LogCurveChart* gradients_;
    JobStatus* status_;
    FigureJob* job_;
    DebounceTimer* debounce_;
    DepthResult result_;
};

} // namespace minima
