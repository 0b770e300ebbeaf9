#pragma once
// Lab 3, "Most critical points are saddles": the book's coin-flip argument (a critical point is
// a minimum with probability 2^-d) beside the measured probability that a random symmetric
// d x d matrix (GOE) is positive definite, with 95 % intervals and Dean & Majumdar's (2006)
// exp(-(ln 3 / 4) d^2); then the critical points of a small tanh network's loss, index
// against loss (Dauphin et al. 2014, figure 1). The numbers come from the engine's
// `goe-minima` and `critical-points` experiments.
#include "lessons/common/lab.h"

#include <QList>

#include "engine/experiments/networkcritical.h"
#include "engine/experiments/randomhessians.h"

class QComboBox;
class QLineSeries;
class QLogValueAxis;
class QScatterSeries;
class QSpinBox;
class QValueAxis;

namespace minima {

class FigureChart;
class LessonContext;

// Distinct critical points with the same index and loss, drawn as one marker.
struct CriticalSpot {
    double index = 0, loss = 0;
    bool minimum = false;
    int points = 0;
    int fewestFlat = 0, mostFlat = 0;
    double largestGradientNorm = 0;
};

// The network's points grouped by (number of negative eigenvalues, loss to 10^-9), in the
// order of the result (lowest loss first).
QList<CriticalSpot> criticalSpots(const CriticalResult& r);

struct CriticalLabRun {
    GoeResult goe;
    CriticalResult network;
};

class CriticalLab : public Lab {
    Q_OBJECT
public:
    explicit CriticalLab(LessonContext& context, QWidget* parent = nullptr);

    FigureChart* goeChart() const { return goeChart_; }
    FigureChart* criticalChart() const { return criticalChart_; }
    QSpinBox* samplesBox() const { return samples_; }
    QSpinBox* startsBox() const { return starts_; }
    QComboBox* datasetBox() const { return dataset_; }
    QSpinBox* seedBox() const { return seed_; }
    const CriticalLabRun& lastRun() const { return last_; }

    // The engine's settings for the controls as they are.
    GoeParams goeParams() const;
    CriticalParams criticalParams() const;

    // The markers on show and the tooltip of marker i (how many points, loss, index, ||grad L||).
    const QList<CriticalSpot>& spots() const { return spots_; }
    QString spotText(int i) const;

protected:
    void run() override;

private:
    void showGoe(const GoeResult& r);
    void showNetwork(const CriticalResult& r);
    void updateReadout();

    QSpinBox* samples_;
    QSpinBox* starts_;
    QComboBox* dataset_;
    QSpinBox* seed_;
    FigureChart* goeChart_;
    QLineSeries* coinFlip_;
    QLineSeries* deanMajumdar_;
    QScatterSeries* measured_;
    QScatterSeries* upperBounds_;
    QLineSeries* intervalKey_;
    QList<QLineSeries*> bars_;
    QLogValueAxis* goeY_;
    QValueAxis* goeX_;
    FigureChart* criticalChart_;
    QScatterSeries* minima_;
    QScatterSeries* saddles_;
    QValueAxis* indexAxis_;
    QValueAxis* lossAxis_;
    CriticalLabRun last_;
    QList<CriticalSpot> spots_;
    // The settings of the results on show (valid once a run has finished whole).
    bool shownValid_ = false;
    GoeParams shownGoe_;
    CriticalParams shownNetwork_;
};

} // namespace minima
