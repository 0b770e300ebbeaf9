#pragma once
// Lab 3, "Why a network's surface is not convex": a small network trained on a seeded data
// set, and its twin with two hidden neurons swapped (with their incoming and outgoing
// weights). Both compute the same function, so they have the same loss; the loss along the
// straight line between them (engine/experiments/interpolate.h) rises in the middle. The chord
// between the two ends lies below the surface: a counterexample to convexity made of two
// equivalent minima.
#include "engine/experiments/interpolate.h"
#include "lessons/common/lab.h"

class QComboBox;
class QLineSeries;
class QScatterSeries;
class QSpinBox;
class QValueAxis;

namespace minima {

class FigureChart;

class TwinLab : public Lab {
    Q_OBJECT
public:
    explicit TwinLab(LessonContext& context, QWidget* parent = nullptr);

    QSpinBox* width() const { return width_; }
    QComboBox* activation() const { return activation_; }
    QComboBox* dataset() const { return dataset_; }
    QComboBox* ends() const { return ends_; }
    QSpinBox* neuronA() const { return neuronA_; }
    QSpinBox* neuronB() const { return neuronB_; }
    QSpinBox* seed() const { return seed_; }
    FigureChart* chart() const { return chart_; }
    bool hasResult() const { return hasResult_; }
    const InterpolationResult& result() const { return result_; }

    // The experiment the controls describe.
    InterpolationParams params() const;

protected:
    void run() override;

private:
    void showResult(const InterpolationResult& r, const InterpolationParams& p);
    void clearSeries();

    QSpinBox* width_;
    QComboBox* activation_;
    QComboBox* dataset_;
    QComboBox* ends_;
    QSpinBox* neuronA_;
    QSpinBox* neuronB_;
    QSpinBox* seed_;
    FigureChart* chart_;
    QValueAxis* axisX_;
    QValueAxis* axisY_;
    QLineSeries* line_;
    QLineSeries* chord_;
    QScatterSeries* endsMarker_;
    QScatterSeries* middle_;
    InterpolationResult result_;
    bool hasResult_ = false;
};

} // namespace minima
