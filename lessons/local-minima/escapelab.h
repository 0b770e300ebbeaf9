#pragma once
// Lab 3, "Figure 4-1, measured": the 1-D loss with a shallow, a deep and a global minimum
// (depths adjustable). Full-batch gradient descent and several mini-batch SGD runs start at
// the same point and are animated side by side; then a Monte-Carlo measurement of how
// often SGD leaves the shallow and the deep minimum, at every batch size the slider offers,
// each share with its 95 % Wilson interval (runEscape). All of it runs in the lab's job.
#include <QList>
#include <QPointF>
#include <QTimer>

#include <memory>
#include <vector>

#include "engine/experiments/escape.h"
#include "lessons/common/lab.h"

class QComboBox;
class QLineSeries;
class QLogValueAxis;
class QPushButton;
class QScatterSeries;
class QSlider;
class QSpinBox;
class QValueAxis;

namespace minima {

class FigureChart;
class LessonContext;

class EscapeLab : public Lab {
    Q_OBJECT
public:
    // The escape experiment's defaults (tst_surfaces proves them), for the runs and the measurement.
    static constexpr double kLearningRate = EscapeParams{}.learningRate;
    static constexpr int kSteps = EscapeParams{}.steps;
    static constexpr int kRuns = EscapeParams{}.runs;
    static constexpr int kMaxShownRuns = 8;
    // The slider's sizes: the powers of two below the dataset size N, then N (the full batch).
    static const std::vector<int>& batchSizes();
    static const std::vector<int>& measuredBatchSizes();   // the escape chart's: the same sizes

    explicit EscapeLab(LessonContext& context, QWidget* parent = nullptr);
    ~EscapeLab() override;

    // Runs GD and SGD again and animates them (skipToEnd() shows all at once).
    void animate();
    void skipToEnd();
    // Measures the escape probabilities for the current depths (nothing to do when the chart
    // already shows them: the readout says so).
    void measure();
    bool animating() const { return timer_.isActive() || animateNext_; }

    // The loss for the current depths (nullptr when a depth is 0).
    const ThreeMinimaLoss* loss() const { return loss_.get(); }
    int batchSize() const;
    // The full batch: the loss's sample count N (the default loss's before there is one).
    int fullBatch() const;
    // Start point of the runs: the shallow or deep minimum (NaN when it does not exist).
    double startPoint() const;
    // The runs on show: [0] full-batch GD, then the SGD runs (final points only when done).
    // All are sgdOnLoss; SGD run i draws the stream of the measurement's run i at this batch
    // size and start, so with the first draws the balls are runs the escape chart counts.
    const std::vector<double>& runEnds() const { return ends_; }
    const EscapeResult& escape() const { return escape_; }
    // True when the escape chart shows a measurement for the current depths.
    bool measurementCurrent() const;

    QSlider* depthSlider(int well) const;   // 0 shallow, 1 deep, 2 global
    QSlider* batchSlider() const;
    QComboBox* startBox() const;
    QSpinBox* runCount() const;
    QPushButton* runButton() const { return runButton_; }
    QPushButton* skipButton() const { return skipButton_; }
    QPushButton* measureButton() const { return measureButton_; }
    FigureChart* lossChart() const { return lossChart_; }
    FigureChart* pathChart() const { return pathChart_; }
    FigureChart* escapeChart() const { return escapeChart_; }

    // What the job computes: the loss curve, the runs and, when asked, the measurement.
    struct View {
        std::shared_ptr<const ThreeMinimaLoss> loss;
        QList<QPointF> curve;
        std::vector<std::vector<double>> paths;   // [0] GD, [1..] SGD; w per step
        int diverged = 0;
        bool measured = false;
        EscapeResult escape;
        QString depths;
    };

protected:
    void run() override;

private:
    // The escape chart's axes and series (escapechart.cpp, with what fills them).
    void buildEscapeChart();
    void showView(const View& view);
    void showRuns(bool measured);   // the paths, the measurement and the readout, a turn after the loss
    // The first revealed_ steps of SGD runs [from, to); with the last of them, GD's path, the
    // balls and the key.
    void showRevealed(int from = 0, int to = kMaxShownRuns);
    void showEscape();
    void clearEscape();
    void updateMeasureButton();
    void updateReadout();
    QString depthsText() const;

    std::shared_ptr<const ThreeMinimaLoss> loss_;
    QPushButton* runButton_;
    QPushButton* skipButton_;
    QPushButton* redrawButton_;
    QPushButton* measureButton_;
    FigureChart* lossChart_;
    FigureChart* pathChart_;
    FigureChart* escapeChart_;

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
    QScatterSeries* shallowPoints_;
    QScatterSeries* deepPoints_;
    QList<QLineSeries*> shallowBars_;
    QList<QLineSeries*> deepBars_;
    QLogValueAxis* escapeX_;

    std::vector<std::vector<double>> paths_;
    std::vector<double> ends_;
    int diverged_ = 0;
    int revealed_ = 0;
    std::uint64_t drawSeed_ = EscapeParams{}.seed;   // the measurement's seed, then New draws
    EscapeResult escape_;
    QString escapeDepths_;        // the depths the escape chart was measured for (empty: none)
    QString autoDepths_;          // the depths of the measurement made on opening
    bool measureWanted_ = true;   // the next run measures (on opening, and after Measure)
    bool measureAsked_ = false;   // the learner pressed Measure
    bool animateNext_ = false;    // the next result is animated (Run)
    QString note_;                // a sentence for the readout about the measurement
    QTimer timer_;
    double thinnedFor_ = 0;   // the plot width in pixels the drawn paths were thinned for
    bool rethinQueued_ = false;
};

} // namespace minima
