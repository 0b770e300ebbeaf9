#pragma once
// Lab 3, "Figure 4-1, measured": the 1-D loss with a shallow, a deep and a global minimum
// (depths adjustable). Full-batch gradient descent and several mini-batch SGD runs start at
// the same point and are animated side by side; then a Monte-Carlo measurement of how
// often SGD leaves the shallow and the deep minimum, against the batch size, runs in the
// background (runEscape).
#include <QList>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <vector>

#include "engine/experiments/escape.h"

class QComboBox;
class QLabel;
class QLineSeries;
class QLogValueAxis;
class QPushButton;
class QScatterSeries;
class QSlider;
class QSpinBox;
class QValueAxis;

namespace minima {

class FigureChart;
class FigureJob;
class JobStatus;
class LessonContext;

class EscapeLab : public QWidget {
    Q_OBJECT
public:
    static constexpr double kLearningRate = 0.05;   // the escape experiment's default (tst_surfaces proves it)
    static constexpr int kSteps = 2000;
    static constexpr int kRuns = 200;
    static constexpr int kMaxShownRuns = 8;
    static const std::vector<int>& batchSizes();     // the slider's sizes: 1, 2, 4, ..., 256
    static const std::vector<int>& measuredBatchSizes();   // the escape chart's: 1, 2, 4, 8, 32, 256

    explicit EscapeLab(LessonContext& context, QWidget* parent = nullptr);
    ~EscapeLab() override;

    void run();
    void skipToEnd();
    void measure();
    bool animating() const { return timer_.isActive(); }

    // The loss for the current depths (nullptr when a depth is 0).
    const ThreeMinimaLoss* loss() const { return loss_.get(); }
    int batchSize() const;
    // Start point of the runs: the shallow or deep minimum (NaN when it does not exist).
    double startPoint() const;
    // The runs on show: [0] full-batch GD, then the SGD runs (final points only when done).
    const std::vector<double>& runEnds() const { return ends_; }
    const EscapeResult& escape() const { return escape_; }

    QSlider* depthSlider(int well) const { return depth_[well]; }   // 0 shallow, 1 deep, 2 global
    QSlider* batchSlider() const { return batch_; }
    QComboBox* startBox() const { return start_; }
    QSpinBox* runCount() const { return runs_; }
    QPushButton* runButton() const { return runButton_; }
    QPushButton* skipButton() const { return skipButton_; }
    QPushButton* measureButton() const { return measureButton_; }
    FigureChart* lossChart() const { return lossChart_; }
    FigureChart* pathChart() const { return pathChart_; }
    FigureChart* escapeChart() const { return escapeChart_; }
    QLabel* readout() const { return readout_; }
    JobStatus* status() const { return status_; }

private:
    void depthsChanged();
    void showRevealed();
    void showEscape();
    void updateLabels();

    LessonContext& context_;
    std::unique_ptr<ThreeMinimaLoss> loss_;
    QSlider* depth_[3];
    QLabel* depthValue_[3];
    QSlider* batch_;
    QLabel* batchValue_;
    QComboBox* start_;
    QSpinBox* runs_;
    QPushButton* runButton_;
    QPushButton* skipButton_;
    QPushButton* redrawButton_;
    QPushButton* measureButton_;
    FigureChart* lossChart_;
    FigureChart* pathChart_;
    FigureChart* escapeChart_;
    QLabel* readout_;
    FigureJob* job_;
    JobStatus* status_;

    QLineSeries* curve_;
    QScatterSeries* minimaMarkers_[3];
    QScatterSeries* minimaLabels_[3];
    QScatterSeries* gdBall_;
    QScatterSeries* sgdBalls_;
    QValueAxis* lossY_;
    QLineSeries* gdPath_;
    QList<QLineSeries*> sgdPaths_;
    QLineSeries* barrierLines_[2];
    QLineSeries* shallowEscape_;
    QLineSeries* deepEscape_;
    QLogValueAxis* escapeX_;

    // Trajectories of the runs on show: [0] GD, [1..] SGD; w per step.
    std::vector<std::vector<double>> paths_;
    std::vector<double> ends_;
    QString endNote_;
    int revealed_ = 0;
    std::uint64_t drawSeed_ = 1;
    EscapeResult escape_;
    QString escapeDepths_;   // the depths the escape chart was measured for
    QTimer timer_;
};

} // namespace minima
