#pragma once
// Lab 2, "The proof, visualised": f(k·z) and k·f(z) against z for the chosen k and
// activation. For ReLU (and leaky ReLU) they coincide when k ≥ 0 and split when k < 0; for a
// linear unit they always coincide; for tanh and sigmoid they split for most k.
#include "lessons/common/lab.h"

class QComboBox;
class QLineSeries;
class QValueAxis;

namespace minima {

class FigureChart;
class LessonContext;
class RescalingFactorControl;
struct HomogeneityCurves;

class HomogeneityLab : public Lab {
    Q_OBJECT
public:
    explicit HomogeneityLab(LessonContext& context, QWidget* parent = nullptr);

    RescalingFactorControl* factor() const { return factor_; }
    QComboBox* activationBox() const { return activation_; }
    FigureChart* chart() const { return chart_; }

protected:
    void run() override;

private:
    void showResult(const HomogeneityCurves& c);

    RescalingFactorControl* factor_;
    QComboBox* activation_;
    FigureChart* chart_;
    QLineSeries* scaledInput_;    // f(k z)
    QLineSeries* scaledOutput_;   // k f(z)
    QValueAxis* axisX_;
    QValueAxis* axisY_;
};

} // namespace minima
