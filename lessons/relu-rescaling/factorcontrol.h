#pragma once
// The rescaling factor k: a slider in log steps (k = ±2^(j/4)) for quick exploration, and a
// spin box for typing any value, both in the lab's control strip ("factorSlider", which only
// moves the spin box, and "factorSpin", which holds k). Negative values and k = 0 are offered
// where a lab wants to show what goes wrong with them; the lab decides what to do with them.
#include <QObject>

#include <vector>

class QDoubleSpinBox;
class QSlider;

namespace minima {

class ControlStrip;

class RescalingFactorControl : public QObject {
    Q_OBJECT
public:
    // k from -maxMagnitude to maxMagnitude (with 0) when allowNegative, else from
    // 1/maxMagnitude to maxMagnitude. maxMagnitude is a power of two. Starts at `initial`.
    RescalingFactorControl(ControlStrip* strip, double maxMagnitude, bool allowNegative, double initial);

    double value() const;
    void setValue(double k);

    QSlider* slider() const { return slider_; }
    QDoubleSpinBox* spinBox() const { return spin_; }
    // The values the slider steps through, smallest first.
    const std::vector<double>& steps() const { return steps_; }

signals:
    void valueChanged(double k);

private:
    void moveSliderTo(double k);

    std::vector<double> steps_;
    QSlider* slider_;
    QDoubleSpinBox* spin_;
};

} // namespace minima
