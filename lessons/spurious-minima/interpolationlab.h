#pragma once
// Lab 1, "From the start to the solution" (Goodfellow, Vinyals & Saxe 2015): a softmax network
// trained on the 8x8 digits, its training and test loss along the straight line from its
// initialisation (alpha = 0) to the trained parameters (alpha = 1) and beyond, with the bumps
// between them counted (engine/experiments/spuriousline.h); then, as a second job, a 2-D slice
// of the training loss around the solution (filter-normalised random directions, Li et al.
// 2018, or the plane through the line), with the solution, the start's projection and the
// line's projection marked on it.
#include <memory>

#include "engine/experiments/spuriousline.h"
#include "lessons/common/lab.h"

class QComboBox;
class QLineSeries;
class QScatterSeries;
class QSpinBox;
class QValueAxis;

namespace minima {

class ColourBar;
class FigureChart;
class HeatMapLayer;

struct InterpolationLine;
struct InterpolationSlice;

class InterpolationLab : public Lab {
    Q_OBJECT
public:
    explicit InterpolationLab(LessonContext& context, QWidget* parent = nullptr);
    ~InterpolationLab() override;

    QSpinBox* width() const { return width_; }
    QSpinBox* depth() const { return depth_; }
    QComboBox* activation() const { return activation_; }
    QSpinBox* epochs() const { return epochs_; }
    QSpinBox* seed() const { return seed_; }
    QComboBox* sliceDirections() const { return directions_; }
    QSpinBox* sliceSize() const { return sliceSize_; }
    FigureChart* lineChart() const { return lineChart_; }
    FigureChart* sliceChart() const { return sliceChart_; }
    HeatMapLayer* heatMap() const { return heatMap_; }
    ColourBar* colourBar() const { return colourBar_; }

    // The last line and slice shown (null before the first, or after an error).
    const StartToSolutionResult* line() const;
    const SliceResult* slice() const;
    // The log10 losses drawn as the heat map (grid x grid, row 0 at the bottom).
    const std::vector<double>& heatValues() const { return heatValues_; }

    // What the controls ask for.
    StartToSolutionParams lineParams() const;
    SliceParams sliceParams() const;

protected:
    void run() override;

private:
    void showLine(const InterpolationLine& r);
    void startSlice();
    void showSlice(const InterpolationSlice& r);
    void clearLine();
    void clearSlice();

    QSpinBox* width_;
    QSpinBox* depth_;
    QComboBox* activation_;
    QSpinBox* epochs_;
    QSpinBox* seed_;
    QComboBox* directions_;
    QSpinBox* sliceSize_;

    FigureChart* lineChart_;
    QValueAxis* alphaAxis_;
    QValueAxis* lossAxis_;
    QLineSeries* train_;
    QLineSeries* test_;
    QLineSeries* startLine_;
    QLineSeries* solutionLine_;
    QScatterSeries* ends_;

    FigureChart* sliceChart_;
    QValueAxis* aAxis_;
    QValueAxis* bAxis_;
    HeatMapLayer* heatMap_;
    ColourBar* colourBar_;
    QLineSeries* projectedLine_;
    QScatterSeries* solutionMarker_;
    QScatterSeries* startMarker_;

    std::shared_ptr<const StartToSolutionResult> line_;
    StartToSolutionParams lineParams_;   // of line_
    std::shared_ptr<const SliceResult> slice_;
    std::vector<double> heatValues_;
    QString lineText_;
};

} // namespace minima
