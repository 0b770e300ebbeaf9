#pragma once
// Lab "Adam's bias correction": Adam's moments start at zero, so E[m_t] = (1 - beta1^t) E[g] and
// E[v_t] = (1 - beta2^t) E[g^2] (Kingma & Ba 2015, section 3). For a constant or a noisy gradient
// stream the lab draws Adam's step |Δx_t| per step with the correction (the engine's Optimizer)
// and without it (alpha m_t/(sqrt(v_t) + eps)) beside the constant-gradient closed forms, and the
// bias factors 1 - beta^t with the Monte-Carlo means of m_t and v_t over 2000 seeded streams
// (engine/experiments/biascorrection.h). Everything is computed in the job.
#include <memory>

#include "lessons/common/lab.h"

class QComboBox;
class QDoubleSpinBox;
class QLineSeries;
class QScatterSeries;
class QSpinBox;
class QValueAxis;

namespace minima {

class FigureChart;
struct BiasCorrectionResult;

class BiasCorrectionLab : public Lab {
    Q_OBJECT
public:
    explicit BiasCorrectionLab(LessonContext& context, QWidget* parent = nullptr);
    ~BiasCorrectionLab() override;

    QDoubleSpinBox* alpha() const { return alpha_; }
    QDoubleSpinBox* beta1() const { return beta1_; }
    QDoubleSpinBox* beta2() const { return beta2_; }
    QComboBox* stream() const { return stream_; }
    QDoubleSpinBox* gradient() const { return gradient_; }
    QDoubleSpinBox* noise() const { return noise_; }
    QSpinBox* seed() const { return seed_; }
    QSpinBox* steps() const { return steps_; }
    FigureChart* stepChart() const { return stepChart_; }
    FigureChart* biasChart() const { return biasChart_; }
    // The result on show (null before the first).
    const BiasCorrectionResult* result() const { return result_.get(); }

    static constexpr int kStreams = 2000;   // the Monte-Carlo streams

protected:
    void run() override;

private:
    void showSteps();
    void showBias();
    void showReadout();

    QDoubleSpinBox* alpha_;
    QDoubleSpinBox* beta1_;
    QDoubleSpinBox* beta2_;
    QComboBox* stream_;
    QDoubleSpinBox* gradient_;
    QDoubleSpinBox* noise_;
    QSpinBox* seed_;
    QSpinBox* steps_;
    FigureChart* stepChart_;
    FigureChart* biasChart_;
    QValueAxis* stepX_;
    QValueAxis* stepY_;
    QValueAxis* biasX_;
    QValueAxis* biasY_;
    QLineSeries* corrected_;
    QLineSeries* uncorrected_;
    QLineSeries* closedCorrected_;
    QLineSeries* closedUncorrected_;
    QLineSeries* bias1_;
    QLineSeries* bias2_;
    QScatterSeries* meanM_;
    QScatterSeries* meanV_;
    std::shared_ptr<const BiasCorrectionResult> result_;
    int dropped_ = 0;   // non-finite values left out of the charts
};

} // namespace minima
