#pragma once
// Lab 2, "The proof, visualised": f(k·z) and k·f(z) against z for the chosen k and
// activation. For ReLU (and leaky ReLU) they coincide when k ≥ 0 and split when k < 0; for a
// linear unit they always coincide; for tanh and sigmoid they split for most k.
#include <QWidget>

class QComboBox;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace minima {

class FigureChart;
class LessonContext;
class RescalingFactorControl;

class HomogeneityLab : public QWidget {
    Q_OBJECT
public:
    explicit HomogeneityLab(LessonContext& context, QWidget* parent = nullptr);

    RescalingFactorControl* factor() const { return factor_; }
    QComboBox* activationBox() const { return activation_; }
    FigureChart* chart() const { return chart_; }
    QLabel* verdict() const { return verdict_; }

private:
    void update();

    RescalingFactorControl* factor_;
    QComboBox* activation_;
    FigureChart* chart_;
    QLineSeries* scaledInput_;    // f(k z)
    QLineSeries* scaledOutput_;   // k f(z)
    QValueAxis* axisX_;
    QValueAxis* axisY_;
    QLabel* verdict_;
};

} // namespace minima
