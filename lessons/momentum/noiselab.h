#pragma once
// Lab 3, "Momentum under noise": mini-batch SGD on the three-minima loss of Figure 4-1, plain
// at the effective rate α/(1 − β) against heavy-ball momentum at rate α and β, drawing the same
// mini-batches. Its figures: the step sequence Δw_t of both runs (as the book's momentum
// figures show: momentum's steps are an exponentially weighted average of past gradients,
// smoother than the raw ones), the weights w_t with the basin boundaries, and the measured share of
// runs leaving the shallow and the deep minimum per batch size, with 95 % Wilson intervals
// (runMomentumNoise, engine/experiments/momentumnoise.h). All of it runs in the lab's job.
#include <QList>

#include <vector>

#include "engine/experiments/momentumnoise.h"
#include "lessons/common/lab.h"

class QComboBox;
class QLineSeries;
class QLogValueAxis;
class QScatterSeries;
class QSlider;
class QSpinBox;
class QValueAxis;

namespace minima {

class FigureChart;
class LessonContext;

class NoiseLab : public Lab {
    Q_OBJECT
public:
    static constexpr int kSteps = MomentumNoiseParams{}.steps;
    static constexpr int kRuns = MomentumNoiseParams{}.runs;
    static constexpr int kQuickRuns = 40;     // while a slider is held
    static constexpr int kShownSteps = 200;   // the step chart's window: steps 1..200
    // The effective rates the rate slider offers (1-2-5 from 0.005 to 100; plain SGD diverges
    // at the top) and the batch sizes of the slider and the escape chart (1, 2, 4, …, 32).
    static const std::vector<double>& rates();
    static const std::vector<int>& batchSizes();

    explicit NoiseLab(LessonContext& context, QWidget* parent = nullptr);

    QSlider* momentumSlider() const;
    QSlider* rateSlider() const;
    QSlider* batchSlider() const;
    QComboBox* startBox() const;
    QSpinBox* seedBox() const;
    QSpinBox* runsBox() const;
    FigureChart* stepChart() const { return stepChart_; }
    FigureChart* weightChart() const { return weightChart_; }
    FigureChart* escapeChart() const { return escapeChart_; }

    double momentum() const;        // β
    double effectiveRate() const;   // α/(1 − β): plain SGD's rate
    int batchSize() const;
    // The settings of the measurement for the controls as they are (runs as asked).
    MomentumNoiseParams measurementParams() const;

    // What the job computes: one run of each from the chosen start, and the measurement.
    struct View {
        MomentumTrace trace;
        double start = 0;
        int batch = 1;
        MomentumNoiseResult escape;
        MomentumNoiseParams measured;   // the settings of `escape`
        bool quick = false;             // measured with kQuickRuns while a slider was held
    };
    const View& shown() const { return shown_; }

protected:
    void run() override;

private:
    void showTrace();
    void showEscape();
    void updateReadout();

    ThreeMinimaLoss loss_;   // the loss of Figure 4-1 (the engine's defaults)
    FigureChart* stepChart_;
    FigureChart* weightChart_;
    FigureChart* escapeChart_;
    QValueAxis* stepX_;
    QValueAxis* stepY_;
    QValueAxis* weightY_;
    QLogValueAxis* batchAxis_;
    QValueAxis* shareAxis_ = nullptr;
    QLineSeries* plainSteps_;
    QLineSeries* momentumSteps_;
    QLineSeries* plainPath_;
    QLineSeries* momentumPath_;
    QLineSeries* barrierLines_[2];
    QLineSeries* escapeLines_[4];         // plain shallow, momentum shallow, plain deep, momentum deep
    QScatterSeries* escapePoints_[4];
    QList<QLineSeries*> escapeBars_[4];   // one 95 % interval per batch size
    View shown_;
    bool haveMeasurement_ = false;
};

} // namespace minima
