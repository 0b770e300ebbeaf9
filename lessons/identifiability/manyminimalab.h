#pragma once
// Lab 4, "Many minima": the loss along the straight line from a trained network θ to its
// permuted twin θ′ (two hidden neurons swapped), from engine/experiments/interpolate.h. Both
// ends are the same function with the same loss: two equal minima, with a barrier between.
#include "lessons/common/lab.h"

class QComboBox;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QSpinBox;
class QValueAxis;

namespace minima {

class FigureChart;

class ManyMinimaLab : public Lab {
    Q_OBJECT
public:
    explicit ManyMinimaLab(LessonContext& context, QWidget* parent = nullptr);

    FigureChart* lineChart() const { return chart_; }
    QSpinBox* widthSpin() const { return width_; }
    QSpinBox* neuronASpin() const { return neuronA_; }
    QSpinBox* neuronBSpin() const { return neuronB_; }
    QComboBox* endsChoice() const { return ends_; }
    QLabel* summaryLabel() const { return summary_; }

    void run() override;

private:
    QSpinBox* width_;
    QSpinBox* neuronA_;
    QSpinBox* neuronB_;
    QComboBox* activation_;
    QComboBox* dataset_;
    QComboBox* ends_;
    QSpinBox* seed_;
    FigureChart* chart_;
    QLineSeries* loss_;
    QScatterSeries* endsMarks_;
    QScatterSeries* peak_;
    QValueAxis* axisY_;
    QLabel* summary_;
};

} // namespace minima
