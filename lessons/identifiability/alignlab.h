#pragma once
// Lab 4, "Align two networks": two networks of one architecture trained from two seeds on the
// same data (engine/experiments/align.h). The loss along the straight path from A to B, and
// along the path from A to B with its hidden neurons matched to A's (weight matching,
// engine/symmetry/matching.h), on one chart with each path's barrier marked; the two networks
// side by side, matched neurons in one colour; the matching as a matrix per hidden layer.
// Measure sweeps the width: the barrier before and after matching, with 95 % intervals.
#include <QString>

#include "engine/experiments/align.h"
#include "lessons/common/lab.h"

class QComboBox;
class QLabel;
class QLineSeries;
class QLogValueAxis;
class QPushButton;
class QScatterSeries;
class QSpinBox;
class QValueAxis;

namespace minima {

class FigureChart;
class NetworkDiagram;
class PermutationGrid;

class AlignLab : public Lab {
    Q_OBJECT
public:
    explicit AlignLab(LessonContext& context, QWidget* parent = nullptr);

    // The lab's controls as the engine's parameters.
    AlignParams params() const;
    // The sweep Measure runs for the current controls.
    AlignSweepParams sweepParams() const;
    // The widths Measure sweeps.
    static const std::vector<int>& sweepWidths();

    FigureChart* lossChart() const { return lossChart_; }
    FigureChart* sweepChart() const { return sweepChart_; }
    NetworkDiagram* diagramA() const { return diagramA_; }
    NetworkDiagram* diagramB() const { return diagramB_; }
    PermutationGrid* matchingGrid() const { return grid_; }
    QSpinBox* widthSpin() const { return width_; }
    QSpinBox* layersSpin() const { return layers_; }
    QComboBox* activationChoice() const { return activation_; }
    QComboBox* datasetChoice() const { return dataset_; }
    QSpinBox* seedASpin() const { return seedA_; }
    QSpinBox* seedBSpin() const { return seedB_; }
    QPushButton* measureButton() const { return measure_; }
    QLineSeries* naiveSeries() const { return naive_; }
    QLineSeries* alignedSeries() const { return aligned_; }
    // The last result shown (empty alphas before the first).
    const AlignResult& result() const { return result_; }
    const AlignSweepResult& sweep() const { return sweep_; }
    bool sweepShown() const { return !sweepFor_.isEmpty(); }

    // Runs the sweep for the current controls (the Measure button).
    void measure();

protected:
    void run() override;
    void changeEvent(QEvent* event) override;

private:
    void runAlignment();
    void runSweep();
    void showLoss();
    void showNetworks();
    void showMatching();
    void showSweep();
    void clearFigures();
    void clearSweep(bool keepNote);
    void updateReadout();
    void writeEdgeKey();
    // What a sweep depends on among the controls: activation, data, layers.
    QString sweepKey() const;

    QSpinBox* width_;
    QSpinBox* layers_;
    QComboBox* activation_;
    QComboBox* dataset_;
    QSpinBox* seedA_;
    QSpinBox* seedB_;
    QPushButton* measure_;

    FigureChart* lossChart_;
    QValueAxis* lossX_;
    QValueAxis* lossY_;
    QLineSeries* naive_;
    QLineSeries* aligned_;
    QLineSeries* endsMean_;
    QLineSeries* barrierKey_;
    QLineSeries* naiveBar_;
    QLineSeries* alignedBar_;
    QScatterSeries* naiveTop_;
    QScatterSeries* alignedTop_;
    QScatterSeries* ends_;

    QLabel* titleA_;
    QLabel* titleB_;
    QLabel* edgeKey_;
    NetworkDiagram* diagramA_;
    NetworkDiagram* diagramB_;
    PermutationGrid* grid_;

    FigureChart* sweepChart_;
    QLogValueAxis* sweepX_;
    QValueAxis* sweepY_;
    QLineSeries* sweepNaive_;
    QLineSeries* sweepAligned_;
    QScatterSeries* sweepNaivePoints_;
    QScatterSeries* sweepAlignedPoints_;
    QLineSeries* intervalKey_;
    QList<QLineSeries*> naiveBars_;
    QList<QLineSeries*> alignedBars_;

    AlignResult result_;
    AlignSweepResult sweep_;
    QString sweepFor_;         // sweepKey() of the sweep shown, empty for none
    QString sweepNote_;
    QString problem_;          // why there is no result to show
    QString countText_;        // the arrangements the matching chose among, formatted
    bool measureWanted_ = false;
    bool openingSweep_ = true;   // the width chart is measured once the lab has opened
    bool hasResult_ = false;
};

} // namespace minima
